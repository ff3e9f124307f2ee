import { randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type {
  TWebhook,
  TWebhookCreate,
  TWebhookCreated,
  TWebhookDelivery,
  TWebhookEvent,
} from '../../../../shared/src/api/integrations';
import type { Db } from '../../db/client';
import { webhookDeliveries, webhooks } from '../../db/integrations.schema';
import { invalid, notFound } from '../../http/app-error';
import { actorOf, type TCtx } from '../../http/context';
import { recordAudit } from '../audit/audit.service';
import { assertOrganisationWide } from '../org/org.service';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const toWebhook = (w: typeof webhooks.$inferSelect): TWebhook => ({
  id: w.id,
  url: w.url,
  events: w.events,
  includeRedactedText: w.includeRedactedText,
  createdAt: w.createdAt.toISOString(),
  disabledAt: iso(w.disabledAt),
});

/** https only; plain http to the loopback address only under NODE_ENV=test (a local receiver in tests). */
export function webhookUrlAllowed(url: string, testMode: boolean): boolean {
  const u = new URL(url);
  if (u.protocol === 'https:') return true;
  return testMode && u.protocol === 'http:' && u.hostname === '127.0.0.1';
}

export async function createWebhook(ctx: TCtx, input: TWebhookCreate): Promise<TWebhookCreated> {
  assertOrganisationWide(ctx);
  if (!webhookUrlAllowed(input.url, ctx.config.NODE_ENV === 'test')) {
    throw invalid([{ name: 'url', reason: 'must be an https:// address' }]);
  }
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  const [row] = await ctx.db
    .insert(webhooks)
    .values({
      organisationId: actorOf(ctx).organisationId,
      url: input.url,
      events: [...new Set(input.events)],
      includeRedactedText: input.includeRedactedText,
      secret,
      createdBy: actorOf(ctx).userId,
    })
    .returning();
  await recordAudit(ctx, {
    action: 'webhook.created',
    targetType: 'webhook',
    targetId: row!.id,
    detail: { events: row!.events, includeRedactedText: row!.includeRedactedText },
  });
  return { ...toWebhook(row!), secret };
}

export async function listWebhooks(ctx: TCtx): Promise<TWebhook[]> {
  assertOrganisationWide(ctx);
  const rows = await ctx.db
    .select()
    .from(webhooks)
    .where(eq(webhooks.organisationId, actorOf(ctx).organisationId))
    .orderBy(desc(webhooks.createdAt));
  return rows.map(toWebhook);
}

async function ownWebhook(ctx: TCtx, id: string) {
  const [row] = await ctx.db
    .select()
    .from(webhooks)
    .where(and(eq(webhooks.id, id), eq(webhooks.organisationId, actorOf(ctx).organisationId)));
  if (!row) throw notFound('Webhook not found');
  return row;
}

/** Stops a hook: no new deliveries; pending ones are dropped at delivery time. Its log stays. */
export async function disableWebhook(ctx: TCtx, id: string): Promise<void> {
  assertOrganisationWide(ctx);
  await ownWebhook(ctx, id);
  await ctx.db
    .update(webhooks)
    .set({ disabledAt: sql`now()` })
    .where(and(eq(webhooks.id, id), isNull(webhooks.disabledAt)));
  await recordAudit(ctx, { action: 'webhook.disabled', targetType: 'webhook', targetId: id });
}

/** The delivery log, newest first: status and error codes, never bodies. */
export async function listDeliveries(ctx: TCtx, id: string): Promise<TWebhookDelivery[]> {
  assertOrganisationWide(ctx);
  await ownWebhook(ctx, id);
  const rows = await ctx.db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.webhookId, id))
    .orderBy(desc(webhookDeliveries.createdAt))
    .limit(200);
  return rows.map((d) => ({
    id: d.id,
    event: d.event,
    subjectId: d.subjectId,
    status: d.status,
    attempts: d.attempts,
    lastStatusCode: d.lastStatusCode,
    lastErrorCode: d.lastErrorCode,
    createdAt: d.createdAt.toISOString(),
    deliveredAt: iso(d.deliveredAt),
  }));
}

/**
 * Records one event for every active hook of the organisation that wants it and returns the ids of
 * deliveries still to make. Idempotent by (hook, eventKey): a retried job finds the same rows, and
 * gets back those not yet delivered, so an enqueue lost to a crash is made again.
 */
export async function recordWebhookEvent(
  db: Db,
  organisationId: string,
  event: TWebhookEvent,
  subjects: { subjectId: string; eventKey: string }[],
): Promise<string[]> {
  if (subjects.length === 0) return [];
  const hooks = await db
    .select({ id: webhooks.id })
    .from(webhooks)
    .where(
      and(
        eq(webhooks.organisationId, organisationId),
        isNull(webhooks.disabledAt),
        sql`${event} = ANY(${webhooks.events})`,
      ),
    );
  if (hooks.length === 0) return [];
  const rows = await db
    .insert(webhookDeliveries)
    .values(hooks.flatMap((h) => subjects.map((s) => ({ webhookId: h.id, event, ...s }))))
    .onConflictDoUpdate({
      target: [webhookDeliveries.webhookId, webhookDeliveries.eventKey],
      set: { eventKey: sql`excluded.event_key` },
    })
    .returning({ id: webhookDeliveries.id, status: webhookDeliveries.status });
  return rows.filter((r) => r.status === 'pending').map((r) => r.id);
}

/** Whether any active hook of the organisation listens for this event (skips costly work when none). */
export async function anyWebhookFor(db: Db, organisationId: string, event: TWebhookEvent): Promise<boolean> {
  const [row] = await db
    .select({ id: webhooks.id })
    .from(webhooks)
    .where(
      and(
        eq(webhooks.organisationId, organisationId),
        isNull(webhooks.disabledAt),
        sql`${event} = ANY(${webhooks.events})`,
      ),
    )
    .limit(1);
  return row !== undefined;
}
