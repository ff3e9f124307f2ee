import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows, type Database } from '../../server/src/db/client';
import { auditLog, responses, surveys, surveyVersions } from '../../server/src/db/schema';
import { createOrg, createStaff } from '../support/fixtures';
import { ADMIN_DATABASE_URL, TEST_DATABASE_NAME } from '../support/env';

const run = promisify(execFile);

/**
 * The README's "Backup and restore", run for real: pg_dump (custom format) of a throwaway database
 * with the committed migrations and some rows, pg_restore into another, and every table's row count
 * compared. Both databases are dropped afterwards.
 */
const suffix = randomBytes(4).toString('hex');
const SOURCE = `${TEST_DATABASE_NAME}_bk_src_${suffix}`;
const TARGET = `${TEST_DATABASE_NAME}_bk_dst_${suffix}`;
const urlOf = (name: string) => {
  const u = new URL(ADMIN_DATABASE_URL);
  u.pathname = `/${name}`;
  return u.toString();
};

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: ADMIN_DATABASE_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function rowCounts(db: Database['db']): Promise<Record<string, number>> {
  const tables = await queryRows<{ name: string }>(
    db,
    sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await queryRows<{ n: string }>(db, sql`SELECT count(*) AS n FROM ${sql.identifier(name)}`);
    counts[name] = Number(row!.n);
  }
  return counts;
}

let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'careloop-backup-'));
  await admin((c) => c.query(`CREATE DATABASE ${SOURCE}`));
  await admin((c) => c.query(`CREATE DATABASE ${TARGET}`));
});
afterAll(async () => {
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${SOURCE} WITH (FORCE)`);
    await c.query(`DROP DATABASE IF EXISTS ${TARGET} WITH (FORCE)`);
  });
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('pg_dump of a migrated database with data restores with pg_restore to the same rows in every table', async () => {
    const source = await openDatabase({ url: urlOf(SOURCE), dataDir: '' });
    try {
      await source.migrate('server/drizzle');
      const org = await createOrg(source.db);
      await createStaff(source.db, org.organisationId, 'admin');
      const [survey] = await source.db
        .insert(surveys)
        .values({ organisationId: org.organisationId, draft: { title: { en: 'T' } } as never })
        .returning();
      const [version] = await source.db
        .insert(surveyVersions)
        .values({ surveyId: survey!.id, version: 1, definition: { title: { en: 'T' } } as never })
        .returning();
      await source.db.insert(responses).values(
        Array.from({ length: 25 }, () => ({
          surveyId: survey!.id,
          surveyVersionId: version!.id,
          unitId: org.unitId,
          locale: 'en',
        })),
      );
      await source.db.insert(auditLog).values({ action: 'backup.test', organisationId: org.organisationId });
    } finally {
      await source.close();
    }
    const file = path.join(dir, 'careloop.dump');
    await run('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, urlOf(SOURCE)]);
    expect(fs.statSync(file).size).toBeGreaterThan(0);
    await run('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${urlOf(TARGET)}`, file]);

    const [a, b] = await Promise.all(
      [SOURCE, TARGET].map((n) => openDatabase({ url: urlOf(n), dataDir: '' })),
    );
    try {
      const before = await rowCounts(a!.db);
      const after = await rowCounts(b!.db);
      expect(before.responses).toBe(25);
      expect(before.audit_log).toBeGreaterThan(0);
      expect(after).toEqual(before);
      // The restored database is at the same migration: starting the app on it migrates nothing.
      await b!.migrate('server/drizzle');
      expect(await rowCounts(b!.db)).toEqual(before);
    } finally {
      await Promise.all([a!.close(), b!.close()]);
    }
  }, 120_000);
});
