import { eq, sql } from 'drizzle-orm';
import type { TRetentionSettings } from '../../../../shared/src/api/integrations';
import { queryRows, type Db } from '../../db/client';
import { auditLog, organisations } from '../../db/schema';
import { actorOf, type TCtx } from '../../http/context';
import { recordAudit } from '../audit/audit.service';
import { assertOrganisationWide } from '../org/org.service';

const BATCH = 1000;

export async function getRetention(ctx: TCtx): Promise<TRetentionSettings> {
  const [row] = await ctx.db
    .select({ days: organisations.retentionDays, mode: organisations.retentionMode })
    .from(organisations)
    .where(eq(organisations.id, actorOf(ctx).organisationId));
  return { days: row?.days ?? null, mode: row?.mode ?? 'delete' };
}

export async function updateRetention(ctx: TCtx, input: TRetentionSettings): Promise<TRetentionSettings> {
  assertOrganisationWide(ctx);
  await ctx.db
    .update(organisations)
    .set({ retentionDays: input.days, retentionMode: input.mode })
    .where(eq(organisations.id, actorOf(ctx).organisationId));
  await recordAudit(ctx, {
    action: 'org.retention_updated',
    targetType: 'organisation',
    detail: { ...input },
  });
  return input;
}

const idList = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

/**
 * Deletes one batch of responses with everything that hangs off them, in one transaction. Alerts
 * stay (their history is the quality team's) without the link to the response; rollups are left
 * as they are, so every figure and chart keeps the removed responses.
 */
async function deleteBatch(tx: Db, ids: string[]): Promise<void> {
  const list = idList(ids);
  await tx.execute(sql`UPDATE alerts SET response_id = NULL WHERE response_id IN (${list})`);
  for (const table of [
    'action_responses',
    'comment_corrections',
    'comment_analyses',
    'response_analyses',
    'response_answers',
    'idempotency_keys',
  ]) {
    await tx.execute(sql`DELETE FROM ${sql.identifier(table)} WHERE response_id IN (${list})`);
  }
  await tx.execute(sql`DELETE FROM outbox WHERE aggregate_id IN (${list})`);
  await tx.execute(sql`DELETE FROM responses WHERE id IN (${list})`);
}

/**
 * Anonymises one batch: typed and redacted text is blanked and the contact dropped; numbers, choices
 * and the analysis labels stay. A blanked response is never picked again: only responses that
 * still hold text or a contact are selected.
 */
async function anonymiseBatch(tx: Db, ids: string[]): Promise<void> {
  const list = idList(ids);
  await tx.execute(
    sql`UPDATE response_answers SET value_text = '' WHERE response_id IN (${list}) AND value_text IS NOT NULL AND value_text <> ''`,
  );
  await tx.execute(sql`UPDATE comment_analyses SET redacted_text = '' WHERE response_id IN (${list})`);
  await tx.execute(sql`UPDATE responses SET contact_user_id = NULL WHERE id IN (${list})`);
}

const candidates = (organisationId: string, days: number, mode: 'delete' | 'anonymise') => sql`
  SELECT r.id FROM responses r JOIN surveys s ON s.id = r.survey_id
  WHERE s.organisation_id = ${organisationId} AND r.submitted_at < now() - make_interval(days => ${days})
  ${
    mode === 'anonymise'
      ? sql`AND (r.contact_user_id IS NOT NULL
        OR EXISTS (SELECT 1 FROM response_answers a WHERE a.response_id = r.id AND a.value_text <> '')
        OR EXISTS (SELECT 1 FROM comment_analyses c WHERE c.response_id = r.id AND c.redacted_text <> ''))`
      : sql``
  }
  ORDER BY r.submitted_at LIMIT ${BATCH}`;

/**
 * The daily sweep: for every organisation with a retention period, responses submitted before it
 * are deleted or anonymised in batches of a thousand (short transactions, so the app keeps
 * answering), and one audit row per organisation says how many. Safe to re-run.
 */
export async function applyRetention(db: Db): Promise<{ organisationId: string; removed: number }[]> {
  const orgs = await db
    .select({ id: organisations.id, days: organisations.retentionDays, mode: organisations.retentionMode })
    .from(organisations)
    .where(sql`${organisations.retentionDays} IS NOT NULL`);
  const outcome: { organisationId: string; removed: number }[] = [];
  for (const org of orgs) {
    let removed = 0;
    for (;;) {
      const ids = (await queryRows<{ id: string }>(db, candidates(org.id, org.days!, org.mode))).map(
        (r) => r.id,
      );
      if (ids.length === 0) break;
      await db.transaction((tx) => (org.mode === 'delete' ? deleteBatch(tx, ids) : anonymiseBatch(tx, ids)));
      removed += ids.length;
    }
    if (removed > 0) {
      await db.insert(auditLog).values({
        organisationId: org.id,
        action: org.mode === 'delete' ? 'retention.deleted' : 'retention.anonymised',
        targetType: 'organisation',
        targetId: org.id,
        detail: { responses: removed, olderThanDays: org.days },
      });
    }
    outcome.push({ organisationId: org.id, removed });
  }
  return outcome;
}
