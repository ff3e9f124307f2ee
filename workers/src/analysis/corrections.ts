import { z } from 'zod';
import { ZFrameworkTheme, ZSentimentLabel, ZUrgencyTier } from '../../../shared/src/analysis/contract';
import type { TFeedbackRow } from './csv';
import type { TSplitName } from './data-split';

/**
 * One line of the staff corrections export (JSON lines): the redacted comment and what a quality lead
 * said it is. A field left out was not corrected. Other fields (ids, who, when) are ignored here.
 */
export const ZCorrectionLine = z
  .object({
    text: z.string().trim().min(1),
    sentiment: ZSentimentLabel.optional(),
    themes: z.array(ZFrameworkTheme).optional(),
    urgency: ZUrgencyTier.optional(),
  })
  .refine((c) => c.sentiment !== undefined || c.themes !== undefined || c.urgency !== undefined, {
    message: 'corrects nothing: needs sentiment, themes or urgency',
  });
export type TCorrectionLine = z.infer<typeof ZCorrectionLine>;

/** Parsed lines, and the problems of the lines refused (line numbers from 1; never the text). */
export function parseCorrections(jsonl: string): {
  corrections: TCorrectionLine[];
  errors: { line: number; problem: string }[];
} {
  const corrections: TCorrectionLine[] = [];
  const errors: { line: number; problem: string }[] = [];
  jsonl.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      errors.push({ line: i + 1, problem: 'not JSON' });
      return;
    }
    const parsed = ZCorrectionLine.safeParse(json);
    if (parsed.success) corrections.push(parsed.data);
    else
      errors.push({
        line: i + 1,
        problem: parsed.error.issues.map((x) => `${x.path.join('.') || '(line)'}: ${x.message}`).join('; '),
      });
  });
  return { corrections, errors };
}

export type TMergeReport = { added: number; replaced: number; droppedAsTest: number; urgencyOnly: number };

/**
 * Training rows with staff corrections merged in. A correction of a text that is already a training
 * row replaces the labels it corrects; a new text becomes a training row (split `train`, never test);
 * a correction of a test-part text is dropped, so the test part stays unseen. The last correction of a
 * text wins. Urgency-only corrections teach the sentiment and theme models nothing and are counted.
 */
export function mergeCorrections(
  rows: readonly TFeedbackRow[],
  splits: readonly TSplitName[],
  corrections: readonly TCorrectionLine[],
): { rows: TFeedbackRow[]; splits: TSplitName[]; report: TMergeReport } {
  const merged = rows.map((row) => ({ ...row }));
  const mergedSplits = [...splits];
  const report: TMergeReport = { added: 0, replaced: 0, droppedAsTest: 0, urgencyOnly: 0 };
  const byText = new Map<string, number>();
  merged.forEach((row, n) => byText.set(row.text.trim(), n));
  const latest = new Map<string, TCorrectionLine>();
  for (const correction of corrections) latest.set(correction.text, correction);
  for (const [text, correction] of latest) {
    if (correction.sentiment === undefined && correction.themes === undefined) {
      report.urgencyOnly += 1;
      continue;
    }
    const at = byText.get(text);
    if (at !== undefined && mergedSplits[at] === 'test') {
      report.droppedAsTest += 1;
      continue;
    }
    if (at !== undefined) {
      const row = merged[at]!;
      if (correction.sentiment !== undefined) row.sentiment = correction.sentiment;
      if (correction.themes !== undefined) {
        row.themes = [...new Set(correction.themes)];
        delete row.themesUnknown;
      }
      report.replaced += 1;
      continue;
    }
    const row: TFeedbackRow = {
      index: merged.length,
      question: '',
      text,
      sentiment: correction.sentiment,
      themes: [...new Set(correction.themes ?? [])],
      ...(correction.themes === undefined ? { themesUnknown: true as const } : {}),
    };
    byText.set(text, merged.length);
    merged.push(row);
    mergedSplits.push('train');
    report.added += 1;
  }
  return { rows: merged, splits: mergedSplits, report };
}
