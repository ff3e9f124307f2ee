/**
 * `npm run bench`: respondent submissions per second and their latency, end to end over HTTP on
 * loopback, against the real app on PostgreSQL (the local `test` server's `careloop_bench`
 * database, recreated) and Redis; then the analysis pipeline (scripts/bench/pipeline.ts). Bounded
 * in count and time.
 *
 *   BENCH_REQUESTS=3000 BENCH_CONCURRENCY=32 BENCH_PIPELINE_RATE=100 npm run bench
 */
import http from 'node:http';
import { Worker } from 'node:worker_threads';
import { Client } from 'pg';
import { createApp } from '../../server/src/app';
import { parseConfig } from '../../server/src/config';
import { openDatabase } from '../../server/src/db/client';
import { departments, organisations, sites, units, users } from '../../server/src/db/schema';
import { hashPassword } from '../../server/src/features/auth/passwords';
import { createLogger } from '../../server/src/logger';
import { createRedis, waitForRedis } from '../../server/src/redis';
import { TEMPLATES } from '../../shared/src/survey/templates';
import { benchPipeline } from './pipeline';

const ADMIN_URL = process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const PIPELINE_RATE = Number(process.env.BENCH_PIPELINE_RATE ?? 100);
const PIPELINE_SECONDS = Number(process.env.BENCH_PIPELINE_SECONDS ?? 10);

const LOAD_GENERATOR = `
const http = require('node:http');
const { randomUUID } = require('node:crypto');
const { parentPort, workerData: w } = require('node:worker_threads');
const agent = new http.Agent({ keepAlive: true, maxSockets: w.CONCURRENCY });
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
  await Promise.all(Array.from({ length: w.CONCURRENCY }, async () => {
    while (next < w.REQUESTS) {
      next++;
      const t0 = performance.now();
      if ((await post()) !== 201) failures++;
      latencies.push(performance.now() - t0);
    }
  }));
  parentPort.postMessage({ latencies, failures, seconds: (performance.now() - started) / 1000 });
})();
`;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

async function main(): Promise<void> {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS careloop_bench WITH (FORCE)');
  await admin.query('CREATE DATABASE careloop_bench');
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = '/careloop_bench';

  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const config = parseConfig({
    DATABASE_URL: url.toString(),
    PUBLIC_URL: base,
    LOG_LEVEL: 'silent',
    REDIS_PREFIX: `bench${process.pid}`,
    RATE_LIMIT_SUBMIT_PER_IP: String((REQUESTS + PIPELINE_RATE * PIPELINE_SECONDS) * 2),
    RATE_LIMIT_SUBMIT_PER_LINK: String((REQUESTS + PIPELINE_RATE * PIPELINE_SECONDS) * 2),
  });
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: '' });
  await database.migrate(config.migrationsDir);
  const redis = createRedis(config.REDIS_URL);
  await waitForRedis(redis);
  server.on('request', createApp({ db: database.db, redis, config, log: createLogger('silent', 'bench') }));

  const db = database.db;
  const [org] = await db.insert(organisations).values({ name: 'Bench' }).returning();
  const [site] = await db.insert(sites).values({ organisationId: org!.id, name: 'S' }).returning();
  const [dept] = await db.insert(departments).values({ siteId: site!.id, name: 'D' }).returning();
  const [unit] = await db.insert(units).values({ departmentId: dept!.id, name: 'U' }).returning();
  await db.insert(users).values({
    organisationId: org!.id,
    email: 'bench@example.org',
    name: 'Bench',
    passwordHash: await hashPassword('bench-password-1'),
    role: 'admin',
    scopeLevel: 'organisation',
  });
  const call = async (method: string, path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: res.status,
      headers: res.headers,
      body: (await res.json().catch(() => null)) as Record<string, string>,
    };
  };
  const login = await call('POST', '/api/v1/auth/login', {
    email: 'bench@example.org',
    password: 'bench-password-1',
  });
  const auth = {
    cookie: login.headers.get('set-cookie')!.split(';')[0]!,
    'x-csrf-token': login.body.csrfToken!,
  };
  const survey = await call('POST', '/api/v1/surveys', { templateId: 'nhs-fft' }, auth);
  await call('POST', `/api/v1/surveys/${survey.body.id}/publish`, undefined, auth);
  const link = await call(
    'POST',
    `/api/v1/surveys/${survey.body.id}/links`,
    { kind: 'open', unitId: unit!.id },
    auth,
  );
  const fft = TEMPLATES['nhs-fft'].definition.items.map((i) => i.linkId);

  // The load comes from a worker thread with its own event loop, so that the server's process
  // measures the server, not the client too.
  const body = JSON.stringify({
    answers: { [fft[0]!]: 'good', [fft[1]!]: 'Kind staff, but the wait was long and the signs confusing.' },
  });
  const result = await new Promise<{ latencies: number[]; failures: number; seconds: number }>(
    (resolve, reject) => {
      const worker = new Worker(LOAD_GENERATOR, {
        eval: true,
        workerData: {
          url: `${base}/api/v1/public/surveys/${link.body.token}/responses`,
          body,
          REQUESTS,
          CONCURRENCY,
        },
      });
      worker.once('message', resolve);
      worker.once('error', reject);
    },
  );
  const latencies = result.latencies.sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(1);
  console.log(
    JSON.stringify({
      bench:
        'respondent submissions (HTTP → validate → 1 transaction: response, answers, outbox, idempotency)',
      requests: REQUESTS,
      concurrency: CONCURRENCY,
      failures: result.failures,
      perSecond: Math.round(REQUESTS / result.seconds),
      latencyMs: {
        p50: f(percentile(latencies, 0.5)),
        p95: f(percentile(latencies, 0.95)),
        p99: f(percentile(latencies, 0.99)),
      },
    }),
  );
  await benchPipeline({
    db,
    databaseUrl: config.DATABASE_URL!,
    redisPrefix: config.REDIS_PREFIX,
    submitUrl: `${base}/api/v1/public/surveys/${link.body.token}/responses`,
    body,
    rate: PIPELINE_RATE,
    seconds: PIPELINE_SECONDS,
  });
  server.closeAllConnections();
  server.close();
  redis.disconnect();
  await database.close();
}

main().catch((err: Error) => {
  console.error(err);
  process.exit(1);
});
