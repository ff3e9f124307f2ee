/** `npm run migrate`: applies the committed migrations to DATABASE_URL (or the embedded PGlite) and exits. */
import { loadConfig } from '../server/src/config';
import { openDatabase } from '../server/src/db/client';

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    statementTimeoutMs: 0,
  });
  try {
    await database.migrate(config.migrationsDir);
    console.log(`migrations applied (${database.kind})`);
  } finally {
    await database.close();
  }
}

main().catch((err: Error) => {
  console.error(`migration failed: ${err.message}`);
  process.exit(1);
});
