import type { TSentimentLabel } from '../../../shared/src/analysis/contract';
import { FRAMEWORK_THEMES } from '../../../shared/src/analysis/contract';
import type { TTextIntent } from '../../../shared/src/survey/definition';
import type { TFeedbackRow } from './csv';
import type { TSplitName } from './data-split';
import { type TLinearModel, emptyModel, linearScores, trainOneVsRest, trainSoftmax } from './linear-model';
import {
  type TFeatureOptions,
  type TFeatureSpace,
  type TPolarityLexicon,
  type TSparseVector,
  extractFeatures,
  featureSpaceOf,
  vectorise,
} from './text-features';
import { fitVocabulary } from './vocabulary';

export const SENTIMENT_LABELS: TSentimentLabel[] = ['positive', 'neutral', 'negative'];

/** What `npm run train` is tuned with (scripts/train.ts holds the values and says why). */
export type TTrainConfig = {
  features: TFeatureOptions;
  minDocumentFrequency: number;
  lexicon: { minCount: number; positive: number; negative: number };
  sentiment: { epochs: number; learningRate: number; seed: number; classWeightPower: number };
  /** Sentiment L2 strengths tried out of fold; the one with the best tuned macro-F1 is kept. */
  sentimentL2Choices: number[];
  negativeRecallTarget: number;
  folds: number;
  foldSeed: number;
  themes: { epochs: number; learningRate: number; seed: number; positiveWeightPower: number };
  themeL2Choices: number[];
  thresholdMacroWeight: number;
  /** Pseudo-count pulling each theme threshold towards 0.5 (theme-thresholds.ts, shrinkThreshold). */
  thresholdShrinkage: number;
  minThemeExamples: number;
  minThresholdPositives: number;
  /** L2 strengths of the encoder-only sentiment head, tried out of fold. */
  denseSentimentL2Choices: number[];
  /** L2 strength of the encoder-only theme heads. */
  denseThemeL2: number;
  /** Weights w of the encoder head's logits in sparse + w · encoder, tried out of fold (0 is always tried). */
  blendWeights: number[];
};

/** The rows with what every fit needs; the test rows have empty features and no sentence vector. */
export type TTrainingData = {
  rows: TFeedbackRow[];
  splits: TSplitName[];
  intents: (TTextIntent | undefined)[];
  /** Features without the polarity lexicon (it is fitted per training set). */
  baseCounts: Map<string, number>[];
  valence: Record<string, number>;
  /** Sentence vectors of the non-test rows, when heads are fitted for an encoder. */
  embeddings?: (Float32Array | undefined)[];
};

/** Stems whose labelled training comments are mostly positive, or often negative (smoothed shares). */
export function fitLexicon(
  data: TTrainingData,
  rows: readonly number[],
  config: TTrainConfig,
): TPolarityLexicon {
  const lexicon: TPolarityLexicon = { positive: [], negative: [], valence: data.valence };
  if (config.lexicon.minCount <= 0) return lexicon;
  const tally = new Map<string, [number, number, number]>();
  for (const n of rows) {
    const label = data.rows[n]?.sentiment;
    if (label === undefined) continue;
    const c = SENTIMENT_LABELS.indexOf(label);
    for (const key of data.baseCounts[n]?.keys() ?? []) {
      if (!key.startsWith('w:') || key.length < 4) continue;
      const counts = tally.get(key) ?? [0, 0, 0];
      counts[c as 0 | 1 | 2] += 1;
      tally.set(key, counts);
    }
  }
  for (const [key, [positive, neutral, negative]] of [...tally.entries()].sort(([a], [b]) =>
    a < b ? -1 : 1,
  )) {
    const total = positive + neutral + negative;
    if (total < config.lexicon.minCount) continue;
    if ((positive + 1) / (total + 3) >= config.lexicon.positive) lexicon.positive.push(key.slice(2));
    if ((negative + 1) / (total + 3) >= config.lexicon.negative) lexicon.negative.push(key.slice(2));
  }
  return lexicon;
}

/** A sparse feature space fitted on training rows, and the model input of any non-test row in it. */
export type TFeatureFit = {
  lexicon: TPolarityLexicon;
  features: string[];
  idf: number[];
  space: TFeatureSpace;
  dim: number;
  vectorOf(n: number): TSparseVector;
};

