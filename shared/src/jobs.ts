/**
 * Job names. Payloads carry ids only: BullMQ keeps job data in Redis in clear, so patient text never
 * goes into a job. The outbox row of a response names this job; its payload contract arrives with
 * the analysis pipeline that consumes it.
 */
export const JOB_FEEDBACK_ANALYSE = 'feedback.analyse';
