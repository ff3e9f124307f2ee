import { io, type Socket } from 'socket.io-client';
import type { TBoardSummary } from '../../../../shared/src/api/board';
import {
  LIVE_NAMESPACE,
  type TAlertNotice,
  type TLiveClientEvents,
  type TLiveError,
  type TLiveServerEvents,
  type TSubscribeAck,
  type TSummaryUpdate,
} from '../../../../shared/src/live';
import { sameScope, type TBoardView } from './board-scope';

export type TLiveState = 'connecting' | 'live' | 'reconnecting' | 'offline';

/** How long "Reconnecting…" shows before the board admits it is offline and shows its figures' age. */
const OFFLINE_AFTER_MS = 10_000;
const ACK_TIMEOUT_MS = 10_000;
const RESUBSCRIBE_AFTER_MS = 2000;

export type TLiveHandlers = {
  /** The scopes (and periods) to follow: a board follows one; a change page its change and units. */
  views: () => TBoardView[];
  /** The figures as they are now (a subscription's answer). */
  summary: (summary: TBoardSummary) => void;
  /** What changed since the previous push, for one of the views followed. */
  update: (update: TSummaryUpdate) => void;
  alert: (notice: TAlertNotice, raised: boolean) => void;
  state: (state: TLiveState) => void;
  refused: (error: TLiveError) => void;
  sessionEnded: () => void;
};

export type TLiveConnection = {
  /** The board now shows another scope or period: follow it instead of `previous`. */
  follow: (previous: TBoardView | null) => void;
  /** After signing in again: connect with the new session cookie. */
  reconnect: () => void;
  close: () => void;
};

/**
 * The board's Socket.IO connection to `/live`. Each (re)connection that did not recover its
 * session subscribes again, and the subscription's ack carries the figures as they are now: that
 * is how a board catches up on whatever it missed while cut off. Socket.IO retries for ever
 * with backoff, which a wall screen needs.
 */
export function connectLive(handlers: TLiveHandlers): TLiveConnection {
  const socket: Socket<TLiveServerEvents, TLiveClientEvents> = io(LIVE_NAMESPACE, {
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    withCredentials: true,
  });
  let offlineTimer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;
  let current: TLiveState = 'connecting';

  const setState = (state: TLiveState): void => {
    if (offlineTimer) clearTimeout(offlineTimer);
    offlineTimer = null;
    if (state === 'reconnecting') offlineTimer = setTimeout(() => setState('offline'), OFFLINE_AFTER_MS);
    current = state;
    handlers.state(state);
  };

  const followed = (view: Pick<TBoardView, 'scope' | 'period'>) =>
    handlers.views().some((v) => sameScope(v.scope, view.scope) && v.period === view.period);

  function subscribe(): void {
    for (const view of handlers.views()) subscribeTo(view);
  }

  function subscribeTo(view: TBoardView): void {
    socket
      .timeout(ACK_TIMEOUT_MS)
      .emit('board:subscribe', view, (err: Error | null, reply?: TSubscribeAck) => {
        if (closed) return;
        // No answer in time (a busy server): ask again while connected, or the board would sit
        // on old figures under a "Live" badge.
        if (err || !reply) {
          if (socket.connected) setTimeout(() => followed(view) && subscribeTo(view), RESUBSCRIBE_AFTER_MS);
          return;
        }
        if (!reply.ok) return handlers.refused(reply.error);
        // The answer may come after the user has picked another scope.
        if (followed(view)) handlers.summary(reply.summary);
      });
  }

  socket.on('connect', () => {
    setState('live');
    if (!socket.recovered) subscribe();
  });
  let sessionEnded = false;
  socket.on('disconnect', (reason) => {
    // The server hung up. After `session:ended` the board waits for a new sign-in; otherwise (the
    // staff member's role or scope changed) it connects again at once, with its new rights.
    if (reason === 'io server disconnect' && !sessionEnded && !closed) {
      setState('reconnecting');
      socket.connect();
      return;
    }
    setState(socket.active ? 'reconnecting' : 'offline');
  });
  socket.on('connect_error', () => {
    if (!socket.active) setState('offline');
    else if (current === 'connecting' || current === 'live') setState('reconnecting');
  });
  socket.on('summary:updated', (update) => {
    if (followed(update)) handlers.update(update);
  });
  socket.on('alert:raised', (notice) => handlers.alert(notice, true));
  socket.on('alert:updated', (notice) => handlers.alert(notice, false));
  socket.on('session:ended', () => {
    sessionEnded = true;
    handlers.sessionEnded();
  });
  setState('connecting');

  return {
    follow: (previous) => {
      if (!socket.connected) return;
      if (previous) socket.emit('board:unsubscribe', previous, () => undefined);
      subscribe();
    },
    reconnect: () => {
      if (closed) return;
      sessionEnded = false;
      if (socket.connected) subscribe();
      else {
        setState('connecting');
        socket.connect();
      }
    },
    close: () => {
      closed = true;
      if (offlineTimer) clearTimeout(offlineTimer);
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
}