export function fitFeatures(
  data: TTrainingData,
  trainRows: readonly number[],
  config: TTrainConfig,
): TFeatureFit {
  const lexicon = fitLexicon(data, trainRows, config);
  const counts = data.rows.map((row, n) =>
    data.splits[n] === 'test'
      ? new Map<string, number>()
      : extractFeatures(row.text, data.intents[n], config.features, lexicon),
  );
  const { features, idf } = fitVocabulary(counts, trainRows, config.minDocumentFrequency);
  const space = featureSpaceOf(features, idf);
  const cache = new Map<number, TSparseVector>();
  return {
    lexicon,
    features,
    idf,
    space,
    dim: features.length,
    vectorOf(n) {
      let x = cache.get(n);
      if (!x) {
        x = vectorise(counts[n] as Map<string, number>, space);
        cache.set(n, x);
      }
      return x;
    },
  };
}

/**
 * The sentence vectors as model inputs (columns 0 … dim − 1), for the encoder-only heads. Those heads
 * are fitted apart from the sparse ones and blended by adding their logits (late fusion): one linear
 * model over TF-IDF ⊕ the sentence vector fitted together gained nothing on cross-validation (the
 * sparse AdaGrad fit under-used the dense block at every scale tried: macro-F1 0.697 for scales 0, 1,
 * 2 and 4), while the blend of separately fitted heads gained 1.4 points (0.697 → 0.711).
 */
export function denseFit(data: TTrainingData, dim: number): TFeatureFit {
  const indices = Int32Array.from({ length: dim }, (_, d) => d);
  const cache = new Map<number, TSparseVector>();
  return {
    lexicon: { positive: [], negative: [] },
    features: [],
    idf: [],
    space: { index: new Map(), idf: new Float64Array(0), block: new Uint8Array(0) },
    dim,
    vectorOf(n) {
      let x = cache.get(n);
      if (!x) {
        const embedding = data.embeddings?.[n];
        if (!embedding) throw new Error(`row ${n} has no sentence vector`);
        x = { indices, values: Float64Array.from(embedding) };
        cache.set(n, x);
      }
      return x;
    },
  };
}

/**
 * One linear model over [sparse features, sentence vector]: the sparse head's weights, then the
 * encoder head's weights times `blend[k]` for output k; biases add the same way. Its logits are
 * sparse + blend · encoder, the blend tuned out of fold.
 */
export function blendHeads(
  sparse: TLinearModel,
  dense: TLinearModel,
  blend: readonly number[],
): TLinearModel {
  const k = sparse.outputs;
  const model = emptyModel(k, sparse.dim + dense.dim);
  model.weights.set(sparse.weights);
  for (let f = 0; f < dense.dim; f += 1)
    for (let c = 0; c < k; c += 1)
      model.weights[(sparse.dim + f) * k + c] = (dense.weights[f * k + c] as number) * (blend[c] as number);
  for (let c = 0; c < k; c += 1)
    model.bias[c] = (sparse.bias[c] as number) + (dense.bias[c] as number) * (blend[c] as number);
  return model;
}

/** Softmax sentiment model over the labelled rows among `trainRows`, classes weighted towards balance. */
export function fitSentiment(
  data: TTrainingData,
  fit: TFeatureFit,
  trainRows: readonly number[],
  config: TTrainConfig,
  l2: number,
): TLinearModel {
  const labelled = trainRows.filter((n) => data.rows[n]?.sentiment !== undefined);
  const ys = labelled.map((n) => SENTIMENT_LABELS.indexOf(data.rows[n]!.sentiment!));
  const classWeight = SENTIMENT_LABELS.map((_, c) => {
    const count = ys.filter((y) => y === c).length;
    return (ys.length / (3 * Math.max(count, 1))) ** config.sentiment.classWeightPower;
  });
  return trainSoftmax(
    labelled.map((n) => fit.vectorOf(n)),
    ys,
    3,
    fit.dim,
    { ...config.sentiment, l2 },
    ys.map((y) => classWeight[y] as number),
  );
}

