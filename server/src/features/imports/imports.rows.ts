import { randomUUID } from 'node:crypto';
import {
  type IMPORT_CSV_COLUMNS,
  IMPORT_CSV_REQUIRED,
  ZImportRow,
  type TImportRow,
} from '../../../../shared/src/api/imports';
import type { TInvalidParam } from '../../../../shared/src/errors';
import { matchLocale } from '../../../../shared/src/locale';
import type {
  TAnswerableItem,
  TAnswerValue,
  TSurveyDefinition,
  TValidatedAnswer,
} from '../../../../shared/src/survey/definition';
import { flattenItems, isAnswerable } from '../../../../shared/src/survey/items';
import { validateAnswers } from '../../../../shared/src/survey/validate-answers';
import { invalid } from '../../http/app-error';

/** What every row of one import is checked against; loaded once per import. */
export type TRowRules = {
  definition: TSurveyDefinition;
  /** Units of the organisation inside the importer's scope. */
  unitIds: Set<string>;
  /** Changes of the organisation, each with the units it touches. */
  changeUnits: Map<string, Set<string>>;
  historyYears: number;
  /** Rows may be dated at most this far ahead of now: clocks of the source system drift. */
  skewMs: number;
};

/** A row that passed every check, ready to store. */
export type TStagedRow = {
  id: string;
  externalId: string;
  submittedAt: string;
  unitId: string;
  changeId: string | null;
  locale: string;
  answers: TValidatedAnswer[];
};

export type TCheckedRow = { ok: true; row: TStagedRow } | { ok: false; problems: TInvalidParam[] };

const hasNul = (value: TAnswerValue): boolean =>
  typeof value === 'string'
    ? value.includes('\u0000')
    : Array.isArray(value) && value.some((v) => v.includes('\u0000'));

/**
 * Checks one row as a live submission is checked (the same answer problems, worded the same), and
 * what only history has: its date, unit and change. `rename` maps field names to the file's own
 * (CSV columns), so that the problems name what the importer can find.
 */
export function checkRow(
  input: unknown,
  rules: TRowRules,
  now: number,
  rename: (name: string) => string = (name) => name,
): TCheckedRow {
  const parsed = ZImportRow.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => ({
        name: rename(i.path.map(String).join('.') || 'row'),
        reason: i.message,
      })),
    };
  }
  const row: TImportRow = parsed.data;
  const problems: TInvalidParam[] = [];
  const problem = (name: string, reason: string) => problems.push({ name: rename(name), reason });

  const at = Date.parse(row.submittedAt);
  const earliest = new Date(now);
  earliest.setUTCFullYear(earliest.getUTCFullYear() - rules.historyYears);
  if (at > now + rules.skewMs) problem('submittedAt', 'is in the future');
  else if (at < earliest.getTime()) {
    problem('submittedAt', `is more than ${rules.historyYears} years ago, beyond the organisation’s history`);
  }
  // "Missing" and "not yours" read the same.
  if (!rules.unitIds.has(row.unitId)) problem('unitId', 'is not a unit of your organisation in your scope');
  if (row.changeId !== undefined) {
    const touched = rules.changeUnits.get(row.changeId);
    if (!touched) problem('changeId', 'is not a technology change of your organisation');
    else if (!touched.has(row.unitId)) problem('changeId', 'does not touch this unit');
  }
  const definition = rules.definition;
  const locale = matchLocale(row.locale ?? definition.defaultLocale, definition.locales);
  if (!locale) problem('locale', `must be one of ${definition.locales.join(', ')}`);
  // PostgreSQL text cannot hold U+0000; live submissions are refused it at the body parser.
  if (row.externalId.includes('\u0000')) problem('externalId', 'holds a NUL character');
  for (const [linkId, value] of Object.entries(row.answers)) {
    if (hasNul(value)) problem(`answers.${linkId}`, 'holds a NUL character');
  }
  const checked = validateAnswers(definition, row.answers);
  if (!checked.ok) for (const issue of checked.issues) problem(issue.name, issue.reason);
  if (!checked.ok || !locale || problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    row: {
      id: randomUUID(),
      externalId: row.externalId,
      submittedAt: new Date(at).toISOString(),
      unitId: row.unitId,
      changeId: row.changeId ?? null,
      locale,
      answers: checked.answers,
    },
  };
}

