import { sql, type SQL } from 'drizzle-orm';
import type { TCommentAnalysisView } from '../../../../shared/src/api/analysis-trust';
import type { TSentimentLabel, TUrgencyTier } from '../../../../shared/src/analysis/contract';
import { queryRows, type Db } from '../../db/client';
import { scopeFilter, type TScopeRows } from '../../db/scope-filter';
import type { TCorrection, TEffectiveAnswer } from './corrections.merge';
import { uuidArray } from './rollups.repository';

/** Staff corrections of these responses' comments, by response and then question. */
export async function readCorrections(
  db: Db,
  responseIds: readonly string[],
): Promise<Map<string, Map<string, TCorrection>>> {
  const rows = await queryRows<{
    response_id: string;
    link_id: string;
    sentiment: TSentimentLabel | null;
    themes: TCorrection['themes'];
    urgency: TUrgencyTier | null;
  }>(
    db,
    sql`SELECT response_id, link_id, sentiment, themes, urgency FROM comment_corrections
        WHERE response_id = ANY(${uuidArray(responseIds)})`,
  );
  const byResponse = new Map<string, Map<string, TCorrection>>();
  for (const r of rows) {
    const forResponse = byResponse.get(r.response_id) ?? new Map<string, TCorrection>();
    forResponse.set(r.link_id, { sentiment: r.sentiment, themes: r.themes, urgency: r.urgency });
    byResponse.set(r.response_id, forResponse);
  }
  return byResponse;
}

export async function saveCorrection(
  tx: Db,
  key: { responseId: string; linkId: string; organisationId: string },
  correction: TCorrection | null,
  userId: string,
): Promise<void> {
  if (!correction) {
    await tx.execute(
      sql`DELETE FROM comment_corrections WHERE response_id = ${key.responseId} AND link_id = ${key.linkId}`,
    );
    return;
  }
  const themes = correction.themes === null ? null : JSON.stringify(correction.themes);
  await tx.execute(sql`
    INSERT INTO comment_corrections (response_id, link_id, organisation_id, sentiment, themes, urgency, corrected_by)
    VALUES (${key.responseId}, ${key.linkId}, ${key.organisationId}, ${correction.sentiment}, ${themes}::jsonb,
            ${correction.urgency}, ${userId})
    ON CONFLICT (response_id, link_id) DO UPDATE SET sentiment = excluded.sentiment, themes = excluded.themes,
      urgency = excluded.urgency, corrected_by = excluded.corrected_by, corrected_at = now()`);
}

/** Writes the answer figures read (the model's with the correction on top) into the comment's row. */
export async function writeEffective(tx: Db, analysisId: string, e: TEffectiveAnswer): Promise<void> {
  await tx.execute(sql`
    UPDATE comment_analyses SET sentiment = ${e.sentiment}, sentiment_score = ${e.sentimentScore},
      themes = ${JSON.stringify(e.themes)}::jsonb, urgency_tier = ${e.urgency}, urgent = ${e.urgent},
      not_analysed = ${e.notAnalysed}
    WHERE id = ${analysisId}`);
}

/** The model's answer of a comment: rows from before the model columns existed hold it in place. */
export type TStoredComment = {
  id: string;
  responseId: string;
  linkId: string;
  organisationId: string;
  surveyId: string;
  unitId: string | null;
  urgent: boolean;
  urgencyReasons: string[];
  model: {
    sentiment: TSentimentLabel;
    sentimentScore: number;
    themes: { label: string; confidence: number }[];
    urgency: TUrgencyTier;
    notAnalysed: 'language' | null;
  };
};

export async function findComment(db: Db, organisationId: string, analysisId: string) {
  const [r] = await queryRows<Record<string, unknown>>(
    db,
    sql`SELECT ca.id, ca.response_id, ca.link_id, s.organisation_id, r.survey_id, r.unit_id, ca.urgent,
          ca.urgency_reasons, coalesce(ca.model_sentiment, ca.sentiment) AS model_sentiment,
          coalesce(ca.model_sentiment_score, ca.sentiment_score) AS model_score,
          coalesce(ca.model_themes, ca.themes) AS model_themes,
          coalesce(ca.model_urgency_tier, ca.urgency_tier) AS model_urgency,
          CASE WHEN ca.model_sentiment IS NULL THEN ca.not_analysed ELSE ca.model_not_analysed END AS model_not_analysed
        FROM comment_analyses ca
        JOIN responses r ON r.id = ca.response_id
        JOIN surveys s ON s.id = r.survey_id
        WHERE ca.id = ${analysisId} AND s.organisation_id = ${organisationId}`,
  );
  if (!r) return null;
  return {
    id: String(r.id),
    responseId: String(r.response_id),
    linkId: String(r.link_id),
    organisationId: String(r.organisation_id),
    surveyId: String(r.survey_id),
    unitId: r.unit_id === null ? null : String(r.unit_id),
    urgent: Boolean(r.urgent),
    urgencyReasons: r.urgency_reasons as string[],
    model: {
      sentiment: r.model_sentiment as TSentimentLabel,
      sentimentScore: Number(r.model_score),
      themes: r.model_themes as { label: string; confidence: number }[],
      urgency: r.model_urgency as TUrgencyTier,
      notAnalysed: (r.model_not_analysed ?? null) as 'language' | null,
    },
  } satisfies TStoredComment;
}

