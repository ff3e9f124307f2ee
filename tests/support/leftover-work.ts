import { Client } from 'pg';
import { TEST_DATABASE_URL } from './env';

/**
 * After every test file: analysis work it left undone (responses it stored without running the
 * workers) is removed from the shared test database's outbox, so the next file's relay and worker
 * don't spend its time analysing another file's data. Files run one at a time (--runInBand), so
 * whatever is left when a file ends is that file's.
 */
afterAll(async () => {
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  try {
    await client.connect();
    await client.query(
      `DELETE FROM outbox o WHERE NOT EXISTS (SELECT 1 FROM response_analyses ra WHERE ra.response_id = o.aggregate_id)`,
    );
  } catch {
    // A file that never touched the database (or one that dropped it) leaves nothing to clean.
  } finally {
    await client.end().catch(() => undefined);
  }
});
