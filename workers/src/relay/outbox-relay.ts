import type { Queue } from 'bullmq';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../../server/src/db/client';
import type { TLogger } from '../../../server/src/logger';
import {
  HISTORY_ANALYSIS_PRIORITY,
  JOB_FEEDBACK_ANALYSE,
  ZFeedbackAnalyseJob,
} from '../../../shared/src/jobs';
import { JOB_OPTIONS, outboxJobId } from '../queues';

export type TRelayOptions = {
  db: Db;
  /** The `feedback.analyse` queue: the only outbox topic there is. */
  queue: Queue;
  log: TLogger;
  batchSize?: number;
  /** How long to wait when the outbox is empty. */
  idleMs?: number;
  /** The longest wait between attempts while Postgres or Redis is down. */
  maxBackoffMs?: number;
  /** How often to look for relayed responses that were never analysed, and prune the outbox. */
  sweepEveryMs?: number;
  /** A relayed response not analysed after this long is queued again (its job was lost with Redis). */
  lostAfterSeconds?: number;
  /** How often to check that Redis still holds its data (see recoverIfRedisWasEmptied). */
  sentinelEveryMs?: number;
};

type TOutboxRow = { id: string; aggregate_id: string; imported: boolean };

/**
 * The job of an outbox row, relayed for the first time or again by the sweep: ids only. Imported
 * history goes behind live responses (HISTORY_ANALYSIS_PRIORITY).
 */
const jobFor = (row: TOutboxRow) => ({
  name: JOB_FEEDBACK_ANALYSE,
  data: ZFeedbackAnalyseJob.parse({ responseId: row.aggregate_id }),
  opts: {
    ...JOB_OPTIONS,
    jobId: outboxJobId(row.id),
    ...(row.imported ? { priority: HISTORY_ANALYSIS_PRIORITY } : {}),
  },
});

/** Whether the outbox row's response came from a history import (alias `o` for the outbox). */
const IMPORTED = sql`EXISTS (SELECT 1 FROM responses r WHERE r.id = o.aggregate_id AND r.import_id IS NOT NULL) AS imported`;

/**
 * Moves outbox rows to BullMQ, one job per row, job id = outbox id (`outbox-<id>`). Rows are claimed with
 * FOR UPDATE SKIP LOCKED inside a transaction that marks them published only after Redis accepted
 * the jobs; if Redis or Postgres fails, the transaction rolls back and the rows are claimed again
 * later. A crash between Redis accepting and the commit re-adds the same job ids: BullMQ ignores a
 * job id it still holds, and the processor is idempotent for one it has already removed.
 *
 * Polling rather than LISTEN/NOTIFY: it works the same on PGlite and through poolers, and an idle
 * poll of the partial index costs next to nothing.
 */
