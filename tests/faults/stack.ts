import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows, type Database } from '../../server/src/db/client';
import { freePort, startThrowawayRedis } from '../support/redis-server';

/**
 * The fault suite's world: a throwaway PostgreSQL (initdb into a temporary folder, its own port), a
 * throwaway Redis (its own port) and the app's real processes (server, outbox relay, worker), each
 * started as `npm run server|relay|worker` would, so a fault is injected into the same processes a
 * deployment runs.
 */

const PG_BIN = [
  '/usr/lib/postgresql/17/bin',
  '/usr/lib/postgresql/16/bin',
  '/usr/lib/postgresql/15/bin',
].find((dir) => fs.existsSync(path.join(dir, 'initdb')));
/** initdb and postgres refuse to run as root: CI runs as root, so they run as the postgres user there. */
const AS_ROOT = process.getuid?.() === 0;

function pgCommand(binary: string, args: string[]): [string, string[]] {
  if (!PG_BIN) throw new Error('PostgreSQL server binaries (initdb) not found under /usr/lib/postgresql');
  const file = path.join(PG_BIN, binary);
  return AS_ROOT ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
}

export type TThrowawayPostgres = {
  url: string;
  port: number;
  /** Stops it (fast shutdown: open connections are cut, as in a restart or failover). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Runs SQL as the superuser on its own connection, e.g. to hold a lock. */
  dir: string;
};

export async function startThrowawayPostgres(): Promise<TThrowawayPostgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'careloop-pg-'));
  const data = path.join(dir, 'data');
  if (AS_ROOT) execFileSync('chown', ['-R', 'postgres', dir]);
  const [initdb, initArgs] = pgCommand('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  execFileSync(initdb, initArgs, { stdio: 'ignore' });
  const port = await freePort();
  const pgCtl = (args: string[]) => {
    const [file, all] = pgCommand('pg_ctl', ['-D', data, '-w', '-t', '60', ...args]);
    execFileSync(file, all, { stdio: 'ignore' });
  };
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const start = async () => {
    pgCtl(['-l', path.join(dir, 'log'), '-o', options, 'start']);
  };
  await start();
  execFileSync('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'careloop']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/careloop`,
    port,
    dir,
    start,
    async stop() {
      // Fast shutdown: open connections are cut, as in a restart or a failover.
      pgCtl(['-m', 'fast', 'stop']);
    },
  };
}

export type TThrowawayRedis = {
  url: string;
  port: number;
  kill(): Promise<void>;
  start(): Promise<void>;
  /** Freezes it (SIGSTOP): connections stay open but nothing answers, until `resume`. */
  pause(): void;
  resume(): void;
};

/** A Redis of its own, with no persistence: killed and started again, it comes back empty. */
export async function throwawayRedis(): Promise<TThrowawayRedis> {
  const port = await freePort();
  let proc = await startThrowawayRedis(port);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async kill() {
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      proc.kill('SIGKILL');
      await exited;
    },
    async start() {
      proc = await startThrowawayRedis(port);
    },
    pause: () => proc.kill('SIGSTOP'),
    resume: () => proc.kill('SIGCONT'),
  };
}

export type TAppProcess = {
  proc: ChildProcess;
  url: string;
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** The end of what it wrote to stderr (errors only: LOG_LEVEL is error), for a failing test's message. */
  stderr(): string;
};

const ENTRY = {
  server: 'server/src/main.ts',
  worker: 'workers/src/main.ts',
  relay: 'workers/src/relay-main.ts',
} as const;

