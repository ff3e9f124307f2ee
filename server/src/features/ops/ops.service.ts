import { Queue } from 'bullmq';
import { sql } from 'drizzle-orm';
import type Redis from 'ioredis';
import type { TPipelineHealth } from '../../../../shared/src/api/ops';
import { JOB_NAMES, queuePrefix } from '../../../../shared/src/jobs';
import { queryRows } from '../../db/client';
import type { TCtx } from '../../http/context';

// Read-only queue handles, one set per Redis connection (one per app).
const handles = new WeakMap<Redis, Queue[]>();
function queuesOf(ctx: TCtx): Queue[] {
  let queues = handles.get(ctx.redis);
  if (!queues) {
    queues = JOB_NAMES.map((name) => {
      const q = new Queue(name, { connection: ctx.redis, prefix: queuePrefix(ctx.config.REDIS_PREFIX) });
      q.on('error', () => undefined);
      return q;
    });
    handles.set(ctx.redis, queues);
  }
  return queues;
}

async function outboxBacklog(ctx: TCtx): Promise<TPipelineHealth['outbox']> {
  const [row] = await queryRows<{ n: string; oldest: number | null }>(
    ctx.db,
    sql`SELECT count(*) AS n, extract(epoch FROM now() - min(created_at))::float8 AS oldest
        FROM outbox WHERE published_at IS NULL`,
  );
  return { unpublished: Number(row?.n ?? 0), oldestUnpublishedSeconds: row?.oldest ?? null };
}

async function queueHealth(queue: Queue) {
  const [counts, completed, failed, recent] = await Promise.all([
    queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed'),
    queue.getMetrics('completed'),
    queue.getMetrics('failed'),
    queue.getFailed(0, 9),
  ]);
  return {
    name: queue.name,
    counts: {
      waiting: counts.waiting ?? 0,
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
      failed: counts.failed ?? 0,
      completed: counts.completed ?? 0,
    },
    totals: { completed: completed.meta.count, failed: failed.meta.count },
    recentFailures: recent.map((job) => {
      const data = job.data as { responseId?: unknown };
      return {
        jobId: String(job.id),
        responseId: typeof data?.responseId === 'string' ? data.responseId : null,
        attempts: job.attemptsMade,
        reason: job.failedReason ?? '',
        failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
      };
    }),
  };
}

/** Whether analysis keeps up: the outbox backlog (Postgres) and each queue (Redis, when reachable). */
export async function pipelineHealth(ctx: TCtx): Promise<TPipelineHealth> {
  const outbox = await outboxBacklog(ctx);
  const queues = await Promise.all(queuesOf(ctx).map(queueHealth)).catch(() => null);
  return { outbox, queues };
}

/** The same in Prometheus text format, for a scraper holding an admin API token. */
export async function pipelineMetrics(ctx: TCtx): Promise<string> {
  const outbox = await outboxBacklog(ctx);
  const lines = [
    '# HELP careloop_outbox_unpublished Responses waiting for the relay',
    '# TYPE careloop_outbox_unpublished gauge',
    `careloop_outbox_unpublished ${outbox.unpublished}`,
    '# HELP careloop_outbox_oldest_unpublished_seconds Age of the oldest response waiting for the relay',
    '# TYPE careloop_outbox_oldest_unpublished_seconds gauge',
    `careloop_outbox_oldest_unpublished_seconds ${outbox.oldestUnpublishedSeconds ?? 0}`,
  ];
  for (const queue of queuesOf(ctx)) {
    const text = await queue.exportPrometheusMetrics().catch(() => null);
    if (text) lines.push(text);
  }
  return `${lines.join('\n')}\n`;
}
