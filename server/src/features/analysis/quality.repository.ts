import { sql } from 'drizzle-orm';
import type { TCorrectionExportLine } from '../../../../shared/src/api/analysis-trust';
import { queryRows, type Db } from '../../db/client';
import { scopeFilter, type TScopeRows } from '../../db/scope-filter';

export type TLabelCount = { label: string; model: number; removed: number; added: number };

const BASE = sql`
  FROM comment_analyses ca
  JOIN responses r ON r.id = ca.response_id
  JOIN surveys s ON s.id = r.survey_id
  LEFT JOIN comment_corrections cc ON cc.response_id = ca.response_id AND cc.link_id = ca.link_id`;

/**
 * Per label of a single-label field (sentiment, urgency tier): comments the model gave it, how many
 * of those staff corrected to another label, and how many staff moved to it from another.
 */
async function singleLabel(db: Db, organisationId: string, model: string, corrected: string) {
  const m = sql.raw(model);
  const c = sql.raw(corrected);
  return queryRows<{ label: string; model: string; removed: string; added: string }>(
    db,
    sql`SELECT x.label, sum(x.model) AS model, sum(x.removed) AS removed, sum(x.added) AS added FROM (
          SELECT ${m} AS label, count(*) AS model,
            count(*) FILTER (WHERE ${c} IS NOT NULL AND ${c} <> ${m}) AS removed, 0 AS added
          ${BASE} WHERE s.organisation_id = ${organisationId} GROUP BY 1
          UNION ALL
          SELECT ${c}, 0, 0, count(*) ${BASE}
          WHERE s.organisation_id = ${organisationId} AND ${c} IS NOT NULL AND ${c} <> ${m} GROUP BY 1
        ) x GROUP BY x.label ORDER BY x.label`,
  );
}

export async function correctionCounts(db: Db, organisationId: string) {
  const toCounts = (rows: { label: string; model: string; removed: string; added: string }[]) =>
    rows.map((r) => ({
      label: r.label,
      model: Number(r.model),
      removed: Number(r.removed),
      added: Number(r.added),
    }));
  const sentiment = await singleLabel(
    db,
    organisationId,
    'coalesce(ca.model_sentiment, ca.sentiment)',
    'cc.sentiment',
  );
  const urgency = await singleLabel(
    db,
    organisationId,
    'coalesce(ca.model_urgency_tier, ca.urgency_tier)',
    'cc.urgency',
  );
  const themes = await queryRows<{ label: string; model: string; removed: string; added: string }>(
    db,
    sql`WITH c AS (
          SELECT cc.themes AS corrected,
            (SELECT coalesce(jsonb_agg(t->'label'), '[]'::jsonb) FROM jsonb_array_elements(coalesce(ca.model_themes, ca.themes)) t) AS model
          ${BASE} WHERE s.organisation_id = ${organisationId})
        SELECT x.label, sum(x.model) AS model, sum(x.removed) AS removed, sum(x.added) AS added FROM (
          SELECT m.label, 1 AS model,
            (c.corrected IS NOT NULL AND NOT c.corrected ? m.label)::int AS removed, 0 AS added
          FROM c CROSS JOIN LATERAL jsonb_array_elements_text(c.model) m(label)
          UNION ALL
          SELECT k.label, 0, 0, 1 FROM c CROSS JOIN LATERAL jsonb_array_elements_text(c.corrected) k(label)
          WHERE c.corrected IS NOT NULL AND NOT c.model ? k.label
        ) x GROUP BY x.label ORDER BY x.label`,
  );
  const [totals] = await queryRows<{ analysed: string; corrected: string }>(
    db,
    sql`SELECT count(*) AS analysed, count(cc.response_id) AS corrected ${BASE} WHERE s.organisation_id = ${organisationId}`,
  );
  return {
    sentiment: toCounts(sentiment),
    urgency: toCounts(urgency),
    themes: toCounts(themes),
    analysed: Number(totals?.analysed ?? 0),
    corrected: Number(totals?.corrected ?? 0),
  };
}

/**
 * Corrected comments in scope as training lines: the redacted text (never the original) and the
 * corrected fields only. Oldest first, so an export is stable.
 */
export async function correctionLines(
  db: Db,
  organisationId: string,
  visible: TScopeRows,
): Promise<{ count: number; lines: TCorrectionExportLine[] }> {
  const rows = await queryRows<{
    redacted_text: string;
    sentiment: TCorrectionExportLine['sentiment'] | null;
    themes: TCorrectionExportLine['themes'] | null;
    urgency: TCorrectionExportLine['urgency'] | null;
  }>(
    db,
    sql`SELECT ca.redacted_text, cc.sentiment, cc.themes, cc.urgency
        FROM comment_corrections cc
        JOIN comment_analyses ca ON ca.response_id = cc.response_id AND ca.link_id = cc.link_id
        JOIN responses r ON r.id = cc.response_id
        WHERE cc.organisation_id = ${organisationId} AND ${scopeFilter(visible, 'r')}
        ORDER BY cc.corrected_at, cc.response_id, cc.link_id`,
  );
  const lines = rows.map((r) => ({
    text: r.redacted_text,
    ...(r.sentiment ? { sentiment: r.sentiment } : {}),
    ...(r.themes ? { themes: r.themes } : {}),
    ...(r.urgency ? { urgency: r.urgency } : {}),
  }));
  return { count: lines.length, lines };
}

/** Comments no model could read, and the respondents behind them, in a scope and run of days. */
export async function countNotAnalysed(
  db: Db,
  w: { organisationId: string; rows: TScopeRows; from: string; to: string; week: boolean },
): Promise<{ comments: number; commenters: number }> {
  const [row] = await queryRows<{ comments: string | null; commenters: string | null }>(
    db,
    sql`SELECT sum(t.not_analysed_comments) AS comments, sum(t.not_analysed_commenters) AS commenters
        FROM rollup_responses t
        WHERE t.organisation_id = ${w.organisationId} AND t.span = ${w.week ? 'week' : 'day'}
          AND t.day BETWEEN ${w.from}::date AND ${w.to}::date AND ${scopeFilter(w.rows)}`,
  );
  return { comments: Number(row?.comments ?? 0), commenters: Number(row?.commenters ?? 0) };
}
