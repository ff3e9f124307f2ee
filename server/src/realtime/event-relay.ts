import Redis from 'ioredis';
import { ZLiveEvent, type TLiveEvent } from '../../../shared/src/events';
import type { TLogger } from '../logger';

/**
 * How live events reach every server process: each server reads the whole Redis stream the
 * workers (and servers, for alert changes) append to, and pushes to its own sockets.
 *
 * Considered, and why not:
 * - Socket.IO's Redis adapter with `@socket.io/redis-emitter` in the workers: Redis pub/sub, so a
 *   message published while a server is reconnecting to Redis is lost without trace, and the
 *   workers would have to know about rooms, throttling and suppression, which need the database.
 * - The Redis streams adapter: delivery survives short Redis blips, but a worker cannot emit through
 *   it, so it would still need a domain event source like this one.
 * With a stream, a server cut off from Redis resumes from the last id it read; events written
 * meanwhile are not lost. What a stream cannot give back (a Redis restart that lost its data, an
 * event the worker failed to write) is covered by `onGap` (each server re-reads every board's
 * figures) and by the periodic re-read in board-rooms.ts. Events carry ids only.
 *
 * Each server turns events into pushes for its own sockets, so no adapter is needed between
 * servers, and throttling is per server. Connection state recovery uses Socket.IO's in-memory
 * adapter: it restores a board that reconnects to the same server (the usual case, and always so
 * behind sticky sessions); a board that lands on another server resubscribes and gets the figures
 * as they are now in the subscription's reply.
 */
export type TEventRelay = { close(): Promise<void> };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function startEventRelay(options: {
  redisUrl: string;
  stream: string;
  log: TLogger;
  onEvent: (event: TLiveEvent) => Promise<void>;
  /** Events may have been missed (Redis restarted, or was unreachable): re-read what boards show. */
  onGap: () => void;
}): TEventRelay {
  const { stream, log } = options;
  // Its own connection: XREAD BLOCK holds it, and it must wait for Redis rather than fail fast.
  const reader = new Redis(options.redisUrl, {
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  let everReady = false;
  reader.on('error', () => undefined);
  reader.on('ready', () => {
    if (everReady) options.onGap();
    everReady = true;
  });

  let stopped = false;
  const loop = (async () => {
    let lastId: string | null = null;
    while (!stopped) {
      try {
        // Start after the newest entry: a board subscribing reads the figures as they are then.
        if (lastId === null) {
          const [newest] = await reader.xrevrange(stream, '+', '-', 'COUNT', 1);
          lastId = newest ? newest[0] : '0-0';
        }
        const reply: [string, [string, string[]][]][] | null = await reader.xread(
          'COUNT',
          500,
          'BLOCK',
          5000,
          'STREAMS',
          stream,
          lastId,
        );
        for (const [, entries] of reply ?? []) {
          for (const [id, fields] of entries) {
            lastId = id;
            await handle(fields);
          }
        }
      } catch (err) {
        if (stopped) break;
        log.warn({ err: (err as Error).message }, 'live event stream unreadable; retrying');
        await sleep(1000);
        options.onGap();
      }
    }
  })();

  async function handle(fields: string[]): Promise<void> {
    const raw = fields[fields.indexOf('event') + 1];
    let event: TLiveEvent;
    try {
      event = ZLiveEvent.parse(JSON.parse(raw ?? 'null'));
    } catch {
      log.warn('live event ignored: not a known event');
      return;
    }
    await options.onEvent(event).catch((err: Error) => {
      log.warn({ event: event.type, err: err.message }, 'live event not relayed');
      options.onGap();
    });
  }

  return {
    async close() {
      stopped = true;
      reader.disconnect();
      // A command waiting for a Redis that never came back may not settle: do not wait on it for ever.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([loop, new Promise((resolve) => (timer = setTimeout(resolve, 1000)))]);
      clearTimeout(timer);
    },
  };
}
