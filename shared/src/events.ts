import { z } from 'zod';

/**
 * Domain events published after a transaction commits, for the live boards. They carry ids and
 * scopes only, never comment text. Written to one capped Redis stream that every server process
 * reads (see server/src/realtime/event-relay.ts for why a stream).
 */
export const LIVE_EVENTS_STREAM = 'events:live';

/** A response was analysed (by the worker): its scope's figures moved, and it may have raised alerts. */
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

/** A quality lead acknowledged or resolved an alert (by the server). */
export const ZAlertUpdatedEvent = z.object({
  type: z.literal('alert.updated'),
  organisationId: z.uuid(),
  alert: z.object({
    id: z.uuid(),
    unitId: z.uuid().nullable(),
    status: z.enum(['open', 'acknowledged', 'resolved']),
    reasons: z.array(z.string()),
  }),
});
export type TAlertUpdatedEvent = z.infer<typeof ZAlertUpdatedEvent>;

/**
 * An alert raised outside an analysis (by the worker): a special-cause signal on a unit's SPC
 * chart. Boards hear of it as they hear of urgent comments (`alert:raised`).
 */
export const ZAlertRaisedEvent = z.object({
  type: z.literal('alert.raised'),
  organisationId: z.uuid(),
  alert: z.object({ id: z.uuid(), unitId: z.uuid().nullable(), reasons: z.array(z.string()) }),
});
export type TAlertRaisedEvent = z.infer<typeof ZAlertRaisedEvent>;

/**
 * A staff session ended (sign-out: its `sessionKey`) or all of a user's sessions did (a deactivated
 * account: `sessionKey` null). Every server closes the matching live sockets at once.
 */
export const ZSessionEndedEvent = z.object({
  type: z.literal('session.ended'),
  userId: z.uuid(),
  sessionKey: z.string().nullable(),
});
export type TSessionEndedEvent = z.infer<typeof ZSessionEndedEvent>;

export const ZLiveEvent = z.discriminatedUnion('type', [
  ZFeedbackAnalysedEvent,
  ZAlertUpdatedEvent,
  ZAlertRaisedEvent,
  ZSessionEndedEvent,
]);
export type TLiveEvent = z.infer<typeof ZLiveEvent>;
