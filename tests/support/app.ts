import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type Redis from 'ioredis';
import { createApp } from '../../server/src/app';
import { parseConfig, type TConfig } from '../../server/src/config';
import { openDatabase, type Database } from '../../server/src/db/client';
import { createLogger } from '../../server/src/logger';
import { attachLive } from '../../server/src/realtime/live-server';
import { createRedis, waitForRedis } from '../../server/src/redis';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from './env';

export type TTestApp = {
  url: string;
  config: TConfig;
  database: Database;
  db: Database['db'];
  redis: Redis;
  close(): Promise<void>;
};

/**
 * The real app (HTTP and the live Socket.IO layer), in-process on a free port, over the real test
 * database and Redis. Each app gets its
 * own Redis key prefix so that rate-limit counters and sessions never leak between tests.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TTestApp> {
  // Listen first, so that the app's public URL (used in survey links) carries the real port.
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const config = parseConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PORT: '0',
    PUBLIC_URL: url,
    DATABASE_URL: TEST_DATABASE_URL,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: `t${randomBytes(6).toString('hex')}`,
    CLIENT_DIST: 'client/dist',
    ...env,
  });
  const database = await openDatabase({ url: TEST_DATABASE_URL, dataDir: '' });
  const redis = createRedis(config.REDIS_URL);
  if (env.REDIS_URL === undefined) await waitForRedis(redis);
  const deps = { db: database.db, redis, config, log: createLogger(config.LOG_LEVEL, 'test') };
  server.on('request', createApp(deps));
  const live = attachLive(server, deps);
  return {
    url,
    config,
    database,
    db: database.db,
    redis,
    async close() {
      await live.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      redis.disconnect();
      await database.close();
    },
  };
}
