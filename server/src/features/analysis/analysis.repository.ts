import { and, asc, eq, notInArray, sql } from 'drizzle-orm';
import type { TSurveyDefinition, TTextIntent } from '../../../../shared/src/survey/definition';
import type {
  TCommentAnalysis,
  TSentimentLabel,
  TUrgencyTier,
} from '../../../../shared/src/analysis/contract';
import { alerts, commentAnalyses, responseAnalyses } from '../../db/analysis.schema';
import { queryRows, type Db } from '../../db/client';
import { uuidArray } from './rollups.repository';
import { responseAnswers, surveyVersions } from '../../db/schema';

export type TResponseForAnalysis = {
  id: string;
  organisationId: string;
  surveyId: string;
  surveyVersionId: string;
  unitId: string | null;
  changeId: string | null;
  definition: TSurveyDefinition;
  /** False for imported history older than ALERT_MAX_AGE_DAYS: no one can act on it as an alert. */
  alertable: boolean;
};

/**
 * Urgent comments raise alerts for a person to act on now. Imported history older than this is
 * analysed and counted, but an alert about a visit months ago would bury the current ones.
 */
export const ALERT_MAX_AGE_DAYS = 14;

/** Free-text answers worth analysing: contact details are not comments. */
export async function listComments(db: Db, responseId: string) {
  const rows = await db
    .select({
      linkId: responseAnswers.linkId,
      text: responseAnswers.valueText,
      intent: responseAnswers.textIntent,
    })
    .from(responseAnswers)
    .where(
      and(
        eq(responseAnswers.responseId, responseId),
        eq(responseAnswers.itemType, 'text'),
        sql`${responseAnswers.valueText} <> ''`,
        sql`${responseAnswers.textIntent} IS DISTINCT FROM 'contact'`,
      ),
    )
    .orderBy(asc(responseAnswers.linkId));
  return rows.map((r) => ({
    linkId: r.linkId,
    text: r.text ?? '',
    intent: (r.intent ?? undefined) as TTextIntent,
  }));
}

export type TResponseToStore = {
  response: TResponseForAnalysis;
  previous: { modelVersion: string; taxonomyVersion: number | null } | null;
};

/**
 * Responses with the versions of their stored analysis (null when never analysed), by id; a response
 * that no longer exists is missing from the map. With `lock`, the response rows are locked for the
 * transaction first, in id order (so two batches that share responses wait rather than deadlock):
 * that serialises analyses of one response across workers, so the second waits, then sees the
 * first's result.
 */
export async function readResponsesForAnalysis(
  db: Db,
  responseIds: readonly string[],
  lock: boolean,
): Promise<Map<string, TResponseToStore>> {
  const ids = uuidArray(responseIds);
  // Lock first, read after, in two statements. One `SELECT … FOR UPDATE OF r` that waited for the lock
  // re-checks the response row only: the joined analysis row stays as its snapshot saw it, from
  // before the transaction it waited for committed. Two analyses of one response at once (a
  // re-queued job, a re-analysis beside the worker) would then both count it in the rollups.
  if (lock) await db.execute(sql`SELECT 1 FROM responses WHERE id = ANY(${ids}) ORDER BY id FOR UPDATE`);
  const rows = await queryRows<{
    id: string;
    organisation_id: string;
    survey_id: string;
    survey_version_id: string;
    unit_id: string | null;
    change_id: string | null;
    definition: TSurveyDefinition;
    model_version: string | null;
    taxonomy_version: number | null;
    alertable: boolean;
  }>(
    db,
    sql`SELECT r.id, s.organisation_id, r.survey_id, r.survey_version_id, r.unit_id, r.change_id,
               sv.definition, ra.model_version, ra.taxonomy_version,
               (r.import_id IS NULL OR r.submitted_at > now() - make_interval(days => ${ALERT_MAX_AGE_DAYS}))
                 AS alertable
        FROM responses r
        JOIN surveys s ON s.id = r.survey_id
        JOIN survey_versions sv ON sv.id = r.survey_version_id
        LEFT JOIN response_analyses ra ON ra.response_id = r.id
        WHERE r.id = ANY(${ids})`,
  );
  return new Map(
    rows.map((row) => [
      row.id,
      {
        response: {
          id: row.id,
          organisationId: row.organisation_id,
          surveyId: row.survey_id,
          surveyVersionId: row.survey_version_id,
          unitId: row.unit_id,
          changeId: row.change_id,
          definition: row.definition,
          alertable: row.alertable,
        },
        previous:
          row.model_version === null
            ? null
            : { modelVersion: row.model_version, taxonomyVersion: row.taxonomy_version },
      },
    ]),
  );
}

export type TCommentAnalysisRow = {
  linkId: string;
  redactedText: string;
  redactions: string[];
  sentiment: TSentimentLabel;
  sentimentScore: number;
  themes: TCommentAnalysis['themes'];
  frictionThemes: TCommentAnalysis['frictionThemes'];
  urgent: boolean;
  urgencyTier: TUrgencyTier;
  urgencyReasons: string[];
  language: string;
  notAnalysed: 'language' | null;
  sentimentConfidence: number;
  lowConfidence: boolean;
  modelSentiment: TSentimentLabel;
  modelSentimentScore: number;
  modelNotAnalysed: 'language' | null;
  modelThemes: TCommentAnalysis['themes'];
  modelUrgencyTier: TUrgencyTier;
};

