import { sql, type SQL } from 'drizzle-orm';
import type { TSurveyDefinition } from '../../../../shared/src/survey/definition';
import { queryRows, type Db } from '../../db/client';

export type TExportWindow = { organisationId: string; timezone: string; from?: string; to?: string };

/** Organisation-local calendar days, both ends included (as the board and impact read them). */
const submittedIn = (w: TExportWindow): SQL =>
  sql.join(
    [
      w.from ? sql`AND r.submitted_at >= (${w.from}::date::timestamp AT TIME ZONE ${w.timezone})` : sql``,
      w.to ? sql`AND r.submitted_at < ((${w.to}::date + 1)::timestamp AT TIME ZONE ${w.timezone})` : sql``,
    ],
    sql` `,
  );

export async function readSurveyVersions(
  db: Db,
  organisationId: string,
  surveyId: string,
): Promise<{ version: number; definition: TSurveyDefinition }[] | null> {
  const [survey] = await queryRows<{ id: string }>(
    db,
    sql`SELECT id FROM surveys WHERE id = ${surveyId} AND organisation_id = ${organisationId}`,
  );
  if (!survey) return null;
  return queryRows(
    db,
    sql`SELECT version, definition FROM survey_versions WHERE survey_id = ${surveyId} ORDER BY version DESC`,
  );
}

export type TResponseExportRow = {
  id: string;
  submitted_at: string;
  version: number;
  unit_id: string | null;
  change_id: string | null;
  locale: string;
  /** linkId → [number, boolean, codes, date]: structured answers only, never typed text. */
  answers: Record<string, [number | null, boolean | null, string[] | null, string | null]> | null;
  /** linkId → analysis of the comment: redacted text only. */
  comments: Record<string, { t: string; s: string; sc: string; th: { label: string }[]; u: string }> | null;
};

/** One row per response, oldest first. Free text comes from the analysis (redacted), never `value_text`. */
export const responsesQuery = (w: TExportWindow, surveyId: string): SQL => sql`
  SELECT r.id, to_char(r.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS submitted_at,
    sv.version, r.unit_id, r.change_id, r.locale,
    (SELECT json_object_agg(a.link_id, json_build_array(a.value_number, a.value_boolean, a.value_codes, a.value_date))
       FROM response_answers a WHERE a.response_id = r.id AND a.value_text IS NULL) AS answers,
    (SELECT json_object_agg(c.link_id, json_build_object('t', c.redacted_text, 's', c.sentiment,
              'sc', c.sentiment_score, 'th', c.themes, 'u', c.urgency_tier))
       FROM comment_analyses c WHERE c.response_id = r.id) AS comments
  FROM responses r JOIN survey_versions sv ON sv.id = r.survey_version_id
  JOIN surveys s ON s.id = r.survey_id
  WHERE r.survey_id = ${surveyId} AND s.organisation_id = ${w.organisationId} ${submittedIn(w)}
  ORDER BY r.submitted_at, r.id`;

export type TRollupExportRow = {
  week: string;
  survey_id: string;
  unit_id: string | null;
  change_id: string | null;
  responses: number;
  comments: number;
  urgent_comments: number;
  commenters: number;
  positive_commenters: number;
  neutral_commenters: number;
  negative_commenters: number;
};

/**
 * Weekly rollups (week = the Monday, organisation-local), one row per week, survey, unit and change.
 * `unitIds` null: every unit and the organisation-wide rows; else only those units.
 */
export const rollupsQuery = (w: TExportWindow & { surveyId?: string }, unitIds: string[] | null): SQL => sql`
  SELECT t.day::text AS week, t.survey_id, t.unit_id, t.change_id, t.responses, t.comments,
    t.urgent_comments, t.commenters, t.positive_commenters, t.neutral_commenters, t.negative_commenters
  FROM rollup_responses t
  WHERE t.organisation_id = ${w.organisationId} AND t.span = 'week'
    ${w.from ? sql`AND t.day >= date_trunc('week', ${w.from}::date)::date` : sql``}
    ${w.to ? sql`AND t.day <= ${w.to}::date` : sql``}
    ${w.surveyId ? sql`AND t.survey_id = ${w.surveyId}` : sql``}
    ${
      unitIds
        ? unitIds.length
          ? sql`AND t.unit_id IN (${sql.join(
              unitIds.map((u) => sql`${u}::uuid`),
              sql`, `,
            )})`
          : sql`AND false`
        : sql``
    }
  ORDER BY t.day, t.survey_id, t.unit_id NULLS FIRST, t.change_id NULLS FIRST`;
