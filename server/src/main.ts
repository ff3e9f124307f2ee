import type { Server } from 'node:http';
import { createApp } from './app';
import { loadConfig, type TConfig } from './config';
import { openDatabase, type Database } from './db/client';
import { bootstrap } from './features/users/users.service';
import { createLogger } from './logger';
import { exitOnSignals } from './process';
import { attachLive } from './realtime/live-server';
import { createRedis } from './redis';

export type TRunningServer = { server: Server; url: string; database: Database; stop(): Promise<void> };

/**
 * Opens Postgres (or PGlite) and Redis, applies migrations, creates the first administrator if
 * needed, and serves HTTP and the live boards' Socket.IO. `stop()` is the graceful shutdown: no new connections, in-flight
 * requests finish, then Redis and the database close.
 */
export async function runServer(config: TConfig): Promise<TRunningServer> {
  const log = createLogger(config.LOG_LEVEL, 'server');
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  await database.migrate(config.migrationsDir);
  await bootstrap(database.db, config, log);
  const redis = createRedis(config.REDIS_URL);
  const deps = { db: database.db, redis, config, log };
  const server = await new Promise<Server>((resolve) => {
    const s = createApp(deps).listen(config.PORT, () => resolve(s));
  });
  // Node's default (5 minutes) would cut off a history import of a few million rows. Headers must
  // still arrive within headersTimeout, which is what guards against slow-header attacks.
  server.requestTimeout = 60 * 60_000;
  const live = attachLive(server, deps);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = config.PUBLIC_URL ?? `http://localhost:${port}`;
  log.info({ url, database: database.kind }, 'CareLoop server listening');

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      log.info('shutting down');
      await live.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await redis.quit().catch(() => redis.disconnect());
      await database.close();
    })();
    return stopping;
  };
  return { server, url, database, stop };
}

if (require.main === module) {
  runServer(loadConfig()).then(
    (running) => exitOnSignals(running.stop),
    (err: Error) => {
      console.error(`CareLoop server failed to start: ${err.message}`);
      process.exit(1);
    },
  );
}
