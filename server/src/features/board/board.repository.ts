import { sql, type SQL } from 'drizzle-orm';
import type { TBoardScope } from '../../../../shared/src/api/board';
import type { TSurveyDefinition } from '../../../../shared/src/survey/definition';
import { FFT_CODES } from '../../../../shared/src/survey/scoring';
import { queryRows, type Db } from '../../db/client';
import { scopeFilter, type TScopeRows } from '../../db/scope-filter';

/**
 * Board reads. Every figure comes from the rollup tables (one row per local day, survey, unit and
 * change), summed over the scope and period; raw responses are read only for the comment list.
 */

export type TWindow = {
  organisationId: string;
  scope: TBoardScope;
  rows: TScopeRows;
  from: string;
  to: string;
  week: boolean;
  /** More conditions on the responses (alias `r`) for comment reads: a results page's survey and change. */
  narrow?: SQL;
};

/** Rows of the scope and period; long periods read the weekly rows (their `day` is the Monday). */
const inWindow = (w: TWindow, from = w.from) =>
  sql`t.organisation_id = ${w.organisationId} AND t.span = ${w.week ? 'week' : 'day'}
    AND t.day BETWEEN ${from}::date AND ${w.to}::date AND ${scopeFilter(w.rows)}`;

const bucket = sql.raw('t.day::text');

const int = (v: unknown) => Number(v ?? 0);

const SENTIMENT_COLUMNS = ['positive', 'neutral', 'negative'].flatMap((x) => [
  `${x}_comments`,
  `${x}_commenters`,
]);

export type TResponsesRow = {
  bucket: string;
  surveyId: string;
  responses: number;
  comments: number;
  commenters: number;
} & Record<(typeof SENTIMENT_COLUMNS)[number], number>;
export type TRatingsRow = {
  bucket: string;
  surveyId: string;
  linkId: string;
  answers: number;
  sum: number;
  promoters: number;
  detractors: number;
};
export type TFftRow = { bucket: string; surveyId: string; linkId: string; code: string; answers: number };
export type TThemeRow = { surveyId: string; kind: string; key: string; current: number; previous: number };

/** Responses, comments and commenters, overall and by sentiment, per bucket and survey. */
export async function readResponses(db: Db, w: TWindow): Promise<TResponsesRow[]> {
  const columns = ['responses', 'comments', 'commenters', ...SENTIMENT_COLUMNS];
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT ${bucket} AS bucket, t.survey_id, ${sql.raw(columns.map((c) => `sum(t.${c}) AS ${c}`).join(', '))}
      FROM rollup_responses t WHERE ${inWindow(w)} GROUP BY 1, 2`,
  );
  return rows.map((r) => ({
    bucket: String(r.bucket),
    surveyId: String(r.survey_id),
    ...Object.fromEntries(columns.map((c) => [c, int(r[c])])),
  })) as TResponsesRow[];
}

export async function readRatings(db: Db, w: TWindow): Promise<TRatingsRow[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT ${bucket} AS bucket, t.survey_id, t.link_id, sum(t.answers) AS answers, sum(t.sum) AS sum,
        sum(t.promoters) AS promoters, sum(t.detractors) AS detractors
      FROM rollup_ratings t WHERE ${inWindow(w)} GROUP BY 1, 2, 3`,
  );
  return rows.map((r) => ({
    bucket: String(r.bucket),
    surveyId: String(r.survey_id),
    linkId: String(r.link_id),
    answers: int(r.answers),
    sum: int(r.sum),
    promoters: int(r.promoters),
    detractors: int(r.detractors),
  }));
}

