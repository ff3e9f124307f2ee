/**
 * `npm run bench:live-first`: how long a live response waits for its analysis while a history
 * import is being analysed. The app runs in-process on PostgreSQL (the local `test` server's
 * `careloop_bench_live_first` database, recreated) and Redis; an N-row NDJSON import with comments
 * is stored, then ONE worker process (relay + `feedback.analyse`, default concurrency) starts on the
 * backlog. Once it is analysing history, live responses are submitted at a steady rate, and each
 * one's time from its commit to its analysis's commit is measured (both by Postgres's clock).
 * Reports p50/p95/max and how much history was analysed meanwhile (so the import was really
 * being worked on). Target: p95 ≤ 2 s with a 20,000-row import.
 *
 *   BENCH_LIVE_FIRST_ROWS=20000   history rows
 *   BENCH_LIVE_FIRST_RATE=1       live responses per second
 *   BENCH_LIVE_FIRST_SECONDS=60   how long live responses are sent
 *   (worker settings pass through: ANALYSIS_ENCODER=none, WORKER_CONCURRENCY, …)
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import {
  benchConfig,
  dropRedisKeys,
  ensureDatabase,
  expectStatus,
  machine,
  ms,
  signIn,
  startServer,
  stats,
  fourWardsWithFft,
} from './bench-support';

const ROWS = Number(process.env.BENCH_LIVE_FIRST_ROWS ?? 20_000);
const RATE = Number(process.env.BENCH_LIVE_FIRST_RATE ?? 1);
const SECONDS = Number(process.env.BENCH_LIVE_FIRST_SECONDS ?? 60);
const DAY_MS = 86_400_000;
const COMMENTS = [
  'The nurses were kind and explained everything',
  'Waited a long time in reception before anyone saw me',
  'Clean ward, friendly staff, good food',
  'Parking was difficult and expensive',
  'Nobody told me what was happening with my discharge',
];
const FFT = ['very_good', 'good', 'neither', 'poor', 'very_poor'];
const sleep = (msec: number) => new Promise((r) => setTimeout(r, msec));

function historyFile(units: string[]): string {
  const now = Date.now();
  const lines: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    lines.push(
      JSON.stringify({
        externalId: `hist-${i}`,
        submittedAt: new Date(now - 30 * DAY_MS - ((i * 7919) % (365 * DAY_MS))).toISOString(),
        unitId: units[i % units.length],
        answers: { fft: FFT[i % FFT.length], fft_reason: COMMENTS[i % COMMENTS.length] },
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const url = await ensureDatabase('careloop_bench_live_first', { recreate: true });
  const prefix = `benchlf${process.pid}`;
  const config = await benchConfig(url, prefix, {
    RATE_LIMIT_SUBMIT_PER_IP: '1000000',
    RATE_LIMIT_SUBMIT_PER_LINK: '1000000',
  });
  const running = await startServer(config);
  running.server.requestTimeout = 0;
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const count = async (query: string, params: unknown[] = []) =>
    Number((await db.query<{ n: string }>(query, params)).rows[0]!.n);
  const worker = { process: null as ReturnType<typeof spawn> | null };
  try {
    const { auth, call } = await signIn(running.base);
    const { units, survey } = await fourWardsWithFft(call);
    const link = expectStatus(
      await call<{ token: string }>('POST', `/api/v1/surveys/${survey.id}/links`, {
        kind: 'open',
        unitId: units[0],
      }),
      201,
      'link',
    );

    const importStarted = performance.now();
    const imported = await fetch(`${running.base}/api/v1/surveys/${survey.id}/responses/import`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-ndjson',
        cookie: auth.cookie,
        'x-csrf-token': auth.csrf,
        origin: running.base,
      },
      body: historyFile(units),
    });
    if (imported.status !== 200) throw new Error(`import: HTTP ${imported.status} ${await imported.text()}`);
    console.log(
      `history: ${ROWS} rows imported in ${((performance.now() - importStarted) / 1000).toFixed(1)} s`,
    );

    worker.process = spawn(process.execPath, ['--import', 'tsx', 'workers/src/main.ts'], {
      env: { ...process.env, DATABASE_URL: url, REDIS_PREFIX: prefix, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const analysed = () => count('SELECT count(*) AS n FROM response_analyses');
    while ((await analysed()) < 50) await sleep(100);
    const historyAtStart = await analysed();
    const windowStarted = performance.now();

    const ids: string[] = [];
    const sends: Promise<void>[] = [];
    const submitUrl = `${running.base}/api/v1/public/surveys/${link.token}/responses`;
    const total = Math.round(RATE * SECONDS);
    for (let i = 0; i < total; i++) {
      const due = windowStarted + (i * 1000) / RATE;
      await sleep(Math.max(0, due - performance.now()));
      sends.push(
        fetch(submitUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
          body: JSON.stringify({
            answers: { fft: 'poor', fft_reason: 'Nobody answered the call bell for an hour' },
          }),
        })
          .then((r) => r.json() as Promise<{ id: string }>)
          .then((b) => void ids.push(b.id)),
      );
    }
    await Promise.all(sends);
    const liveAnalysed = () =>
      count('SELECT count(*) AS n FROM response_analyses WHERE response_id = ANY($1::uuid[])', [ids]);
    const deadline = performance.now() + 120_000;
    while ((await liveAnalysed()) < ids.length && performance.now() < deadline) await sleep(100);
    const windowSeconds = (performance.now() - windowStarted) / 1000;
    const historyDone = await count(
      'SELECT count(*) AS n FROM response_analyses ra JOIN responses r ON r.id = ra.response_id WHERE r.import_id IS NOT NULL',
    );
    const lags = await db.query<{ ms: number }>(
      `SELECT extract(epoch FROM ra.analysed_at - r.submitted_at) * 1000 AS ms
       FROM response_analyses ra JOIN responses r ON r.id = ra.response_id WHERE r.id = ANY($1::uuid[])`,
      [ids],
    );
    const s = stats(lags.rows.map((r) => Number(r.ms)));
    console.log(`machine: ${machine()}`);
    console.log(
      `worker: one process, ANALYSIS_ENCODER=${process.env.ANALYSIS_ENCODER ?? '(default)'}, WORKER_CONCURRENCY=${process.env.WORKER_CONCURRENCY ?? '(default 8)'}`,
    );
    console.log(
      `history analysed during the window: ${historyDone - historyAtStart} of ${ROWS} ` +
        `(${((historyDone - historyAtStart) / windowSeconds).toFixed(1)} responses/s); ${ROWS - historyDone} still queued at the end`,
    );
    console.log(
      `live responses: ${s.n} of ${total} analysed; submit → analysed p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, max ${ms(s.max)} (target p95 ≤ 2000 ms)`,
    );
    if (ROWS - historyDone <= 0) console.log('warning: the history was all analysed before the window ended');
  } finally {
    if (worker.process) {
      worker.process.kill('SIGTERM');
      await new Promise((r) => worker.process!.once('exit', r));
    }
    await db.end();
    await running.stop();
    await dropRedisKeys(config.REDIS_URL, prefix);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
