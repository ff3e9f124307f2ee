import { seededRandom, shuffleInPlace } from './data-split';
import type { TSparseVector } from './text-features';

/**
 * A linear model over sparse features. Weights are feature-major (`weights[feature * outputs + k]`)
 * so scoring a sparse vector reads one contiguous run per feature.
 */
export type TLinearModel = { outputs: number; dim: number; weights: Float64Array; bias: Float64Array };

export type TTrainOptions = {
  epochs: number;
  /** L2 strength, applied to the weights an example touches (lazy, frequency-weighted L2). */
  l2: number;
  /** AdaGrad base learning rate. */
  learningRate: number;
  seed: number;
};

export function emptyModel(outputs: number, dim: number): TLinearModel {
  return { outputs, dim, weights: new Float64Array(outputs * dim), bias: new Float64Array(outputs) };
}

/** Raw scores (logits) of one example. */
export function linearScores(
  model: TLinearModel,
  x: TSparseVector,
  out = new Float64Array(model.outputs),
): Float64Array {
  const k = model.outputs;
  out.set(model.bias);
  const { indices, values } = x;
  for (let i = 0; i < indices.length; i += 1) {
    const base = (indices[i] as number) * k;
    const value = values[i] as number;
    for (let c = 0; c < k; c += 1) out[c] = (out[c] as number) + (model.weights[base + c] as number) * value;
  }
  return out;
}

export function softmaxInPlace(scores: Float64Array): Float64Array {
  let max = -Infinity;
  for (const s of scores) if (s > max) max = s;
  let sum = 0;
  for (let c = 0; c < scores.length; c += 1) {
    const e = Math.exp((scores[c] as number) - max);
    scores[c] = e;
    sum += e;
  }
  for (let c = 0; c < scores.length; c += 1) scores[c] = (scores[c] as number) / sum;
  return scores;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/**
 * Multinomial logistic regression by AdaGrad SGD, examples visited in a seeded order each epoch.
 * `exampleWeights` carries class weights. Chosen over natural's LogisticRegressionClassifier
 * (dense, minutes per epoch) and over a linear SVM (no probabilities for the sentiment score).
 */
export function trainSoftmax(
  xs: readonly TSparseVector[],
  ys: readonly number[],
  classes: number,
  dim: number,
  options: TTrainOptions,
  exampleWeights?: readonly number[],
): TLinearModel {
  const model = emptyModel(classes, dim);
  const g2 = new Float64Array(model.weights.length);
  const b2 = new Float64Array(classes);
  const random = seededRandom(options.seed);
  const order = xs.map((_, i) => i);
  const probabilities = new Float64Array(classes);
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    shuffleInPlace(order, random);
    for (const n of order) {
      const x = xs[n] as TSparseVector;
      const weight = exampleWeights?.[n] ?? 1;
      softmaxInPlace(linearScores(model, x, probabilities));
      for (let c = 0; c < classes; c += 1) {
        const error = ((probabilities[c] as number) - (ys[n] === c ? 1 : 0)) * weight;
        adagradStep(model.bias, b2, c, error, options.learningRate);
        for (let i = 0; i < x.indices.length; i += 1) {
          const at = (x.indices[i] as number) * classes + c;
          const gradient = error * (x.values[i] as number) + options.l2 * (model.weights[at] as number);
          adagradStep(model.weights, g2, at, gradient, options.learningRate);
        }
      }
    }
  }
  return model;
}

/**
 * Independent binary logistic regressions (one-vs-rest), one output per label; `ys[label][n]` is 0/1.
 * `l2PerLabel`, when given, replaces `options.l2` label by label (each label trains alone, so a label
 * gets the same weights whatever the others' L2).
 */
export function trainOneVsRest(
  xs: readonly TSparseVector[],
  ys: readonly Uint8Array[],
  dim: number,
  options: TTrainOptions,
  positiveWeights: readonly number[],
  l2PerLabel?: readonly number[],
): TLinearModel {
  const labels = ys.length;
  const model = emptyModel(labels, dim);
  for (let label = 0; label < labels; label += 1) {
    const w = new Float64Array(dim);
    const g2 = new Float64Array(dim);
    const bias = new Float64Array(1);
    const b2 = new Float64Array(1);
    const random = seededRandom(options.seed + label);
    const order = xs.map((_, i) => i);
    const target = ys[label] as Uint8Array;
    const positiveWeight = positiveWeights[label] ?? 1;
    const l2 = l2PerLabel?.[label] ?? options.l2;
    for (let epoch = 0; epoch < options.epochs; epoch += 1) {
      shuffleInPlace(order, random);
      for (const n of order) {
        const x = xs[n] as TSparseVector;
        let z = bias[0] as number;
        for (let i = 0; i < x.indices.length; i += 1)
          z += (w[x.indices[i] as number] as number) * (x.values[i] as number);
        const y = target[n] as number;
        const error = (sigmoid(z) - y) * (y === 1 ? positiveWeight : 1);
        adagradStep(bias, b2, 0, error, options.learningRate);
        for (let i = 0; i < x.indices.length; i += 1) {
          const at = x.indices[i] as number;
          adagradStep(
            w,
            g2,
            at,
            error * (x.values[i] as number) + l2 * (w[at] as number),
            options.learningRate,
          );
        }
      }
    }
    for (let f = 0; f < dim; f += 1) model.weights[f * labels + label] = w[f] as number;
    model.bias[label] = bias[0] as number;
  }
  return model;
}

