import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  FRAMEWORK_THEMES,
  type TFrameworkTheme,
  type TSentimentLabel,
} from '../../../shared/src/analysis/contract';

/**
 * RFC 4180 CSV: comma-separated fields, double-quoted fields may hold commas, CRLF/LF and `""`
 * (an escaped quote). Line endings outside quotes may be CRLF or LF; a leading BOM is dropped; a final
 * line ending does not make an empty record. A library was rejected: this is all the training data needs.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += ch;
      }
      i += 1;
      continue;
    }
    if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
    } else {
      field += ch;
    }
    i += 1;
  }
  if (quoted) throw new Error('CSV ends inside a quoted field');
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** One usable row of the FFT training file: the text, the question, the 3-class sentiment and themes. */
export type TFeedbackRow = {
  /** Position in the file (0-based, header excluded): a stable identity for splitting. */
  index: number;
  question: string;
  text: string;
  /** Undefined where the labeller gave no sentiment. */
  sentiment: TSentimentLabel | undefined;
  themes: TFrameworkTheme[];
  /** A staff correction that said nothing of themes: not an example for (or against) any theme. */
  themesUnknown?: true;
};

export type TFeedbackDataset = { rows: TFeedbackRow[]; skipped: number };

/** The file's 1–5 scale: 1–2 positive, 3 neutral or mixed, 4–5 negative (the usual 3-class reduction). */
export function sentimentOfScale(value: string): TSentimentLabel | undefined {
  const scale = Number.parseInt(value.trim(), 10);
  if (scale === 1 || scale === 2) return 'positive';
  if (scale === 3) return 'neutral';
  if (scale === 4 || scale === 5) return 'negative';
  return undefined;
}

/**
 * Rows of `nhs-fft-v6-dev.csv` that carry a comment. Rows labelled "Labelling not possible" are all
 * blank or the filler "did not answer". Blank rows are neutral with no themes by contract, so they are
 * always skipped; the filler rows are kept only with `includeUnlabellable` (the theme models predict
 * "Labelling not possible", issue 11), since elsewhere (urgency negatives) they would only repeat one string.
 */
export function readFeedbackCsv(
  text: string,
  options: { includeUnlabellable?: boolean } = {},
): TFeedbackDataset {
  const [header, ...records] = parseCsv(text);
  if (!header) throw new Error('empty CSV');
  const column = (name: string): number => {
    const at = header.indexOf(name);
    if (at < 0) throw new Error(`CSV has no column "${name}"`);
    return at;
  };
  const questionAt = column('FFT question');
  const textAt = column('FFT answer');
  const sentimentAt = column('Comment sentiment');
  const themeAt = FRAMEWORK_THEMES.map((theme) => column(theme));
  const unusableAt = column('Labelling not possible');
  const rows: TFeedbackRow[] = [];
  let skipped = 0;
  records.forEach((record, index) => {
    const comment = (record[textAt] ?? '').trim();
    if (comment === '' || (record[unusableAt] === '1' && !options.includeUnlabellable)) {
      skipped += 1;
      return;
    }
    rows.push({
      index,
      question: record[questionAt] ?? '',
      text: comment,
      sentiment: sentimentOfScale(record[sentimentAt] ?? ''),
      themes: FRAMEWORK_THEMES.filter((_, t) => record[themeAt[t] ?? -1] === '1'),
    });
  });
  return { rows, skipped };
}

/** The training file, beside the project: `<root>/../shared/data/patient-feedback/nhs-fft-v6-dev.csv`. */
export function feedbackCsvPath(projectRoot: string): string {
  return path.resolve(projectRoot, '..', 'shared', 'data', 'patient-feedback', 'nhs-fft-v6-dev.csv');
}

export function loadFeedbackCsv(
  projectRoot: string,
  options: { includeUnlabellable?: boolean } = {},
): TFeedbackDataset {
  return readFeedbackCsv(readFileSync(feedbackCsvPath(projectRoot), 'utf8'), options);
}

/** Themes with at least `minimum` comments among the rows: the ones the macro figures are judged on. */
export function frequentThemes(rows: readonly TFeedbackRow[], minimum = 50): TFrameworkTheme[] {
  return FRAMEWORK_THEMES.filter(
    (theme) => rows.filter((row) => row.themes.includes(theme)).length >= minimum,
  );
}
