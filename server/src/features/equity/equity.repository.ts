import { sql, type SQL } from 'drizzle-orm';
import type { TSurveyDefinition } from '../../../../shared/src/survey/definition';
import { queryRows, type Db } from '../../db/client';
import { scopeFilter, type TScopeRows } from '../../db/scope-filter';

/**
 * Equity reads. The rollups are kept per day, survey, unit and change, not per "about you" answer,
 * and splitting every rollup by six dimensions would multiply them; so the splits read the
 * responses themselves: one row per response with its choice and rating answers, the link's
 * channel and its comments' sentiment. Only codes and numbers leave the database, never text.
 */

export type TRawRespondent = {
  responseId: string;
  unitId: string;
  surveyId: string;
  versionId: string;
  day: string;
  /** From the link: `kiosk` for kiosk links, the link's own channel, else `online`; null without a link. */
  channel: string | null;
  /** linkId → choice codes or a number. */
  answers: Record<string, string[] | number>;
  comments: number;
  negativeComments: number;
};

export type TRespondentRead = {
  organisationId: string;
  /** Which rows: a board scope's, or units by id. */
  rows: TScopeRows;
  /** Organisation-local days, both included. */
  from: string;
  to: string;
};

export async function readRespondents(db: Db, read: TRespondentRead): Promise<TRawRespondent[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT r.id, r.unit_id, r.survey_id, r.survey_version_id,
        (r.submitted_at AT TIME ZONE o.timezone)::date::text AS day,
        CASE WHEN l.id IS NULL THEN NULL WHEN l.kiosk THEN 'kiosk' ELSE coalesce(l.channel, 'online') END AS channel,
        (SELECT jsonb_object_agg(a.link_id, CASE WHEN a.value_codes IS NOT NULL THEN to_jsonb(a.value_codes)
            ELSE to_jsonb(a.value_number) END)
          FROM response_answers a
          WHERE a.response_id = r.id AND (a.value_codes IS NOT NULL OR (a.item_type = 'rating' AND a.value_number IS NOT NULL))
        ) AS answers,
        (SELECT count(*) FROM comment_analyses c WHERE c.response_id = r.id) AS comments,
        (SELECT count(*) FROM comment_analyses c WHERE c.response_id = r.id AND c.sentiment = 'negative') AS negative
      FROM responses r
      JOIN surveys s ON s.id = r.survey_id
      JOIN organisations o ON o.id = s.organisation_id
      LEFT JOIN links l ON l.id = r.link_id
      WHERE s.organisation_id = ${read.organisationId} AND r.unit_id IS NOT NULL
        AND r.submitted_at >= (${read.from}::date::timestamp AT TIME ZONE o.timezone)
        AND r.submitted_at < ((${read.to}::date + 1)::timestamp AT TIME ZONE o.timezone)
        AND ${scopeFilter(read.rows, 'r')}`,
  );
  return rows.map((r) => ({
    responseId: String(r.id),
    unitId: String(r.unit_id),
    surveyId: String(r.survey_id),
    versionId: String(r.survey_version_id),
    day: String(r.day),
    channel: r.channel === null ? null : String(r.channel),
    answers: (r.answers ?? {}) as Record<string, string[] | number>,
    comments: Number(r.comments ?? 0),
    negativeComments: Number(r.negative ?? 0),
  }));
}

export async function readDefinitions(db: Db, versionIds: string[]): Promise<Map<string, TSurveyDefinition>> {
  if (versionIds.length === 0) return new Map();
  const rows = await queryRows<{ id: string; definition: TSurveyDefinition }>(
    db,
    sql`SELECT id, definition FROM survey_versions WHERE id IN ${versionIds}`,
  );
  return new Map(rows.map((r) => [r.id, r.definition]));
}

export type TUnitName = { id: string; name: string };

/** The organisation's units in a scope's rows (`all`: every unit), with names. */
export async function readUnits(db: Db, organisationId: string, rows: TScopeRows): Promise<TUnitName[]> {
  const filter: SQL =
    rows.kind === 'units'
      ? rows.ids.length === 0
        ? sql`FALSE`
        : sql`u.id IN ${rows.ids}`
      : rows.kind === 'change'
        ? sql`u.id IN (SELECT cu.unit_id FROM change_units cu WHERE cu.change_id = ${rows.id})`
        : sql`TRUE`;
  return queryRows<TUnitName>(
    db,
    sql`SELECT u.id, u.name FROM units u JOIN departments d ON d.id = u.department_id
      JOIN sites s ON s.id = d.site_id
      WHERE s.organisation_id = ${organisationId} AND ${filter} ORDER BY u.name, u.id`,
  );
}

export type TLinkUseRow = {
  unitId: string | null;
  channel: string;
  bucket: string;
  issued: number;
  answered: number;
};

/** Single-use links issued per bucket (day, or week from Mondays) by unit and channel, and how many were answered. */
export async function readInvitationUse(
  db: Db,
  read: TRespondentRead & { timezone: string; bucket: 'day' | 'week' },
): Promise<TLinkUseRow[]> {
  const local = sql`(t.created_at AT TIME ZONE ${read.timezone})::date`;
  const bucket = read.bucket === 'week' ? sql`date_trunc('week', ${local})::date` : local;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT t.unit_id, coalesce(t.channel, 'online') AS channel, ${bucket}::text AS bucket,
        count(*) AS issued, count(t.used_at) AS answered
      FROM links t JOIN surveys s ON s.id = t.survey_id
      WHERE s.organisation_id = ${read.organisationId} AND t.kind = 'single_use'
        AND t.created_at >= (${read.from}::date::timestamp AT TIME ZONE ${read.timezone})
        AND t.created_at < ((${read.to}::date + 1)::timestamp AT TIME ZONE ${read.timezone})
        AND ${scopeFilter(read.rows)}
      GROUP BY 1, 2, 3`,
  );
  return rows.map((r) => ({
    unitId: r.unit_id === null ? null : String(r.unit_id),
    channel: String(r.channel),
    bucket: String(r.bucket),
    issued: Number(r.issued),
    answered: Number(r.answered),
  }));
}
