import type { JobsOptions } from 'bullmq';
import { JOB_SPC_DETECT, ZSpcDetectJob } from '../../../shared/src/jobs';
import { detectSpcSignals } from '../../../server/src/features/spc/spc.service';
import type { TJobDefinition, TJobProducer } from '../job-definition';
import { JOB_OPTIONS } from '../queues';
import { enqueueWebhookDeliveries, notifyWebhooks } from './webhook-deliver.processor';
import { detectVerdictChanges } from '../../../server/src/features/webhooks/verdicts.service';

/** Long enough for a burst of submissions (a clinic's kiosk at closing time) to be one detection. */
const SPC_DETECT_DELAY_MS = 5000;

/**
 * Asks for a detection on a unit's charts a few seconds from now. Debounced per unit with BullMQ's
 * deduplication, keyed by the unit: while one is waiting, more requests are dropped; while one is
 * running, one more is kept to run after it (`keepLastIfActive`), so the last analysis of a burst
 * is always looked at. Rejected: a fixed job id per minute bucket, which drops a request that comes
 * after that minute's job has finished, so the burst's last responses could wait for the next one.
 */
export function enqueueSpcDetect(jobs: TJobProducer, unitId: string): Promise<void> {
  const opts: JobsOptions = {
    ...JOB_OPTIONS,
    delay: SPC_DETECT_DELAY_MS,
    deduplication: { id: `spc-detect-${unitId}`, keepLastIfActive: true },
    // Detections are cheap to redo and say nothing once done: keep fewer than analyses.
    removeOnComplete: { age: 3600, count: 1000 },
  };
  return jobs.add(JOB_SPC_DETECT, { unitId }, opts);
}

/**
 * `spc.detect`: new special-cause signals on the unit's SPC charts are stored once per run, and each
 * recent one raises an alert that reaches the unit's quality leads live, as urgent comments do.
 */
export const spcDetect: TJobDefinition<typeof ZSpcDetectJob> = {
  schema: ZSpcDetectJob,
  async handle({ unitId }, { db, log, events, jobs }) {
    const found = await detectSpcSignals(db, unitId);
    if (!found) {
      log.debug({ unitId }, 'unit gone: nothing to detect');
      return;
    }
    if (found.signals.length > 0) {
      log.info({ unitId, signals: found.signals.length, alerts: found.alerts.length }, 'SPC signals stored');
    }
    for (const alert of found.alerts) {
      await events.publish({ type: 'alert.raised', organisationId: found.organisationId, alert });
    }
    await notifyWebhooks(
      db,
      jobs,
      found.organisationId,
      'alert.raised',
      found.alerts.map((a) => a.id),
    );
    await enqueueWebhookDeliveries(jobs, await detectVerdictChanges(db, unitId));
  },
};
