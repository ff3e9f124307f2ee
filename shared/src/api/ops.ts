import { z } from 'zod';

/** One job queue as operators see it. Failures carry ids only, never patient text. */
export const ZQueueHealth = z.object({
  name: z.string(),
  counts: z.object({
    waiting: z.number().int(),
    active: z.number().int(),
    delayed: z.number().int(),
    failed: z.number().int(),
    completed: z.number().int(),
  }),
  /** Jobs completed and failed for good since the queue's metrics began (BullMQ metrics). */
  totals: z.object({ completed: z.number().int(), failed: z.number().int() }),
  recentFailures: z.array(
    z.object({
      jobId: z.string(),
      responseId: z.string().nullable(),
      attempts: z.number().int(),
      reason: z.string(),
      failedAt: z.iso.datetime().nullable(),
    }),
  ),
});

/** `GET /api/v1/ops/pipeline`: is analysis keeping up, and what failed. */
export const ZPipelineHealth = z.object({
  outbox: z.object({
    unpublished: z.number().int(),
    oldestUnpublishedSeconds: z.number().nullable(),
  }),
  /** Null while Redis cannot be reached. */
  queues: z.array(ZQueueHealth).nullable(),
});
export type TPipelineHealth = z.infer<typeof ZPipelineHealth>;
