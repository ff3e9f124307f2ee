import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { changes, links, organisations, surveys, units } from '../../db/schema';

export type TLinkRow = typeof links.$inferSelect;

export async function insertLink(db: Db, row: typeof links.$inferInsert): Promise<TLinkRow> {
  const [created] = await db.insert(links).values(row).returning();
  return created!;
}

export async function listLinks(db: Db, surveyId: string): Promise<TLinkRow[]> {
  return db.select().from(links).where(eq(links.surveyId, surveyId)).orderBy(desc(links.createdAt));
}

/** The unit's concern contact when it has one of its own, else the organisation's (a pair, not mixed). */
const concern = (column: 'concern_phone' | 'concern_url') =>
  sql<string | null>`CASE WHEN ${units.concernPhone} IS NOT NULL OR ${units.concernUrl} IS NOT NULL
    THEN ${sql.identifier('units')}.${sql.identifier(column)}
    ELSE (SELECT o.${sql.identifier(column)} FROM ${organisations} o WHERE o.id = ${surveys.organisationId}) END`;

/**
 * A link with what a respondent's page and submission need: survey state, latest version, unit name,
 * how to raise a concern, and the kind of the change it names (a pulse's "which change" answer).
 */
export async function findLinkByToken(db: Db, token: string) {
  const [row] = await db
    .select({
      link: links,
      organisationId: surveys.organisationId,
      surveyStatus: surveys.status,
      unitName: units.name,
      // The address set on the Organisation page, else the unit's own public page once it has a done action.
      youSaidWeDidUrl: sql<string | null>`coalesce(${units.youSaidWeDidUrl}, CASE WHEN EXISTS (SELECT 1
        FROM action_units au JOIN actions a ON a.id = au.action_id
        WHERE au.unit_id = ${units.id} AND a.status = 'done') THEN '/u/' || ${units.publicId} END)`,
      concernPhone: concern('concern_phone'),
      concernUrl: concern('concern_url'),
      changeKind: changes.kind,
      latestVersionId: sql<
        string | null
      >`(SELECT v.id FROM survey_versions v WHERE v.survey_id = ${links.surveyId} ORDER BY v.version DESC LIMIT 1)`,
    })
    .from(links)
    .innerJoin(surveys, eq(surveys.id, links.surveyId))
    .leftJoin(units, eq(units.id, links.unitId))
    .leftJoin(changes, eq(changes.id, links.changeId))
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
