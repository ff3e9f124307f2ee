import type { TFeedbackRow } from './csv';

export type TSplitName = 'train' | 'validation' | 'test';

/** 70 / 15 / 15: enough validation rows to tune per-theme thresholds, a test split never trained on. */
export const SPLIT_FRACTIONS: Record<TSplitName, number> = { train: 0.7, validation: 0.15, test: 0.15 };
export const SPLIT_SEED = 20240611;

/** mulberry32: a small seeded PRNG so shuffles and splits are the same on every run and machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates, in place, driven by the given PRNG. */
export function shuffleInPlace<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    const swap = items[i] as T;
    items[i] = items[j] as T;
    items[j] = swap;
  }
  return items;
}

/**
 * A repeating assignment pattern that spreads each split evenly (largest remainder at every step), so
 * that any run of consecutive items gets close to the target fractions.
 */
export function splitPattern(fractions: Record<TSplitName, number>, length = 20): TSplitName[] {
  const names: TSplitName[] = ['train', 'validation', 'test'];
  const given: Record<TSplitName, number> = { train: 0, validation: 0, test: 0 };
  const pattern: TSplitName[] = [];
  for (let k = 1; k <= length; k += 1) {
    let best: TSplitName = 'train';
    let bestDeficit = -Infinity;
    for (const name of names) {
      const deficit = fractions[name] * k - given[name];
      if (deficit > bestDeficit + 1e-9) {
        best = name;
        bestDeficit = deficit;
      }
    }
    given[best] += 1;
    pattern.push(best);
  }
  return pattern;
}

/**
 * Deterministic stratified split: items are grouped by stratum (groups in sorted key order), shuffled
 * within each group with a seeded PRNG, laid end to end and dealt out with {@link splitPattern}. Dealing
 * across group boundaries keeps tiny strata from all landing in train. Returns one split per item.
 */
export function stratifiedSplit<T>(
  items: readonly T[],
  stratumOf: (item: T) => string,
  seed = SPLIT_SEED,
  fractions = SPLIT_FRACTIONS,
): TSplitName[] {
  const groups = new Map<string, number[]>();
  items.forEach((item, i) => {
    const key = stratumOf(item);
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  });
  const random = seededRandom(seed);
  const order: number[] = [];
  for (const key of [...groups.keys()].sort()) order.push(...shuffleInPlace(groups.get(key) ?? [], random));
  const pattern = splitPattern(fractions);
  const result = new Array<TSplitName>(items.length);
  order.forEach((itemIndex, position) => {
    result[itemIndex] = pattern[position % pattern.length] as TSplitName;
  });
  return result;
}

/**
 * Stratum of each FFT row: sentiment class × the row's rarest theme, so both the sentiment mix and the
 * small themes are spread over splits and folds (a cheap stand-in for iterative multi-label stratification).
 */
function feedbackStrata(rows: readonly TFeedbackRow[]): (row: TFeedbackRow) => string {
  const themeCounts = new Map<string, number>();
  for (const row of rows)
    for (const theme of row.themes) themeCounts.set(theme, (themeCounts.get(theme) ?? 0) + 1);
  return (row) => {
    let rarest = '-';
    let rarestCount = Infinity;
    for (const theme of row.themes) {
      const count = themeCounts.get(theme) ?? 0;
      if (count < rarestCount || (count === rarestCount && theme < rarest)) {
        rarest = theme;
        rarestCount = count;
      }
    }
    return `${row.sentiment ?? 'unlabelled'}|${rarest}`;
  };
}

/**
 * The FFT rows' train / validation / test split, stratified by {@link feedbackStrata}. Rows labelled
 * "Labelling not possible" (kept since issue 11) are split on their own, so every other row keeps the
 * split it had before they were kept: the test part of earlier models stays the test part.
 */
export function splitFeedbackRows(rows: readonly TFeedbackRow[]): TSplitName[] {
  const unlabellable = (row: TFeedbackRow): boolean => row.themes.includes('Labelling not possible');
  const usual = rows.filter((row) => !unlabellable(row));
  const filler = rows.filter(unlabellable);
  const usualSplits = stratifiedSplit(usual, feedbackStrata(usual));
  const fillerSplits = stratifiedSplit(filler, feedbackStrata(filler));
  let u = 0;
  let f = 0;
  return rows.map((row) => (unlabellable(row) ? fillerSplits[f++]! : usualSplits[u++]!));
}

/**
 * Fold number (0 … k − 1) of each row for k-fold cross-validation, stratified like the split: rows are
 * grouped by stratum, shuffled with a seeded PRNG, laid end to end and dealt out in turn.
 */
export function feedbackFolds(rows: readonly TFeedbackRow[], k: number, seed: number): number[] {
  const stratumOf = feedbackStrata(rows);
  const groups = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const key = stratumOf(row);
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  });
  const random = seededRandom(seed);
  const folds = new Array<number>(rows.length).fill(0);
  let position = 0;
  for (const key of [...groups.keys()].sort()) {
    for (const i of shuffleInPlace(groups.get(key) ?? [], random)) {
      folds[i] = position % k;
      position += 1;
    }
  }
  return folds;
}
