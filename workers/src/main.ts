import { MetricsTime, Queue, UnrecoverableError, Worker } from 'bullmq';
import Redis from 'ioredis';
import { openDatabase, type Database } from '../../server/src/db/client';
import { createLogger, type TLogger } from '../../server/src/logger';
import { exitOnSignals } from '../../server/src/process';
import { JOB_FEEDBACK_ANALYSE, queuePrefix } from '../../shared/src/jobs';
import { loadWorkerConfig, type TWorkerConfig } from './config';
import { loadAnalysisModels } from './analysis/analyse-comment';
import { rebuildOutdatedRollups } from '../../server/src/features/analysis/analysis.service';
import { isDatabaseUnavailable } from '../../server/src/db/unavailable';
import { redisEventPublisher } from '../../server/src/realtime/live-events';
import type { TJobProducer } from './job-definition';
import { definitionFor, registry } from './registry';
import { startOutboxRelay } from './relay/outbox-relay';
import { scheduleRetention } from './processors/retention-apply.processor';

export type TRunningWorkers = { stop(): Promise<void> };

/**
 * Runs one BullMQ worker per registered job name and, unless RUN_RELAY=false, the outbox relay.
 * Payloads are parsed with the job's zod contract before the processor sees them; a payload that
 * does not parse can never succeed, so it fails without retries. Pass `database` to share an open
 * one (`npm start` on PGlite); otherwise DATABASE_URL is opened.
 */
/** A worker's statements may rebuild a unit's rollups over years of responses. */
const WORKER_STATEMENT_TIMEOUT_MS = 10 * 60_000;

export async function runWorkers(
  config: TWorkerConfig,
  opts: { database?: Database; log?: TLogger; relay?: boolean; work?: boolean } = {},
): Promise<TRunningWorkers> {
  const log = opts.log ?? createLogger(config.LOG_LEVEL, 'worker');
  if (!opts.database && !config.DATABASE_URL) {
    throw new Error('DATABASE_URL: is required: a worker on its own needs a shared PostgreSQL, not PGlite');
  }
  const database =
    opts.database ??
    (await openDatabase({
      url: config.DATABASE_URL,
      dataDir: '',
      statementTimeoutMs: WORKER_STATEMENT_TIMEOUT_MS,
    }));
  const prefix = queuePrefix(config.REDIS_PREFIX);
  // Worker connections wait out Redis outages; producers (relay, events) fail fast and retry themselves.
  const connection = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
  const producer = new Redis(config.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  for (const c of [connection, producer]) c.on('error', () => undefined);
  const events = redisEventPublisher(producer, config.REDIS_PREFIX, log);
  // Queues processors add follow-up jobs to, opened on first use on the fail-fast connection.
  const followUps = new Map<string, Queue>();
  const jobs: TJobProducer = {
    async add(name, data, opts) {
      const payload: unknown = definitionFor(name).schema.parse(data);
      let queue = followUps.get(name);
      if (!queue) {
        queue = new Queue(name, { connection: producer, prefix });
        queue.on('error', () => undefined);
        followUps.set(name, queue);
      }
      await queue.add(name, payload, opts);
    },
  };

  const names = Object.keys(registry);
  const work = opts.work ?? true;
  if (work) {
    await loadAnalysisModels();
    // A database restarting as the worker starts is waited out, not a reason to exit.
    for (let attempt = 1; ; attempt += 1) {
      try {
        if (await rebuildOutdatedRollups(database.db))
          log.info('rollups rebuilt from raw rows for this version');
        break;
      } catch (err) {
        if (!isDatabaseUnavailable(err) || attempt >= 30) throw err;
        log.warn({ attempt }, 'database unavailable at start: trying again');
        await new Promise((resolve) => setTimeout(resolve, Math.min(10_000, 500 * attempt)));
      }
    }
  }
  const workers = work ? names.map((name) => startWorker(name)) : [];
  if (work) {
    await scheduleRetention(producer, prefix).catch((err: Error) =>
      log.warn({ err: err.message }, 'retention schedule not registered: Redis unavailable'),
    );
  }
  const relayQueue =
    (opts.relay ?? config.RUN_RELAY)
      ? new Queue(JOB_FEEDBACK_ANALYSE, { connection: producer, prefix })
      : null;
  relayQueue?.on('error', () => undefined);
  const relay = relayQueue
    ? startOutboxRelay({
        db: database.db,
        queue: relayQueue,
        log: log.child({ component: 'relay' }),
        batchSize: config.RELAY_BATCH_SIZE,
        idleMs: config.RELAY_IDLE_MS,
      })
    : null;
  log.info({ jobs: workers.length > 0 ? names : [], relay: relay !== null }, 'worker started');

  function startWorker(name: string): Worker {
    const definition = definitionFor(name);
    const worker = new Worker(
      name,
      async (job) => {
        const jobLog = log.child({ jobId: job.id, jobName: job.name, attempt: job.attemptsMade + 1 });
        const parsed = definition.schema.safeParse(job.data);
        if (!parsed.success) throw new UnrecoverableError('payload does not match the job contract');
        await definition.handle(parsed.data, { db: database.db, log: jobLog, job, events, jobs });
      },
      {
        connection,
        prefix,
        concurrency: config.WORKER_CONCURRENCY,
        lockDuration: config.WORKER_LOCK_MS,
        stalledInterval: config.WORKER_LOCK_MS,
        // Completed and failed counts per minute for a week: `Queue.getMetrics` reads them.
        metrics: { maxDataPoints: MetricsTime.ONE_WEEK },
      },
    );
    worker.on('error', (err) => log.warn({ jobName: name, err: err.message }, 'worker connection error'));
    worker.on('failed', (job, err) => {
      if (!job) return;
      const final = job.attemptsMade >= (job.opts.attempts ?? 1) || err instanceof UnrecoverableError;
      // Ids only: the error message of our own code never holds patient text.
      const fields = {
        jobId: job.id,
        jobName: job.name,
        attempts: job.attemptsMade,
        data: job.data,
        err: err.message,
      };
      if (final) log.error(fields, 'job failed for good: it stays in the failed set');
      else log.warn(fields, 'job failed: will retry');
    });
    return worker;
  }

  return {
    async stop() {
      // Stop feeding the queue first; close() then waits for in-flight jobs. A job cut off by a
      // crash goes back to the queue when its lock lapses.
      await relay?.stop();
      await Promise.all(workers.map((w) => w.close()));
      await relayQueue?.close();
      await Promise.all([...followUps.values()].map((q) => q.close()));
      await Promise.all([connection, producer].map((c) => c.quit().catch(() => c.disconnect())));
      if (!opts.database) await database.close();
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
