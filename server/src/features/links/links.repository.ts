import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { links, surveys, units } from '../../db/schema';

export type TLinkRow = typeof links.$inferSelect;

export async function insertLink(db: Db, row: typeof links.$inferInsert): Promise<TLinkRow> {
  const [created] = await db.insert(links).values(row).returning();
  return created!;
}

export async function listLinks(db: Db, surveyId: string): Promise<TLinkRow[]> {
  return db.select().from(links).where(eq(links.surveyId, surveyId)).orderBy(desc(links.createdAt));
}

/** A link with what a respondent's page and submission need: survey state, latest version, unit name. */
export async function findLinkByToken(db: Db, token: string) {
  const [row] = await db
    .select({
      link: links,
      organisationId: surveys.organisationId,
      surveyStatus: surveys.status,
      unitName: units.name,
      youSaidWeDidUrl: units.youSaidWeDidUrl,
      latestVersionId: sql<
        string | null
      >`(SELECT v.id FROM survey_versions v WHERE v.survey_id = ${links.surveyId} ORDER BY v.version DESC LIMIT 1)`,
    })
    .from(links)
    .innerJoin(surveys, eq(surveys.id, links.surveyId))
    .leftJoin(units, eq(units.id, links.unitId))
    .where(eq(links.token, token))
    .limit(1);
  return row ?? null;
}

/**
 * Consumes a single-use link. Concurrent callers serialise on the row; the loser sees `used_at`
 * already set and gets false.
 */
export async function consumeSingleUseLink(db: Db, linkId: string): Promise<boolean> {
  const rows = await db
    .update(links)
    .set({ usedAt: sql`now()` })
    .where(and(eq(links.id, linkId), isNull(links.usedAt)))
    .returning({ id: links.id });
  return rows.length === 1;
}

export async function findLinkWithSurvey(db: Db, id: string) {
  const [row] = await db
    .select({ link: links, organisationId: surveys.organisationId })
    .from(links)
    .innerJoin(surveys, eq(surveys.id, links.surveyId))
    .where(eq(links.id, id))
    .limit(1);
  return row ?? null;
}

/** Closes a link by moving its expiry back to its creation instant (see `isClosed`). */
export async function closeLink(db: Db, id: string): Promise<TLinkRow> {
  const [row] = await db
    .update(links)
    .set({ expiresAt: sql`${links.createdAt}` })
    .where(eq(links.id, id))
    .returning();
  return row!;
}
