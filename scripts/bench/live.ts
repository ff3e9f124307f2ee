/**
 * `npx tsx scripts/bench/live.ts`: the live boards (Socket.IO `/live`), against the real server
 * (runServer, in-process), a real worker (child process, as `npm run worker`), Postgres and Redis.
 *
 * 1. Fan-out: 1,000 board clients (socket.io-client, websocket, staff session cookie, Origin)
 *    follow one unit; a response is submitted and analysed, and each client's time from the
 *    worker's XADD of the `feedback.analysed` event to its receipt of `summary:updated` is taken.
 *    The XADD moment is the stream entry's id (Redis's clock, ms); the server has no hook for the
 *    moment it emits, so `asOf` (when the server began reading the figures) is reported too.
 *    Target p95 ≤ 250 ms.
 * 2. Freshness: submissions at 100/s for 30 s through the public API, a few boards on the unit;
 *    for each submission, the time from sending it to the first push whose responses total
 *    includes it. Target p95 ≤ 1 s.
 *
 *   BENCH_CLIENTS=1000 BENCH_CLIENT_THREADS=4 BENCH_UPDATES=20
 *   BENCH_RATE=100 BENCH_SECONDS=30 BENCH_WORKERS=1 BENCH_BOARDS=3
 */
import { spawn, type ChildProcess } from 'node:child_process';
import Redis from 'ioredis';
import { sql } from 'drizzle-orm';
import type { TBoardScope } from '../../shared/src/api/board';
import { LIVE_EVENTS_STREAM } from '../../shared/src/events';
import { queryRows, type Db } from '../../server/src/db/client';
import {
  benchConfig,
  dropRedisKeys,
  ensureDatabase,
  expectStatus,
  machine,
  postgresVersion,
  signIn,
  startServer,
  stats,
  type TStats,
} from './bench-support';
import { startClients, submitAtRate, type TReceipt } from './live-clients-support';

const DATABASE = 'careloop_bench_live';
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1000);
const CLIENT_THREADS = Number(process.env.BENCH_CLIENT_THREADS ?? 4);
const UPDATES = Number(process.env.BENCH_UPDATES ?? 20);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 1);
const BOARDS = Number(process.env.BENCH_BOARDS ?? 3);
const SEED = 20;

const log = (s: string) => console.log(s);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const epoch = () => performance.timeOrigin + performance.now();
const fmt = (s: TStats) =>
  `p50 ${s.p50.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms, p99 ${s.p99.toFixed(0)} ms, max ${s.max.toFixed(0)} ms (n=${s.n})`;

const BODIES = [
  { fft: 'very_good', fft_reason: 'The nurses were kind and explained everything clearly.' },
  { fft: 'good', fft_reason: 'Seen on time, but parking was difficult.' },
  {
    fft: 'poor',
    fft_reason: 'Waited four hours and nobody told me what was happening.',
    fft_improve: 'More staff.',
  },
  { fft: 'very_good' },
  { fft: 'neither', fft_improve: 'Better signs to the clinic.' },
].map((answers) => JSON.stringify({ answers }));

function startWorker(databaseUrl: string, redisPrefix: string, relay: boolean): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'workers/src/main.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      REDIS_PREFIX: redisPrefix,
      RUN_RELAY: String(relay),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function stopWorker(worker: ChildProcess): Promise<void> {
  if (worker.exitCode !== null) return;
  const exited = new Promise((r) => worker.once('exit', r));
  worker.kill('SIGTERM');
  await Promise.race([exited, sleep(10_000)]);
  if (worker.exitCode === null) worker.kill('SIGKILL');
}

async function analysedCount(db: Db, unitId: string): Promise<number> {
  const [row] = await queryRows<{ n: string }>(
    db,
    sql`SELECT count(*) AS n FROM responses r JOIN response_analyses ra ON ra.response_id = r.id
        WHERE r.unit_id = ${unitId}`,
  );
  return Number(row!.n);
}

async function waitFor(what: string, ms: number, check: () => Promise<boolean>): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** responseId → XADD time (ms, from the stream entry id) of its `feedback.analysed` event. */
async function eventTimes(redis: Redis, stream: string): Promise<Map<string, number>> {
  const entries = (await redis.xrange(stream, '-', '+')) as [string, string[]][];
  const times = new Map<string, number>();
  for (const [id, fields] of entries) {
    const event = JSON.parse(fields[fields.indexOf('event') + 1] ?? 'null') as { responseId?: string } | null;
    if (event?.responseId) times.set(event.responseId, Number(id.split('-')[0]));
  }
  return times;
}

