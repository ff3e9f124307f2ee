import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { ZodError } from 'zod';
import {
  LIVE_NAMESPACE,
  ZSubscribeRequest,
  alertRoom,
  summaryRoom,
  type TLiveClientEvents,
  type TLiveError,
  type TLiveServerEvents,
} from '../../../shared/src/live';
import type { TLiveEvent } from '../../../shared/src/events';
import { can } from '../features/auth/permissions';
import { principalFromSession } from '../features/auth/auth.service';
import { sessionKeyOf } from '../features/auth/sessions';
import { resolveBoardScope, type TBoardTarget } from '../features/board/board.service';
import { findUnitPlace, scopeCovers } from '../features/org/org.service';
import { AppError, forbidden } from '../http/app-error';
import { isSameOrigin, sessionIdFromCookies } from '../http/auth';
import type { TAppDeps, TCtx, TPrincipal } from '../http/context';
import { createBoardRooms } from './board-rooms';
import { startEventRelay } from './event-relay';
import { liveEventsStream } from './live-events';

type TSocketData = { actor: TPrincipal; sessionId: string };
type TLiveSocket = Socket<TLiveClientEvents, TLiveServerEvents, Record<string, never>, TSocketData>;

/** Boards one connection may follow at once: a wall screen shows one, a laptop a few tabs' worth. */
const MAX_BOARDS_PER_SOCKET = 8;
/** How often each socket's session is checked again (sign-out, expiry, a changed role). */
const SESSION_CHECK_MS = 60_000;

export type TLiveServer = { close(): Promise<void> };

const liveError = (code: TLiveError['code'], message: string) =>
  Object.assign(new Error(message), { data: { code, message } satisfies TLiveError });

/**
 * The live layer on the app's HTTP server: Socket.IO namespace `/live`. The handshake needs a staff
 * session cookie and, when the browser sends one, a same-site Origin; the socket keeps the staff
 * member's rights, checked again every minute. Boards subscribe to scopes they may see and get
 * throttled summary pushes; quality leads get alerts for the units in their scope.
 */
