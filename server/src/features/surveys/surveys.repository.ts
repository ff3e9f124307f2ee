import { and, desc, eq, max, sql } from 'drizzle-orm';
import type { TSurveyDefinition } from '../../../../shared/src/survey/definition';
import type { Db } from '../../db/client';
import { surveyVersions, surveys } from '../../db/schema';

export type TSurveyRow = typeof surveys.$inferSelect;
export type TVersionRow = typeof surveyVersions.$inferSelect;

export async function insertSurvey(db: Db, row: typeof surveys.$inferInsert): Promise<TSurveyRow> {
  const [created] = await db.insert(surveys).values(row).returning();
  return created!;
}

export async function findSurvey(
  db: Db,
  organisationId: string,
  id: string,
  lock = false,
): Promise<TSurveyRow | null> {
  const q = db
    .select()
    .from(surveys)
    .where(and(eq(surveys.id, id), eq(surveys.organisationId, organisationId)));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

export async function listSurveys(db: Db, organisationId: string): Promise<TSurveyRow[]> {
  return db
    .select()
    .from(surveys)
    .where(eq(surveys.organisationId, organisationId))
    .orderBy(desc(surveys.updatedAt));
}

/** Saves the draft only if nobody saved since `revision`; null when the revision is stale. */
export async function updateDraft(
  db: Db,
  id: string,
  revision: number,
  draft: TSurveyDefinition,
): Promise<TSurveyRow | null> {
  const [row] = await db
    .update(surveys)
    .set({ draft, revision: sql`${surveys.revision} + 1`, updatedAt: new Date() })
    .where(and(eq(surveys.id, id), eq(surveys.revision, revision)))
    .returning();
  return row ?? null;
}

export async function setSurveyState(
  db: Db,
  id: string,
  set: Partial<typeof surveys.$inferInsert>,
): Promise<TSurveyRow> {
  const [row] = await db
    .update(surveys)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(surveys.id, id))
    .returning();
  return row!;
}

export async function latestVersion(db: Db, surveyId: string): Promise<TVersionRow | null> {
  const [row] = await db
    .select()
    .from(surveyVersions)
    .where(eq(surveyVersions.surveyId, surveyId))
    .orderBy(desc(surveyVersions.version))
    .limit(1);
  return row ?? null;
}

export async function latestVersions(db: Db, organisationId: string): Promise<Map<string, TVersionRow>> {
  const latest = db
    .select({ surveyId: surveyVersions.surveyId, version: max(surveyVersions.version).as('v') })
    .from(surveyVersions)
    .innerJoin(surveys, eq(surveys.id, surveyVersions.surveyId))
    .where(eq(surveys.organisationId, organisationId))
    .groupBy(surveyVersions.surveyId)
    .as('latest');
  const rows = await db
    .select({ v: surveyVersions })
    .from(surveyVersions)
    .innerJoin(
      latest,
      and(eq(latest.surveyId, surveyVersions.surveyId), eq(latest.version, surveyVersions.version)),
    );
  return new Map(rows.map((r) => [r.v.surveyId, r.v]));
}

export async function findVersion(db: Db, surveyId: string, versionId: string): Promise<TVersionRow | null> {
  const [row] = await db
    .select()
    .from(surveyVersions)
    .where(and(eq(surveyVersions.id, versionId), eq(surveyVersions.surveyId, surveyId)));
  return row ?? null;
}

export async function insertVersion(db: Db, row: typeof surveyVersions.$inferInsert): Promise<TVersionRow> {
  const [created] = await db.insert(surveyVersions).values(row).returning();
  return created!;
}

export async function findVersionByNumber(
  db: Db,
  surveyId: string,
  version: number,
): Promise<TVersionRow | null> {
  const [row] = await db
    .select()
    .from(surveyVersions)
    .where(and(eq(surveyVersions.surveyId, surveyId), eq(surveyVersions.version, version)));
  return row ?? null;
}
