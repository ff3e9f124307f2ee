import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';

export type TExportResponseRow = {
  id: string;
  version: number;
  versionId: string;
  locale: string;
  submittedAt: Date;
};

export type TExportAnswerRow = {
  responseId: string;
  linkId: string;
  valueNumber: number | null;
  valueBoolean: boolean | null;
  valueCodes: string[] | null;
  valueDate: string | null;
  /** The analysis's redacted text; null when the comment is not analysed (yet) or holds contact details. */
  redactedText: string | null;
  isText: boolean;
};

export type TExportFilter = {
  surveyId: string;
  unitId?: string | undefined;
  /** Organisation-local calendar days, both included, in `timezone`. */
  from?: string | undefined;
  to?: string | undefined;
  timezone: string;
};

/**
 * One page of a survey's responses in (submitted_at, id) order after `after`: keyset paging keeps
 * every page's cost and the export's memory flat however many responses there are.
 */
export async function responsePage(
  db: Db,
  f: TExportFilter,
  after: { submittedAt: Date; id: string } | null,
  limit: number,
): Promise<TExportResponseRow[]> {
  const rows = await queryRows<{
    id: string;
    version: number;
    version_id: string;
    locale: string;
    submitted_at: Date | string;
  }>(
    db,
    sql`SELECT r.id, v.version, v.id AS version_id, r.locale, r.submitted_at
        FROM responses r JOIN survey_versions v ON v.id = r.survey_version_id
        WHERE r.survey_id = ${f.surveyId}
          ${f.unitId ? sql`AND r.unit_id = ${f.unitId}` : sql``}
          ${f.from ? sql`AND r.submitted_at >= (${f.from}::date)::timestamp AT TIME ZONE ${f.timezone}` : sql``}
          ${f.to ? sql`AND r.submitted_at < ((${f.to}::date + 1)::timestamp AT TIME ZONE ${f.timezone})` : sql``}
          ${after ? sql`AND (r.submitted_at, r.id) > (${after.submittedAt.toISOString()}::timestamptz, ${after.id}::uuid)` : sql``}
        ORDER BY r.submitted_at, r.id
        LIMIT ${limit}`,
  );
  return rows.map((r) => ({
    id: r.id,
    version: Number(r.version),
    versionId: r.version_id,
    locale: r.locale,
    submittedAt: new Date(r.submitted_at),
  }));
}

/** The answers of some responses; free text only as the analysis redacted it, never as typed. */
export async function answersOf(db: Db, responseIds: string[]): Promise<TExportAnswerRow[]> {
  if (responseIds.length === 0) return [];
  const rows = await queryRows<{
    response_id: string;
    link_id: string;
    value_number: number | string | null;
    value_boolean: boolean | null;
    value_codes: string[] | null;
    value_date: string | Date | null;
    redacted_text: string | null;
    is_text: boolean;
  }>(
    db,
    sql`SELECT a.response_id, a.link_id, a.value_number, a.value_boolean, a.value_codes,
               to_char(a.value_date, 'YYYY-MM-DD') AS value_date,
               c.redacted_text, (a.value_text IS NOT NULL) AS is_text
        FROM response_answers a
        LEFT JOIN comment_analyses c ON c.response_id = a.response_id AND c.link_id = a.link_id
        WHERE a.response_id IN (${sql.join(
          responseIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
  );
  return rows.map((r) => ({
    responseId: r.response_id,
    linkId: r.link_id,
    valueNumber: r.value_number === null ? null : Number(r.value_number),
    valueBoolean: r.value_boolean,
    valueCodes: r.value_codes,
    valueDate: r.value_date === null ? null : String(r.value_date),
    redactedText: r.redacted_text,
    isText: r.is_text,
  }));
}
