import { io, type Socket } from 'socket.io-client';
import type { TBoardPeriod, TBoardScope, TBoardSummary } from '../../shared/src/api/board';
import { applySummaryChanges } from '../../shared/src/board/summary-update';
import type { TLiveClientEvents, TLiveServerEvents, TSubscribeAck } from '../../shared/src/live';
import type { TRunningWorkers } from '../../workers/src/main';
import { startTestApp, type TTestApp } from './app';
import { startTestWorkers } from './workers';

export type TBoardSocket = Socket<TLiveServerEvents, TLiveClientEvents>;

/**
 * A real socket.io-client connection to `/live`, as a board makes it: the staff session cookie and
 * the app's Origin, over WebSocket. Resolves once connected; rejects with the server's
 * `{code, message}` when the handshake is refused.
 */
export function connectBoard(
  url: string,
  headers: { cookie?: string; origin?: string } = {},
): Promise<TBoardSocket> {
  const socket: TBoardSocket = io(`${url}/live`, {
    transports: ['websocket'],
    extraHeaders: { origin: url, ...headers } as Record<string, string>,
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err: Error & { data?: unknown }) => {
      socket.close();
      reject(Object.assign(new Error(err.message), { data: err.data }));
    });
  });
}

export function subscribe(
  socket: TBoardSocket,
  scope: TBoardScope,
  period: TBoardPeriod = '30d',
): Promise<TSubscribeAck> {
  return socket.timeout(10_000).emitWithAck('board:subscribe', { scope, period });
}

/** Subscribes and follows the board's figures; fails the test when refused. */
export async function watch(
  socket: TBoardSocket,
  scope: TBoardScope,
  period: TBoardPeriod = '30d',
): Promise<() => TBoardSummary> {
  const ack = await subscribe(socket, scope, period);
  if (!ack.ok) throw new Error(`subscription refused: ${ack.error.code}`);
  return follow(socket, ack.summary);
}

/** Everything a socket receives of one event, with when it arrived. */
export function record<E extends keyof TLiveServerEvents>(
  socket: TBoardSocket,
  event: E,
): { at: number; payload: Parameters<TLiveServerEvents[E]>[0] }[] {
  const seen: { at: number; payload: Parameters<TLiveServerEvents[E]>[0] }[] = [];
  const listener = (payload: Parameters<TLiveServerEvents[E]>[0]) => seen.push({ at: Date.now(), payload });
  socket.on(event, listener as never);
  return seen;
}

/**
 * A board's figures as it would show them: the subscription's reply with every push since applied,
 * older pushes than what is shown ignored (the client's rule).
 */
export function follow(socket: TBoardSocket, initial: TBoardSummary): () => TBoardSummary {
  let summary = initial;
  socket.on('summary:updated', (update) => {
    if (update.asOf > summary.asOf) summary = applySummaryChanges(summary, update.changed, update.asOf);
  });
  return () => summary;
}

/**
 * A live-board suite: the app and the real analysis worker for the whole file, boards (sockets)
 * closed after each test. Read `app` inside tests; `board(staff)` connects as that staff member.
 */
export function liveSuite(): {
  readonly app: TTestApp;
  board(staff: { cookie?: string }): Promise<TBoardSocket>;
} {
  let workers: TRunningWorkers | undefined;
  const sockets: TBoardSocket[] = [];
  const suite = {
    app: undefined as unknown as TTestApp,
    async board(staff: { cookie?: string }) {
      const socket = await connectBoard(suite.app.url, { cookie: staff.cookie });
      sockets.push(socket);
      return socket;
    },
  };
  beforeAll(async () => {
    suite.app = await startTestApp({
      RATE_LIMIT_SUBMIT_PER_IP: '100000',
      RATE_LIMIT_SUBMIT_PER_LINK: '100000',
    });
    workers = await startTestWorkers(suite.app);
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });
  afterAll(async () => {
    await workers?.stop();
    await suite.app?.close();
  });
  return suite;
}
