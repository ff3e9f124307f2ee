import { z } from 'zod';

/**
 * Job contracts. Payloads carry ids only: BullMQ keeps job data in Redis in clear, so patient text
 * never goes into a job.
 */
export const JOB_FEEDBACK_ANALYSE = 'feedback.analyse';
export const ZFeedbackAnalyseJob = z.object({ responseId: z.uuid() }).strict();
export type TFeedbackAnalyseJob = z.infer<typeof ZFeedbackAnalyseJob>;