/** Choice counts for the Friends and Family Test codes; the service keeps the FFT questions' rows. */
export async function readFftChoices(db: Db, w: TWindow): Promise<TFftRow[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT ${bucket} AS bucket, t.survey_id, t.link_id, t.code, sum(t.answers) AS answers
      FROM rollup_choices t WHERE ${inWindow(w)} AND t.code IN ${FFT_CODES} GROUP BY 1, 2, 3, 4`,
  );
  return rows.map((r) => ({
    bucket: String(r.bucket),
    surveyId: String(r.survey_id),
    linkId: String(r.link_id),
    code: String(r.code),
    answers: int(r.answers),
  }));
}

/** Respondents per theme this period and the one before, and (`any`, key '') all who commented, for shares. */
export async function readThemes(db: Db, w: TWindow, previousFrom: string): Promise<TThemeRow[]> {
  const current = sql`t.day >= ${w.from}::date`;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT t.survey_id, t.taxonomy AS kind, t.theme AS key,
        sum(t.respondents) FILTER (WHERE ${current}) AS current,
        sum(t.respondents) FILTER (WHERE NOT ${current}) AS previous
      FROM rollup_theme_respondents t
      WHERE ${inWindow(w, previousFrom)}
      GROUP BY 1, 2, 3
      UNION ALL
      SELECT t.survey_id, 'any', '', sum(t.commenters) FILTER (WHERE ${current}),
        sum(t.commenters) FILTER (WHERE NOT ${current})
      FROM rollup_responses t WHERE ${inWindow(w, previousFrom)} GROUP BY 1`,
  );
  return rows.map((r) => ({
    surveyId: String(r.survey_id),
    kind: String(r.kind),
    key: String(r.key),
    current: int(r.current),
    previous: int(r.previous),
  }));
}

/**
 * Single-use links issued in the period (by the organisation's local day) and how many were
 * answered, per survey: the only response rate the platform can know.
 */
export async function readLinkUse(
  db: Db,
  w: TWindow,
  timezone: string,
): Promise<{ surveyId: string; issued: number; answered: number }[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT t.survey_id, count(*) AS issued, count(t.used_at) AS answered
      FROM links t JOIN surveys s ON s.id = t.survey_id
      WHERE s.organisation_id = ${w.organisationId} AND t.kind = 'single_use'
        AND t.created_at >= (${w.from}::date::timestamp AT TIME ZONE ${timezone})
        AND t.created_at < ((${w.to}::date + 1)::timestamp AT TIME ZONE ${timezone})
        AND ${scopeFilter(w.rows)}
      GROUP BY 1`,
  );
  return rows.map((r) => ({
    surveyId: String(r.survey_id),
    issued: int(r.issued),
    answered: int(r.answered),
  }));
}

/**
 * The surveys that collect in a scope: linked there (open or closed links alike), or answered there
 * in the period. A board shows figures for what these ask, and nothing else.
 */
export async function readSurveysInScope(db: Db, w: TWindow): Promise<string[]> {
  const rows = await queryRows<{ survey_id: string }>(
    db,
    sql`SELECT t.survey_id FROM links t JOIN surveys s ON s.id = t.survey_id
      WHERE s.organisation_id = ${w.organisationId} AND ${scopeFilter(w.rows)}
      UNION
      SELECT t.survey_id FROM rollup_responses t WHERE ${inWindow(w)}`,
  );
  return rows.map((r) => String(r.survey_id));
}

/** Changes going live in the period that touch the scope. */
export async function readChanges(
  db: Db,
  w: TWindow,
): Promise<{ id: string; name: string; goLiveDate: string }[]> {
  const touches =
    w.scope.level === 'change'
      ? sql`c.id = ${w.scope.id}`
      : w.scope.level === 'organisation' || w.scope.level === 'survey'
        ? sql`TRUE`
        : sql`EXISTS (SELECT 1 FROM change_units t WHERE t.change_id = c.id AND ${scopeFilter(w.rows)})`;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT c.id, c.name, c.go_live_date::text AS go_live_date FROM changes c
      WHERE c.organisation_id = ${w.organisationId} AND c.go_live_date BETWEEN ${w.from}::date AND ${w.to}::date
        AND ${touches}
      ORDER BY c.go_live_date, c.name`,
  );
  return rows.map((r) => ({ id: String(r.id), name: String(r.name), goLiveDate: String(r.go_live_date) }));
}

