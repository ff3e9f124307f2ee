import {
  IMPORT_MAX_ERRORS,
  type TImportFormat,
  type TImportRowError,
  type TResponseImport,
  type TResponseImportResult,
  type TResponseImportSummary,
} from '../../../../shared/src/api/imports';
import { JOB_FEEDBACK_ANALYSE } from '../../../../shared/src/jobs';
import type { TSurveyDefinition } from '../../../../shared/src/survey/definition';
import { forbidden, invalid, notFound } from '../../http/app-error';
import { actorOf, type TCtx } from '../../http/context';
import { recordAudit } from '../audit/audit.service';
import { listChanges } from '../changes/changes.service';
import { getOrganisationSettings, unitIdsInScope } from '../org/org.service';
import { getPublishedSurvey, getPublishedVersion, getSurvey } from '../surveys/surveys.service';
import * as repo from './imports.repository';
import { checkRow, csvName, type TRowRules, type TStagedRow } from './imports.rows';
import { csvRows, ndjsonRows, type TImportSource, type TRawRow } from './imports.source';

export type { TImportSource } from './imports.source';

/**
 * Rows per transaction. 1,000 rows of a typical survey make two JSON parameters of a few hundred
 * kB; larger batches stored no faster on two cores and hold locks longer.
 */
const BATCH_ROWS = 1000;
/** How far past now a row may be dated: the source system's clock may run ahead. */
const CLOCK_SKEW_MS = 5 * 60_000;

export type TImportOptions = { format: TImportFormat; versionId?: string | undefined };

const toSummary = (r: repo.TImportRow): TResponseImportSummary => ({
  id: r.id,
  surveyId: r.surveyId,
  versionId: r.surveyVersionId,
  format: r.format,
  status: r.status,
  rows: r.rows,
  imported: r.imported,
  duplicates: r.duplicates,
  rejected: r.rejected,
  createdAt: r.createdAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
});

/**
 * History moves every board of the organisation, and the rows name any unit: only
 * organisation-wide staff (admins, organisation-wide quality leads) import it.
 */
function assertMayImport(ctx: TCtx): void {
  if (actorOf(ctx).scope.level !== 'organisation') {
    throw forbidden('Only organisation-wide staff can import history');
  }
}

async function resolveVersion(ctx: TCtx, surveyId: string, versionId: string | undefined) {
  const { latest } = await getPublishedSurvey(ctx, surveyId);
  if (!versionId) return latest;
  const version = await getPublishedVersion(ctx, surveyId, versionId);
  if (!version) throw invalid([{ name: 'versionId', reason: 'is not a published version of this survey' }]);
  return version;
}

async function loadRules(ctx: TCtx, definition: TSurveyDefinition): Promise<TRowRules> {
  const [unitIds, changes, { historyYears }] = await Promise.all([
    unitIdsInScope(ctx),
    listChanges(ctx),
    getOrganisationSettings(ctx.db, actorOf(ctx).organisationId),
  ]);
  return {
    definition,
    unitIds,
    changeUnits: new Map(changes.map((c) => [c.id, new Set(c.unitIds)])),
    historyYears,
    skewMs: CLOCK_SKEW_MS,
  };
}

/**
 * Imports past responses of a survey from NDJSON or CSV, as `POST /surveys/{id}/responses/import`
 * does; usable without HTTP (the demo script fills its database through it). Each row is checked
 * as a live submission is and refused alone when it fails; stored rows go in batches, each one
 * transaction with its outbox rows, so the workers analyse them. The source is read as it is
 * stored: memory stays flat whatever the file's size. Idempotent by (survey, externalId).
 *
 * Throws `AppError` (400) before storing anything when the file is not NDJSON/CSV at all. A failure
 * part-way marks the import failed; the batches already stored stay, and a retry skips them.
 */
