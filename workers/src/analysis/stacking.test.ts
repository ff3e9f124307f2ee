import { linearScores, packModel, emptyModel } from './linear-model';
import { type TModelFile, compileModel, stackVector, vectorFor } from './model-store';
import { sentimentWith } from './sentiment';
import { isUnsure, themesWith } from './themes';
import { blendHeads } from './train-heads';
import { DEFAULT_FEATURE_OPTIONS } from './text-features';

/** A tiny stacked model: two sparse features and a 3-d encoder block; weights set by hand. */
function tinyStackedModel(): TModelFile {
  const features = ['w:kind', 'w:rude'];
  const dim = features.length + 3;
  const sentiment = emptyModel(3, dim);
  // Encoder dimension 0 pushes towards positive, dimension 1 towards negative (feature-major weights).
  sentiment.weights[(features.length + 0) * 3 + 0] = 4;
  sentiment.weights[(features.length + 1) * 3 + 2] = 4;
  const themes = emptyModel(2, dim);
  themes.weights[(features.length + 2) * 2 + 1] = 5;
  themes.bias[0] = -5;
  themes.bias[1] = -2;
  return {
    format: 1,
    trainedOn: 'test',
    options: DEFAULT_FEATURE_OPTIONS,
    lexicon: { positive: [], negative: [] },
    features,
    idf: [1, 1],
    encoder: { id: 'tiny', dim: 3, scale: 2 },
    sentiment: {
      labels: ['positive', 'neutral', 'negative'],
      model: packModel(sentiment),
      decisionBias: [0, 0, 0],
    },
    themes: {
      labels: ['Parking', 'Contacting services'],
      model: packModel(themes),
      calibration: [
        [1, 0],
        [1, 0],
      ],
      thresholds: [0.5, 0.5],
    },
  };
}

describe('heads stacked on a sentence encoder', () => {
  it('the model input is the sparse features followed by the scaled sentence vector', () => {
    const sparse = { indices: Int32Array.from([0, 1]), values: Float64Array.from([0.6, 0.8]) };
    const x = stackVector(sparse, 2, { id: 'tiny', dim: 3, scale: 2 }, Float32Array.from([0.5, -1, 0]));
    expect(Array.from(x.indices)).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(x.values)).toEqual([0.6, 0.8, 1, -2, 0]);
  });

  it('scores one output per class and per theme from the stacked input, and the sentence vector decides', () => {
    const model = compileModel(tinyStackedModel(), 'tiny');
    const toPositive = Float32Array.from([1, 0, 0]);
    const toNegative = Float32Array.from([0, 1, 1]);
    expect(linearScores(model.sentiment.model, vectorFor(model, 'kind', undefined, toPositive))).toHaveLength(
      3,
    );
    expect(sentimentWith(model, 'kind', undefined, toPositive).label).toBe('positive');
    expect(sentimentWith(model, 'kind', undefined, toNegative).label).toBe('negative');
    expect(themesWith(model, 'kind', undefined, toPositive).themes).toEqual([]);
    expect(themesWith(model, 'kind', undefined, toNegative).themes.map((t) => t.label)).toEqual([
      'Contacting services',
    ]);
  });

  it('refuses to score without the sentence vector, or with one of another size', () => {
    const model = compileModel(tinyStackedModel(), 'tiny');
    expect(() => sentimentWith(model, 'kind')).toThrow(/tiny/);
    expect(() => sentimentWith(model, 'rude', undefined, Float32Array.from([1, 2]))).toThrow(/3-d/);
  });
});

describe('blendHeads', () => {
  it('gives logits of sparse + weight · encoder head, per output, from one stacked input', () => {
    const sparse = emptyModel(2, 2);
    sparse.weights.set([1, 0, 0, 1]);
    sparse.bias.set([0.5, -0.5]);
    const dense = emptyModel(2, 3);
    dense.weights.set([1, 2, 0, 0, 3, 4]);
    dense.bias.set([1, 1]);
    const blended = blendHeads(sparse, dense, [0.5, 0]);
    const xs = { indices: Int32Array.from([0, 1]), values: Float64Array.from([2, 3]) };
    const embedding = Float32Array.from([1, 0, 2]);
    const x = stackVector(xs, 2, { id: 'e', dim: 3, scale: 1 }, embedding);
    const xd = { indices: Int32Array.from([0, 1, 2]), values: Float64Array.from(embedding) };
    const expected = Array.from(
      linearScores(sparse, xs),
      (z, c) => z + [0.5, 0][c]! * linearScores(dense, xd)[c]!,
    );
    expect(blended.dim).toBe(5);
    expect(Array.from(linearScores(blended, x))).toEqual(expected);
  });
});

describe('isUnsure', () => {
  it('a theme assigned below 0.5, or withheld above it, is unsure; clear calls are not', () => {
    expect(isUnsure(0.4, 0.3)).toBe(true);
    expect(isUnsure(0.55, 0.6)).toBe(true);
    expect(isUnsure(0.8, 0.3)).toBe(false);
    expect(isUnsure(0.1, 0.3)).toBe(false);
    expect(isUnsure(0.5, 0.5)).toBe(false);
  });
});
