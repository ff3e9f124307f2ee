import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analysisConfig, type TAnalysisConfig } from './config';
import { USE_ENCODER_ID } from './encoder';
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

/** The sparse-only heads (ANALYSIS_ENCODER=none), always shipped. */
export const MODEL_FILE = path.join(__dirname, 'models', 'analysis-model.json');

/** Heads stacked on the shipped USE lite encoder. */
export const USE_MODEL_FILE = path.join(__dirname, 'models', `analysis-model.${USE_ENCODER_ID}.json`);

/**
 * The model file the settings select: the sparse one for ANALYSIS_ENCODER=none, the heads fitted for a
 * local ONNX encoder (ANALYSIS_HEADS_FILE, default `careloop-heads.json` inside ANALYSIS_ENCODER_DIR), else
 * the USE lite heads.
 */
export function modelFileFor(config: TAnalysisConfig = analysisConfig()): string {
  if (config.ANALYSIS_ENCODER_DIR !== undefined)
    return config.ANALYSIS_HEADS_FILE ?? path.join(config.ANALYSIS_ENCODER_DIR, 'careloop-heads.json');
  return config.ANALYSIS_ENCODER === 'none' ? MODEL_FILE : USE_MODEL_FILE;
}

/**
 * The sentence-encoder block of a stacked model: the encoder's vector, times `scale`, follows the
 * sparse features as columns `features.length …`.
 */
export type TEncoderBlock = { id: string; dim: number; scale: number };

/** Cross-validated (out-of-fold) figures of a model, kept in its file so `npm run evaluate` prints the gap to test. */
export type TCrossValidated = {
  sentiment: { macroF1: number; negativeRecall: number; ece: number };
  themes: { microF1: number; macroF1: number; ece: number };
};

/** The shipped model file (JSON): vocabulary, idf and weights, never comment text. */
export type TModelFile = {
  format: 1;
  /** What it was trained on (file, split, row counts): for people reading the file. */
  trainedOn: string;
  options: TFeatureOptions;
  lexicon: TPolarityLexicon;
  features: string[];
  idf: number[];
  /** Absent: the sparse model alone. */
  encoder?: TEncoderBlock;
  crossValidated?: TCrossValidated;
  sentiment: {
    labels: TSentimentLabel[];
    model: TPackedLinear;
    /** Added to the logits before the softmax, tuned on out-of-fold predictions for negative recall. */
    decisionBias: number[];
    /** Temperature the biased logits are divided by for calibrated probabilities, fitted out of fold. */
    temperature?: number;
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
  encoder: TEncoderBlock | null;
  sentiment: {
    labels: TSentimentLabel[];
    model: TLinearModel;
    decisionBias: Float64Array;
    temperature: number;
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
    encoder: file.encoder ?? null,
    sentiment: {
      labels: file.sentiment.labels,
      model: unpackModel(file.sentiment.model),
      decisionBias: Float64Array.from(file.sentiment.decisionBias),
      temperature: file.sentiment.temperature ?? 1,
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

const loaded = new Map<string, { bytes: Buffer; model?: TAnalysisModel }>();

function modelBytes(file: string): Buffer {
  let entry = loaded.get(file);
  if (!entry) {
    entry = { bytes: readFileSync(file) };
    loaded.set(file, entry);
  }
  return entry.bytes;
}

/** A model file, read and compiled once, at first use; by default the one the settings select. */
export function loadAnalysisModel(file = modelFileFor()): TAnalysisModel {
  const bytes = modelBytes(file);
  const entry = loaded.get(file)!;
  entry.model ??= compileModel(JSON.parse(bytes.toString('utf8')) as TModelFile, versionOf(bytes));
  return entry.model;
}

/** Version of the selected model file without compiling it (hashing only). */
export function shippedModelVersion(file = modelFileFor()): string {
  return loaded.get(file)?.model?.version ?? versionOf(modelBytes(file));
}

let lastVector:
  | { model: TAnalysisModel; text: string; intent?: TTextIntent; embedding?: Float32Array; x: TSparseVector }
  | undefined;

/**
 * The model input of one comment: the sparse features, then the sentence vector when the model is
 * stacked on an encoder (required then). The last one is kept because the pipeline asks for sentiment
 * and then themes of the same text, and feature extraction is most of the cost.
 */
export function vectorFor(
  model: TAnalysisModel,
  text: string,
  intent?: TTextIntent,
  embedding?: Float32Array,
): TSparseVector {
  if (
    lastVector &&
    lastVector.model === model &&
    lastVector.text === text &&
    lastVector.intent === intent &&
    lastVector.embedding === embedding
  ) {
    return lastVector.x;
  }
  const sparse = vectorise(extractFeatures(text, intent, model.options, model.lexicon), model.space);
  const x = model.encoder ? stackVector(sparse, model.space.idf.length, model.encoder, embedding) : sparse;
  lastVector = { model, text, intent, embedding, x };
  return x;
}

/** Sparse features followed by the scaled sentence vector at columns `offset …`. */
export function stackVector(
  sparse: TSparseVector,
  offset: number,
  block: TEncoderBlock,
  embedding: Float32Array | undefined,
): TSparseVector {
  if (!embedding || embedding.length !== block.dim)
    throw new Error(`analysis model stacked on encoder ${block.id} needs its ${block.dim}-d sentence vector`);
  const n = sparse.indices.length;
  const indices = new Int32Array(n + block.dim);
  const values = new Float64Array(n + block.dim);
  indices.set(sparse.indices);
  values.set(sparse.values);
  for (let d = 0; d < block.dim; d += 1) {
    indices[n + d] = offset + d;
    values[n + d] = (embedding[d] as number) * block.scale;
  }
  return { indices, values };
}