export function attachLive(httpServer: HttpServer, deps: TAppDeps): TLiveServer {
  const log = deps.log.child({ component: 'live' });
  const io = new Server<TLiveClientEvents, TLiveServerEvents, Record<string, never>, TSocketData>(
    httpServer,
    {
      serveClient: false,
      // Clients send small JSON requests only.
      maxHttpBufferSize: 16 * 1024,
      connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
    },
  );
  // Long-polling answers are plain HTTP responses: the same hardening as the app's own (no sniffing,
  // nothing to load or frame). The app's middleware never sees them.
  io.engine.on('headers', (headers: Record<string, string>) => {
    headers['X-Content-Type-Options'] = 'nosniff';
    headers['Content-Security-Policy'] = "default-src 'none'; frame-ancestors 'none'";
    headers['Referrer-Policy'] = 'no-referrer';
    headers['Cache-Control'] = 'no-store';
  });
  io.of('/').use((_socket, next) => next(liveError('not_found', `Connect to ${LIVE_NAMESPACE}`)));
  const nsp = io.of(LIVE_NAMESPACE);
  const rooms = createBoardRooms({
    nsp,
    db: deps.db,
    log,
    reconcileMs: deps.config.LIVE_RECONCILE_SECONDS * 1000,
  });
  const places = new Map<string, Promise<{ siteId: string; departmentId: string } | null>>();

  const ctxOf = (socket: TLiveSocket, actor: TPrincipal | null = socket.data.actor): TCtx => ({
    ...deps,
    log,
    requestId: `socket:${socket.id}`,
    actor,
  });

  nsp.use(async (socket: TLiveSocket, next) => {
    const headers = socket.handshake.headers;
    if (!isSameOrigin(headers.origin, deps.config.publicUrl, headers.host)) {
      return next(liveError('forbidden', 'Cross-site connection refused'));
    }
    const sessionId = sessionIdFromCookies(headers.cookie);
    try {
      const actor = sessionId ? await principalFromSession(ctxOf(socket, null), sessionId) : null;
      if (!actor || !sessionId) return next(liveError('unauthenticated', 'Please sign in'));
      if (!can(actor.role, 'board:read'))
        return next(liveError('forbidden', 'Your role does not allow boards'));
      socket.data = { actor, sessionId };
      next();
    } catch (err) {
      next(liveError(err instanceof AppError ? err.code : 'unavailable', 'Please try again shortly'));
    }
  });

  nsp.on('connection', (socket: TLiveSocket) => {
    const { actor } = socket.data;
    // Alerts go to quality leads only; the room is their own scope's, so they hear of every unit in it.
    if (actor.role === 'quality_lead') {
      const s = actor.scope;
      void socket.join(alertRoom(s.level, s.level === 'organisation' ? actor.organisationId : s.id));
    }

    socket.on('board:subscribe', async (raw, ack) => {
      if (typeof ack !== 'function') return;
      try {
        const request = ZSubscribeRequest.parse(raw);
        const target = await resolveBoardScope(ctxOf(socket), request.scope);
        const room = summaryRoom(actor.organisationId, request.scope, request.period);
        const following = [...socket.rooms].filter((r) => r.startsWith('summary:')).length;
        if (!socket.rooms.has(room) && following >= MAX_BOARDS_PER_SOCKET) {
          throw forbidden(`One connection can follow at most ${MAX_BOARDS_PER_SOCKET} boards`);
        }
        rooms.register(room, target, request.period);
        // Join before reading, so that no push falls between the reply's figures and the room.
        await socket.join(room);
        ack({ ok: true, summary: await rooms.snapshot(room) });
      } catch (err) {
        ack({ ok: false, error: toLiveError(err) });
      }
    });

    socket.on('board:unsubscribe', async (raw, ack) => {
      if (typeof ack !== 'function') return;
      try {
        const request = ZSubscribeRequest.parse(raw);
        await socket.leave(summaryRoom(actor.organisationId, request.scope, request.period));
        ack({ ok: true });
      } catch (err) {
        ack({ ok: false, error: toLiveError(err) });
      }
    });
  });

  function toLiveError(err: unknown): TLiveError {
    if (err instanceof AppError) return { code: err.code, message: err.message };
    if (err instanceof ZodError) return { code: 'validation_failed', message: 'The request is not valid' };
    log.error({ err: (err as Error).message }, 'live request failed');
    return { code: 'internal', message: 'Something went wrong' };
  }

  function placeOf(unitId: string) {
    let place = places.get(unitId);
    if (!place) {
      place = findUnitPlace(deps.db, unitId).then(
        (p) => p && { siteId: p.siteId, departmentId: p.departmentId },
      );
      // A failed read is not cached.
      place.catch(() => places.delete(unitId));
      places.set(unitId, place);
    }
    return place;
  }

  async function alertRooms(organisationId: string, unitId: string | null): Promise<string[]> {
    const names = [alertRoom('organisation', organisationId)];
    const place = unitId ? await placeOf(unitId) : null;
    if (unitId && place) {
      names.push(
        alertRoom('site', place.siteId),
        alertRoom('department', place.departmentId),
        alertRoom('unit', unitId),
      );
    }
    return names;
  }

  async function relay(event: TLiveEvent): Promise<void> {
    if (event.type === 'session.ended') {
      for (const socket of nsp.sockets.values() as IterableIterator<TLiveSocket>) {
        const { actor, sessionId } = socket.data;
        if (actor.userId !== event.userId) continue;
        if (event.sessionKey !== null && sessionKeyOf(sessionId) !== event.sessionKey) continue;
        socket.emit('session:ended');
        socket.disconnect(true);
      }
      return;
    }
    if (event.type === 'alert.updated') {
      nsp.to(await alertRooms(event.organisationId, event.alert.unitId)).emit('alert:updated', event.alert);
      return;
    }
    if (event.type === 'alert.raised') {
      const notice = { ...event.alert, status: 'open' as const };
      nsp.to(await alertRooms(event.organisationId, event.alert.unitId)).emit('alert:raised', notice);
      return;
    }
    for (const alert of event.alerts) {
      const notice = { id: alert.id, unitId: alert.unitId, status: 'open' as const, reasons: alert.reasons };
      nsp.to(await alertRooms(event.organisationId, alert.unitId)).emit('alert:raised', notice);
    }
    const found = event.unitId ? await placeOf(event.unitId) : null;
    const place = found && event.unitId ? { ...found, unitId: event.unitId } : null;
    rooms.markWhere(({ organisationId, scope }: TBoardTarget) => {
      if (organisationId !== event.organisationId) return false;
      if (scope.level === 'change') return event.changeId === scope.id;
      if (scope.level === 'survey') return event.surveyId === scope.id;
      return scope.level === 'organisation' || (place !== null && scopeCovers(scope, place));
    });
  }

  const relayer = startEventRelay({
    redisUrl: deps.config.REDIS_URL,
    stream: liveEventsStream(deps.config.REDIS_PREFIX),
    log,
    onEvent: relay,
    onGap: () => {
      log.debug('live events may have been missed; re-reading every board');
      rooms.markWhere(() => true);
    },
  });

  // Sessions end (sign-out, expiry, a disabled account) and roles change: look again each minute.
  const sessionCheck = setInterval(() => {
    for (const socket of nsp.sockets.values() as IterableIterator<TLiveSocket>) {
      const { actor, sessionId } = socket.data;
      principalFromSession(ctxOf(socket, null), sessionId).then(
        (now) => {
          if (!now) {
            socket.emit('session:ended');
            socket.disconnect(true);
          } else if (now.role !== actor.role || JSON.stringify(now.scope) !== JSON.stringify(actor.scope)) {
            // Reconnecting gives the socket its new rights, and its board subscribes again.
            socket.disconnect(true);
          }
        },
        () => undefined,
      );
    }
  }, SESSION_CHECK_MS);
  sessionCheck.unref();

  return {
    async close() {
      clearInterval(sessionCheck);
      rooms.close();
      // Closing the connections (not disconnecting the sockets) lets boards reconnect by themselves,
      // to this server when it is back or to another one.
      io.engine.close();
      await relayer.close();
    },
  };
}
