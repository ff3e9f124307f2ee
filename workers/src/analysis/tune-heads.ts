import type { TFrameworkTheme } from '../../../shared/src/analysis/contract';
import { expectedCalibrationError, fitTemperature } from './calibration';
import { tuneDecisionBias } from './decision-bias';
import { sigmoid, softmaxInPlace } from './linear-model';
import { type TClassScores, multiclassReport, multilabelReport } from './metrics';
import { tuneThemes } from './theme-thresholds';
import { SENTIMENT_LABELS, type TOutOfFold, type TTrainConfig, type TTrainingData } from './train-heads';

export type TSentimentTuning = {
  /** Index into `oof.sentiment`: which out-of-fold variant (settings) won. */
  choice: number;
  decisionBias: number[];
  temperature: number;
  macroF1: number;
  negativeRecall: number;
  ece: number;
  perClass: TClassScores[];
};

const argmax = (values: ArrayLike<number>): number => {
  let best = 0;
  for (let c = 1; c < values.length; c += 1) if (values[c]! > values[best]!) best = c;
  return best;
};

/**
 * Per out-of-fold variant (an L2 choice, or a blend with the encoder head), the decision bias tuned on
 * its out-of-fold probabilities; the variant with
 * the best macro-F1 among those reaching the negative recall target wins (the first on ties). Then a
 * temperature calibrates the biased logits, and the ECE of the chosen label's probability is measured
 * on the same out-of-fold data (optimistic by the one fitted parameter).
 */
export function tuneSentiment(data: TTrainingData, oof: TOutOfFold, config: TTrainConfig): TSentimentTuning {
  let best: TSentimentTuning | undefined;
  oof.sentiment.forEach((variant, k) => {
    const scored = [...variant.entries()];
    const truth = scored.map(([n]) => SENTIMENT_LABELS.indexOf(data.rows[n]!.sentiment!));
    const probabilities = scored.map(([, logits]) => softmaxInPlace(Float64Array.from(logits)));
    const decisionBias = tuneDecisionBias(config.negativeRecallTarget, probabilities, truth);
    const biased = probabilities.map((p) => Array.from(p, (v, c) => Math.log(v) + decisionBias[c]!));
    const report = multiclassReport(truth, biased.map(argmax), 3);
    const negativeRecall = report.perClass[2]!.recall;
    const meets = negativeRecall >= config.negativeRecallTarget;
    const bestMeets = best !== undefined && best.negativeRecall >= config.negativeRecallTarget;
    const better =
      best === undefined ||
      (meets && !bestMeets) ||
      (meets === bestMeets && report.macroF1 > best.macroF1 + 1e-9);
    if (!better) return;
    const temperature = fitTemperature(biased, truth);
    const confidences = biased.map((row) => {
      const p = softmaxInPlace(Float64Array.from(row, (z) => z / temperature));
      return p[argmax(p)]!;
    });
    const correct = biased.map((row, i) => argmax(row) === truth[i]);
    best = {
      choice: k,
      decisionBias,
      temperature,
      macroF1: report.macroF1,
      negativeRecall,
      ece: expectedCalibrationError(confidences, correct),
      perClass: report.perClass,
    };
  });
  if (!best) throw new Error('no sentiment variant to tune');
  return best;
}

export type TThemeHeadTuning = {
  /** Per theme, the index into `oof.themes` of the variant it keeps. */
  choice: number[];
  calibration: [number, number][];
  thresholds: number[];
  microF1: number;
  macroF1: number;
  ece: number;
};

/**
 * Per theme, the L2 choice, Platt calibration and threshold (shrunk towards 0.5) from out-of-fold
 * logits (theme-thresholds.ts); figures over the `frequent` themes on the same out-of-fold data.
 * Theme ECE is over every (comment, frequent theme) pair: the stated probability against whether the
 * theme was there.
 */
export function tuneThemeHeads(
  data: TTrainingData,
  oof: TOutOfFold,
  labels: readonly TFrameworkTheme[],
  frequent: ReadonlySet<TFrameworkTheme>,
  config: TTrainConfig,
): TThemeHeadTuning {
  const rows = [...oof.themes[0]!.keys()];
  const truth = labels.map((theme) => rows.map((n) => data.rows[n]!.themes.includes(theme)));
  const tuning = tuneThemes(
    oof.themes.length,
    (k, l) => rows.map((n) => oof.themes[k]!.get(n)![l]!),
    truth,
    labels.map((theme) => frequent.has(theme)),
    {
      minPositives: config.minThresholdPositives,
      macroWeight: config.thresholdMacroWeight,
      shrinkage: config.thresholdShrinkage,
    },
  );
  const probability = (l: number, i: number): number => {
    const [a, b] = tuning.calibration[l]!;
    return sigmoid(a * oof.themes[tuning.choice[l]!]!.get(rows[i]!)![l]! + b);
  };
  const judged = labels.flatMap((theme, l) => (frequent.has(theme) ? [l] : []));
  const confidences: number[] = [];
  const happened: boolean[] = [];
  const predicted = rows.map((_, i) =>
    judged.filter((l) => {
      const p = probability(l, i);
      confidences.push(p);
      happened.push(truth[l]![i]!);
      return p >= tuning.thresholds[l]!;
    }),
  );
  const actual = rows.map((_, i) => judged.filter((l) => truth[l]![i]));
  const report = multilabelReport(actual, predicted, labels.length, judged);
  return {
    choice: tuning.choice,
    calibration: tuning.calibration,
    thresholds: tuning.thresholds,
    microF1: report.microF1,
    macroF1: report.macroF1,
    ece: expectedCalibrationError(confidences, happened),
  };
}