/** Definitions of every published version of these surveys, by version id. */
export async function readSurveyVersions(
  db: Db,
  surveyIds: string[],
): Promise<{ id: string; surveyId: string; version: number }[]> {
  if (surveyIds.length === 0) return [];
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT id, survey_id, version FROM survey_versions WHERE survey_id IN ${surveyIds} ORDER BY version`,
  );
  return rows.map((r) => ({ id: String(r.id), surveyId: String(r.survey_id), version: int(r.version) }));
}

export async function readDefinitions(
  db: Db,
  versionIds: string[],
): Promise<{ id: string; definition: TSurveyDefinition }[]> {
  if (versionIds.length === 0) return [];
  const rows = await queryRows<{ id: string; definition: TSurveyDefinition }>(
    db,
    sql`SELECT id, definition FROM survey_versions WHERE id IN ${versionIds}`,
  );
  return rows;
}

export type TCommentRow = {
  responseId: string;
  linkId: string;
  surveyVersionId: string;
  redactedText: string;
  sentiment: string;
  themes: { label: string }[];
  frictionThemes: { key: string }[];
  urgent: boolean;
  unitName: string | null;
  submittedAt: Date;
};

type TCommentFilter = { theme?: string; sentiment?: string; linkId?: string };

const commentsWhere = (w: TWindow, timezone: string, f: TCommentFilter) => sql`
  s.organisation_id = ${w.organisationId}
  AND r.submitted_at >= (${w.from}::date::timestamp AT TIME ZONE ${timezone})
  AND r.submitted_at < ((${w.to}::date + 1)::timestamp AT TIME ZONE ${timezone})
  AND ${scopeFilter(w.rows, 'r')}
  ${w.narrow ? sql`AND ${w.narrow}` : sql``}
  ${f.linkId ? sql`AND ca.link_id = ${f.linkId}` : sql``}
  ${f.sentiment ? sql`AND ca.sentiment = ${f.sentiment}` : sql``}
  ${
    f.theme
      ? sql`AND (ca.themes @> ${JSON.stringify([{ label: f.theme }])}::jsonb
          OR ca.friction_themes @> ${JSON.stringify([{ key: f.theme }])}::jsonb)`
      : sql``
  }`;

/** The newest comments in the scope and period, redacted text only. */
export async function readLatestComments(
  db: Db,
  w: TWindow,
  timezone: string,
  filter: TCommentFilter,
  limit: number,
): Promise<TCommentRow[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT ca.response_id, ca.link_id, r.survey_version_id, ca.redacted_text, ca.sentiment, ca.themes,
        ca.friction_themes, ca.urgent, u.name AS unit_name, r.submitted_at
      FROM comment_analyses ca
      JOIN responses r ON r.id = ca.response_id
      JOIN surveys s ON s.id = r.survey_id
      LEFT JOIN units u ON u.id = r.unit_id
      WHERE ${commentsWhere(w, timezone, filter)}
      ORDER BY r.submitted_at DESC, ca.response_id, ca.link_id
      LIMIT ${limit}`,
  );
  return rows.map((r) => ({
    responseId: String(r.response_id),
    linkId: String(r.link_id),
    surveyVersionId: String(r.survey_version_id),
    redactedText: String(r.redacted_text),
    sentiment: String(r.sentiment),
    themes: r.themes as { label: string }[],
    frictionThemes: r.friction_themes as { key: string }[],
    urgent: Boolean(r.urgent),
    unitName: r.unit_name === null ? null : String(r.unit_name),
    submittedAt: new Date(String(r.submitted_at)),
  }));
}

/**
 * How many respondents wrote comments matching the filter, counting no further than `cap`: the
 * small-group check needs only to know whether there are at least k, and stopping there keeps a
 * year of a whole organisation cheap.
 */
export async function countCommenters(
  db: Db,
  w: TWindow,
  timezone: string,
  filter: TCommentFilter,
  cap: number,
): Promise<number> {
  const [row] = await queryRows<{ n: string }>(
    db,
    sql`SELECT count(*) AS n FROM (
        SELECT DISTINCT ca.response_id FROM comment_analyses ca
        JOIN responses r ON r.id = ca.response_id
        JOIN surveys s ON s.id = r.survey_id
        WHERE ${commentsWhere(w, timezone, filter)}
        LIMIT ${cap}) x`,
  );
  return Number(row?.n ?? 0);
}