async function main(): Promise<void> {
  log('# CareLoop live boards bench');
  log(`machine: ${machine()}`);
  const url = await ensureDatabase(DATABASE, { recreate: true });
  log(`postgres: ${await postgresVersion(url)}`);
  const prefix = `benchlive${process.pid}`;
  const config = await benchConfig(url, prefix, {
    RATE_LIMIT_SUBMIT_PER_IP: '1000000',
    RATE_LIMIT_SUBMIT_PER_LINK: '1000000',
  });
  const running = await startServer(config);
  const db = running.database.db;
  const redis = new Redis(config.REDIS_URL);
  const workers: ChildProcess[] = [];
  try {
    const { auth, call } = await signIn(running.base);
    const site = expectStatus(
      await call<{ id: string }>('POST', '/api/v1/org/sites', { name: 'S' }),
      201,
      'site',
    );
    const dept = expectStatus(
      await call<{ id: string }>('POST', '/api/v1/org/departments', { siteId: site.id, name: 'D' }),
      201,
      'department',
    );
    const unit = expectStatus(
      await call<{ id: string }>('POST', '/api/v1/org/units', { departmentId: dept.id, name: 'Ward 1' }),
      201,
      'unit',
    );
    const survey = expectStatus(
      await call<{ id: string }>('POST', '/api/v1/surveys', { templateId: 'nhs-fft' }),
      201,
      'survey',
    );
    expectStatus(await call('POST', `/api/v1/surveys/${survey.id}/publish`), 201, 'publish');
    const link = expectStatus(
      await call<{ token: string }>('POST', `/api/v1/surveys/${survey.id}/links`, {
        kind: 'open',
        unitId: unit.id,
      }),
      201,
      'link',
    );
    const submitUrl = `${running.base}/api/v1/public/surveys/${link.token}/responses`;
    const submit = async (body: string) => {
      const res = await fetch(submitUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
        body,
      });
      const json = (await res.json()) as { id: string };
      if (res.status !== 201) throw new Error(`submit: HTTP ${res.status} ${JSON.stringify(json)}`);
      return json.id;
    };

    for (let i = 0; i < WORKERS; i++) workers.push(startWorker(url, prefix, i === 0));
    // Enough responses that the unit's counts pass the small-group rule and every push shows them.
    for (let i = 0; i < SEED; i++) await submit(BODIES[i % BODIES.length]!);
    await waitFor(
      'the seed responses to be analysed',
      60_000,
      async () => (await analysedCount(db, unit.id)) >= SEED,
    );
    const scope: TBoardScope = { level: 'unit', id: unit.id };
    log(
      `server ${running.base}, ${WORKERS} worker process(es) (concurrency 8), unit seeded with ${SEED} responses`,
    );

    // --- 1. Fan-out -------------------------------------------------------------------------
    let t = epoch();
    const pool = await startClients({
      url: running.base,
      cookie: auth.cookie,
      count: CLIENTS,
      threads: CLIENT_THREADS,
      scope,
      period: '30d',
    });
    log(
      `\n## fan-out: ${CLIENTS} board clients (${CLIENT_THREADS} threads) connected and subscribed in ` +
        `${((epoch() - t) / 1000).toFixed(1)} s`,
    );
    let expected = pool.shown ?? SEED;
    const fromXadd: number[] = [];
    const fromAsOf: number[] = [];
    const perUpdate: { p50: number; p95: number; max: number; missing: number }[] = [];
    await pool.collect();
    for (let u = 0; u < UPDATES; u++) {
      // More than the 1 s throttle apart, so that each update is its own push.
      await sleep(1200);
      const responseId = await submit(BODIES[u % BODIES.length]!);
      expected += 1;
      const target = expected;
      const receipts: TReceipt[] = [];
      const got = new Set<number>();
      const deadline = Date.now() + 15_000;
      while (got.size < CLIENTS && Date.now() < deadline) {
        await sleep(100);
        for (const r of await pool.collect()) {
          receipts.push(r);
          if (r[2] !== null && r[2] >= target) got.add(r[0]);
        }
      }
      const xadd = (await eventTimes(redis, `${prefix}:${LIVE_EVENTS_STREAM}`)).get(responseId);
      const first = new Map<number, TReceipt>();
      for (const r of receipts) if (r[2] !== null && r[2] >= target && !first.has(r[0])) first.set(r[0], r);
      const lat = [...first.values()].map((r) => r[1] - (xadd ?? NaN));
      fromXadd.push(...lat);
      fromAsOf.push(...[...first.values()].map((r) => r[1] - Date.parse(r[3])));
      const s = stats(lat);
      perUpdate.push({ p50: s.p50, p95: s.p95, max: s.max, missing: CLIENTS - first.size });
    }
    await pool.close();
    const fan = stats(fromXadd);
    log(
      `${UPDATES} updates, each: submit → worker analyses → XADD → server relay → summary read → emit to ${CLIENTS}`,
    );
    log(
      `per update p95 (ms): ${perUpdate.map((p) => p.p95.toFixed(0)).join(' ')}` +
        (perUpdate.some((p) => p.missing > 0)
          ? `\nclients that missed an update: ${perUpdate.map((p) => p.missing).join(' ')}`
          : ''),
    );
    log(`XADD → client receipt:           ${fmt(fan)}`);
    log(`asOf (server starts read) → receipt: ${fmt(stats(fromAsOf))}`);
    log(`target fan-out p95 ≤ 250 ms: ${fan.p95 <= 250 ? 'MET' : 'NOT MET'}`);

    // --- 2. Freshness -----------------------------------------------------------------------
    const boards = await startClients({
      url: running.base,
      cookie: auth.cookie,
      count: BOARDS,
      threads: 1,
      scope,
      period: '30d',
    });
    const base = boards.shown!;
    log(
      `\n## freshness: ${RATE} submissions/s for ${SECONDS} s, ${BOARDS} boards on the unit (30d), from ${base} responses`,
    );
    t = epoch();
    const load = await submitAtRate({ url: submitUrl, bodies: BODIES, rate: RATE, seconds: SECONDS });
    const ok = load.results.filter((r) => r.status === 201 && r.id);
    log(
      `sent ${load.results.length} in ${load.seconds.toFixed(1)} s (${(load.results.length / load.seconds).toFixed(0)}/s), ` +
        `${ok.length} accepted; submit latency ${fmt(stats(ok.map((r) => r.ackAt - r.sentAt)))}`,
    );
    const total = base + ok.length;
    const all: TReceipt[] = [];
    await waitFor('every submission to reach the boards', 180_000, async () => {
      all.push(...(await boards.collect()));
      return all.some((r) => r[2] !== null && r[2] >= total);
    });
    all.push(...(await boards.collect()));
    await boards.close();
    const drainedAt = epoch();

    // A push showing N responses includes the first N - base analyses to commit; commit order is
    // taken as analysed_at order (the analysis transaction's start), the closest the rows record.
    const ids = ok.map((r) => r.id!);
    const order = await queryRows<{ id: string; at: Date }>(
      db,
      sql`SELECT response_id AS id, analysed_at AS at FROM response_analyses
          WHERE response_id IN (${sql.join(
            ids.map((id) => sql`${id}::uuid`),
            sql`, `,
          )}) ORDER BY analysed_at, response_id`,
    );
    const sentAt = new Map(ok.map((r) => [r.id!, r.sentAt]));
    const ackAt = new Map(ok.map((r) => [r.id!, r.ackAt]));
    const ackToBoard: number[] = [];
    const byClient = new Map<number, TReceipt[]>();
    for (const r of all) if (r[2] !== null) byClient.set(r[0], [...(byClient.get(r[0]) ?? []), r]);
    const toBoard: number[] = [];
    const toAnalysed: number[] = [];
    for (const receipts of byClient.values()) {
      receipts.sort((a, b) => a[1] - b[1]);
      let k = 0;
      for (const [rank, row] of order.entries()) {
        while (k < receipts.length && receipts[k]![2]! < base + rank + 1) k++;
        if (k >= receipts.length) break;
        toBoard.push(receipts[k]![1] - sentAt.get(row.id)!);
        ackToBoard.push(receipts[k]![1] - ackAt.get(row.id)!);
      }
    }
    for (const row of order) toAnalysed.push(new Date(row.at).getTime() - sentAt.get(row.id)!);
    const pushes = (byClient.values().next().value ?? []).length;
    const fresh = stats(toBoard);
    log(
      `pushes per board: ${pushes} over ${((drainedAt - t) / 1000).toFixed(1)} s (throttle: ≤ 1 per second)`,
    );
    log(`submission sent → analysis started (analysed_at): ${fmt(stats(toAnalysed))}`);
    log(`submission sent → board shows it:                 ${fmt(fresh)}`);
    log(`submission acknowledged (201) → board shows it:   ${fmt(stats(ackToBoard))}`);
    if (load.results.length / load.seconds < RATE * 0.9) {
      log(`note: the server could not take ${RATE}/s here; the figures above include the submission backlog`);
    }
    log(`target freshness p95 ≤ 1 s: ${fresh.p95 <= 1000 ? 'MET' : 'NOT MET'}`);
  } finally {
    await Promise.all(workers.map(stopWorker));
    redis.disconnect();
    await running.stop();
    await dropRedisKeys(config.REDIS_URL, prefix);
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err: Error) => {
    console.error(err);
    process.exit(1);
  },
);
