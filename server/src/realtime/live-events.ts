import type Redis from 'ioredis';
import { LIVE_EVENTS_STREAM, type TLiveEvent } from '../../../shared/src/events';
import type { TLogger } from '../logger';

export type TEventPublisher = { publish(event: TLiveEvent): Promise<void> };

/** About a day of events at 1 submission/s; servers catching up after a blip read from here. */
const STREAM_MAX_LENGTH = 100_000;

export const liveEventsStream = (redisPrefix: string): string => `${redisPrefix}:${LIVE_EVENTS_STREAM}`;

/**
 * Publishes after the transaction has committed. A failure to publish is logged, not retried: the
 * data is safe in Postgres, and boards catch up (each server re-reads every board's figures when
 * it has been cut off from the stream, and every 30 s in any case).
 */
export function redisEventPublisher(redis: Redis, redisPrefix: string, log: TLogger): TEventPublisher {
  const stream = liveEventsStream(redisPrefix);
  return {
    async publish(event) {
      try {
        await redis.xadd(stream, 'MAXLEN', '~', STREAM_MAX_LENGTH, '*', 'event', JSON.stringify(event));
      } catch (err) {
        log.warn({ event: event.type, err: (err as Error).message }, 'live event not published');
      }
    },
  };
}
