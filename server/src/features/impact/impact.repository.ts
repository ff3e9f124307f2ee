import { sql, type SQL } from 'drizzle-orm';
import { FFT_CODES } from '../../../../shared/src/survey/scoring';
import { queryRows, type Db } from '../../db/client';
import { rollupRanges, type TImpactWindows } from './impact.windows';

/**
 * Impact reads: the daily rollup rows of both windows, summed in SQL by window side, unit group
 * (the change's units or the comparison units) and 7-day bucket, one query per table. Daily rows
 * because windows start on any day; weekly rollup rows start on Mondays. No raw response is read.
 */

export type TSide = 'before' | 'after';

export type TImpactSpan = {
  organisationId: string;
  windows: TImpactWindows;
  /** The change's units; rows of other units in `unitIds` are the comparison group. */
  changeUnitIds: string[];
  /** Every unit read: the change's and the comparison units. */
  unitIds: string[];
};

const inWindows = (s: Pick<TImpactSpan, 'organisationId' | 'windows'>) => {
  const { before, after } = s.windows;
  return sql`t.organisation_id = ${s.organisationId} AND t.span = 'day'
    AND (t.day BETWEEN ${before.from}::date AND ${before.to}::date
      OR t.day BETWEEN ${after.from}::date AND ${after.to}::date)`;
};

/** Side, 7-day bucket (from the before window's start), and whether the row is the change's. */
const keys = (s: Pick<TImpactSpan, 'windows'>, mine: SQL) => sql`
  CASE WHEN t.day <= ${s.windows.before.to}::date THEN 'before' ELSE 'after' END AS side,
  (t.day - ${s.windows.before.from}::date) / 7 AS week,
  ${mine} AS mine`;

const read = (db: Db, s: TImpactSpan, table: string, columns: string[], sums: string[], extra = sql``) => {
  const mine = sql`t.unit_id IN ${s.changeUnitIds}`;
  const grouped = columns.map((c) => `t.${c}`).join(', ');
  const summed = sums.map((c) => `sum(t.${c}) AS ${c}`).join(', ');
  return queryRows<Record<string, unknown>>(
    db,
    sql`SELECT ${keys(s, mine)}, ${sql.raw(grouped)}, ${sql.raw(summed)}
      FROM ${sql.identifier(table)} t
      WHERE ${inWindows(s)} AND t.unit_id IN ${s.unitIds} ${extra}
      GROUP BY 1, 2, 3, ${sql.raw(grouped)}`,
  );
};

const int = (v: unknown) => Number(v ?? 0);
const base = (r: Record<string, unknown>) => ({
  side: r.side as TSide,
  week: int(r.week),
  mine: Boolean(r.mine),
  surveyId: String(r.survey_id),
});

export type TUnitResponsesRow = {
  side: TSide;
  week: number;
  unitId: string;
  surveyId: string;
  responses: number;
  comments: number;
  commenters: number;
  negativeComments: number;
};

/**
 * Responses and comments of every unit of the organisation, by unit: `auto` comparison picks the
 * units with answers in both windows from these, so it needs no read of its own.
 */
export async function readUnitResponses(
  db: Db,
  s: Pick<TImpactSpan, 'organisationId' | 'windows'>,
): Promise<TUnitResponsesRow[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT ${keys(s, sql`NULL`)}, t.unit_id, t.survey_id, sum(t.responses) AS responses,
        sum(t.comments) AS comments, sum(t.commenters) AS commenters, sum(t.negative_comments) AS negative
      FROM rollup_responses t
      WHERE ${inWindows(s)} AND t.unit_id IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5`,
  );
  return rows.map((r) => ({
    side: r.side as TSide,
    week: int(r.week),
    unitId: String(r.unit_id),
    surveyId: String(r.survey_id),
    responses: int(r.responses),
    comments: int(r.comments),
    commenters: int(r.commenters),
    negativeComments: int(r.negative),
  }));
}

export type TImpactRatingsRow = ReturnType<typeof base> & {
  linkId: string;
  answers: number;
  sum: number;
  sumSquares: number;
  promoters: number;
  detractors: number;
};

export async function readRatings(db: Db, s: TImpactSpan): Promise<TImpactRatingsRow[]> {
  const rows = await read(
    db,
    s,
    'rollup_ratings',
    ['survey_id', 'link_id'],
    ['answers', 'sum', 'sum_squares', 'promoters', 'detractors'],
  );
  return rows.map((r) => ({
    ...base(r),
    linkId: String(r.link_id),
    answers: int(r.answers),
    sum: int(r.sum),
    sumSquares: int(r.sum_squares),
    promoters: int(r.promoters),
    detractors: int(r.detractors),
  }));
}

export type TImpactFftRow = ReturnType<typeof base> & { linkId: string; code: string; answers: number };

/** Choice counts of the FFT codes; the service keeps the FFT questions' rows. */
export async function readFftChoices(db: Db, s: TImpactSpan): Promise<TImpactFftRow[]> {
  const rows = await read(
    db,
    s,
    'rollup_choices',
    ['survey_id', 'link_id', 'code'],
    ['answers'],
    sql`AND t.code IN ${FFT_CODES}`,
  );
  return rows.map((r) => ({
    ...base(r),
    linkId: String(r.link_id),
    code: String(r.code),
    answers: int(r.answers),
  }));
}

export type TImpactThemeRow = ReturnType<typeof base> & {
  taxonomy: 'framework' | 'friction';
  theme: string;
  respondents: number;
};

/**
 * Theme respondents per window (no weeks: themes get no time series), from weekly rollup rows where
 * a whole Monday week lies inside a window and daily rows at its edges: themes have dozens of rows
 * a day, and this read was most of the impact's time on a year of data.
 */
export async function readThemes(db: Db, s: TImpactSpan): Promise<TImpactThemeRow[]> {
  const { before, after } = s.windows;
  const ranges = [...rollupRanges(before.from, before.to), ...rollupRanges(after.from, after.to)].map(
    (r) => sql`(t.span = ${r.span} AND t.day BETWEEN ${r.from}::date AND ${r.to}::date)`,
  );
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT CASE WHEN t.day <= ${before.to}::date THEN 'before' ELSE 'after' END AS side, 0 AS week,
        t.unit_id IN ${s.changeUnitIds} AS mine, t.survey_id, t.taxonomy, t.theme, sum(t.respondents) AS respondents
      FROM rollup_theme_respondents t
      WHERE t.organisation_id = ${s.organisationId} AND (${sql.join(ranges, sql` OR `)})
        AND t.unit_id IN ${s.unitIds}
      GROUP BY 1, 2, 3, 4, 5, 6`,
  );
  return rows.map((r) => ({
    ...base(r),
    taxonomy: r.taxonomy as TImpactThemeRow['taxonomy'],
    theme: String(r.theme),
    respondents: int(r.respondents),
  }));
}

