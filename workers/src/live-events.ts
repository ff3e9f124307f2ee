import type Redis from 'ioredis';
import { FEEDBACK_EVENTS_STREAM, type TFeedbackAnalysedEvent } from '../../shared/src/events';
import type { TLogger } from '../../server/src/logger';

export type TEventPublisher = { publish(event: TFeedbackAnalysedEvent): Promise<void> };

/** About a day of events at 1 submission/s; servers catching up after a restart read from here. */
const STREAM_MAX_LENGTH = 100_000;

/**
 * Publishes after the analysis has committed. A failure to publish is logged, not retried: the
 * analysis and rollups are safe in Postgres, and a board refetches its summary when it reconnects.
 */
export function redisEventPublisher(redis: Redis, redisPrefix: string, log: TLogger): TEventPublisher {
  const stream = `${redisPrefix}:${FEEDBACK_EVENTS_STREAM}`;
  return {
    async publish(event) {
      try {
        await redis.xadd(stream, 'MAXLEN', '~', STREAM_MAX_LENGTH, '*', 'event', JSON.stringify(event));
      } catch (err) {
        log.warn({ responseId: event.responseId, err: (err as Error).message }, 'live event not published');
      }
    },
  };
}