const CSV_FIELDS: Record<(typeof IMPORT_CSV_COLUMNS)[number], keyof TImportRow> = {
  external_id: 'externalId',
  submitted_at: 'submittedAt',
  unit_id: 'unitId',
  change_id: 'changeId',
  locale: 'locale',
};
const CSV_COLUMN_OF = new Map<string, string>(Object.entries(CSV_FIELDS).map(([col, field]) => [field, col]));
const BOOLEANS = new Map([
  ['true', true],
  ['yes', true],
  ['1', true],
  ['false', false],
  ['no', false],
  ['0', false],
]);

/** A CSV cell as the answer its question takes; a cell that is not one is passed on for the checks to name. */
export function cellValue(item: TAnswerableItem, cell: string): TAnswerValue {
  const text = cell.trim();
  switch (item.type) {
    case 'rating':
    case 'integer':
    case 'decimal':
      return text !== '' && Number.isFinite(Number(text)) ? Number(text) : cell;
    case 'boolean':
      return BOOLEANS.get(text.toLowerCase()) ?? cell;
    case 'choice':
      return item.repeats
        ? text
            .split('|')
            .map((code) => code.trim())
            .filter((code) => code !== '')
        : text;
    case 'date':
      return text;
    case 'text':
      return cell;
  }
}

/** A CSV file's columns: the fixed ones by position, then the questions'. */
export type TCsvLayout = {
  fields: { index: number; field: keyof TImportRow }[];
  questions: { index: number; item: TAnswerableItem }[];
  width: number;
};

/** Reads the header row; a header this import cannot use is refused whole (400), with every problem. */
export function readCsvHeader(header: string[], definition: TSurveyDefinition): TCsvLayout {
  const items = new Map(
    flattenItems(definition.items)
      .filter(isAnswerable)
      .map((item) => [item.linkId, item]),
  );
  const layout: TCsvLayout = { fields: [], questions: [], width: header.length };
  const problems: TInvalidParam[] = [];
  const seen = new Set<string>();
  header.forEach((raw, index) => {
    const name = raw.trim();
    if (seen.has(name)) problems.push({ name, reason: 'is a column twice' });
    seen.add(name);
    const field = CSV_FIELDS[name as keyof typeof CSV_FIELDS];
    const item = items.get(name);
    if (field) layout.fields.push({ index, field });
    else if (item) layout.questions.push({ index, item });
    else
      problems.push({ name, reason: 'is not a column of the import nor a question of this survey version' });
  });
  for (const column of IMPORT_CSV_REQUIRED) {
    if (!seen.has(column)) problems.push({ name: column, reason: 'is a required column' });
  }
  if (problems.length > 0) throw invalid(problems, 'The CSV header row does not fit this survey');
  return layout;
}

/** A CSV row as an NDJSON line would have it; empty cells are questions not answered. */
export function csvRowInput(
  layout: TCsvLayout,
  cells: string[],
): { input: Record<string, unknown> } | { problems: TInvalidParam[] } {
  if (cells.length !== layout.width) {
    return {
      problems: [{ name: 'row', reason: `has ${cells.length} cells where the header has ${layout.width}` }],
    };
  }
  const row: Record<string, unknown> = {};
  for (const { index, field } of layout.fields) {
    const cell = cells[index]!.trim();
    if (cell !== '') row[field] = cell;
  }
  const answers: Record<string, TAnswerValue> = {};
  for (const { index, item } of layout.questions) {
    if (cells[index]!.trim() !== '') answers[item.linkId] = cellValue(item, cells[index]!);
  }
  row.answers = answers;
  return { input: row };
}

/** Problems name CSV columns: `submitted_at`, and a question's linkId as `answers.<linkId>` like live ones. */
export const csvName = (name: string): string => CSV_COLUMN_OF.get(name.split('.')[0]!) ?? name;