/** An urgent comment corrected away from `urgent`: its open alert is resolved by the corrector. */
export async function resolveCommentAlert(tx: Db, responseId: string, linkId: string, userId: string) {
  await tx.execute(sql`
    UPDATE alerts SET status = 'resolved', resolved_at = now(), resolved_by = ${userId}
    WHERE response_id = ${responseId} AND link_id = ${linkId} AND status <> 'resolved'`);
}

const SELECT_VIEW = sql`
  SELECT ca.id, ca.response_id, ca.link_id, r.unit_id, u.name AS unit_name, r.submitted_at, ca.redacted_text,
    ca.sentiment, ca.themes, ca.urgency_tier, ca.urgency_reasons, ca.language, ca.not_analysed, ca.low_confidence,
    coalesce(ca.model_sentiment, ca.sentiment) AS model_sentiment, coalesce(ca.model_themes, ca.themes) AS model_themes,
    coalesce(ca.model_urgency_tier, ca.urgency_tier) AS model_urgency,
    cc.sentiment AS c_sentiment, cc.themes AS c_themes, cc.urgency AS c_urgency, cu.name AS c_by, cc.corrected_at,
    ca.reviewed_at, ru.name AS reviewed_by
  FROM comment_analyses ca
  JOIN responses r ON r.id = ca.response_id
  JOIN surveys s ON s.id = r.survey_id
  LEFT JOIN units u ON u.id = r.unit_id
  LEFT JOIN comment_corrections cc ON cc.response_id = ca.response_id AND cc.link_id = ca.link_id
  LEFT JOIN users cu ON cu.id = cc.corrected_by
  LEFT JOIN users ru ON ru.id = ca.reviewed_by`;

const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(String(v)).toISOString());
const labels = (v: unknown) => (v as { label: string }[]).map((t) => t.label);

function toView(r: Record<string, unknown>): TCommentAnalysisView {
  return {
    analysisId: String(r.id),
    responseId: String(r.response_id),
    linkId: String(r.link_id),
    unitId: r.unit_id === null ? null : String(r.unit_id),
    unitName: r.unit_name === null ? null : String(r.unit_name),
    submittedAt: iso(r.submitted_at)!,
    redactedText: String(r.redacted_text),
    sentiment: r.sentiment as TSentimentLabel,
    themes: labels(r.themes),
    urgency: r.urgency_tier as TUrgencyTier,
    urgencyReasons: r.urgency_reasons as string[],
    language: String(r.language),
    notAnalysed: (r.not_analysed ?? null) as 'language' | null,
    lowConfidence: Boolean(r.low_confidence),
    model: {
      sentiment: r.model_sentiment as TSentimentLabel,
      themes: labels(r.model_themes),
      urgency: r.model_urgency as TUrgencyTier,
    },
    correction:
      r.corrected_at === null
        ? null
        : {
            sentiment: (r.c_sentiment ?? null) as TSentimentLabel | null,
            themes: (r.c_themes ?? null) as TCorrection['themes'],
            urgency: (r.c_urgency ?? null) as TUrgencyTier | null,
            correctedBy: r.c_by === null ? null : String(r.c_by),
            correctedAt: iso(r.corrected_at)!,
          },
    reviewedAt: iso(r.reviewed_at),
    reviewedBy: r.reviewed_by === null ? null : String(r.reviewed_by),
  };
}

export async function readView(db: Db, analysisId: string): Promise<TCommentAnalysisView | null> {
  const [row] = await queryRows<Record<string, unknown>>(db, sql`${SELECT_VIEW} WHERE ca.id = ${analysisId}`);
  return row ? toView(row) : null;
}

/** The analyses of these responses' comments, limited to what the actor's units hold. */
export async function listViewsOfResponses(
  db: Db,
  organisationId: string,
  responseIds: string[],
  visible: TScopeRows,
): Promise<TCommentAnalysisView[]> {
  if (responseIds.length === 0) return [];
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`${SELECT_VIEW} WHERE s.organisation_id = ${organisationId} AND ca.response_id IN ${responseIds}
        AND ${scopeFilter(visible, 'r')} ORDER BY ca.response_id, ca.link_id`,
  );
  return rows.map(toView);
}

/** `review`-tier comments in scope, newest first; `reviewed` picks those already looked at. */
export async function listReviews(
  db: Db,
  organisationId: string,
  scope: TScopeRows,
  reviewed: boolean,
  limit: number,
): Promise<{ items: TCommentAnalysisView[]; waiting: number }> {
  const where: SQL = sql`s.organisation_id = ${organisationId} AND ca.urgency_tier = 'review'
    AND ${scopeFilter(scope, 'r')}`;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`${SELECT_VIEW} WHERE ${where} AND ca.reviewed_at IS ${reviewed ? sql`NOT NULL` : sql`NULL`}
        ORDER BY r.submitted_at DESC, ca.id LIMIT ${limit}`,
  );
  const [count] = await queryRows<{ n: string }>(
    db,
    sql`SELECT count(*) AS n FROM comment_analyses ca JOIN responses r ON r.id = ca.response_id
        JOIN surveys s ON s.id = r.survey_id WHERE ${where} AND ca.reviewed_at IS NULL`,
  );
  return { items: rows.map(toView), waiting: Number(count?.n ?? 0) };
}

export async function markReviewed(tx: Db, analysisId: string, userId: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`UPDATE comment_analyses SET reviewed_at = now(), reviewed_by = ${userId}
        WHERE id = ${analysisId} AND reviewed_at IS NULL RETURNING id`,
  );
  return rows.length > 0;
}
