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

// Any constant works; it only has to be the same in every process of the deployment.
const MIGRATION_LOCK_KEY = 4_242_001;

export async function openDatabase(opts: { url?: string; dataDir: string }): Promise<Database> {
  if (opts.url) return openPostgres(opts.url);
  return openPglite(path.join(opts.dataDir, 'pglite'));
}

function openPostgres(url: string): Database {
  const pool = new Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5000,
    // No parallel query: the app's reads are small (a board sums at most some tens of thousands of
    // rollup rows), and starting parallel workers cost more than it saved: a year's themes for a
    // whole organisation took 110-180 ms with them, 40-55 ms without, on 2 cores. Under many
    // concurrent requests, parallel workers would only compete for the same cores.
    options: '-c max_parallel_workers_per_gather=0',
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
        await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
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

async function openPglite(dir: string): Promise<Database> {
  fs.mkdirSync(dir, { recursive: true });
  // Loaded only when used: production deployments never pay for the WebAssembly build.
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const client = await PGlite.create({ dataDir: dir });
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
