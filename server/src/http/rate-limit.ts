import { hash } from 'node:crypto';
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
  const insurance = new RateLimiterMemory({ ...common, keyPrefix: opts.prefix });
  const limiter = new RateLimiterRedis({
    ...common,
    storeClient: redis,
    keyPrefix: opts.prefix,
    insuranceLimiter: insurance,
  });
  const created: TLimiter = {
    consume: (key) => limiter.consume(hashed(key)).then(() => undefined, rejected),
    reward: (key) => limiter.reward(hashed(key)).then(() => undefined),
    reset: (key) => limiter.delete(hashed(key)).then(() => undefined),
  };
  internals.set(created, { redis, insurance, ...common, prefix: opts.prefix });
  return created;
}

const hashed = (key: string) => hash('sha256', key, 'base64url').slice(0, 32);

function rejected(res: unknown): never {
  if (res instanceof RateLimiterRes) {
    throw new AppError('rate_limited', 'Too many requests; please wait and try again', {
      retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
    });
  }
  throw res;
}

type TInternals = {
  redis: Redis;
  insurance: RateLimiterMemory;
  prefix: string;
  points: number;
  duration: number;
  blockDuration: number;
};
const internals = new WeakMap<TLimiter, TInternals>();

/**
 * rate-limiter-flexible's own counting script (set NX with expiry, INCRBY, PTTL) over every key at
 * once, so that the same keys, values and expiries stay readable by its `delete`/`get`.
 */
const CONSUME_ALL_LUA = `
local out = {}
for i, key in ipairs(KEYS) do
  redis.call('set', key, 0, 'EX', ARGV[i], 'NX')
  local consumed = redis.call('incrby', key, 1)
  local ttl = redis.call('pttl', key)
  if ttl == -1 then
    redis.call('expire', key, ARGV[i])
    ttl = 1000 * ARGV[i]
  end
  out[#out + 1] = consumed
  out[#out + 1] = ttl
end
return out`;

type TConsumeAllRedis = Redis & { careloopConsumeAll(n: number, ...args: string[]): Promise<number[]> };

/**
 * Counts one hit on each (limiter, key) with one Redis round trip (a Lua script) instead of one per
 * limiter: the submit path's per-IP and per-link limits. Same counts, expiries and 429s as calling
 * each limiter's `consume`; when Redis fails, each limiter's in-process insurance answers, as there.
 * Limiters that block, or live on different connections, are consumed one by one.
 */
export async function consumeAll(rules: [TLimiter, string][]): Promise<void> {
  const parts = rules.map(([limiter]) => internals.get(limiter));
  const redis = parts[0]?.redis;
  if (!redis || parts.some((p) => !p || p.redis !== redis || p.blockDuration > 0)) {
    await Promise.all(rules.map(([limiter, key]) => limiter.consume(key)));
    return;
  }
  const known = parts as TInternals[];
  const keys = rules.map(([, key], i) => `${known[i]!.prefix}:${hashed(key)}`);
  let counted: number[] | null = null;
  if (redis.status === 'ready') {
    const r = redis as TConsumeAllRedis;
    if (typeof r.careloopConsumeAll !== 'function')
      r.defineCommand('careloopConsumeAll', { lua: CONSUME_ALL_LUA });
    counted = await r
      .careloopConsumeAll(keys.length, ...keys, ...known.map((p) => String(p.duration)))
      .catch(() => null);
  }
  if (!counted) {
    await Promise.all(
      rules.map(([, key], i) => known[i]!.insurance.consume(hashed(key)).then(() => undefined, rejected)),
    );
    return;
  }
  let waitMs = -1;
  known.forEach((p, i) => {
    if (counted[2 * i]! > p.points) waitMs = Math.max(waitMs, counted[2 * i + 1]!);
  });
  if (waitMs >= 0) {
    throw new AppError('rate_limited', 'Too many requests; please wait and try again', {
      retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
    });
  }
}

/** Express middleware over limiters, keyed by what `keyOf` picks from the request; they run side by side. */
export function limitBy(...rules: [TLimiter, (req: Request) => string][]) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    await Promise.all(rules.map(([limiter, keyOf]) => limiter.consume(keyOf(req))));
    next();
  };
}
