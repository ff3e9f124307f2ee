import {
  fitPlatt,
  linearScores,
  packModel,
  sigmoid,
  softmaxInPlace,
  trainOneVsRest,
  trainSoftmax,
  unpackModel,
} from './linear-model';
import type { TSparseVector } from './text-features';

const vector = (pairs: [number, number][]): TSparseVector => ({
  indices: Int32Array.from(pairs.map(([i]) => i)),
  values: Float64Array.from(pairs.map(([, v]) => v)),
});

// Three separable classes: feature 0, 1 or 2 is on, feature 3 is noise shared by all.
const xs = Array.from({ length: 60 }, (_, n) =>
  vector([
    [n % 3, 1],
    [3, 0.5],
  ]),
);
const ys = xs.map((_, n) => n % 3);
const options = { epochs: 20, l2: 1e-4, learningRate: 0.5, seed: 3 };

describe('trainSoftmax', () => {
  it('learns a separable toy problem', () => {
    const model = trainSoftmax(xs, ys, 3, 4, options);
    xs.forEach((x, n) => {
      const p = softmaxInPlace(linearScores(model, x));
      expect(p.indexOf(Math.max(...p))).toBe(ys[n]);
    });
  });

  it('is deterministic for a seed', () => {
    expect(trainSoftmax(xs, ys, 3, 4, options).weights).toEqual(trainSoftmax(xs, ys, 3, 4, options).weights);
  });
});

describe('trainOneVsRest', () => {
  it('learns each label on its own', () => {
    const targets = [0, 1].map((label) => Uint8Array.from(ys, (y) => (y === label ? 1 : 0)));
    const model = trainOneVsRest(xs, targets, 4, options, [1, 1]);
    const scores = linearScores(
      model,
      vector([
        [1, 1],
        [3, 0.5],
      ]),
    );
    expect(sigmoid(scores[0] as number)).toBeLessThan(0.2);
    expect(sigmoid(scores[1] as number)).toBeGreaterThan(0.8);
  });

  it('gives each label its own L2 when asked, leaving the other labels as they were', () => {
    const targets = [0, 1].map((label) => Uint8Array.from(ys, (y) => (y === label ? 1 : 0)));
    const shared = trainOneVsRest(xs, targets, 4, options, [1, 1]);
    const perLabel = trainOneVsRest(xs, targets, 4, options, [1, 1], [options.l2, 1]);
    const weightOf = (model: typeof shared, label: number): number => model.weights[1 * 2 + label] as number;
    expect(weightOf(perLabel, 0)).toBe(weightOf(shared, 0));
    expect(Math.abs(weightOf(perLabel, 1))).toBeLessThan(Math.abs(weightOf(shared, 1)));
  });
});

describe('packModel', () => {
  it('round-trips weights to within one grid step and drops the tiny ones', () => {
    const model = trainSoftmax(xs, ys, 3, 4, options);
    model.weights[3] = 1e-9;
    const packed = packModel(model, 1000);
    const restored = unpackModel(JSON.parse(JSON.stringify(packed)));
    restored.weights.forEach((w, i) => {
      expect(Math.abs(w - (model.weights[i] as number))).toBeLessThanOrEqual(
        packed.scale[i % 3]! / 2 + 1e-12,
      );
    });
    expect(restored.weights[3]).toBe(0);
  });
});

describe('fitPlatt', () => {
  it('maps scores to probabilities that rise with the score', () => {
    const scores = [-3, -2, -1, -0.5, 0.5, 1, 2, 3];
    const truth = [false, false, false, true, false, true, true, true];
    const [a, b] = fitPlatt(scores, truth);
    expect(a).toBeGreaterThan(0);
    expect(sigmoid(a * 3 + b)).toBeGreaterThan(0.8);
    expect(sigmoid(a * -3 + b)).toBeLessThan(0.2);
  });
});
