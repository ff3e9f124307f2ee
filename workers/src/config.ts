import { z } from 'zod';

/** The worker's configuration: the only place in workers/ that reads process.env. */
const ZEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Required when the worker runs on its own; `npm start` hands it the server's database instead. */
  DATABASE_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  REDIS_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]*$/)
    .default('careloop'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  /** Run the outbox relay in this process too (several relays may run: rows are claimed SKIP LOCKED). */
  RUN_RELAY: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** How long a worker holds a job before another may take it over (a crashed worker's jobs wait this long). */
  WORKER_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  RELAY_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(200),
  RELAY_IDLE_MS: z.coerce.number().int().min(10).max(10_000).default(100),
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
