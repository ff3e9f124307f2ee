/** Precision, recall and F1 of one class or label, with its support (true count). */
export type TClassScores = { precision: number; recall: number; f1: number; support: number };

export function scoresOf(
  truePositives: number,
  falsePositives: number,
  falseNegatives: number,
): TClassScores {
  const precision =
    truePositives + falsePositives === 0 ? 0 : truePositives / (truePositives + falsePositives);
  const recall = truePositives + falseNegatives === 0 ? 0 : truePositives / (truePositives + falseNegatives);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, support: truePositives + falseNegatives };
}

export type TMulticlassReport = {
  accuracy: number;
  macroF1: number;
  perClass: TClassScores[];
  confusion: number[][];
};

/** Single-label classification over `classes` classes; `confusion[truth][predicted]`. */
export function multiclassReport(
  truth: readonly number[],
  predicted: readonly number[],
  classes: number,
): TMulticlassReport {
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  let correct = 0;
  truth.forEach((t, i) => {
    const p = predicted[i] as number;
    (confusion[t] as number[])[p] = ((confusion[t] as number[])[p] as number) + 1;
    if (t === p) correct += 1;
  });
  const perClass = confusion.map((row, c) => {
    const tp = row[c] as number;
    const fn = row.reduce((a, b) => a + b, 0) - tp;
    const fp = confusion.reduce((sum, other) => sum + (other[c] as number), 0) - tp;
    return scoresOf(tp, fp, fn);
  });
  return {
    accuracy: truth.length === 0 ? 0 : correct / truth.length,
    macroF1: perClass.reduce((sum, s) => sum + s.f1, 0) / Math.max(classes, 1),
    perClass,
    confusion,
  };
}

export type TMultilabelReport = { microF1: number; macroF1: number; perLabel: TClassScores[] };

/**
 * Multi-label classification: `truth[n]` and `predicted[n]` are the label numbers of example n.
 * Micro and macro figures cover `labels` only (e.g. the labels with enough examples to judge).
 */
export function multilabelReport(
  truth: readonly (readonly number[])[],
  predicted: readonly (readonly number[])[],
  labelCount: number,
  labels: readonly number[] = Array.from({ length: labelCount }, (_, i) => i),
): TMultilabelReport {
  const tp = new Array<number>(labelCount).fill(0);
  const fp = new Array<number>(labelCount).fill(0);
  const fn = new Array<number>(labelCount).fill(0);
  truth.forEach((actual, n) => {
    const guessed = new Set(predicted[n] ?? []);
    const real = new Set(actual);
    for (const label of guessed) {
      if (real.has(label)) tp[label] = (tp[label] as number) + 1;
      else fp[label] = (fp[label] as number) + 1;
    }
    for (const label of real) if (!guessed.has(label)) fn[label] = (fn[label] as number) + 1;
  });
  const perLabel = tp.map((_, l) => scoresOf(tp[l] as number, fp[l] as number, fn[l] as number));
  const sum = (values: number[]): number => labels.reduce((total, l) => total + (values[l] as number), 0);
  return {
    microF1: scoresOf(sum(tp), sum(fp), sum(fn)).f1,
    macroF1:
      labels.length === 0
        ? 0
        : labels.reduce((total, l) => total + (perLabel[l] as TClassScores).f1, 0) / labels.length,
    perLabel,
  };
}

/**
 * The probability threshold that maximises F1 for one label, searched on a grid; ties go to the
 * higher threshold (fewer false alarms). `fallback` when there are no positives to tune on.
 */
export function bestThreshold(
  probabilities: readonly number[],
  truth: readonly boolean[],
  fallback: number,
  grid: readonly number[] = Array.from({ length: 19 }, (_, i) => (i + 1) / 20),
): { threshold: number; f1: number } {
  if (!truth.some(Boolean)) return { threshold: fallback, f1: 0 };
  let best = { threshold: fallback, f1: -1 };
  for (const threshold of grid) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    probabilities.forEach((p, i) => {
      if (p >= threshold) {
        if (truth[i]) tp += 1;
        else fp += 1;
      } else if (truth[i]) fn += 1;
    });
    const { f1 } = scoresOf(tp, fp, fn);
    if (f1 >= best.f1) best = { threshold, f1 };
  }
  return best;
}
