import { multiclassReport } from './metrics';

/**
 * The bias on (neutral, negative) logits with the best macro-F1 among those reaching the negative
 * recall target; when none does, the one with the highest negative recall. Classes are in the sentiment
 * model's order (positive, neutral, negative), and the search is a grid of 0.1 steps.
 */
export function tuneDecisionBias(
  negativeRecallTarget: number,
  probabilities: readonly Float64Array[],
  truth: readonly number[],
): number[] {
  const negative = 2;
  const logs = probabilities.map((p) => Array.from(p, Math.log));
  let best = { bias: [0, 0, 0], macroF1: -1, recall: -1 };
  for (let neutral = -10; neutral <= 25; neutral += 1) {
    for (let negativeBias = -10; negativeBias <= 25; negativeBias += 1) {
      const bias = [0, neutral / 10, negativeBias / 10];
      const predicted = logs.map((l) => {
        let top = 0;
        for (let c = 1; c < 3; c += 1)
          if ((l[c] as number) + bias[c]! > (l[top] as number) + bias[top]!) top = c;
        return top;
      });
      const report = multiclassReport(truth, predicted, 3);
      const recall = report.perClass[negative]?.recall ?? 0;
      const target = negativeRecallTarget;
      const better =
        recall >= target
          ? best.recall < target || report.macroF1 > best.macroF1
          : best.recall < target && recall > best.recall;
      if (better) best = { bias, macroF1: report.macroF1, recall };
    }
  }
  return best.bias;
}
