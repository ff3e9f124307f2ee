import type { Namespace } from 'socket.io';
import type { TBoardPeriod, TBoardSummary } from '../../../shared/src/api/board';
import { diffSummary, isEmptyChange } from '../../../shared/src/board/summary-update';
import type { TLiveClientEvents, TLiveServerEvents } from '../../../shared/src/live';
import type { Db } from '../db/client';
import { computeSummary, type TBoardTarget } from '../features/board/board.service';
import type { TLogger } from '../logger';

export type TLiveNamespace = Namespace<TLiveClientEvents, TLiveServerEvents>;

type TRoom = {
  target: TBoardTarget;
  period: TBoardPeriod;
  reading: Promise<TBoardSummary> | null;
  /**
   * The figures every board in the room holds: the first subscriber's reply, then each push
   * applied. Later subscribers get these too, so one change list fits every board in the room.
   */
  shown: TBoardSummary | null;
  lastPushAt: number;
  timer: NodeJS.Timeout | null;
  pushing: boolean;
  dirty: boolean;
};

export type TBoardRooms = {
  /** Records what a room watches; called when a socket subscribes. */
  register(room: string, target: TBoardTarget, period: TBoardPeriod): void;
  /** The figures the room's boards hold (read now for the room's first board). */
  snapshot(room: string): Promise<TBoardSummary>;
  /** The room's figures may have moved: push them, at most once per interval. */
  mark(room: string): void;
  /** Every room whose scope matches. */
  markWhere(match: (target: TBoardTarget) => boolean): void;
  close(): void;
};

/**
 * Board rooms: one per (scope, period) with at least one socket on this server. Updates are
 * coalesced per room: the first change after a quiet second is pushed at once, later ones wait
 * for the second to pass and go out together, read from the rollups as they are then. A push
 * carries what changed since the previous one (small, so the two minutes of pushes kept for
 * connection state recovery stay small too), and none is sent when nothing visible changed. Every
 * `reconcileMs` each room is re-read anyway and pushed if anything changed: that covers events lost
 * with Redis, and the day rolling over.
 */
export function createBoardRooms(options: {
  nsp: TLiveNamespace;
  db: Db;
  log: TLogger;
  intervalMs?: number;
  reconcileMs: number;
}): TBoardRooms {
  const { nsp, db, log } = options;
  const interval = options.intervalMs ?? 1000;
  const rooms = new Map<string, TRoom>();

  nsp.adapter.on('delete-room', (room: string) => {
    const state = rooms.get(room);
    if (state?.timer) clearTimeout(state.timer);
    rooms.delete(room);
  });

  function read(state: TRoom): Promise<TBoardSummary> {
    state.reading ??= computeSummary(db, state.target, state.period).finally(() => {
      state.reading = null;
    });
    return state.reading;
  }

  function schedule(room: string, state: TRoom): void {
    if (state.timer || state.pushing) return;
    const wait = Math.max(0, state.lastPushAt + interval - Date.now());
    state.timer = setTimeout(() => void push(room, state), wait);
  }

  async function push(room: string, state: TRoom): Promise<void> {
    state.timer = null;
    state.pushing = true;
    state.dirty = false;
    try {
      if (!nsp.adapter.rooms.get(room)?.size) return;
      const summary = await read(state);
      const changed = diffSummary(state.shown, summary);
      state.shown = summary;
      if (isEmptyChange(changed)) return;
      state.lastPushAt = Date.now();
      const { scope } = state.target;
      nsp.to(room).emit('summary:updated', { scope, period: state.period, asOf: summary.asOf, changed });
    } catch (err) {
      // The database is away: try again after the interval rather than drop the update.
      log.warn({ room, err: (err as Error).message }, 'board figures not read');
      state.dirty = true;
      state.lastPushAt = Date.now();
    } finally {
      state.pushing = false;
      if (state.dirty && rooms.get(room) === state) schedule(room, state);
    }
  }

  const mark = (room: string) => {
    const state = rooms.get(room);
    if (!state) return;
    state.dirty = true;
    schedule(room, state);
  };

  const reconcile = setInterval(() => {
    for (const room of rooms.keys()) mark(room);
  }, options.reconcileMs);
  reconcile.unref();

  return {
    register(room, target, period) {
      if (rooms.has(room)) return;
      rooms.set(room, {
        target,
        period,
        reading: null,
        shown: null,
        lastPushAt: 0,
        timer: null,
        pushing: false,
        dirty: false,
      });
    },
    async snapshot(room) {
      const state = rooms.get(room);
      if (!state) throw new Error(`room ${room} is not registered`);
      if (!state.shown) {
        const summary = await read(state);
        state.shown ??= summary;
      }
      return state.shown;
    },
    mark,
    markWhere(match) {
      for (const [room, state] of rooms) if (match(state.target)) mark(room);
    },
    close() {
      clearInterval(reconcile);
      for (const state of rooms.values()) if (state.timer) clearTimeout(state.timer);
      rooms.clear();
    },
  };
}
