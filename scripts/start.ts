/**
 * `npm start`: the whole app (server, outbox relay, worker) on embedded defaults. Without DATABASE_URL the server uses PGlite under
 * ./data; without REDIS_URL it uses a Redis on 127.0.0.1:6379, or starts `redis-server` from PATH with
 * its data in ./data/redis, or exits saying how to get Redis.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { loadConfig, type TConfig } from '../server/src/config';
import { runServer, type TRunningServer } from '../server/src/main';
import { exitOnSignals } from '../server/src/process';
import { parseWorkerConfig } from '../workers/src/config';
import { runWorkers } from '../workers/src/main';

function answers(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect(port, host);
    sock.setTimeout(1000);
    sock.once('connect', () => {
      sock.write('PING\r\n');
    });
    sock.once('data', (d) => {
      sock.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
    sock.once('error', () => resolve(false));
    sock.once('timeout', () => {
      sock.destroy();
      resolve(false);
    });
  });
}

async function ensureLocalRedis(dataDir: string): Promise<ChildProcess | null> {
  if (await answers(6379)) return null;
  if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status !== 0) {
    console.error(
      'CareLoop needs Redis. Install it (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis),\n' +
        'or set REDIS_URL to a Redis you have, then run npm start again.',
    );
    process.exit(1);
  }
  const dir = path.resolve(dataDir, 'redis');
  fs.mkdirSync(dir, { recursive: true });
  const child = spawn(
    'redis-server',
    [
      '--port',
      '6379',
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--maxmemory-policy',
      'noeviction',
    ],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 50; i++) {
    if (await answers(6379)) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  console.error('redis-server was started but does not answer on 127.0.0.1:6379');
  process.exit(1);
}

export type TWholeApp = { running: TRunningServer; stop(): Promise<void> };

/**
 * The server, the outbox relay and a worker in one process, sharing the server's database (PGlite
 * has one owner) and Redis key prefix; without REDIS_URL in `env`, a local Redis. `npm run demo`
 * starts the same app on its own data directory.
 */
export async function startWholeApp(
  config: TConfig,
  env: Record<string, string | undefined> = process.env,
): Promise<TWholeApp> {
  const redisChild = env.REDIS_URL ? null : await ensureLocalRedis(config.DATA_DIR);
  const running = await runServer(config);
  const workerConfig = parseWorkerConfig({
    ...env,
    REDIS_URL: config.REDIS_URL,
    REDIS_PREFIX: config.REDIS_PREFIX,
  });
  const workers = await runWorkers(workerConfig, { database: running.database });
  return {
    running,
    async stop() {
      await workers.stop();
      await running.stop();
      redisChild?.kill('SIGTERM');
    },
  };
}

async function main(): Promise<void> {
  const app = await startWholeApp(loadConfig());
  console.log(`\nCareLoop is running at ${app.running.url}\n`);
  exitOnSignals(app.stop);
}

if (require.main === module) {
  main().catch((err: Error) => {
    console.error(`CareLoop failed to start: ${err.message}`);
    process.exit(1);
  });
}
