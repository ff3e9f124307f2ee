import { sql, type SQL } from 'drizzle-orm';
import type { Writable } from 'node:stream';
import { queryRows, type Db } from '../../db/client';
import { csvField } from '../../http/csv';

/** Rows fetched per round trip: large enough to keep the database busy, small enough to stay flat in memory. */
const FETCH_SIZE = 1000;
const BOM = '\uFEFF';

/** Where rows go: the HTTP response (or any writable), waited on when its buffer is full. */
export type TCsvSink = Pick<Writable, 'write' | 'once' | 'off' | 'destroyed' | 'writableNeedDrain'>;

function waitForDrain(sink: TCsvSink): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      sink.off('drain', done);
      sink.off('close', done);
      sink.off('error', reject);
      resolve();
    };
    sink.once('drain', done);
    sink.once('close', done);
    sink.once('error', reject);
  });
}

export const csvLine = (cells: readonly (string | number | null | undefined)[]): string =>
  `${cells.map((c) => (c === null || c === undefined ? '' : csvField(String(c)))).join(',')}\r\n`;

/**
 * Streams a query as CSV through a server-side cursor (DECLARE … FETCH inside a read-only
 * transaction), so a million rows never sit in memory: the next batch is fetched only after the
 * sink has taken the last one (backpressure). Rejected: OFFSET paging (quadratic, and inconsistent
 * under writes) and pg-query-stream (a dependency for what three statements do, and not on PGlite).
 * Returns the number of data rows written; stops early when the client goes away.
 */
export async function streamCsv<R>(
  db: Db,
  sink: TCsvSink,
  opts: { query: SQL; header: string[]; bom: boolean; toCells: (row: R) => (string | number | null)[] },
): Promise<number> {
  let rows = 0;
  await db.transaction(
    async (tx) => {
      await tx.execute(sql`DECLARE careloop_export NO SCROLL CURSOR FOR ${opts.query}`);
      if (!sink.write((opts.bom ? BOM : '') + csvLine(opts.header))) await waitForDrain(sink);
      for (;;) {
        if (sink.destroyed) return;
        const batch = await queryRows<R>(tx, sql.raw(`FETCH ${FETCH_SIZE} FROM careloop_export`));
        if (batch.length === 0) break;
        const chunk = batch.map((r) => csvLine(opts.toCells(r))).join('');
        rows += batch.length;
        if (!sink.write(chunk)) await waitForDrain(sink);
      }
      await tx.execute(sql`CLOSE careloop_export`);
    },
    { accessMode: 'read only' },
  );
  return rows;
}
