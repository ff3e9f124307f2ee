import { and, desc, eq, sql } from 'drizzle-orm';
import type { TImportFormat } from '../../../../shared/src/api/imports';
import type { TValidatedAnswer } from '../../../../shared/src/survey/definition';
import { queryRows, type Db } from '../../db/client';
import { responseImports } from '../../db/schema';
import type { TStagedRow } from './imports.rows';

export type TImportRow = typeof responseImports.$inferSelect;

export async function insertImport(
  db: Db,
  row: {
    organisationId: string;
    surveyId: string;
    surveyVersionId: string;
    format: TImportFormat;
    createdBy: string;
  },
): Promise<TImportRow> {
  const [created] = await db.insert(responseImports).values(row).returning();
  return created!;
}

export type TCounts = { rows: number; imported: number; duplicates: number; rejected: number };

/** Adds a batch's counts; with `status`, the import is over. */
export async function addCounts(
  db: Db,
  id: string,
  counts: TCounts,
  status?: 'done' | 'failed',
): Promise<void> {
  await db
    .update(responseImports)
    .set({
      rows: sql`${responseImports.rows} + ${counts.rows}`,
      imported: sql`${responseImports.imported} + ${counts.imported}`,
      duplicates: sql`${responseImports.duplicates} + ${counts.duplicates}`,
      rejected: sql`${responseImports.rejected} + ${counts.rejected}`,
      ...(status ? { status, finishedAt: sql`now()` } : {}),
    })
    .where(eq(responseImports.id, id));
}

function answerColumns(responseId: string, a: TValidatedAnswer) {
  return {
    response_id: responseId,
    link_id: a.linkId,
    item_type: a.type,
    value_number: a.type === 'rating' || a.type === 'integer' || a.type === 'decimal' ? a.value : null,
    value_boolean: a.type === 'boolean' ? a.value : null,
    value_codes: a.type === 'choice' ? (Array.isArray(a.value) ? a.value : [String(a.value)]) : null,
    value_date: a.type === 'date' ? a.value : null,
    value_text: a.type === 'text' ? a.value : null,
    text_intent: a.type === 'text' ? (a.intent ?? 'general') : null,
  };
}

/**
 * Stores a batch as live submissions are stored (response, typed answers, an outbox row for the
 * analysis) in one statement, so a row is all in or all out. A row whose externalId the survey
 * already has, from an earlier import or earlier in this batch, is skipped, and so are its answers
 * and outbox row. Rows travel as two JSON parameters: one statement of any batch size, where
 * multi-row VALUES would need nine parameters a row and re-plan for every batch length.
 */
export async function insertBatch(
  db: Db,
  target: { surveyId: string; surveyVersionId: string; importId: string; topic: string },
  rows: TStagedRow[],
): Promise<number> {
  const responses = JSON.stringify(
    rows.map((r) => ({
      id: r.id,
      external_id: r.externalId,
      unit_id: r.unitId,
      change_id: r.changeId,
      locale: r.locale,
      submitted_at: r.submittedAt,
    })),
  );
  const answers = JSON.stringify(rows.flatMap((r) => r.answers.map((a) => answerColumns(r.id, a))));
  const [row] = await queryRows<{ imported: number }>(
    db,
    sql`WITH input AS (
          SELECT * FROM json_to_recordset(${responses}::json)
            AS x(id uuid, external_id text, unit_id uuid, change_id uuid, locale text, submitted_at timestamptz)
        ), inserted AS (
          INSERT INTO responses (id, survey_id, survey_version_id, unit_id, change_id, locale, import_id,
                                 external_id, submitted_at)
          SELECT id, ${target.surveyId}, ${target.surveyVersionId}, unit_id, change_id, locale,
                 ${target.importId}, external_id, submitted_at
          FROM input
          ON CONFLICT (survey_id, external_id) DO NOTHING
          RETURNING id
        ), answered AS (
          INSERT INTO response_answers (response_id, link_id, item_type, value_number, value_boolean,
                                        value_codes, value_date, value_text, text_intent)
          SELECT a.* FROM json_to_recordset(${answers}::json)
            AS a(response_id uuid, link_id text, item_type text, value_number float8, value_boolean boolean,
                 value_codes text[], value_date date, value_text text, text_intent text)
          WHERE a.response_id IN (SELECT id FROM inserted)
        ), queued AS (
          INSERT INTO outbox (topic, aggregate_id) SELECT ${target.topic}, id FROM inserted
        )
        SELECT count(*)::int AS imported FROM inserted`,
  );
  return row?.imported ?? 0;
}

export async function findImport(db: Db, organisationId: string, id: string): Promise<TImportRow | null> {
  const [row] = await db
    .select()
    .from(responseImports)
    .where(and(eq(responseImports.id, id), eq(responseImports.organisationId, organisationId)));
  return row ?? null;
}

export async function listImports(db: Db, surveyId: string, limit: number): Promise<TImportRow[]> {
  return db
    .select()
    .from(responseImports)
    .where(eq(responseImports.surveyId, surveyId))
    .orderBy(desc(responseImports.createdAt))
    .limit(limit);
}

/** Responses of the import the workers have analysed (through the partial index on import_id). */
export async function countAnalysed(db: Db, importId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM responses r
        WHERE r.import_id = ${importId}
          AND EXISTS (SELECT 1 FROM response_analyses ra WHERE ra.response_id = r.id)`,
  );
  return row?.n ?? 0;
}
