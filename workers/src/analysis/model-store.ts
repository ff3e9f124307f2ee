import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TFrameworkTheme, TSentimentLabel } from '../../../shared/src/analysis/contract';
import { type TLinearModel, type TPackedLinear, unpackModel } from './linear-model';
import type { TTextIntent } from '../../../shared/src/survey/definition';
import {
  type TFeatureOptions,
  type TFeatureSpace,
  type TPolarityLexicon,
  type TSparseVector,
  extractFeatures,
  featureSpaceOf,
  vectorise,
} from './text-features';

export const MODEL_FILE = path.join(__dirname, 'models', 'analysis-model.json');

/** The shipped model file (JSON): vocabulary, idf and weights, never comment text. */
export type TModelFile = {
  format: 1;
  /** What it was trained on (file, split, row counts): for people reading the file. */
  trainedOn: string;
  options: TFeatureOptions;
  lexicon: TPolarityLexicon;
  features: string[];
  idf: number[];
  sentiment: {
    labels: TSentimentLabel[];
    model: TPackedLinear;
    /** Added to the logits before the softmax, tuned on out-of-fold predictions for negative recall. */
    decisionBias: number[];
  };
  themes: {
    /** Only the themes with enough examples to learn; the others are never assigned. */
    labels: TFrameworkTheme[];
    model: TPackedLinear;
    /** Platt scaling per label, p = sigmoid(a·z + b), fitted on out-of-fold logits. */
    calibration: [number, number][];
    thresholds: number[];
  };
};

export type TAnalysisModel = {
  version: string;
  options: TFeatureOptions;
  lexicon: TPolarityLexicon;
  space: TFeatureSpace;
  sentiment: {
    labels: TSentimentLabel[];
    model: TLinearModel;
    decisionBias: Float64Array;
  };
  themes: {
    labels: TFrameworkTheme[];
    model: TLinearModel;
    calibration: [number, number][];
    thresholds: number[];
  };
};

/** First 12 hex digits of the file's sha256: changes whenever the model bytes change. */
export function versionOf(bytes: string | Buffer): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 12);
}

export function compileModel(file: TModelFile, version: string): TAnalysisModel {
  if (file.format !== 1) throw new Error(`unsupported analysis model format ${String(file.format)}`);
  if (file.features.length !== file.idf.length)
    throw new Error('analysis model: features and idf differ in length');
  return {
    version,
    options: file.options,
    lexicon: file.lexicon,
    space: featureSpaceOf(file.features, file.idf),
    sentiment: {
      labels: file.sentiment.labels,
      model: unpackModel(file.sentiment.model),
      decisionBias: Float64Array.from(file.sentiment.decisionBias),
    },
    themes: {
      labels: file.themes.labels,
      model: unpackModel(file.themes.model),
      calibration: file.themes.calibration,
      thresholds: file.themes.thresholds,
    },
  };
}

/** Stable JSON text of a model file: the same model always gives the same bytes. */
export function serialiseModel(file: TModelFile): string {
  return `${JSON.stringify(file)}\n`;
}

let loaded: { bytes: Buffer; model?: TAnalysisModel } | undefined;

function modelBytes(): Buffer {
  loaded ??= { bytes: readFileSync(MODEL_FILE) };
  return loaded.bytes;
}

/** The shipped model, read and compiled once, at first use. */
export function loadAnalysisModel(): TAnalysisModel {
  const bytes = modelBytes();
  if (!loaded?.model) {
    const model = compileModel(JSON.parse(bytes.toString('utf8')) as TModelFile, versionOf(bytes));
    loaded = { bytes, model };
    return model;
  }
  return loaded.model;
}

/** Version of the shipped model without compiling it (hashing only). */
export function shippedModelVersion(): string {
  return loaded?.model?.version ?? versionOf(modelBytes());
}

let lastVector: { model: TAnalysisModel; text: string; intent?: TTextIntent; x: TSparseVector } | undefined;

/**
 * The model input of one comment. The last one is kept because the pipeline asks for sentiment and
 * then themes of the same text, and feature extraction is most of the cost.
 */
export function vectorFor(model: TAnalysisModel, text: string, intent?: TTextIntent): TSparseVector {
  if (lastVector && lastVector.model === model && lastVector.text === text && lastVector.intent === intent) {
    return lastVector.x;
  }
  const x = vectorise(extractFeatures(text, intent, model.options, model.lexicon), model.space);
  lastVector = { model, text, intent, x };
  return x;
}
