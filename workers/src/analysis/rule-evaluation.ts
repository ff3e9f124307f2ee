import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TUrgencyReason } from '../../../shared/src/analysis/contract';
import { ZUrgencyReason } from '../../../shared/src/analysis/contract';
import { scoresOf, type TClassScores } from './metrics';
import { findRedactions, redact, type TRedactionKind, type TRedactionSpan } from './redaction';
import { assessUrgency } from './urgency';

const TESTSETS = path.join(__dirname, 'testsets');
const KINDS: TRedactionKind[] = [
  'NAME',
  'EMAIL',
  'PHONE',
  'NHS_NUMBER',
  'SSN',
  'MRN',
  'DATE',
  'ADDRESS',
  'POSTCODE',
  'ZIP',
  'URL',
];
const PLACEHOLDER = new RegExp(String.raw`\[(${KINDS.join('|')})\]`, 'g');

export type TRedactionCase = { text: string; expected: string };
export type TUrgencyCase = { text: string; urgent: boolean; reasons: TUrgencyReason[] };

function readJsonl<T>(file: string): T[] {
  return readFileSync(path.join(TESTSETS, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}
/** `redaction.jsonl` is the main set; `redaction-holdout.jsonl` was written after the rules, to check they generalise. */
export const readRedactionCases = (file = 'redaction.jsonl'): TRedactionCase[] =>
  readJsonl<TRedactionCase>(file);
/**
 * `urgency.jsonl` is the main set; `urgency-holdout.jsonl` was written after the rules, to check they
 * generalise. Lines give `reasons` (a list) or, in the blind hold-out, one `reason` (null when not urgent).
 */
export const readUrgencyCases = (file = 'urgency.jsonl'): TUrgencyCase[] =>
  readJsonl<{ text: string; urgent: boolean; reasons?: string[]; reason?: string | null }>(file).map((c) => ({
    text: c.text,
    urgent: c.urgent,
    reasons: (c.reasons ?? (c.reason ? [c.reason] : [])).flatMap((r) => {
      const parsed = ZUrgencyReason.safeParse(r);
      return parsed.success ? [parsed.data] : [];
    }),
  }));

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The spans of `text` that `expected` replaces with placeholders: `expected` becomes a pattern in
 * which each literal piece must appear as is and each placeholder stands for the shortest stretch
 * that fits, except `[ADDRESS]`, which takes the longest, because addresses contain the comma that
 * usually follows them ("flat 3, 22 High Street, Leeds"). Null when `expected` does not fit `text`,
 * which marks a broken test case. Test-only: the patterns come from the test set, never from users.
 */
export function expectedSpans(text: string, expected: string): TRedactionSpan[] | null {
  const pieces = expected.split(PLACEHOLDER);
  const kinds = pieces.filter((_, i) => i % 2 === 1) as TRedactionKind[];
  const source = pieces
    .map((p, i) => (i % 2 === 0 ? escapeRegex(p) : p === 'ADDRESS' ? '([^]+)' : '([^]+?)'))
    .join('');
  const m = new RegExp(`^${source}$`, 'd').exec(text);
  if (!m?.indices) return null;
  return kinds.map((kind, i) => {
    const [start, end] = m.indices?.[i + 1] ?? [0, 0];
    return { kind, start, end };
  });
}

export type TSpanScores = TClassScores & {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
};
export type TRedactionReport = {
  sentences: number;
  withoutPii: number;
  exactMatchRate: number;
  /** Entities matched one-to-one by kind and overlapping span (boundaries may differ). */
  overall: TSpanScores;
  /** Share of matched entities whose span is exactly the expected one. */
  exactBoundaryRate: number;
  perKind: Record<TRedactionKind, TSpanScores>;
  /** Test-set line indexes (0-based) whose output differs from `expected`. */
  mismatched: number[];
  /** Lines whose `expected` does not fit `text` (broken test cases). */
  unaligned: number[];
};

const spanScores = (tp: number, fp: number, fn: number): TSpanScores => ({
  ...scoresOf(tp, fp, fn),
  truePositives: tp,
  falsePositives: fp,
  falseNegatives: fn,
});

/** Entity-level precision and recall of `findRedactions` against the redaction test set. */
export function evaluateRedaction(cases: TRedactionCase[] = readRedactionCases()): TRedactionReport {
  const count = Object.fromEntries(KINDS.map((k) => [k, { tp: 0, fp: 0, fn: 0 }])) as Record<
    TRedactionKind,
    { tp: number; fp: number; fn: number }
  >;
  const mismatched: number[] = [];
  const unaligned: number[] = [];
  let exact = 0;
  let exactBoundaries = 0;
  let withoutPii = 0;
  cases.forEach((c, index) => {
    const truth = expectedSpans(c.text, c.expected);
    if (!truth) return void unaligned.push(index);
    if (truth.length === 0) withoutPii += 1;
    const predicted = findRedactions(c.text);
    const used = new Set<number>();
    for (const e of truth) {
      const hit = predicted.findIndex(
        (p, i) => !used.has(i) && p.kind === e.kind && p.start < e.end && e.start < p.end,
      );
      if (hit < 0) {
        count[e.kind].fn += 1;
        continue;
      }
      used.add(hit);
      count[e.kind].tp += 1;
      const p = predicted[hit] as TRedactionSpan;
      if (p.start === e.start && p.end === e.end) exactBoundaries += 1;
    }
    predicted.forEach((p, i) => {
      if (!used.has(i)) count[p.kind].fp += 1;
    });
    const same =
      truth.length === predicted.length &&
      truth.every(
        (e, i) =>
          e.kind === predicted[i]?.kind && e.start === predicted[i]?.start && e.end === predicted[i]?.end,
      );
    if (same) exact += 1;
    else mismatched.push(index);
  });
  const perKind = Object.fromEntries(
    KINDS.map((k) => [k, spanScores(count[k].tp, count[k].fp, count[k].fn)]),
  ) as Record<TRedactionKind, TSpanScores>;
  const sum = (f: 'tp' | 'fp' | 'fn') => KINDS.reduce((s, k) => s + count[k][f], 0);
  const overall = spanScores(sum('tp'), sum('fp'), sum('fn'));
  return {
    sentences: cases.length,
    withoutPii,
    exactMatchRate: cases.length === 0 ? 0 : exact / cases.length,
    overall,
    exactBoundaryRate: overall.truePositives === 0 ? 0 : exactBoundaries / overall.truePositives,
    perKind,
    mismatched,
    unaligned,
  };
}

export type TUrgencyReport = {
  comments: number;
  urgent: number;
  recall: number;
  precision: number;
  accuracy: number;
  /** Recall of each reason: the comment was flagged urgent and the reason was among those given. */
  perReason: Record<TUrgencyReason, { support: number; recall: number; flaggedUrgent: number }>;
  /** Test-set line indexes (0-based) of urgent comments not flagged. */
  missed: number[];
  /** Indexes of comments flagged urgent that are not. */
  falseAlarms: number[];
};

/** Recall and precision of `assessUrgency` against the urgency test set. */
export function evaluateUrgency(cases: TUrgencyCase[] = readUrgencyCases()): TUrgencyReport {
  const reasons = ZUrgencyReason.options;
  const perReason = Object.fromEntries(
    reasons.map((r) => [r, { support: 0, recall: 0, flaggedUrgent: 0, hits: 0 }]),
  ) as Record<TUrgencyReason, { support: number; recall: number; flaggedUrgent: number; hits: number }>;
  const missed: number[] = [];
  const falseAlarms: number[] = [];
  let tp = 0;
  let correct = 0;
  cases.forEach((c, index) => {
    const got = assessUrgency(c.text);
    if (got.urgent === c.urgent) correct += 1;
    if (c.urgent && got.urgent) tp += 1;
    if (c.urgent && !got.urgent) missed.push(index);
    if (!c.urgent && got.urgent) falseAlarms.push(index);
    for (const r of c.reasons) {
      const entry = perReason[r];
      entry.support += 1;
      if (got.urgent) entry.flaggedUrgent += 1;
      if (got.reasons.includes(r)) entry.hits += 1;
    }
  });
  const urgent = cases.filter((c) => c.urgent).length;
  return {
    comments: cases.length,
    urgent,
    recall: urgent === 0 ? 0 : tp / urgent,
    precision: tp + falseAlarms.length === 0 ? 0 : tp / (tp + falseAlarms.length),
    accuracy: cases.length === 0 ? 0 : correct / cases.length,
    perReason: Object.fromEntries(
      reasons.map((r) => {
        const { support, flaggedUrgent, hits } = perReason[r];
        return [r, { support, flaggedUrgent, recall: support === 0 ? 0 : hits / support }];
      }),
    ) as TUrgencyReport['perReason'],
    missed,
    falseAlarms,
  };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/**
 * A readable summary. With `cases`, misses are shown with their test-set text (synthetic sentences);
 * without, only as line indexes, so the output never carries comment text from anywhere else.
 */
export function formatRuleEvaluation(
  report: { redaction?: TRedactionReport; urgency?: TUrgencyReport },
  cases?: { redaction?: TRedactionCase[]; urgency?: TUrgencyCase[] },
): string {
  const lines: string[] = [];
  const r = report.redaction;
  if (r) {
    lines.push(
      `Redaction (${r.sentences} sentences, ${r.withoutPii} without personal details)`,
      `  entities: recall ${pct(r.overall.recall)}, precision ${pct(r.overall.precision)} ` +
        `(${r.overall.truePositives} found, ${r.overall.falseNegatives} missed, ${r.overall.falsePositives} spurious); ` +
        `exact boundaries ${pct(r.exactBoundaryRate)}`,
      `  exact-sentence match: ${pct(r.exactMatchRate)}`,
    );
    for (const [kind, s] of Object.entries(r.perKind)) {
      if (s.support + s.falsePositives === 0) continue;
      lines.push(
        `  ${kind.padEnd(11)} recall ${pct(s.recall).padStart(6)}  precision ${pct(s.precision).padStart(6)}  n=${s.support}`,
      );
    }
    if (r.unaligned.length > 0) lines.push(`  broken test lines: ${r.unaligned.join(', ')}`);
    lines.push(`  mismatched lines: ${r.mismatched.join(', ') || 'none'}`);
    for (const i of cases?.redaction ? r.mismatched : []) {
      const c = cases?.redaction?.[i];
      if (c) lines.push(`    #${i} expected: ${c.expected}`, `    #${i} got:      ${redact(c.text).text}`);
    }
  }
  const u = report.urgency;
  if (u) {
    lines.push(
      `Urgency (${u.comments} comments, ${u.urgent} urgent)`,
      `  recall ${pct(u.recall)}, precision ${pct(u.precision)}, accuracy ${pct(u.accuracy)}`,
    );
    for (const [reason, s] of Object.entries(u.perReason)) {
      lines.push(
        `  ${reason.padEnd(16)} recall ${pct(s.recall).padStart(6)} (flagged urgent ${s.flaggedUrgent}/${s.support})`,
      );
    }
    lines.push(
      `  missed: ${u.missed.join(', ') || 'none'}`,
      `  false alarms: ${u.falseAlarms.join(', ') || 'none'}`,
    );
    for (const i of cases?.urgency ? [...u.missed, ...u.falseAlarms] : []) {
      const c = cases?.urgency?.[i];
      if (c) lines.push(`    #${i} (${c.urgent ? c.reasons.join('+') : 'not urgent'}): ${c.text}`);
    }
  }
  return lines.join('\n');
}
