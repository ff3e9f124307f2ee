/**
 * What `npm run bench` (bench-all.ts) needs to compare the submit path with a baseline in one run:
 * the load generator (a worker thread, so the bench's own process is not what is measured), the
 * baseline server (a child process: plain node:http + pg + ioredis, one Redis INCR and the same
 * INSERT…CTE into the app's own tables) and a child process's CPU time and memory from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';

export type TLoadResult = {
  requests: number;
  failures: number;
  perSecond: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
};

/**
 * Closed loop (`concurrency` requests always in flight) or, with `ratePerSecond`, open loop (sent
 * on a fixed schedule whatever the answers, so a slow server shows as latency, not as a lower rate).
 */
const LOAD_GENERATOR = `
const http = require('node:http');
const { randomUUID } = require('node:crypto');
const { parentPort, workerData: w } = require('node:worker_threads');
const agent = new http.Agent({ keepAlive: true, maxSockets: w.concurrency });
const statuses = {};
const post = () => new Promise((resolve) => {
  const req = http.request(w.url, { method: 'POST', agent, headers: {
    'content-type': 'application/json', 'idempotency-key': randomUUID() } }, (res) => {
    res.resume();
    res.on('end', () => resolve(res.statusCode));
  });
  req.on('error', () => resolve(0));
  req.end(w.body);
});
(async () => {
  const latencies = []; let failures = 0; let next = 0;
  const started = performance.now();
  const one = async () => {
    const t0 = performance.now();
    const status = await post();
    statuses[status] = (statuses[status] || 0) + 1;
    if (status !== 201) failures++;
    latencies.push(performance.now() - t0);
  };
  if (w.ratePerSecond) {
    const pending = [];
    for (let i = 0; i < w.requests; i++) {
      const due = started + (i * 1000) / w.ratePerSecond;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      pending.push(one());
    }
    await Promise.all(pending);
  } else {
    await Promise.all(Array.from({ length: w.concurrency }, async () => {
      while (next < w.requests) { next++; await one(); }
    }));
  }
  parentPort.postMessage({ latencies, failures, statuses, seconds: (performance.now() - started) / 1000 });
})();
`;

export async function runLoad(opts: {
  url: string;
  body: string;
  requests: number;
  concurrency: number;
  ratePerSecond?: number;
}): Promise<TLoadResult> {
  const raw = await new Promise<{
    latencies: number[];
    failures: number;
    seconds: number;
    statuses: Record<string, number>;
  }>((resolve, reject) => {
    const worker = new Worker(LOAD_GENERATOR, { eval: true, workerData: opts });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const sorted = raw.latencies.sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
  return {
    requests: opts.requests,
    failures: raw.failures,
    perSecond: opts.requests / raw.seconds,
    p50: at(0.5),
    p99: at(0.99),
    statuses: raw.statuses,
  };
}

/** The baseline: what the stack itself costs, with none of the app's checks. */
const BASELINE_SERVER = `
const http = require('node:http');
const { randomUUID } = require('node:crypto');
const { Pool } = require('pg');
const Redis = require('ioredis');
const b = JSON.parse(process.env.BASELINE);
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const redis = new Redis(process.env.REDIS_URL);
const SQL = \`WITH response AS (
  INSERT INTO responses (id, survey_id, survey_version_id, link_id, unit_id, locale)
  VALUES ($1, $2, $3, $4, $5, 'en') RETURNING id
), answers AS (
  INSERT INTO response_answers (response_id, link_id, item_type, value_codes, value_text, text_intent)
  SELECT r.id, a.l, a.t, CASE WHEN a.c IS NULL THEN NULL ELSE ARRAY[a.c] END, a.x,
    CASE WHEN a.x IS NULL THEN NULL ELSE 'general' END
  FROM response r, unnest($6::text[], $7::text[], $8::text[], $9::text[]) AS a(l, t, c, x)
), queued AS (
  INSERT INTO outbox (topic, aggregate_id) SELECT 'feedback.analyse', id FROM response
)
INSERT INTO idempotency_keys (link_id, key, request_hash, response_id)
SELECT $4, $10, 'baseline', id FROM response\`;
http.createServer((req, res) => {
  let text = '';
  req.on('data', (c) => (text += c));
  req.on('end', async () => {
    try {
      const answers = JSON.parse(text).answers;
      await redis.incr('baseline:' + req.socket.remoteAddress);
      const id = randomUUID();
      const entries = Object.entries(answers);
      await pool.query(SQL, [id, b.surveyId, b.versionId, b.linkId, b.unitId,
        entries.map(([k]) => k), entries.map(([k]) => b.types[k]),
        entries.map(([k, v]) => (b.types[k] === 'text' ? null : String(v))),
        entries.map(([k, v]) => (b.types[k] === 'text' ? String(v) : null)),
        String(req.headers['idempotency-key'])]);
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id }));
    } catch (err) {
      res.writeHead(500);
      res.end();
    }
  });
}).listen(Number(process.env.PORT), '127.0.0.1', () => process.send && process.send('ready'));
`;

export async function startBaseline(env: {
  DATABASE_URL: string;
  REDIS_URL: string;
  PORT: number;
  target: {
    surveyId: string;
    versionId: string;
    linkId: string;
    unitId: string;
    types: Record<string, string>;
  };
}): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', BASELINE_SERVER], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      DATABASE_URL: env.DATABASE_URL,
      REDIS_URL: env.REDIS_URL,
      PORT: String(env.PORT),
      BASELINE: JSON.stringify(env.target),
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`baseline server exited with ${code}`)));
  });
  return child;
}

const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/**
 * CPU seconds used so far by every process of the given command names (`postgres`, `redis-server`):
 * what the database and Redis spend on a run, besides the server's own time. Processes that exited
 * during the run are not counted (the pools keep their connections, so none do).
 */
export function cpuSecondsOf(names: readonly string[]): number {
  let total = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (names.includes(comm)) total += cpuSeconds(Number(entry));
    } catch {
      // Gone between listing and reading.
    }
  }
  return total;
}

/** Resident memory now and at its peak, MiB. */
export function rss(pid: number): { now: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { now: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

/** Waits until an HTTP GET of `url` answers 200. */
export async function waitForHttp(url: string, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(url).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    if (Date.now() > until) throw new Error(`${url} never answered 200`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
