import { sql } from 'drizzle-orm';
import { parseWorkerConfig } from '../../workers/src/config';
import { runWorkers, type TRunningWorkers } from '../../workers/src/main';
import { queryRows, type Db } from '../../server/src/db/client';
import type { TTestApp } from './app';
import { TEST_DATABASE_URL } from './env';

/** A worker's environment for the test database and the app's own Redis prefix (so its queues are its own). */
export const workerEnv = (app: TTestApp, env: Record<string, string> = {}): Record<string, string> => ({
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  DATABASE_URL: TEST_DATABASE_URL,
  REDIS_URL: app.config.REDIS_URL,
  REDIS_PREFIX: app.config.REDIS_PREFIX,
  RELAY_IDLE_MS: '20',
  ...env,
});

/** The real worker (BullMQ on the real Redis) and outbox relay, in-process. */
export function startTestWorkers(app: TTestApp, env: Record<string, string> = {}): Promise<TRunningWorkers> {
  return runWorkers(parseWorkerConfig(workerEnv(app, env)));
}

/** How many of these responses have an analysis. */
export async function countAnalysed(db: Db, responseIds: string[]): Promise<number> {
  if (responseIds.length === 0) return 0;
  const [row] = await queryRows<{ n: string }>(
    db,
    sql`SELECT count(*) AS n FROM response_analyses WHERE response_id IN (${sql.join(
      responseIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`,
  );
  return Number(row?.n ?? 0);
}

/** Polls until `check` holds; fails with `what` after the timeout. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 30_000,
): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