/** A framework theme's lean in one survey: positive minus negative comments mentioning it. */
export type TThemeLeanRow = { surveyId: string; theme: string; lean: number };

/**
 * How each framework theme's mentions lean, over both windows of the change's units alone: the
 * direction of a theme metric is read from what its own mentions say. Summed signed by sentiment
 * in SQL (neutral rows skipped) because only the sign is used, and grouped by survey so the caller
 * keeps the theme's audience. Daily rows only: rollup_themes has no weekly rows, so this scans every
 * theme row of both windows (about 170k, 60-90 ms, for 20 units on a year of a million responses);
 * it runs beside the other reads.
 */
export async function readThemeLeans(
  db: Db,
  s: Pick<TImpactSpan, 'organisationId' | 'windows' | 'changeUnitIds'>,
): Promise<TThemeLeanRow[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT t.survey_id, t.theme,
        sum(CASE t.sentiment WHEN 'positive' THEN t.comments ELSE -t.comments END) AS lean
      FROM rollup_themes t
      WHERE ${inWindows(s)} AND t.unit_id IN ${s.changeUnitIds}
        AND t.taxonomy = 'framework' AND t.sentiment IN ('positive', 'negative')
      GROUP BY 1, 2`,
  );
  return rows.map((r) => ({ surveyId: String(r.survey_id), theme: String(r.theme), lean: int(r.lean) }));
}

export type TSurveyKind = { surveyId: string; audience: 'patient' | 'clinician'; sus: boolean };

/**
 * Who answers each of the organisation's surveys, and whether it is scored as SUS, as its newest
 * published version says (as `surveyMeasures` lets the newest version decide).
 */
export async function readSurveyKinds(db: Db, organisationId: string): Promise<TSurveyKind[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT DISTINCT ON (v.survey_id) v.survey_id, v.definition->>'audience' AS audience,
        v.definition->>'scoring' AS scoring
      FROM survey_versions v JOIN surveys s ON s.id = v.survey_id
      WHERE s.organisation_id = ${organisationId}
      ORDER BY v.survey_id, v.version DESC`,
  );
  return rows.map((r) => ({
    surveyId: String(r.survey_id),
    audience: r.audience === 'clinician' ? 'clinician' : 'patient',
    sus: r.scoring === 'sus',
  }));
}

/** The organisation's units among these ids. */
export async function readOrganisationUnits(
  db: Db,
  organisationId: string,
  ids: string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await queryRows<{ id: string }>(
    db,
    sql`SELECT u.id FROM units u JOIN departments d ON d.id = u.department_id JOIN sites s ON s.id = d.site_id
      WHERE s.organisation_id = ${organisationId} AND u.id IN ${ids}`,
  );
  return rows.map((r) => r.id);
}

/**
 * Whether anyone in the organisation can be split into groups: a survey version asks an "about you"
 * question, or a link records how people answered (a kiosk, phone or paper). Reading every
 * respondent's answers is the costly part of an impact, so an organisation that collects neither
 * is not read for groups it cannot have.
 */
export async function splitsPossible(db: Db, organisationId: string): Promise<boolean> {
  const [row] = await queryRows<{ possible: boolean }>(
    db,
    sql`SELECT EXISTS (
          SELECT 1 FROM survey_versions v JOIN surveys s ON s.id = v.survey_id
          WHERE s.organisation_id = ${organisationId} AND v.definition::text LIKE '%"demographic"%'
        ) OR EXISTS (
          SELECT 1 FROM links l JOIN surveys s ON s.id = l.survey_id
          WHERE s.organisation_id = ${organisationId} AND (l.kiosk OR l.channel IS NOT NULL)
        ) AS possible`,
  );
  return row?.possible === true;
}
