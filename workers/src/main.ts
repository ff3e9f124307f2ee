import { UnrecoverableError, Worker } from 'bullmq';
import Redis from 'ioredis';
import { openDatabase } from '../../server/src/db/client';
import { createLogger } from '../../server/src/logger';
import { exitOnSignals } from '../../server/src/process';
import { loadWorkerConfig, type TWorkerConfig } from './config';
import { definitionFor, registry } from './registry';

/**
 * Runs one BullMQ worker per registered job name. Payloads are parsed with the job's zod contract
 * before the processor sees them; a payload that does not parse can never succeed, so it fails
 * without retries.
 */
export async function runWorkers(config: TWorkerConfig) {
  const log = createLogger(config.LOG_LEVEL, 'worker');
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: '' });
  // Worker connections wait out Redis outages rather than failing commands.
  const connection = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
  connection.on('error', () => undefined);
  const workers = Object.keys(registry).map((name) => {
    const definition = definitionFor(name);
    return new Worker(
      name,
      async (job) => {
        const jobLog = log.child({ jobId: job.id, jobName: job.name, attempt: job.attemptsMade + 1 });
        const parsed = definition.schema.safeParse(job.data);
        if (!parsed.success) throw new UnrecoverableError('payload does not match the job contract');
        await definition.handle(parsed.data, { db: database.db, log: jobLog, job });
      },
      { connection, prefix: `{${config.REDIS_PREFIX}}`, concurrency: config.WORKER_CONCURRENCY },
    );
  });
  log.info({ jobs: Object.keys(registry) }, 'worker started');
  return {
    async stop() {
      // close() waits for in-flight jobs; unfinished ones go back to the queue when their lock lapses.
      await Promise.all(workers.map((w) => w.close()));
      await connection.quit().catch(() => connection.disconnect());
      await database.close();
    },
  };
}

if (require.main === module) {
  runWorkers(loadWorkerConfig()).then(
    (running) => exitOnSignals(running.stop),
    (err: Error) => {
      console.error(`CareLoop worker failed to start: ${err.message}`);
      process.exit(1);
    },
  );
}
