import { z } from 'zod';

/** The worker's configuration: the only place in workers/ that reads process.env. */
const ZEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.string().url({ message: 'is required: a worker needs a shared PostgreSQL, not PGlite' }),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  REDIS_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]*$/)
    .default('careloop'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
});

export type TWorkerConfig = Readonly<z.infer<typeof ZEnv>>;

export function parseWorkerConfig(env: Record<string, string | undefined>): TWorkerConfig {
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return Object.freeze(parsed.data);
}

export function loadWorkerConfig(): TWorkerConfig {
  try {
    return parseWorkerConfig(process.env);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}
