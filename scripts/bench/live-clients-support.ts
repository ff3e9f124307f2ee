/**
 * Board clients and a submission load for the live bench, each in worker threads: the server under
 * test keeps the main thread's event loop to itself, and a thousand clients parsing every push do
 * not queue behind it (or it behind them). Times are epoch milliseconds with sub-millisecond
 * precision (`performance.timeOrigin + performance.now()`), comparable across threads.
 */
import { Worker } from 'node:worker_threads';
import type { TBoardPeriod, TBoardScope } from '../../shared/src/api/board';

const CLIENTS = `
const { io } = require('socket.io-client');
const { parentPort, workerData: w } = require('node:worker_threads');
const now = () => performance.timeOrigin + performance.now();
const sockets = [];
// [client, receivedAt, totals.responses.value or null, asOf]
let receipts = [];
const connectOne = (i) => new Promise((resolve, reject) => {
  const socket = io(w.url + '/live', {
    transports: ['websocket'],
    extraHeaders: { cookie: w.cookie, origin: w.origin },
    forceNew: true,
    reconnection: false,
    timeout: 20000,
  });
  socket.on('summary:updated', (u) => {
    const r = u && u.changed && u.changed.totals && u.changed.totals.responses;
    receipts.push([w.first + i, now(), r ? r.value : null, u.asOf]);
  });
  socket.once('connect_error', (err) => reject(new Error('connect_error: ' + err.message)));
  socket.once('connect', () => {
    socket.emit('board:subscribe', { scope: w.scope, period: w.period }, (ack) => {
      if (!ack || !ack.ok) return reject(new Error('subscribe refused: ' + JSON.stringify(ack && ack.error)));
      sockets.push(socket);
      resolve(ack.summary.totals.responses.value);
    });
  });
});
(async () => {
  let shown = null;
  try {
    for (let i = 0; i < w.count; i += w.batch) {
      const batch = [];
      for (let j = i; j < Math.min(w.count, i + w.batch); j++) batch.push(connectOne(j));
      const values = await Promise.all(batch);
      shown = values[values.length - 1];
    }
    parentPort.postMessage({ type: 'ready', shown });
  } catch (err) {
    parentPort.postMessage({ type: 'error', message: err.message });
  }
})();
parentPort.on('message', (m) => {
  if (m === 'collect') {
    parentPort.postMessage({ type: 'receipts', receipts });
    receipts = [];
  } else if (m === 'close') {
    for (const s of sockets) s.disconnect();
    parentPort.postMessage({ type: 'closed' });
  }
});
`;

/** [client index, received at (epoch ms), totals.responses.value in the push (null: unchanged), asOf]. */
export type TReceipt = [client: number, at: number, responses: number | null, asOf: string];

export type TClientPool = {
  /** Connected and subscribed sockets. */
  count: number;
  /** totals.responses.value in the last subscription reply. */
  shown: number | null;
  /** Receipts since the last collect, from every thread. */
  collect(): Promise<TReceipt[]>;
  close(): Promise<void>;
};

function ask<T>(worker: Worker, message: string, type: string): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (m: { type: string }) => {
      if (m.type !== type) return;
      worker.off('message', onMessage);
      resolve(m as T);
    };
    worker.on('message', onMessage);
    worker.postMessage(message);
  });
}

/**
 * `count` board clients over `threads` worker threads, each connected with the staff session cookie
 * and the server's Origin, subscribed to one scope and period. Resolves once all are subscribed.
 */
export async function startClients(opts: {
  url: string;
  cookie: string;
  count: number;
  threads: number;
  scope: TBoardScope;
  period: TBoardPeriod;
  /** Connections opened at once per thread. */
  batch?: number;
}): Promise<TClientPool> {
  const per = Math.ceil(opts.count / opts.threads);
  const workers: Worker[] = [];
  const ready: Promise<number | null>[] = [];
  for (let first = 0; first < opts.count; first += per) {
    const worker = new Worker(CLIENTS, {
      eval: true,
      workerData: {
        url: opts.url,
        origin: opts.url,
        cookie: opts.cookie,
        scope: opts.scope,
        period: opts.period,
        first,
        count: Math.min(per, opts.count - first),
        batch: opts.batch ?? 20,
      },
    });
    workers.push(worker);
    ready.push(
      new Promise((resolve, reject) => {
        worker.once('error', reject);
        const onMessage = (m: { type: string; shown?: number | null; message?: string }) => {
          if (m.type === 'ready') resolve(m.shown ?? null);
          else if (m.type === 'error') reject(new Error(m.message));
          else return;
          worker.off('message', onMessage);
        };
        worker.on('message', onMessage);
      }),
    );
  }
  const shown = await Promise.all(ready);
  return {
    count: opts.count,
    shown: shown[shown.length - 1] ?? null,
    async collect() {
      const parts = await Promise.all(
        workers.map((w) => ask<{ receipts: TReceipt[] }>(w, 'collect', 'receipts')),
      );
      return parts.flatMap((p) => p.receipts);
    },
    async close() {
      await Promise.all(workers.map((w) => ask(w, 'close', 'closed')));
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

const LOAD = `
const http = require('node:http');
const { randomUUID } = require('node:crypto');
const { parentPort, workerData: w } = require('node:worker_threads');
const now = () => performance.timeOrigin + performance.now();
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const post = () => new Promise((resolve) => {
  const sentAt = now();
  const req = http.request(w.url, { method: 'POST', agent, headers: {
    'content-type': 'application/json', 'idempotency-key': randomUUID() } }, (res) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (c) => { body += c; });
    res.on('end', () => {
      let id = null;
      try { id = JSON.parse(body).id ?? null; } catch {}
      resolve({ id, status: res.statusCode, sentAt, ackAt: now() });
    });
  });
  req.on('error', () => resolve({ id: null, status: 0, sentAt, ackAt: now() }));
  req.end(w.bodies[Math.floor(Math.random() * w.bodies.length)]);
});
(async () => {
  const started = now();
  const pending = [];
  for (let i = 0; i < w.total; i++) {
    const due = started + (i * 1000) / w.rate;
    const wait = due - now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(post());
  }
  const results = await Promise.all(pending);
  parentPort.postMessage({ results, seconds: (now() - started) / 1000 });
})();
`;

export type TSubmission = { id: string | null; status: number; sentAt: number; ackAt: number };

/** `rate` submissions per second for `seconds`, on a schedule (not closed-loop), from a worker thread. */
export function submitAtRate(opts: {
  url: string;
  bodies: string[];
  rate: number;
  seconds: number;
}): Promise<{ results: TSubmission[]; seconds: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(LOAD, {
      eval: true,
      workerData: {
        url: opts.url,
        bodies: opts.bodies,
        rate: opts.rate,
        total: Math.round(opts.rate * opts.seconds),
      },
    });
    worker.once('message', (m) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}