export async function importResponses(
  ctx: TCtx,
  surveyId: string,
  options: TImportOptions,
  source: TImportSource,
): Promise<TResponseImportResult> {
  assertMayImport(ctx);
  const actor = actorOf(ctx);
  const version = await resolveVersion(ctx, surveyId, options.versionId);
  const rules = await loadRules(ctx, version.definition);
  const rename = options.format === 'csv' ? csvName : undefined;
  const rows = options.format === 'csv' ? csvRows(source, version.definition) : ndjsonRows(source);
  // The first row, before anything is stored: a body that is no such file is refused whole.
  const first = await rows.next();

  const record = await repo.insertImport(ctx.db, {
    organisationId: actor.organisationId,
    surveyId,
    surveyVersionId: version.id,
    format: options.format,
    createdBy: actor.userId,
  });
  const target = { surveyId, surveyVersionId: version.id, importId: record.id, topic: JOB_FEEDBACK_ANALYSE };
  const totals: repo.TCounts = { rows: 0, imported: 0, duplicates: 0, rejected: 0 };
  const errors: TImportRowError[] = [];
  let pending: repo.TCounts = { rows: 0, imported: 0, duplicates: 0, rejected: 0 };
  let batch: TStagedRow[] = [];
  // One batch is stored while the next is read and checked: the two cores work at once, and no
  // more than two batches are ever held (backpressure on the request).
  let storing: Promise<void> = Promise.resolve();

  const store = async (staged: TStagedRow[], counts: repo.TCounts, status?: 'done') => {
    await ctx.db.transaction(async (tx) => {
      const imported = staged.length > 0 ? await repo.insertBatch(tx, target, staged) : 0;
      counts.imported = imported;
      counts.duplicates = staged.length - imported;
      await repo.addCounts(tx, record.id, counts, status);
    });
    for (const key of ['rows', 'imported', 'duplicates', 'rejected'] as const) totals[key] += counts[key];
  };
  const take = (raw: TRawRow) => {
    pending.rows += 1;
    const checked = 'input' in raw ? checkRow(raw.input, rules, Date.now(), rename) : raw;
    if ('row' in checked) batch.push(checked.row);
    else {
      pending.rejected += 1;
      if (errors.length < IMPORT_MAX_ERRORS) errors.push({ line: raw.line, problems: checked.problems });
    }
  };

  try {
    if (!first.done) take(first.value);
    for await (const raw of rows) {
      take(raw);
      if (pending.rows < BATCH_ROWS) continue;
      await storing;
      storing = store(batch, pending);
      storing.catch(() => undefined); // awaited before the next batch or at the end
      batch = [];
      pending = { rows: 0, imported: 0, duplicates: 0, rejected: 0 };
    }
    await storing;
    await store(batch, pending, 'done');
  } catch (error) {
    await storing.catch(() => undefined);
    await repo
      .addCounts(ctx.db, record.id, { rows: 0, imported: 0, duplicates: 0, rejected: 0 }, 'failed')
      .catch(() => undefined);
    await audit(ctx, record.id, surveyId, 'failed', totals);
    throw error;
  }
  await audit(ctx, record.id, surveyId, 'done', totals);
  ctx.log.info({ importId: record.id, surveyId, ...totals }, 'responses imported');
  return { importId: record.id, ...totals, errors };
}

/** Counts only: never answers, comments or external ids. */
async function audit(ctx: TCtx, importId: string, surveyId: string, status: string, counts: repo.TCounts) {
  await recordAudit(ctx, {
    action: 'responses.imported',
    targetType: 'survey',
    targetId: surveyId,
    detail: { importId, status, ...counts },
  }).catch((error: unknown) =>
    ctx.log.error({ importId, err: (error as Error).name }, 'import audit failed'),
  );
}

async function loadImport(ctx: TCtx, id: string): Promise<repo.TImportRow> {
  assertMayImport(ctx);
  const row = await repo.findImport(ctx.db, actorOf(ctx).organisationId, id);
  if (!row) throw notFound('Import not found');
  return row;
}

/** An import's progress: its counters, and how many of its responses the workers have analysed. */
export async function getImport(ctx: TCtx, id: string): Promise<TResponseImport> {
  const row = await loadImport(ctx, id);
  return { ...toSummary(row), analysed: await repo.countAnalysed(ctx.db, row.id) };
}

/** The survey's latest imports, newest first; a running one's counters move after every batch. */
export async function listImports(ctx: TCtx, surveyId: string): Promise<TResponseImportSummary[]> {
  assertMayImport(ctx);
  await getSurvey(ctx, surveyId); // not found unless it is the organisation's
  return (await repo.listImports(ctx.db, surveyId, 20)).map(toSummary);
}