/** One of the app's processes, as `npm run server|worker|relay` starts it. */
export async function startProcess(
  kind: keyof typeof ENTRY,
  env: Record<string, string>,
): Promise<TAppProcess> {
  const port = kind === 'server' ? await freePort() : 0;
  const url = `http://127.0.0.1:${port}`;
  const proc = spawn(process.execPath, ['--import', 'tsx', ENTRY[kind]], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'error',
      ANALYSIS_ENCODER: 'none',
      RELAY_IDLE_MS: '20',
      WORKER_LOCK_MS: '2000',
      RATE_LIMIT_SUBMIT_PER_IP: '1000000',
      RATE_LIMIT_SUBMIT_PER_LINK: '1000000',
      RATE_LIMIT_PUBLIC_READ_PER_IP: '1000000',
      ...(kind === 'server' ? { PORT: String(port), PUBLIC_URL: url } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  for (const stream of [proc.stdout, proc.stderr]) {
    stream?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-8000);
    });
  }
  if (kind === 'server') {
    await waitUntil(
      async () => {
        if (proc.exitCode !== null) throw new Error(`server exited: ${stderr}`);
        return fetch(`${url}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
      },
      180_000,
      'the server to listen',
    );
  }
  return {
    proc,
    url,
    stderr: () => stderr,
    async kill(signal = 'SIGKILL') {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      proc.kill(signal);
      await exited;
    },
  };
}

export async function waitUntil(
  check: () => Promise<boolean>,
  timeoutMs: number,
  what = 'a condition',
): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** The whole stack on throwaway Postgres and Redis. */
export type TStack = {
  pg: TThrowawayPostgres;
  redis: TThrowawayRedis;
  database: Database;
  env: Record<string, string>;
  close(): Promise<void>;
};

export async function startStack(): Promise<TStack> {
  const pg = await startThrowawayPostgres();
  const redis = await throwawayRedis();
  const env = {
    DATABASE_URL: pg.url,
    REDIS_URL: redis.url,
    REDIS_PREFIX: 'faults',
    ADMIN_EMAIL: 'admin@faults.example',
    ADMIN_PASSWORD: 'faults-admin-password',
  };
  // The server migrates on start; the suite reads the same database to count.
  const database = await openDatabase({ url: pg.url, dataDir: '' });
  return {
    pg,
    redis,
    database,
    env,
    async close() {
      await database.close();
      await redis.kill().catch(() => undefined);
      await pg.stop().catch(() => undefined);
      fs.rmSync(pg.dir, { recursive: true, force: true });
    },
  };
}

/** Counts the suite checks: responses stored, analysed, and per idempotency key. */
export async function counts(database: Database, surveyId: string) {
  const [row] = await queryRows<{ stored: string; analysed: string }>(
    database.db,
    sql`SELECT count(*) AS stored,
          count(*) FILTER (WHERE EXISTS (SELECT 1 FROM response_analyses ra WHERE ra.response_id = r.id)) AS analysed
        FROM responses r WHERE r.survey_id = ${surveyId}`,
  );
  return { stored: Number(row?.stored ?? 0), analysed: Number(row?.analysed ?? 0) };
}

export type TSubmissionLog = {
  /** Every answer the server gave, in order: status and Retry-After. */
  answers: { status: number; retryAfter: string | null }[];
  /** Idempotency key → the response id it was stored as. */
  stored: Map<string, string>;
  /** Keys never stored (the run ended while they were still being retried). */
  pending: number;
};

/**
 * A steady stream of submissions, `perSecond` of them, for `ms`. Each is one respondent pressing
 * Send: one Idempotency-Key, sent again after a 503 (or a dropped connection) until it is stored,
 * as the respondent page does.
 */
export async function steadySubmissions(
  url: string,
  token: string,
  answers: (i: number) => Record<string, unknown>,
  opts: { perSecond: number; ms: number; settleMs?: number },
): Promise<TSubmissionLog> {
  const log: TSubmissionLog = { answers: [], stored: new Map(), pending: 0 };
  const deadline = Date.now() + opts.ms + (opts.settleMs ?? 60_000);
  const one = async (i: number) => {
    const key = `fault-${i}-${Math.random().toString(36).slice(2)}`;
    while (Date.now() < deadline) {
      const res = await fetch(`${url}/api/v1/public/surveys/${token}/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({ answers: answers(i) }),
        signal: AbortSignal.timeout(30_000),
      }).catch(() => null);
      if (res) {
        log.answers.push({ status: res.status, retryAfter: res.headers.get('retry-after') });
        const body = (await res.json().catch(() => ({}))) as { id?: string };
        if (res.status === 201 || res.status === 202) {
          log.stored.set(key, body.id!);
          return;
        }
        if (res.status !== 503 && res.status !== 409) return;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    log.pending += 1;
  };
  const running: Promise<void>[] = [];
  const started = Date.now();
  for (let i = 0; Date.now() - started < opts.ms; i += 1) {
    running.push(one(i));
    await new Promise((r) => setTimeout(r, 1000 / opts.perSecond));
  }
  await Promise.all(running);
  return log;
}

/** `n` respondents, ten at a time, each retrying its own key until stored: their response ids. */
export async function submitN(
  url: string,
  token: string,
  answers: (i: number) => Record<string, unknown>,
  n: number,
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i += 10) {
    const batch = Array.from({ length: Math.min(10, n - i) }, async (_, k) => {
      const key = `n-${i + k}-${Math.random().toString(36).slice(2)}`;
      for (let attempt = 0; attempt < 60; attempt += 1) {
        const res = await fetch(`${url}/api/v1/public/surveys/${token}/responses`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify({ answers: answers(i + k) }),
        }).catch(() => null);
        if (res?.status === 201) return ((await res.json()) as { id: string }).id;
        if (res && res.status !== 503 && res.status !== 409)
          throw new Error(`submission refused with ${res.status}: ${await res.text()}`);
        await new Promise((r) => setTimeout(r, 500));
      }
      throw new Error('submission never stored');
    });
    ids.push(...(await Promise.all(batch)));
  }
  return ids;
}