export function startOutboxRelay(options: TRelayOptions): { stop(): Promise<void> } {
  const { db, queue, log } = options;
  const batchSize = options.batchSize ?? 200;
  const idleMs = options.idleMs ?? 100;
  const maxBackoffMs = options.maxBackoffMs ?? 5000;
  const sweepEveryMs = options.sweepEveryMs ?? 60_000;
  const lostAfterSeconds = options.lostAfterSeconds ?? 600;
  const sentinelEveryMs = options.sentinelEveryMs ?? 5000;
  let stopped = false;
  let wake: (() => void) | null = null;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function relayBatch(): Promise<number> {
    return db.transaction(async (tx) => {
      // Live rows first: a live response must not wait behind a 20,000-row import still being
      // relayed (its outbox rows all have lower ids). History fills the rest of the batch.
      const claim = (imported: boolean, limit: number) =>
        queryRows<TOutboxRow>(
          tx,
          sql`SELECT o.id, o.aggregate_id, ${sql.raw(String(imported))} AS imported FROM outbox o
              LEFT JOIN responses r ON r.id = o.aggregate_id
              WHERE o.published_at IS NULL AND o.topic = ${JOB_FEEDBACK_ANALYSE}
                AND r.import_id IS ${imported ? sql`NOT NULL` : sql`NULL`}
              ORDER BY o.id LIMIT ${limit} FOR UPDATE OF o SKIP LOCKED`,
        );
      const live = await claim(false, batchSize);
      const rows =
        live.length < batchSize ? [...live, ...(await claim(true, batchSize - live.length))] : live;
      if (rows.length === 0) return 0;
      await queue.addBulk(rows.map(jobFor));
      const ids = rows.map((r) => Number(r.id));
      await tx.execute(
        sql`UPDATE outbox SET published_at = now(), attempts = attempts + 1
            WHERE id IN (${sql.join(
              ids.map((id) => sql`${id}`),
              sql`, `,
            )})`,
      );
      return rows.length;
    });
  }

  /**
   * A Redis that loses its data (restarted without persistence, failed over) loses queued jobs whose
   * outbox rows are already marked published. The sweep queues those responses again under the same
   * job id (a job Redis still holds, such as one in the failed set, is left alone), and deletes
   * outbox rows whose response was analysed over an hour ago, so the table stays small.
   */
  async function sweep(): Promise<void> {
    await requeueLost(lostAfterSeconds);
    await db.execute(sql`DELETE FROM outbox o USING response_analyses ra
      WHERE ra.response_id = o.aggregate_id AND o.published_at < now() - interval '1 hour'
        AND ra.analysed_at < now() - interval '1 hour'`);
  }

  /** Queues again relayed responses not analysed after `olderThanSeconds`; returns how many. */
  async function requeueLost(olderThanSeconds: number, afterId = 0): Promise<number> {
    const lost = await queryRows<TOutboxRow>(
      db,
      sql`SELECT o.id, o.aggregate_id, ${IMPORTED} FROM outbox o
          WHERE o.topic = ${JOB_FEEDBACK_ANALYSE} AND o.id > ${afterId}
            AND o.published_at < now() - make_interval(secs => ${olderThanSeconds})
            AND NOT EXISTS (SELECT 1 FROM response_analyses ra WHERE ra.response_id = o.aggregate_id)
          ORDER BY o.id LIMIT 500`,
    );
    if (lost.length > 0) {
      await queue.addBulk(lost.map(jobFor));
      log.warn({ outboxIds: lost.map((r) => r.id) }, 'relayed responses not analysed yet: queued again');
    }
    return lost.length;
  }

  /**
   * Redis keeps this key as long as it keeps its data. When it is missing, Redis was emptied (restarted
   * without persistence, failed over to an empty replica) and every queued job with it: every relayed
   * response not yet analysed is queued again at once, rather than at the next lost-job sweep.
   */
  const sentinelKey = `${queue.opts.prefix ?? 'bull'}:${queue.name}:relay-sentinel`;
  // Only a key this relay has seen and that is gone since means Redis lost its data; at the relay's
  // first look a missing key may just be a new Redis, and the lost-job sweep covers what came before.
  let sentinelSeen = false;
  async function recoverIfRedisWasEmptied(): Promise<void> {
    const client = await queue.getBackend().client;
    if ((await client.get(sentinelKey)) !== null) {
      sentinelSeen = true;
      return;
    }
    // Two relays may both find it missing: both queue the same job ids, which BullMQ takes once.
    await client.set(sentinelKey, new Date().toISOString());
    if (!sentinelSeen) {
      sentinelSeen = true;
      return;
    }
    let requeued = 0;
    for (let lastId = 0; ;) {
      const batch = await queryRows<{ id: string }>(
        db,
        sql`SELECT max(id) AS id FROM (SELECT o.id FROM outbox o
              WHERE o.topic = ${JOB_FEEDBACK_ANALYSE} AND o.id > ${lastId} AND o.published_at IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM response_analyses ra WHERE ra.response_id = o.aggregate_id)
              ORDER BY o.id LIMIT 500) b`,
      );
      const moved = await requeueLost(0, lastId);
      requeued += moved;
      if (moved < 500 || !batch[0]?.id) break;
      lastId = Number(batch[0].id);
    }
    if (requeued > 0) log.warn({ requeued }, 'Redis had lost its data: relayed responses queued again');
  }

  const loop = (async () => {
    let failures = 0;
    let lastSweep = Date.now();
    let lastSentinelCheck = 0;
    while (!stopped) {
      try {
        if (Date.now() - lastSentinelCheck >= sentinelEveryMs) {
          await recoverIfRedisWasEmptied();
          lastSentinelCheck = Date.now();
        }
        if (Date.now() - lastSweep >= sweepEveryMs) {
          lastSweep = Date.now();
          await sweep();
        }
        const moved = await relayBatch();
        if (failures > 0) log.info({ moved }, 'outbox relay recovered');
        failures = 0;
        if (moved < batchSize) await sleep(idleMs);
      } catch (err) {
        failures += 1;
        const waitMs = Math.min(maxBackoffMs, 100 * 2 ** Math.min(failures, 10));
        // The first failure of a streak, then one in fifty, is a warning: enough to see a lasting
        // problem without flooding the log during an outage.
        const level = failures % 50 === 1 ? 'warn' : 'debug';
        log[level]({ err: (err as Error).message, failures, waitMs }, 'outbox relay: will retry');
        await sleep(waitMs);
      }
    }
  })();

  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
