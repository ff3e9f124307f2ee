import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from './app-error';

export type TLimiter = {
  /** Counts one hit for `key`; throws `rate_limited` with Retry-After once over the limit. */
  consume(key: string): Promise<void>;
  /** Gives one point back, for a hit that turned out legitimate (a successful sign-in). */
  reward(key: string): Promise<void>;
  reset(key: string): Promise<void>;
};

/**
 * A Redis-backed limiter shared by every server process. When Redis fails (down, or slower than the
 * connection's short command timeout) the in-process insurance limiter answers instead: a respondent
 * is neither refused nor kept waiting because Redis is away. Keys are hashed, so e-mail addresses and
 * IPs do not sit in Redis in clear.
 */
export function createLimiter(
  redis: Redis,
  opts: { prefix: string; points: number; durationSeconds: number; blockSeconds?: number },
): TLimiter {
  const common = {
    points: opts.points,
    duration: opts.durationSeconds,
    blockDuration: opts.blockSeconds ?? 0,
  };
  const limiter = new RateLimiterRedis({
    ...common,
    storeClient: redis,
    keyPrefix: opts.prefix,
    insuranceLimiter: new RateLimiterMemory({ ...common, keyPrefix: opts.prefix }),
  });
  const hashed = (key: string) => createHash('sha256').update(key).digest('base64url').slice(0, 32);
  const rejected = (res: unknown): never => {
    if (res instanceof RateLimiterRes) {
      throw new AppError('rate_limited', 'Too many requests; please wait and try again', {
        retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
      });
    }
    throw res;
  };
  return {
    consume: (key) => limiter.consume(hashed(key)).then(() => undefined, rejected),
    reward: (key) => limiter.reward(hashed(key)).then(() => undefined),
    reset: (key) => limiter.delete(hashed(key)).then(() => undefined),
  };
}

/** Express middleware over limiters, keyed by what `keyOf` picks from the request; they run side by side. */
export function limitBy(...rules: [TLimiter, (req: Request) => string][]) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    await Promise.all(rules.map(([limiter, keyOf]) => limiter.consume(keyOf(req))));
    next();
  };
}