/**
 * Writes responses' comment analyses (one response, or a worker's batch): one statement for every
 * comment and one for the responses' analysis rows. Rows are updated in place (keyed by response and
 * question), so a comment keeps its id, and its review mark, across re-analyses; comments gone from
 * a re-analysed response are deleted.
 */
export async function replaceAnalyses(
  tx: Db,
  entries: {
    responseId: string;
    versions: { modelVersion: string; taxonomyVersion: number | null };
    comments: TCommentAnalysisRow[];
    replacing: boolean;
  }[],
): Promise<void> {
  for (const { responseId, comments, replacing } of entries) {
    if (!replacing) continue;
    const keep = comments.map((c) => c.linkId);
    await tx
      .delete(commentAnalyses)
      .where(
        and(
          eq(commentAnalyses.responseId, responseId),
          keep.length > 0 ? notInArray(commentAnalyses.linkId, keep) : sql`TRUE`,
        ),
      );
  }
  const comments = entries.flatMap((e) => e.comments.map((c) => ({ ...c, responseId: e.responseId })));
  if (comments.length > 0) {
    await tx
      .insert(commentAnalyses)
      .values(comments)
      .onConflictDoUpdate({
        target: [commentAnalyses.responseId, commentAnalyses.linkId],
        set: Object.fromEntries(
          ANALYSIS_COLUMNS.map((k) => [k, sql.raw(`excluded.${commentAnalyses[k].name}`)]),
        ),
      });
  }
  if (entries.length === 0) return;
  await tx
    .insert(responseAnalyses)
    .values(entries.map((e) => ({ responseId: e.responseId, ...e.versions })))
    .onConflictDoUpdate({
      target: responseAnalyses.responseId,
      set: {
        modelVersion: sql.raw(`excluded.${responseAnalyses.modelVersion.name}`),
        taxonomyVersion: sql.raw(`excluded.${responseAnalyses.taxonomyVersion.name}`),
        analysedAt: sql`now()`,
      },
    });
}

/** What a re-analysis rewrites: everything but the key, the id and the review mark. */
const ANALYSIS_COLUMNS = [
  'redactedText',
  'redactions',
  'sentiment',
  'sentimentScore',
  'themes',
  'frictionThemes',
  'urgent',
  'urgencyTier',
  'urgencyReasons',
  'language',
  'notAnalysed',
  'sentimentConfidence',
  'lowConfidence',
  'modelSentiment',
  'modelSentimentScore',
  'modelNotAnalysed',
  'modelThemes',
  'modelUrgencyTier',
] as const satisfies (keyof TCommentAnalysisRow)[];

/** Inserts the alerts not raised before (one per comment, whatever the re-runs) and returns those. */
export async function insertAlerts(
  tx: Db,
  rows: {
    organisationId: string;
    unitId: string | null;
    surveyId: string;
    responseId: string;
    linkId: string;
    reasons: string[];
  }[],
) {
  if (rows.length === 0) return [];
  const inserted = await tx
    .insert(alerts)
    .values(rows.map((r) => ({ ...r, kind: 'comment' as const })))
    .onConflictDoNothing()
    .returning({
      id: alerts.id,
      responseId: alerts.responseId,
      unitId: alerts.unitId,
      linkId: alerts.linkId,
      reasons: alerts.reasons,
    });
  // Comment alerts always name their question; the column is nullable only for SPC alerts.
  return inserted.map((a) => ({ ...a, linkId: a.linkId ?? '' }));
}

export async function listSurveyVersions(db: Db) {
  return db.select({ id: surveyVersions.id, definition: surveyVersions.definition }).from(surveyVersions);
}

/**
 * Responses whose analysis is missing or was made with another model, or (clinician surveys) with
 * an older friction taxonomy than their organisation's latest. Keyset-paged by id.
 */
const stale = (modelVersion: string) => sql`
  FROM responses r
  JOIN surveys s ON s.id = r.survey_id
  LEFT JOIN response_analyses ra ON ra.response_id = r.id
  WHERE ra.response_id IS NULL OR ra.model_version <> ${modelVersion}
     OR (ra.taxonomy_version IS NOT NULL AND ra.taxonomy_version <> coalesce(
          (SELECT max(t.version) FROM taxonomies t
           WHERE t.organisation_id = s.organisation_id AND t.key = 'friction'), 0))`;

export async function countStaleResponses(db: Db, modelVersion: string): Promise<number> {
  const [row] = await queryRows<{ n: string }>(db, sql`SELECT count(*) AS n ${stale(modelVersion)}`);
  return Number(row?.n ?? 0);
}

export async function listStaleResponses(
  db: Db,
  modelVersion: string,
  afterId: string | null,
  limit: number,
): Promise<string[]> {
  const after = afterId ? sql`AND r.id > ${afterId}` : sql``;
  const rows = await queryRows<{ id: string }>(
    db,
    sql`SELECT r.id FROM (SELECT r.id ${stale(modelVersion)}) r WHERE TRUE ${after} ORDER BY r.id LIMIT ${limit}`,
  );
  return rows.map((r) => r.id);
}
