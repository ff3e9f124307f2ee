/**
 * `npm run rollups:rebuild`: recomputes every rollup from the raw responses, answers and analyses,
 * with the very statements the worker applies one response at a time.
 */
import { loadConfig } from '../server/src/config';
import { COMMAND_STATEMENT_TIMEOUT_MS, openDatabase } from '../server/src/db/client';
import { countRollupRows, rebuildRollups } from '../server/src/features/analysis/analysis.service';

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    statementTimeoutMs: COMMAND_STATEMENT_TIMEOUT_MS,
  });
  try {
    const started = Date.now();
    await rebuildRollups(database.db);
    const counts = await countRollupRows(database.db);
    const rows = Object.entries(counts).map(([table, n]) => `${table} ${n}`);
    console.log(`rollups rebuilt in ${Date.now() - started} ms: ${rows.join(', ')} rows`);
  } finally {
    await database.close();
  }
}

main().catch((err: Error) => {
  console.error(`rollups:rebuild failed: ${err.message}`);
  process.exit(1);
});