/** Themes with at least `minThemeExamples` comments among the rows whose themes are known. */
export function modelledThemes(data: TTrainingData, rows: readonly number[], config: TTrainConfig) {
  return FRAMEWORK_THEMES.filter(
    (theme) => rows.filter((n) => data.rows[n]?.themes.includes(theme)).length >= config.minThemeExamples,
  );
}

/** One-vs-rest theme models over `trainRows` whose themes are known, each label with its own L2. */
export function fitThemes(
  data: TTrainingData,
  fit: TFeatureFit,
  trainRows: readonly number[],
  labels: readonly string[],
  config: TTrainConfig,
  l2PerLabel: readonly number[],
): TLinearModel {
  const rows = trainRows.filter((n) => !data.rows[n]?.themesUnknown);
  const targets = labels.map((theme) =>
    Uint8Array.from(rows, (n) => (data.rows[n]?.themes.includes(theme as never) ? 1 : 0)),
  );
  const positiveWeights = targets.map((target) => {
    const positives = target.reduce((a, b) => a + b, 0);
    return ((target.length - positives) / Math.max(positives, 1)) ** config.themes.positiveWeightPower;
  });
  return trainOneVsRest(
    rows.map((n) => fit.vectorOf(n)),
    targets,
    fit.dim,
    { ...config.themes, l2: l2PerLabel[0] ?? 0 },
    positiveWeights,
    l2PerLabel,
  );
}

/**
 * Out-of-fold raw outputs of every pooled row: sentiment logits per sentiment L2 choice (labelled rows
 * only) and theme logits per theme L2 choice, each from models fitted on the other folds.
 */
export type TOutOfFold = {
  sentiment: Map<number, Float64Array>[];
  themes: Map<number, Float64Array>[];
  /** The encoder-only heads' logits: sentiment per dense L2 choice; themes (one L2). Empty without an encoder. */
  denseSentiment: Map<number, Float64Array>[];
  denseThemes: Map<number, Float64Array>[];
};

export function outOfFold(
  data: TTrainingData,
  pool: readonly number[],
  folds: readonly number[],
  labels: readonly string[],
  config: TTrainConfig,
  encoderDim: number | null,
  progress: (message: string) => void = () => undefined,
): TOutOfFold {
  const result: TOutOfFold = {
    sentiment: config.sentimentL2Choices.map(() => new Map()),
    themes: config.themeL2Choices.map(() => new Map()),
    denseSentiment: encoderDim === null ? [] : config.denseSentimentL2Choices.map(() => new Map()),
    denseThemes: encoderDim === null ? [] : [new Map()],
  };
  const dense = encoderDim === null ? null : denseFit(data, encoderDim);
  for (let fold = 0; fold < config.folds; fold += 1) {
    const trainRows = pool.filter((_, i) => folds[i] !== fold);
    const scored = pool.filter((_, i) => folds[i] === fold);
    const fit = fitFeatures(data, trainRows, config);
    config.sentimentL2Choices.forEach((l2, k) => {
      const model = fitSentiment(data, fit, trainRows, config, l2);
      for (const n of scored)
        if (data.rows[n]!.sentiment !== undefined)
          result.sentiment[k]!.set(n, linearScores(model, fit.vectorOf(n)));
    });
    config.themeL2Choices.forEach((l2, k) => {
      const model = fitThemes(
        data,
        fit,
        trainRows,
        labels,
        config,
        labels.map(() => l2),
      );
      for (const n of scored)
        if (!data.rows[n]!.themesUnknown) result.themes[k]!.set(n, linearScores(model, fit.vectorOf(n)));
    });
    if (dense) {
      config.denseSentimentL2Choices.forEach((l2, k) => {
        const model = fitSentiment(data, dense, trainRows, config, l2);
        for (const n of scored)
          if (data.rows[n]!.sentiment !== undefined)
            result.denseSentiment[k]!.set(n, linearScores(model, dense.vectorOf(n)));
      });
      const model = fitThemes(
        data,
        dense,
        trainRows,
        labels,
        config,
        labels.map(() => config.denseThemeL2),
      );
      for (const n of scored)
        if (!data.rows[n]!.themesUnknown)
          result.denseThemes[0]!.set(n, linearScores(model, dense.vectorOf(n)));
    }
    progress(`fold ${fold + 1}/${config.folds} done`);
  }
  return result;
}
