/**
 * The analysis pipeline's figures, run by `npm run bench` after the submission bench:
 * - backlog throughput: the responses the submission bench left in the outbox, drained by ONE
 *   worker process (relay + `feedback.analyse`, default concurrency), responses/s end to end;
 * - freshness: with that worker running, responses submitted at a steady rate, and the time from
 *   each submission's commit to its analysis's commit (both stamped by Postgres's clock).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../server/src/db/client';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

async function analysedCount(db: Db): Promise<number> {
  const [row] = await queryRows<{ n: string }>(db, sql`SELECT count(*) AS n FROM response_analyses`);
  return Number(row!.n);
}

export async function benchPipeline(opts: {
  db: Db;
  databaseUrl: string;
  redisPrefix: string;
  submitUrl: string;
  body: string;
  rate: number;
  seconds: number;
}): Promise<void> {
  const { db } = opts;
  const [{ n: backlogText } = { n: '0' }] = await queryRows<{ n: string }>(
    db,
    sql`SELECT count(*) AS n FROM responses`,
  );
  const backlog = Number(backlogText);
  const started = performance.now();
  const worker = spawn(process.execPath, ['--import', 'tsx', 'workers/src/main.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: opts.databaseUrl,
      REDIS_PREFIX: opts.redisPrefix,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    let firstAt = 0;
    while ((await analysedCount(db)) < backlog) {
      if (!firstAt && (await analysedCount(db)) > 0) firstAt = performance.now();
      await new Promise((r) => setTimeout(r, 50));
    }
    const drainSeconds = (performance.now() - (firstAt || started)) / 1000;

    const ids: string[] = [];
    const sent = performance.now();
    for (let i = 0; i < opts.rate * opts.seconds; i++) {
      const due = sent + (i * 1000) / opts.rate;
      await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
      void fetch(opts.submitUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: opts.body,
      })
        .then((r) => r.json() as Promise<{ id: string }>)
        .then((b) => ids.push(b.id));
    }
    const total = opts.rate * opts.seconds;
    while ((await analysedCount(db)) < backlog + total) await new Promise((r) => setTimeout(r, 50));
    const lags = await queryRows<{ ms: number }>(
      db,
      sql`SELECT extract(epoch FROM ra.analysed_at - r.submitted_at) * 1000 AS ms
          FROM response_analyses ra JOIN responses r ON r.id = ra.response_id
          WHERE r.id IN (${sql.join(
            ids.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`,
    );
    const sorted = lags.map((l) => Number(l.ms)).sort((a, b) => a - b);
    console.log(
      JSON.stringify({
        bench:
          'analysis pipeline, one worker process (outbox relay → BullMQ → redact, sentiment, themes, urgency → rollups)',
        backlog,
        backlogPerSecond: Math.round(backlog / drainSeconds),
        freshness: {
          submissionsPerSecond: opts.rate,
          responses: sorted.length,
          submitToAnalysedMs: {
            p50: percentile(sorted, 0.5).toFixed(0),
            p95: percentile(sorted, 0.95).toFixed(0),
            max: sorted[sorted.length - 1]!.toFixed(0),
          },
        },
      }),
    );
  } finally {
    worker.kill('SIGTERM');
    await new Promise((r) => worker.once('exit', r));
  }
}
