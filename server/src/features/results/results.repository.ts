import { sql, type SQL } from 'drizzle-orm';
import type { TSurveyDefinition } from '../../../../shared/src/survey/definition';
import { queryRows, type Db } from '../../db/client';
import { scopeFilter, type TScopeRows } from '../../db/scope-filter';

/**
 * Results reads. Answer counts come from the day rollups (the same rows as the board, so the two
 * agree); only what the rollups do not keep (people who answered each question, numbers' means and
 * medians) is read from the analysed responses themselves, over the same local days.
 */
export type TResultsFilter = {
  organisationId: string;
  surveyId: string;
  /** The actor's units (or every row), and the change when one is chosen. */
  places: TScopeRows;
  change: TScopeRows | null;
  from: string;
  to: string;
  timezone: string;
};

const int = (v: unknown) => Number(v ?? 0);

const rollupWhere = (f: TResultsFilter): SQL =>
  sql`t.organisation_id = ${f.organisationId} AND t.survey_id = ${f.surveyId} AND t.span = 'day'
    AND t.day BETWEEN ${f.from}::date AND ${f.to}::date AND ${scopeFilter(f.places)}
    AND ${f.change ? scopeFilter(f.change) : sql`TRUE`}`;

export async function readResponseTotal(db: Db, f: TResultsFilter): Promise<number> {
  const [row] = await queryRows<{ n: unknown }>(
    db,
    sql`SELECT sum(t.responses) AS n FROM rollup_responses t WHERE ${rollupWhere(f)}`,
  );
  return int(row?.n);
}

export type TCountRow = { linkId: string; code: string; answers: number };

/** Answers per question and option code (choices, yes/no as 'true'/'false', rating values). */
export async function readOptionCounts(db: Db, f: TResultsFilter): Promise<TCountRow[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT t.link_id, t.code, sum(t.answers) AS answers FROM rollup_choices t
      WHERE ${rollupWhere(f)} GROUP BY 1, 2
      UNION ALL
      SELECT t.link_id, t.value::text, sum(t.answers) FROM rollup_rating_values t
      WHERE ${rollupWhere(f)} GROUP BY 1, 2`,
  );
  return rows.map((r) => ({ linkId: String(r.link_id), code: String(r.code), answers: int(r.answers) }));
}

/** Comments per free-text question by sentiment (one comment per response and question: people). */
export async function readSentiment(db: Db, f: TResultsFilter): Promise<TCountRow[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT t.link_id, t.sentiment AS code, sum(t.comments) AS answers FROM rollup_sentiment t
      WHERE ${rollupWhere(f)} GROUP BY 1, 2`,
  );
  return rows.map((r) => ({ linkId: String(r.link_id), code: String(r.code), answers: int(r.answers) }));
}

export type TThemeCountRow = {
  linkId: string;
  taxonomy: 'framework' | 'friction';
  theme: string;
  people: number;
};

export async function readThemes(db: Db, f: TResultsFilter): Promise<TThemeCountRow[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT t.link_id, t.taxonomy, t.theme, sum(t.comments) AS people FROM rollup_themes t
      WHERE ${rollupWhere(f)} GROUP BY 1, 2, 3`,
  );
  return rows.map((r) => ({
    linkId: String(r.link_id),
    taxonomy: r.taxonomy === 'friction' ? 'friction' : 'framework',
    theme: String(r.theme),
    people: int(r.people),
  }));
}

export type TAnsweredRow = { linkId: string; answered: number; mean: number | null; median: number | null };

/**
 * People who answered each question, and for numeric answers their mean and median, from the
 * analysed responses of the filter (the rollups' population) over the same local days.
 */
export async function readAnswered(db: Db, f: TResultsFilter): Promise<TAnsweredRow[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT a.link_id, count(*) AS answered, avg(a.value_number) AS mean,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY a.value_number) AS median
      FROM responses r
      JOIN response_analyses ra ON ra.response_id = r.id
      JOIN response_answers a ON a.response_id = r.id
      WHERE r.survey_id = ${f.surveyId}
        AND r.submitted_at >= (${f.from}::date::timestamp AT TIME ZONE ${f.timezone})
        AND r.submitted_at < ((${f.to}::date + 1)::timestamp AT TIME ZONE ${f.timezone})
        AND ${scopeFilter(f.places, 'r')} AND ${f.change ? scopeFilter(f.change, 'r') : sql`TRUE`}
      GROUP BY 1`,
  );
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return rows.map((r) => ({
    linkId: String(r.link_id),
    answered: int(r.answered),
    mean: num(r.mean),
    median: num(r.median),
  }));
}

/** Analysed responses per survey of the organisation, in the given places, over all time. */
export async function readResponseCounts(
  db: Db,
  organisationId: string,
  places: TScopeRows,
): Promise<{ surveyId: string; responses: number }[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT t.survey_id, sum(t.responses) AS n FROM rollup_responses t
      WHERE t.organisation_id = ${organisationId} AND t.span = 'week' AND ${scopeFilter(places)}
      GROUP BY 1`,
  );
  return rows.map((r) => ({ surveyId: String(r.survey_id), responses: int(r.n) }));
}

/** A published version's definition. */
export async function readDefinition(db: Db, versionId: string): Promise<TSurveyDefinition | null> {
  const [row] = await queryRows<{ definition: TSurveyDefinition }>(
    db,
    sql`SELECT definition FROM survey_versions WHERE id = ${versionId}`,
  );
  return row?.definition ?? null;
}
