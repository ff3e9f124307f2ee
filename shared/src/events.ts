import { z } from 'zod';

/**
 * Domain events the workers publish after their transaction commits, for the live boards. They
 * carry ids and scopes only, never comment text. Written to a Redis stream (capped), so a server
 * that restarts can resume from the last id it relayed.
 */
export const FEEDBACK_EVENTS_STREAM = 'events:feedback';

export const ZFeedbackAnalysedEvent = z.object({
  type: z.literal('feedback.analysed'),
  responseId: z.uuid(),
  organisationId: z.uuid(),
  surveyId: z.uuid(),
  unitId: z.uuid().nullable(),
  changeId: z.uuid().nullable(),
  /** Alerts raised by this analysis (urgent comments), for the unit's quality leads. */
  alerts: z.array(z.object({ id: z.uuid(), unitId: z.uuid().nullable(), reasons: z.array(z.string()) })),
});
export type TFeedbackAnalysedEvent = z.infer<typeof ZFeedbackAnalysedEvent>;
