import Redis from 'ioredis';

/**
 * The server's Redis connection (sessions, rate limits). It fails fast rather than queueing while
 * Redis is away: a respondent's submission must not wait on Redis, and rate limiting falls back to
 * an in-process limiter when a command fails.
 */
export function createRedis(url: string): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    // A hung Redis delays a respondent by this much at most before the in-process limiter answers.
    commandTimeout: 250,
    connectTimeout: 2000,
    lazyConnect: false,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  // Connection errors are reported by /readyz; without a listener ioredis prints them unstructured.
  redis.on('error', () => undefined);
  return redis;
}

/** Resolves when the connection is ready, or rejects after `ms`. */
export function waitForRedis(redis: Redis, ms = 5000): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      reject(new Error('Redis did not become ready'));
    }, ms);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    redis.once('ready', onReady);
  });
}
