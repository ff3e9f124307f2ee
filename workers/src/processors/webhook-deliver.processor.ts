import { UnrecoverableError, type JobsOptions } from 'bullmq';
import { JOB_WEBHOOK_DELIVER, ZWebhookDeliverJob } from '../../../shared/src/jobs';
import type { TWebhookEvent } from '../../../shared/src/api/integrations';
import type { Db } from '../../../server/src/db/client';
import { attemptDelivery } from '../../../server/src/features/webhooks/webhooks.delivery';
import { recordWebhookEvent } from '../../../server/src/features/webhooks/webhooks.service';
import type { TJobDefinition, TJobProducer } from '../job-definition';
import { JOB_OPTIONS } from '../queues';

/** 10 attempts, 2 s doubling: about 17 minutes for a receiver to come back before a delivery is `failed`. */
const DELIVERY_OPTIONS: JobsOptions = {
  ...JOB_OPTIONS,
  attempts: 10,
  backoff: { type: 'exponential', delay: 2000 },
};

/** One job per delivery, id `webhook-<delivery id>`, so a delivery enqueued twice is sent once. */
export async function enqueueWebhookDeliveries(jobs: TJobProducer, deliveryIds: string[]): Promise<void> {
  for (const deliveryId of deliveryIds) {
    await jobs.add(
      JOB_WEBHOOK_DELIVER,
      { deliveryId },
      { ...DELIVERY_OPTIONS, jobId: `webhook-${deliveryId}` },
    );
  }
}

/** Records an event for the organisation's hooks and enqueues their deliveries (ids only). */
export async function notifyWebhooks(
  db: Db,
  jobs: TJobProducer,
  organisationId: string,
  event: TWebhookEvent,
  subjectIds: string[],
): Promise<void> {
  const ids = await recordWebhookEvent(
    db,
    organisationId,
    event,
    subjectIds.map((subjectId) => ({ subjectId, eventKey: subjectId })),
  );
  await enqueueWebhookDeliveries(jobs, ids);
}

/** `webhook.deliver`: one signed POST; a non-2xx reply or network error is retried with backoff. */
export const webhookDeliver: TJobDefinition<typeof ZWebhookDeliverJob> = {
  schema: ZWebhookDeliverJob,
  async handle({ deliveryId }, { db, log, job }) {
    const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const outcome = await attemptDelivery(db, deliveryId, final);
    if (outcome === 'gone') return;
    if (outcome === 'retry') {
      log.warn({ deliveryId }, 'webhook delivery failed');
      if (final) throw new UnrecoverableError('webhook delivery failed for good');
      throw new Error('webhook delivery failed: will retry');
    }
  },
};
