import { z } from 'zod';
import {
  ZAlertStatus,
  ZBoardPeriod,
  ZBoardScope,
  type TBoardPeriod,
  type TBoardScope,
  type TBoardSummary,
} from './api/board';
import type { TSummaryChanges } from './board/summary-update';
import { ZErrorCode } from './errors';

/**
 * The live board contract: Socket.IO namespace `/live`, one typed event map for the server and
 * the board (Socket.IO's own pattern). The server parses every client payload with these schemas.
 */
export const LIVE_NAMESPACE = '/live';

/** `board:subscribe`: follow one scope over one period. The ack carries the summary as it is now. */
export const ZSubscribeRequest = z.object({ scope: ZBoardScope, period: ZBoardPeriod }).strict();
export type TSubscribeRequest = z.infer<typeof ZSubscribeRequest>;

/** What a refused request answers: the API's error codes, so a board treats both transports alike. */
export const ZLiveError = z.object({ code: ZErrorCode, message: z.string() });
export type TLiveError = z.infer<typeof ZLiveError>;

export type TSubscribeAck = { ok: true; summary: TBoardSummary } | { ok: false; error: TLiveError };
export type TUnsubscribeAck = { ok: true } | { ok: false; error: TLiveError };

/**
 * An urgent comment was found, or an alert changed status. Ids and reasons only: the comment
 * itself is read through `GET /alerts`, which writes the audit trail.
 */
export const ZAlertNotice = z.object({
  id: z.uuid(),
  unitId: z.uuid().nullable(),
  status: ZAlertStatus,
  reasons: z.array(z.string()),
});
export type TAlertNotice = z.infer<typeof ZAlertNotice>;

/**
 * A live push: what changed on one board (scope and period) since the previous push, as of `asOf`.
 * Apply it with `applySummaryChanges` (shared/src/board/summary-update.ts) to the summary the
 * subscription's reply gave.
 */
export type TSummaryUpdate = {
  scope: TBoardScope;
  period: TBoardPeriod;
  asOf: string;
  changed: TSummaryChanges;
};

export interface TLiveServerEvents {
  /** At most one per scope and period per second: the figures that changed, suppression applied. */
  'summary:updated': (update: TSummaryUpdate) => void;
  /** At once, to the quality leads whose scope holds the alert's unit. */
  'alert:raised': (alert: TAlertNotice) => void;
  'alert:updated': (alert: TAlertNotice) => void;
  /** The session behind the socket ended (signed out, expired); the board should sign in again. */
  'session:ended': () => void;
}

export interface TLiveClientEvents {
  'board:subscribe': (request: unknown, ack: (reply: TSubscribeAck) => void) => void;
  'board:unsubscribe': (request: unknown, ack: (reply: TUnsubscribeAck) => void) => void;
}

/** The room of everyone in an organisation following a scope over a period. */
export function summaryRoom(organisationId: string, scope: TBoardScope, period: TBoardPeriod): string {
  const id = scope.level === 'organisation' ? organisationId : scope.id;
  return `summary:${organisationId}:${scope.level}:${id}:${period}`;
}

/**
 * Quality leads join the room of their own scope (`organisation` rooms are named by the
 * organisation's id); an alert goes to every room whose place contains its unit.
 */
export function alertRoom(level: 'organisation' | 'site' | 'department' | 'unit', id: string): string {
  return `alerts:${level}:${id}`;
}
