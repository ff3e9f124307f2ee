import { z } from 'zod';

/**
 * The server's configuration: the only place that reads process.env. A bad value stops the process
 * with `NAME: message` lines, never echoing the value (it may be a password or a URL with one).
 */
const ZEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Unset: embedded PGlite under DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  /** Prefix for every Redis key, so that several deployments or test runs can share one Redis. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]*$/)
    .default('careloop'),
  /** The external base URL used in survey links; defaults to http://localhost:PORT. */
  PUBLIC_URL: z.string().url().optional(),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  ORGANISATION_NAME: z.string().min(1).default('Our hospital'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Express `trust proxy`: hops or subnets in front of the app, for the client IP used in rate limits. */
  TRUST_PROXY: z.string().default('loopback'),
  /** A session ends after this long unused… */
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(168).default(12),
  /** …and this long after sign-in, however busy. */
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(720).default(24),
  /** Rate limits, per minute. */
  RATE_LIMIT_SUBMIT_PER_IP: z.coerce.number().int().min(1).default(30),
  RATE_LIMIT_SUBMIT_PER_LINK: z.coerce.number().int().min(1).default(600),
  RATE_LIMIT_PUBLIC_READ_PER_IP: z.coerce.number().int().min(1).default(120),
  /** Failed sign-ins per account (and per IP, times 4) before a temporary lockout. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCKOUT_MINUTES: z.coerce.number().int().min(1).default(15),
  CLIENT_DIST: z.string().default('client/dist'),
  /**
   * Live boards: how often each server re-reads every watched board and pushes what changed, even
   * with no event (an event lost with Redis, the day rolling over).
   */
  LIVE_RECONCILE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
});

export type TConfig = Readonly<
  z.infer<typeof ZEnv> & { publicUrl: string; secureCookies: boolean; migrationsDir: string }
>;

export function parseConfig(env: Record<string, string | undefined>): TConfig {
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return Object.freeze({
    ...e,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    secureCookies: e.NODE_ENV === 'production',
    migrationsDir: 'server/drizzle',
  });
}

/** Reads the process environment once; exits non-zero with a clear message when it is invalid. */
export function loadConfig(): TConfig {
  try {
    return parseConfig(process.env);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}
