import type { Job, JobsOptions } from 'bullmq';
import type { z } from 'zod';
import type { Db } from '../../server/src/db/client';
import type { TLogger } from '../../server/src/logger';
import type { TEventPublisher } from '../../server/src/realtime/live-events';

/** Adds a job to another queue; the payload is checked against that job's contract first. */
export type TJobProducer = { add(name: string, data: unknown, opts: JobsOptions): Promise<void> };

export type TJobContext = { db: Db; log: TLogger; job: Job; events: TEventPublisher; jobs: TJobProducer };

/** One job: the zod contract of its payload (ids only) and the processor that handles it. */
export type TJobDefinition<S extends z.ZodType = z.ZodType> = {
  schema: S;
  handle(data: z.infer<S>, ctx: TJobContext): Promise<void>;
};
