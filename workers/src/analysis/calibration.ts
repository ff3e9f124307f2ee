/**
 * Expected calibration error: predictions are put in `bins` equal-width bins by confidence; ECE is the
 * share-weighted mean gap between each bin's mean confidence and how often its predictions were right.
 * `confidences[i]` is the probability given to an outcome, `correct[i]` whether it happened.
 */
export function expectedCalibrationError(
  confidences: readonly number[],
  correct: readonly boolean[],
  bins = 10,
): number {
  if (confidences.length === 0) return 0;
  const sums = new Array<number>(bins).fill(0);
  const hits = new Array<number>(bins).fill(0);
  const counts = new Array<number>(bins).fill(0);
  confidences.forEach((p, i) => {
    const bin = Math.min(bins - 1, Math.max(0, Math.floor(p * bins)));
    sums[bin] = sums[bin]! + p;
    hits[bin] = hits[bin]! + (correct[i] ? 1 : 0);
    counts[bin] = counts[bin]! + 1;
  });
  let ece = 0;
  for (let b = 0; b < bins; b += 1) {
    if (counts[b] === 0) continue;
    ece += (counts[b]! / confidences.length) * Math.abs(sums[b]! / counts[b]! - hits[b]! / counts[b]!);
  }
  return ece;
}

/** Mean negative log-likelihood of the true classes under softmax(logits / temperature). */
export function temperatureLoss(
  logits: readonly (readonly number[])[],
  truth: readonly number[],
  temperature: number,
): number {
  let loss = 0;
  logits.forEach((row, i) => {
    let max = -Infinity;
    for (const z of row) max = Math.max(max, z / temperature);
    let sum = 0;
    for (const z of row) sum += Math.exp(z / temperature - max);
    loss -= (row[truth[i]!] as number) / temperature - max - Math.log(sum);
  });
  return loss / Math.max(logits.length, 1);
}

/**
 * Temperature scaling (Guo et al. 2017): the T in [0.05, 20] minimising the log loss of
 * softmax(logits / T), by golden-section search on log T. One parameter, so it cannot overfit the
 * out-of-fold data it is fitted on, and it never changes which class is chosen. Rounded to 4 digits.
 */
export function fitTemperature(logits: readonly (readonly number[])[], truth: readonly number[]): number {
  let low = Math.log(0.05);
  let high = Math.log(20);
  const ratio = (Math.sqrt(5) - 1) / 2;
  const loss = (logT: number): number => temperatureLoss(logits, truth, Math.exp(logT));
  let a = high - ratio * (high - low);
  let b = low + ratio * (high - low);
  let la = loss(a);
  let lb = loss(b);
  for (let iteration = 0; iteration < 60; iteration += 1) {
    if (la < lb) {
      high = b;
      b = a;
      lb = la;
      a = high - ratio * (high - low);
      la = loss(a);
    } else {
      low = a;
      a = b;
      la = lb;
      b = low + ratio * (high - low);
      lb = loss(b);
    }
  }
  return Number(Math.exp((low + high) / 2).toPrecision(4));
}
