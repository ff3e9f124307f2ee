import path from 'node:path';
import fs from 'node:fs';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { Pool } from 'pg';
import * as schema from './schema';

/** A database handle or an open transaction: repositories take either. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type Database = {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** Applies the committed migrations; safe when several processes start at once. */
  migrate(migrationsFolder: string): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
};

/**
 * Every pool's limits: no statement runs longer, and no lock is waited for longer, than these. The
 * server's requests are short; workers and maintenance scripts, which rebuild rollups over every
 * response, pass a longer statement limit.
 */
const STATEMENT_TIMEOUT_MS = 60_000;
const LOCK_TIMEOUT_MS = 10_000;
/** The statement limit of one-off commands over every response: rebuilds, reanalysis, bench data. */
export const COMMAND_STATEMENT_TIMEOUT_MS = 60 * 60_000;

// Any constant works; it only has to be the same in every process of the deployment.
const MIGRATION_LOCK_KEY = 4_242_001;

export async function openDatabase(opts: {
  url?: string;
  dataDir: string;
  statementTimeoutMs?: number;
}): Promise<Database> {
  if (opts.url) return openPostgres(opts.url, opts.statementTimeoutMs ?? STATEMENT_TIMEOUT_MS);
  return openPglite(path.join(opts.dataDir, 'pglite'));
}

function openPostgres(url: string, statementTimeoutMs: number): Database {
  const pool = new Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5000,
    // No parallel query: the app's reads are small (a board sums at most some tens of thousands of
    // rollup rows), and starting parallel workers cost more than it saved: a year's themes for a
    // whole organisation took 110-180 ms with them, 40-55 ms without, on 2 cores. Under many
    // concurrent requests, parallel workers would only compete for the same cores.
    // A statement (or a wait for a lock) that runs past this is cancelled, so a stuck database sheds
    // requests with 503 rather than piling them up; long jobs set their own, larger, limit.
    options: `-c max_parallel_workers_per_gather=0 -c statement_timeout=${statementTimeoutMs} -c lock_timeout=${LOCK_TIMEOUT_MS}`,
  });
  // A client losing its connection must not crash the process: idle ones are replaced by the pool,
  // and a checked-out one fails its query, which the caller sees. Without a listener on each client,
  // a connection dropped mid-transaction is an unhandled 'error' event.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    async migrate(migrationsFolder) {
      const client = await pool.connect();
      try {
        // A migration may rewrite a large table, and waits its turn behind another process's.
        await client.query('SET statement_timeout = 0; SET lock_timeout = 0');
        await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
        await client.query('RESET statement_timeout; RESET lock_timeout').catch(() => undefined);
        client.release();
      }
    },
    async ping() {
      await db.execute(sql`SELECT 1`);
    },
    // pool.end() waits for every client to end; one whose connection died in an outage may never
    // report it, and shutdown must not hang on that.
    close: () =>
      Promise.race([pool.end(), new Promise<void>((resolve) => setTimeout(resolve, 5000).unref())]),
  };
}

/**
 * Free space the embedded database needs to start: a new one writes about 40 MB when it is created;
 * an existing one needs room for its write-ahead log. PGlite does not report a full disk (it stops
 * answering), so the space is checked before it starts.
 */
const PGLITE_NEW_BYTES = 128 * 1024 * 1024;
const PGLITE_EXISTING_BYTES = 64 * 1024 * 1024;

export class DiskFullError extends Error {
  override name = 'DiskFullError';
}

function ensureRoomFor(dir: string, fresh: boolean): void {
  // The folder may not exist yet: measure the disk it will be on.
  let probe = path.resolve(dir);
  while (!fs.existsSync(probe)) probe = path.dirname(probe);
  const stats = fs.statfsSync(probe);
  const free = stats.bavail * stats.bsize;
  const needed = fresh ? PGLITE_NEW_BYTES : PGLITE_EXISTING_BYTES;
  if (free < needed) {
    const mb = (bytes: number) => Math.floor(bytes / (1024 * 1024));
    throw new DiskFullError(
      `Not enough free disk space for the embedded database in ${dir}: ${mb(free)} MB free, ` +
        `at least ${mb(needed)} MB needed. Free some space, or set DATA_DIR to a disk with room ` +
        `(or DATABASE_URL to a PostgreSQL server). Nothing was written.`,
    );
  }
}

async function openPglite(dir: string): Promise<Database> {
  // A database folder that was never finished (its creation failed) is not a database yet.
  const fresh = !fs.existsSync(path.join(dir, 'PG_VERSION'));
  ensureRoomFor(dir, fresh);
  fs.mkdirSync(dir, { recursive: true });
  // Loaded only when used: production deployments never pay for the WebAssembly build.
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const client = await PGlite.create({ dataDir: dir }).catch((err: Error & { code?: string }) => {
    // Nothing half-written: a database whose creation failed is removed, so the next start begins clean.
    if (fresh) fs.rmSync(dir, { recursive: true, force: true });
    if (err.code === 'ENOSPC')
      throw new DiskFullError(`The disk holding ${dir} is full; nothing was written.`);
    throw err;
  });
  const pglite = drizzle(client, { schema });
  const db = pglite as unknown as Db;
  return {
    db,
    kind: 'pglite',
    // One process owns a PGlite directory, so there is nobody to race.
    migrate: (migrationsFolder) => migrate(pglite, { migrationsFolder }),
    async ping() {
      await db.execute(sql`SELECT 1`);
    },
    close: () => client.close(),
  };
}

/** Runs raw SQL and returns its rows; node-postgres and PGlite both answer `{ rows }`. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = await db.execute(query);
  return (result as unknown as { rows: T[] }).rows;
}
