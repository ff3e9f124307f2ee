import type { JobsOptions } from 'bullmq';

/**
 * Every job: retried with exponential backoff (1 s, 2 s, 4 s … about 4 minutes in all), kept a
 * while after success for deduplication by job id, and kept much longer after final failure, where
 * the failed set shows it until someone looks.
 */
export const JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 30 * 24 * 3600, count: 100_000 },
};

/**
 * The job id of an outbox row: its id, prefixed because BullMQ refuses ids that look like integers
 * (they would clash with its own counter). Deterministic, so a row relayed twice is one job.
 */
export const outboxJobId = (outboxId: string | number): string => `outbox-${outboxId}`;
