import { Client } from 'pg';
import Redis from 'ioredis';
import { openDatabase } from '../../server/src/db/client';
import { ADMIN_DATABASE_URL, TEST_DATABASE_NAME, TEST_DATABASE_URL, TEST_REDIS_URL } from './env';

/** A fresh test database with the committed migrations, and a check that Redis answers. */
export default async function globalSetup(): Promise<void> {
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(`PostgreSQL is not reachable at ${ADMIN_DATABASE_URL}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  await admin.query(`DROP DATABASE IF EXISTS ${TEST_DATABASE_NAME} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEST_DATABASE_NAME}`);
  await admin.end();
  const database = await openDatabase({ url: TEST_DATABASE_URL, dataDir: '' });
  await database.migrate('server/drizzle');
  await database.close();

  const redis = new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    throw new Error(`Redis is not reachable at ${TEST_REDIS_URL}: ${(err as Error).message}`, { cause: err });
  } finally {
    redis.disconnect();
  }
}
