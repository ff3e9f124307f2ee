import type { Job } from 'bullmq';
import type { z } from 'zod';
import type { Db } from '../../server/src/db/client';
import type { TLogger } from '../../server/src/logger';

export type TJobContext = { db: Db; log: TLogger; job: Job };

/** One job: the zod contract of its payload (ids only) and the processor that handles it. */
export type TJobDefinition<S extends z.ZodType = z.ZodType> = {
  schema: S;
  handle(data: z.infer<S>, ctx: TJobContext): Promise<void>;
};

/**
 * Job name → definition. The analysis pipeline registers `feedback.analyse` here; a worker started
 * for a name with no entry refuses to start.
 */
export const registry: Record<string, TJobDefinition> = {};

export function definitionFor(name: string): TJobDefinition {
  const definition = registry[name];
  if (!definition) throw new Error(`no handler registered for job "${name}"`);
  return definition;
}
