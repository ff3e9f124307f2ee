import type { NextFunction, Request, Response } from 'express';
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from './app-error';

export type TLimiter = {
  /** Counts one hit for `key`; throws `rate_limited` with Retry-After once over the limit. */
  consume(key: string, points?: number): Promise<void>;
  reset(key: string): Promise<void>;
  /** Throws `rate_limited` if `key` has used up its points, without counting a hit. */
  check(key: string): Promise<void>;
};

/**
 * A Redis-backed limiter shared by every server process. When Redis fails (down, or slower than the
 * command timeout) the in-process insurance limiter answers instead: a respondent is neither refused
 * nor kept waiting because Redis is away.
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
  const rejected = (res: unknown): never => {
    if (res instanceof RateLimiterRes) {
      throw new AppError('rate_limited', 'Too many requests; please wait and try again', {
        retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
      });
    }
    throw res;
  };
  return {
    consume: (key, points = 1) => limiter.consume(key, points).then(() => undefined, rejected),
    reset: (key) => limiter.delete(key).then(() => undefined),
    async check(key) {
      const res = await limiter.get(key).catch(() => null);
      if (res && res.consumedPoints >= opts.points) rejected(res);
    },
  };
}

/** Express middleware over a limiter, keyed by what `keyOf` picks from the request. */
export function limitBy(limiter: TLimiter, keyOf: (req: Request) => string) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    await limiter.consume(keyOf(req));
    next();
  };
}
