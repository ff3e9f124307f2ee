import { z } from 'zod';

/**
 * Job names and payloads. Payloads carry ids only: BullMQ keeps job data in Redis in clear, so
 * patient text never goes into a job.
 */
export const JOB_FEEDBACK_ANALYSE = 'feedback.analyse';

/** Analyse one response's comments and fold it into the rollups. Job id = the outbox row id. */
export const ZFeedbackAnalyseJob = z.object({ responseId: z.uuid() }).strict();
export type TFeedbackAnalyseJob = z.infer<typeof ZFeedbackAnalyseJob>;

export const JOB_SPC_DETECT = 'spc.detect';

/**
 * Look for new special-cause signals on a unit's weekly SPC charts (all SPC metrics, last 52
 * weeks) and raise an alert for each. Enqueued after analyses, debounced per unit.
 */
export const ZSpcDetectJob = z.object({ unitId: z.uuid() }).strict();
export type TSpcDetectJob = z.infer<typeof ZSpcDetectJob>;

/** Job names that have a queue, each its own. */
export const JOB_NAMES = [JOB_FEEDBACK_ANALYSE, JOB_SPC_DETECT] as const;

/** Queue keys share one hash tag, so BullMQ's multi-key scripts work on Redis Cluster. */
export const queuePrefix = (redisPrefix: string): string => `{${redisPrefix}}`;
