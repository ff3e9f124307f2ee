import { and, asc, desc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { TActionStatus } from '../../../../shared/src/api/actions';
import type { Db } from '../../db/client';
import { actionResponses, actions, actionUnits } from '../../db/actions.schema';
import { alerts, spcSignals } from '../../db/analysis.schema';
import { links, responses, surveys, surveyVersions, units, users } from '../../db/schema';

export type TActionRow = typeof actions.$inferSelect & { unitIds: string[]; ownerName: string | null };

/** At most this many reports are linked to one action: enough for "My reports", bounded for a busy ward. */
export const MAX_LINKED_REPORTS = 5000;

const unitIdsOf = sql<
  string[]
>`coalesce((SELECT array_agg(au.unit_id ORDER BY au.unit_id) FROM action_units au WHERE au.action_id = ${actions.id}), '{}')`;

const selection = {
  action: actions,
  unitIds: unitIdsOf,
  ownerName: users.name,
};

const toRow = (r: { action: typeof actions.$inferSelect; unitIds: string[]; ownerName: string | null }) => ({
  ...r.action,
  unitIds: r.unitIds,
  ownerName: r.ownerName,
});

export async function insertAction(
  db: Db,
  row: typeof actions.$inferInsert,
  unitIds: string[],
): Promise<typeof actions.$inferSelect> {
  const [created] = await db.insert(actions).values(row).returning();
  await db.insert(actionUnits).values(unitIds.map((unitId) => ({ actionId: created!.id, unitId })));
  return created!;
}

export async function findAction(
  db: Db,
  organisationId: string,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<TActionRow | null> {
  if (opts.forUpdate) {
    await db
      .select({ id: actions.id })
      .from(actions)
      .where(and(eq(actions.id, id), eq(actions.organisationId, organisationId)))
      .for('update');
  }
  const [row] = await db
    .select(selection)
    .from(actions)
    .leftJoin(users, eq(users.id, actions.ownerUserId))
    .where(and(eq(actions.id, id), eq(actions.organisationId, organisationId)));
  return row ? toRow(row) : null;
}

export type TActionFilter = { unitIds?: string[]; status?: TActionStatus };

export async function listActions(
  db: Db,
  organisationId: string,
  filter: TActionFilter,
): Promise<TActionRow[]> {
  const where: SQL[] = [eq(actions.organisationId, organisationId)];
  if (filter.status) where.push(eq(actions.status, filter.status));
  if (filter.unitIds) {
    if (filter.unitIds.length === 0) return [];
    where.push(
      sql`EXISTS (SELECT 1 FROM action_units au WHERE au.action_id = ${actions.id} AND au.unit_id IN ${filter.unitIds})`,
    );
  }
  const rows = await db
    .select(selection)
    .from(actions)
    .leftJoin(users, eq(users.id, actions.ownerUserId))
    .where(and(...where))
    .orderBy(desc(actions.createdAt))
    .limit(1000);
  return rows.map(toRow);
}

export async function updateAction(
  db: Db,
  id: string,
  fields: Partial<typeof actions.$inferInsert>,
  unitIds?: string[],
): Promise<void> {
  await db
    .update(actions)
    .set({ ...fields, updatedAt: sql`now()` })
    .where(eq(actions.id, id));
  if (unitIds) {
    await db.delete(actionUnits).where(eq(actionUnits.actionId, id));
    await db.insert(actionUnits).values(unitIds.map((unitId) => ({ actionId: id, unitId })));
  }
}

export async function deleteAction(db: Db, id: string): Promise<void> {
  await db.delete(actions).where(eq(actions.id, id));
}

/** An alert of the organisation, for an action made from it. */
export async function findAlert(db: Db, organisationId: string, id: string) {
  const [row] = await db
    .select({
      unitId: alerts.unitId,
      responseId: alerts.responseId,
      spcSignalId: alerts.spcSignalId,
    })
    .from(alerts)
    .where(and(eq(alerts.id, id), eq(alerts.organisationId, organisationId)));
  return row ?? null;
}

export async function findSignal(db: Db, organisationId: string, id: string) {
  const [row] = await db
    .select({
      id: spcSignals.id,
      unitId: spcSignals.unitId,
      runStart: spcSignals.runStart,
      week: spcSignals.week,
    })
    .from(spcSignals)
    .where(and(eq(spcSignals.id, id), eq(spcSignals.organisationId, organisationId)));
  return row ?? null;
}

/** The units of responses of the organisation (those of other organisations are left out). */
export async function findResponseUnits(db: Db, organisationId: string, responseIds: string[]) {
  return db
    .select({ id: responses.id, unitId: responses.unitId })
    .from(responses)
    .innerJoin(units, eq(units.id, responses.unitId))
    .where(
      and(
        inArray(responses.id, responseIds),
        sql`${responses.surveyId} IN (SELECT s.id FROM surveys s WHERE s.organisation_id = ${organisationId})`,
      ),
    );
}

/**
 * Which reports an action answers, as a query of response ids:
 * - a theme: comments on the action's units in the 90 days before it, analysed with that framework
 *   theme (by label) or friction theme (by key);
 * - a change: comments on the action's units since the change went live that were negative or named
 *   a friction theme (what people said against it);
 * - an SPC signal (or its alert): comments on the signal's unit from the run's first week to the
 *   week it fired;
 * - an urgent-comment alert: that comment's response; selected comments: those.
 * Days are taken from `submitted_at` in UTC: a report an hour either side of midnight may fall
 * either way, which a link meant for "what happened to what I said" can bear.
 */
export type TLinkPlan =
  | { kind: 'responses'; responseIds: string[] }
  | { kind: 'theme'; theme: string; unitIds: string[] }
  | { kind: 'since'; from: string; unitIds: string[] }
  | { kind: 'span'; from: string; to: string; unitIds: string[] };

export async function linkReports(db: Db, actionId: string, plan: TLinkPlan): Promise<number> {
  let select: SQL;
  if (plan.kind === 'responses') {
    if (plan.responseIds.length === 0) return 0;
    select = sql`SELECT r.id FROM responses r WHERE r.id IN ${plan.responseIds}`;
  } else if (plan.kind === 'theme') {
    select = sql`SELECT DISTINCT r.id FROM responses r JOIN comment_analyses ca ON ca.response_id = r.id
      WHERE r.unit_id IN ${plan.unitIds} AND r.submitted_at >= now() - interval '90 days'
        AND (ca.themes @> jsonb_build_array(jsonb_build_object('label', ${plan.theme}::text))
          OR ca.friction_themes @> jsonb_build_array(jsonb_build_object('key', ${plan.theme}::text)))`;
  } else if (plan.kind === 'since') {
    select = sql`SELECT DISTINCT r.id FROM responses r JOIN comment_analyses ca ON ca.response_id = r.id
      WHERE r.unit_id IN ${plan.unitIds} AND r.submitted_at >= ${plan.from}::date
        AND (ca.sentiment = 'negative' OR ca.friction_themes <> '[]'::jsonb)`;
  } else {
    select = sql`SELECT DISTINCT r.id FROM responses r JOIN comment_analyses ca ON ca.response_id = r.id
      WHERE r.unit_id IN ${plan.unitIds} AND r.submitted_at >= ${plan.from}::date
        AND r.submitted_at < ${plan.to}::date + 1`;
  }
  const inserted = await db
    .insert(actionResponses)
    .select(sql`SELECT ${actionId}::uuid, picked.id FROM (${select} LIMIT ${MAX_LINKED_REPORTS}) picked`)
    .onConflictDoNothing()
    .returning({ responseId: actionResponses.responseId });
  await db.update(actions).set({ linkedReports: inserted.length }).where(eq(actions.id, actionId));
  return inserted.length;
}

/** A unit by its public id, with its organisation: the public page's one lookup. */
export async function findUnitByPublicId(db: Db, publicId: string) {
  const [row] = await db
    .select({
      id: units.id,
      name: units.name,
      organisationId: sql<string>`(SELECT s.organisation_id FROM departments d JOIN sites s ON s.id = d.site_id WHERE d.id = ${units.departmentId})`,
    })
    .from(units)
    .where(eq(units.publicId, publicId));
  return row ?? null;
}

/** The languages of the organisation's published survey versions (each version's `locales`). */
export async function readOrganisationLocales(db: Db, organisationId: string): Promise<{ locale: string }[]> {
  return db
    .selectDistinct({
      locale: sql<string>`jsonb_array_elements_text(${surveyVersions.definition}->'locales')`,
    })
    .from(surveyVersions)
    .innerJoin(surveys, eq(surveys.id, surveyVersions.surveyId))
    .where(eq(surveys.organisationId, organisationId));
}

/** The public ids of units, for the staff pages' links to them. */
export async function readPublicIds(db: Db, unitIds: string[]): Promise<Map<string, string>> {
  if (unitIds.length === 0) return new Map();
  const rows = await db
    .select({ id: units.id, publicId: units.publicId })
    .from(units)
    .where(inArray(units.id, unitIds));
  return new Map(rows.map((r) => [r.id, r.publicId]));
}

/** A unit's done actions, latest first: what its public page says. No names, no comment text. */
export async function listDoneActionsOfUnit(db: Db, unitId: string, limit = 50) {
  return db
    .select({
      id: actions.id,
      title: actions.title,
      publicDescription: actions.publicDescription,
      doneDate: actions.doneDate,
      source: actions.source,
      linkedReports: actions.linkedReports,
    })
    .from(actions)
    .innerJoin(actionUnits, eq(actionUnits.actionId, actions.id))
    .where(and(eq(actionUnits.unitId, unitId), eq(actions.status, 'done')))
    .orderBy(desc(actions.doneDate), asc(actions.title))
    .limit(limit);
}

/**
 * The newest open link of a unit that is still open, preferring one without kiosk mode (a poster is
 * scanned on people's own phones, which should keep their draft).
 */
export async function findOpenLinkToken(db: Db, unitId: string): Promise<string | null> {
  const [row] = await db
    .select({ token: links.token })
    .from(links)
    .innerJoin(surveys, eq(surveys.id, links.surveyId))
    .where(
      and(
        eq(links.unitId, unitId),
        eq(links.kind, 'open'),
        gt(links.expiresAt, sql`now()`),
        eq(surveys.status, 'published'),
      ),
    )
    .orderBy(asc(links.kiosk), desc(links.createdAt))
    .limit(1);
  return row?.token ?? null;
}

/** A clinician's own reports (those sent with consent to contact), newest first, with their actions. */
export type TMyReportAction = {
  id: string;
  title: string;
  public_description: string;
  status: TActionStatus;
  due_date: string | null;
  done_date: string | null;
};

export async function listMyReports(db: Db, userId: string, limit = 100) {
  return db
    .select({
      responseId: responses.id,
      submittedAt: responses.submittedAt,
      unitName: units.name,
      themes: sql<string[] | null>`(SELECT array_agg(DISTINCT names.t) FROM comment_analyses ca,
           LATERAL (SELECT f->>'label' AS t FROM jsonb_array_elements(ca.friction_themes) f
                    UNION SELECT x->>'label' FROM jsonb_array_elements(ca.themes) x) names
         WHERE ca.response_id = ${responses.id})`,
      actions: sql<
        TMyReportAction[]
      >`coalesce((SELECT json_agg(json_build_object('id', a.id, 'title', a.title,
            'public_description', a.public_description, 'status', a.status, 'due_date', a.due_date,
            'done_date', a.done_date) ORDER BY a.created_at)
          FROM action_responses ar JOIN actions a ON a.id = ar.action_id
          WHERE ar.response_id = ${responses.id}), '[]'::json)`,
    })
    .from(responses)
    .leftJoin(units, eq(units.id, responses.unitId))
    .where(eq(responses.contactUserId, userId))
    .orderBy(desc(responses.submittedAt))
    .limit(limit);
}
