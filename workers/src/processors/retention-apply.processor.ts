import { Queue, type ConnectionOptions } from 'bullmq';
import { JOB_RETENTION_APPLY, ZRetentionApplyJob } from '../../../shared/src/jobs';
import { applyRetention } from '../../../server/src/features/retention/retention.service';
import type { TJobDefinition } from '../job-definition';

/**
 * Registers the daily sweep (03:15 UTC) with BullMQ's job scheduler: one schedule however many
 * workers start, since `upsertJobScheduler` is keyed by its id. Rejected: a setInterval per worker
 * (every worker would sweep) and cron outside the app (one more thing to deploy).
 */
export async function scheduleRetention(connection: ConnectionOptions, prefix: string): Promise<void> {
  const queue = new Queue(JOB_RETENTION_APPLY, { connection, prefix });
  queue.on('error', () => undefined);
  try {
    await queue.upsertJobScheduler(
      'retention-daily',
      { pattern: '15 3 * * *', tz: 'UTC' },
      {
        name: JOB_RETENTION_APPLY,
        data: {},
        opts: {
          attempts: 3,
          backoff: { type: 'exponential', delay: 60_000 },
          removeOnComplete: { count: 30 },
          removeOnFail: { count: 100 },
        },
      },
    );
  } finally {
    await queue.close();
  }
}

/** `retention.apply`: removes what each organisation's retention period says; counts to the audit log. */
export const retentionApply: TJobDefinition<typeof ZRetentionApplyJob> = {
  schema: ZRetentionApplyJob,
  async handle(_data, { db, log }) {
    const outcome = await applyRetention(db);
    log.info(
      { organisations: outcome.length, removed: outcome.reduce((s, o) => s + o.removed, 0) },
      'retention applied',
    );
  },
};