function adagradStep(w: Float64Array, g2: Float64Array, at: number, gradient: number, rate: number): void {
  if (gradient === 0) return;
  const sum = (g2[at] as number) + gradient * gradient;
  g2[at] = sum;
  w[at] = (w[at] as number) - (rate * gradient) / Math.sqrt(sum);
}

/**
 * Compact, deterministic storage of one model's weights: per output, the non-zero features as
 * delta-encoded column numbers and integers on a grid of `scale` (largest |weight| / `levels`).
 * Weights under half a grid step are dropped, which is the pruning.
 */
export type TPackedLinear = {
  outputs: number;
  dim: number;
  bias: number[];
  scale: number[];
  columns: number[][];
  values: number[][];
};

export function packModel(model: TLinearModel, levels = 500): TPackedLinear {
  const packed: TPackedLinear = {
    outputs: model.outputs,
    dim: model.dim,
    bias: [],
    scale: [],
    columns: [],
    values: [],
  };
  for (let c = 0; c < model.outputs; c += 1) {
    let maxAbs = 0;
    for (let f = 0; f < model.dim; f += 1)
      maxAbs = Math.max(maxAbs, Math.abs(model.weights[f * model.outputs + c] as number));
    const scale = Number((maxAbs / levels || 1).toPrecision(6));
    const columns: number[] = [];
    const values: number[] = [];
    let previous = 0;
    for (let f = 0; f < model.dim; f += 1) {
      const q = Math.round((model.weights[f * model.outputs + c] as number) / scale);
      if (q === 0) continue;
      columns.push(f - previous);
      values.push(q);
      previous = f;
    }
    packed.bias.push(Number((model.bias[c] as number).toPrecision(6)));
    packed.scale.push(scale);
    packed.columns.push(columns);
    packed.values.push(values);
  }
  return packed;
}

export function unpackModel(packed: TPackedLinear): TLinearModel {
  const model = emptyModel(packed.outputs, packed.dim);
  model.bias.set(packed.bias);
  for (let c = 0; c < packed.outputs; c += 1) {
    const columns = packed.columns[c] ?? [];
    const values = packed.values[c] ?? [];
    const scale = packed.scale[c] ?? 0;
    let f = 0;
    columns.forEach((delta, i) => {
      f += delta;
      model.weights[f * packed.outputs + c] = (values[i] as number) * scale;
    });
  }
  return model;
}

/**
 * Platt scaling: a, b minimising log loss of sigmoid(a·z + b) against the 0/1 truth, by Newton's
 * method, with Platt's smoothed targets so a handful of validation positives cannot give p = 1.
 */
export function fitPlatt(scores: readonly number[], truth: readonly boolean[]): [number, number] {
  const positives = truth.filter(Boolean).length;
  const negatives = truth.length - positives;
  const high = (positives + 1) / (positives + 2);
  const low = 1 / (negatives + 2);
  let a = 1;
  let b = 0;
  for (let iteration = 0; iteration < 100; iteration += 1) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-9;
    let hab = 0;
    let hbb = 1e-9;
    scores.forEach((z, i) => {
      const p = sigmoid(a * z + b);
      const error = p - (truth[i] ? high : low);
      const curvature = Math.max(p * (1 - p), 1e-12);
      ga += error * z;
      gb += error;
      haa += curvature * z * z;
      hab += curvature * z;
      hbb += curvature;
    });
    const determinant = haa * hbb - hab * hab;
    if (Math.abs(determinant) < 1e-18) break;
    const da = (hbb * ga - hab * gb) / determinant;
    const db = (haa * gb - hab * ga) / determinant;
    a -= da;
    b -= db;
    if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) break;
  }
  return [Number(a.toPrecision(6)), Number(b.toPrecision(6))];
}
