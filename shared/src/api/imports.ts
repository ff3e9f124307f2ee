import { z } from 'zod';
import { ZInvalidParam } from '../errors';
import { ZLocale } from '../locale';
import { ZAnswers } from '../survey/definition';

/**
 * History import: past responses from another system, one row each, through
 * `POST /surveys/{id}/responses/import`. Every row is checked as a live submission is and stored the
 * same way; rows are idempotent by (survey, `externalId`).
 */

export const IMPORT_CONTENT_TYPES = { ndjson: 'application/x-ndjson', csv: 'text/csv' } as const;
export const ZImportFormat = z.enum(['ndjson', 'csv']);
export type TImportFormat = z.infer<typeof ZImportFormat>;

/** The reply lists at most this many refused rows; the counts cover them all. */
export const IMPORT_MAX_ERRORS = 1000;

/** CSV columns before the questions' (by linkId). `change_id` and `locale` may be left out. */
export const IMPORT_CSV_COLUMNS = ['external_id', 'submitted_at', 'unit_id', 'change_id', 'locale'] as const;
export const IMPORT_CSV_REQUIRED = ['external_id', 'submitted_at', 'unit_id'] as const;

/**
 * One NDJSON line (and each CSV row once its cells are read by question type). `submittedAt` is an
 * ISO 8601 date-time with `Z` or an offset; the row's day in the organisation's time zone is the
 * day its figures count on. `answers` are exactly as a live submission sends them.
 */
export const ZImportRow = z
  .object({
    externalId: z.string().trim().min(1).max(200),
    submittedAt: z.iso.datetime({ offset: true }),
    unitId: z.uuid(),
    changeId: z.uuid().optional(),
    /** The language it was answered in; the survey's default when left out. */
    locale: ZLocale.optional(),
    answers: ZAnswers,
  })
  .strict();
export type TImportRow = z.infer<typeof ZImportRow>;

/** The CSV body, as the API documentation describes it (the file is read by the server as it streams). */
export const ZImportCsv = z.string().meta({
  description:
    'CSV: a header row external_id,submitted_at,unit_id,change_id?,locale?,<question linkId>..., then one row per ' +
    'response; several choices of one question joined by |; an empty cell is no answer',
});

/** Query of the import: the published version the rows answer (else the latest). */
export const ZImportQuery = z.object({ versionId: z.uuid().optional() }).strict();
export type TImportQuery = z.infer<typeof ZImportQuery>;

/** A refused row: its line in the file (1 is the first line; in CSV, the header) and every problem. */
export const ZImportRowError = z.object({
  line: z.number().int().min(1),
  problems: z.array(ZInvalidParam),
});
export type TImportRowError = z.infer<typeof ZImportRowError>;

/** Reply of the import: 200 when no row was refused (duplicates are fine), else 207. */
export const ZResponseImportResult = z.object({
  importId: z.uuid(),
  /** Rows read, blank lines and the CSV header aside. */
  rows: z.number().int(),
  imported: z.number().int(),
  /** Rows whose externalId the survey already had (from an earlier import or earlier in this file). */
  duplicates: z.number().int(),
  rejected: z.number().int(),
  /** The first `IMPORT_MAX_ERRORS` refused rows, in file order. */
  errors: z.array(ZImportRowError),
});
export type TResponseImportResult = z.infer<typeof ZResponseImportResult>;

export const ZImportStatus = z.enum(['running', 'done', 'failed']);
export type TImportStatus = z.infer<typeof ZImportStatus>;

/** An import as `GET /surveys/{id}/imports` lists it; its counters move after every batch. */
export const ZResponseImportSummary = z.object({
  id: z.uuid(),
  surveyId: z.uuid(),
  versionId: z.uuid(),
  format: ZImportFormat,
  status: ZImportStatus,
  rows: z.number().int(),
  imported: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
});
export type TResponseImportSummary = z.infer<typeof ZResponseImportSummary>;

/** `GET /imports/{id}`: the same, and how many of its responses the workers have analysed. */
export const ZResponseImport = ZResponseImportSummary.extend({ analysed: z.number().int() });
export type TResponseImport = z.infer<typeof ZResponseImport>;
