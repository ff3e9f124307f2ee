/**
 * `npm run reanalyse`: after a model or taxonomy change, analyses again every response whose stored
 * analysis was made with another version (and any never analysed), with progress on stderr. Each
 * response goes through the worker's own code path and transaction, so the rollups stay exact and
 * running workers can carry on meanwhile. Safe to stop and start again: it picks up what is left.
 */
import { loadConfig } from '../server/src/config';
import { COMMAND_STATEMENT_TIMEOUT_MS, openDatabase } from '../server/src/db/client';
import { countStaleResponses, listStaleResponses } from '../server/src/features/analysis/analysis.service';
import { currentModelVersion } from '../workers/src/analysis/analyse-comment';
import { analyseResponse } from '../workers/src/processors/analyse-feedback.processor';

const BATCH = 500;
const PARALLEL = 4;

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    statementTimeoutMs: COMMAND_STATEMENT_TIMEOUT_MS,
  });
  const modelVersion = currentModelVersion();
  try {
    const total = await countStaleResponses(database.db, modelVersion);
    console.error(`model ${modelVersion}: ${total} responses to analyse`);
    const started = Date.now();
    let done = 0;
    let changed = 0;
    let after: string | null = null;
    const report = () => {
      const seconds = (Date.now() - started) / 1000;
      const rate = done / Math.max(seconds, 0.001);
      const eta = rate > 0 ? Math.ceil((total - done) / rate) : 0;
      const pct = total ? Math.floor((100 * done) / total) : 100;
      process.stderr.write(`\r${done}/${total} (${pct}%) · ${rate.toFixed(0)}/s · about ${eta}s left   `);
    };
    for (;;) {
      const ids = await listStaleResponses(database.db, modelVersion, after, BATCH);
      if (ids.length === 0) break;
      after = ids[ids.length - 1]!;
      for (let i = 0; i < ids.length; i += PARALLEL) {
        const results = await Promise.all(
          ids.slice(i, i + PARALLEL).map((id) => analyseResponse(database.db, id)),
        );
        changed += results.filter(Boolean).length;
        done += results.length;
        report();
      }
    }
    report();
    console.error(`\nre-analysed ${changed} responses in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await database.close();
  }
}

main().catch((err: Error) => {
  console.error(`\nreanalyse failed: ${err.message}`);
  process.exit(1);
});
