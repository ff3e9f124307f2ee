import { eq, sql } from 'drizzle-orm';
import { WEBHOOK_SIGNATURE_HEADER } from '../../../../shared/src/api/integrations';
import { queryRows, type Db } from '../../db/client';
import { webhookDeliveries, webhooks } from '../../db/integrations.schema';
import { signWebhook } from './webhooks.signature';

const TIMEOUT_MS = 10_000;

/** Ids and figures; redacted comment text only for hooks marked to receive it. */
async function buildData(
  db: Db,
  d: typeof webhookDeliveries.$inferSelect,
  withText: boolean,
): Promise<Record<string, unknown> | null> {
  if (d.event === 'response.analysed') {
    const [r] = await queryRows<Record<string, unknown>>(
      db,
      sql`SELECT r.id AS "responseId", r.survey_id AS "surveyId", r.unit_id AS "unitId", r.change_id AS "changeId",
            r.submitted_at AS "submittedAt",
            coalesce((SELECT json_agg(json_build_object('linkId', c.link_id, 'sentiment', c.sentiment,
               'score', c.sentiment_score, 'themes', (SELECT coalesce(json_agg(t->>'label'), '[]') FROM jsonb_array_elements(c.themes) t),
               'urgency', c.urgency_tier${withText ? sql`, 'redactedText', c.redacted_text` : sql``}) ORDER BY c.link_id)
             FROM comment_analyses c WHERE c.response_id = r.id), '[]') AS comments
          FROM responses r WHERE r.id = ${d.subjectId}`,
    );
    return r ?? null;
  }
  if (d.event === 'alert.raised') {
    const [a] = await queryRows<Record<string, unknown>>(
      db,
      sql`SELECT a.id AS "alertId", a.kind, a.unit_id AS "unitId", a.survey_id AS "surveyId",
            a.response_id AS "responseId", a.reasons, a.created_at AS "createdAt"
            ${withText ? sql`, (SELECT c.redacted_text FROM comment_analyses c WHERE c.response_id = a.response_id AND c.link_id = a.link_id) AS "redactedText"` : sql``}
          FROM alerts a WHERE a.id = ${d.subjectId}`,
    );
    return a ?? null;
  }
  // change.verdict_changed: the event key is `<metric>|<previous>|<verdict>|<stamp>`.
  const [metricKey, previousVerdict, verdict] = d.eventKey.split('|');
  return { changeId: d.subjectId, metricKey, previousVerdict, verdict };
}

export type TDeliveryOutcome = 'delivered' | 'gone' | 'retry';

/**
 * Makes one attempt at a delivery: builds the body now (so the job holds the id only), signs it,
 * POSTs it, and records status and error code (never the body). `final`: the last attempt, after
 * which a failure is marked `failed`. Throws nothing; the caller retries on `retry`.
 */
export async function attemptDelivery(db: Db, deliveryId: string, final: boolean): Promise<TDeliveryOutcome> {
  const [row] = await db
    .select({ d: webhookDeliveries, hook: webhooks })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .where(eq(webhookDeliveries.id, deliveryId));
  if (!row || row.d.status !== 'pending' || row.hook.disabledAt) return 'gone';
  const data = await buildData(db, row.d, row.hook.includeRedactedText);
  const t = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({
    id: row.d.id,
    type: row.d.event,
    createdAt: row.d.createdAt.toISOString(),
    organisationId: row.hook.organisationId,
    data,
  });
  let statusCode: number | null = null;
  let errorCode: string | null = null;
  try {
    const reply = await fetch(row.hook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'CareLoop-Webhooks/1',
        [WEBHOOK_SIGNATURE_HEADER]: signWebhook(row.hook.secret, body, t),
        'careloop-event': row.d.event,
        'careloop-delivery': row.d.id,
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    statusCode = reply.status;
    await reply.body?.cancel();
    if (reply.status < 200 || reply.status >= 300) errorCode = `http_${reply.status}`;
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    errorCode = e.name === 'TimeoutError' ? 'timeout' : (e.cause?.code ?? 'network_error');
  }
  const ok = errorCode === null;
  await db
    .update(webhookDeliveries)
    .set({
      attempts: sql`${webhookDeliveries.attempts} + 1`,
      lastAttemptAt: sql`now()`,
      lastStatusCode: statusCode,
      lastErrorCode: errorCode,
      ...(ok
        ? { status: 'delivered' as const, deliveredAt: sql`now()` }
        : final
          ? { status: 'failed' as const }
          : {}),
    })
    .where(eq(webhookDeliveries.id, deliveryId));
  return ok ? 'delivered' : 'retry';
}
