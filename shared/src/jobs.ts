import { z } from 'zod';

/**
 * Job names and payloads. Payloads carry ids only: BullMQ keeps job data in Redis in clear, so
 * patient text never goes into a job.
 */
export const JOB_FEEDBACK_ANALYSE = 'feedback.analyse';

/** Analyse one response's comments and fold it into the rollups. Job id = the outbox row id. */
export const ZFeedbackAnalyseJob = z.object({ responseId: z.uuid() }).strict();
export type TFeedbackAnalyseJob = z.infer<typeof ZFeedbackAnalyseJob>;

/**
 * BullMQ priority of analysing imported history (`responses.import_id` set). Live responses carry
 * none, which BullMQ takes before any prioritised job: a 20,000-row import never delays the board's
 * live feedback, it fills the gaps. (A second queue was rejected: two sets of workers would split a
 * small machine's cores between them even when one queue is empty.)
 */
export const HISTORY_ANALYSIS_PRIORITY = 100;

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

export const JOB_WEBHOOK_DELIVER = 'webhook.deliver';

/** Deliver one webhook event: the delivery row's id only; the body is built from the database at delivery. */
export const ZWebhookDeliverJob = z.object({ deliveryId: z.uuid() }).strict();
export type TWebhookDeliverJob = z.infer<typeof ZWebhookDeliverJob>;

export const JOB_RETENTION_APPLY = 'retention.apply';

/** The daily retention sweep over every organisation that set a period (a BullMQ job scheduler). */
export const ZRetentionApplyJob = z.object({}).strict();
export type TRetentionApplyJob = z.infer<typeof ZRetentionApplyJob>;
