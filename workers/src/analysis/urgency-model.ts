import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PorterStemmer } from 'natural/lib/natural/stemmers';
import type { TUrgencyReason } from '../../../shared/src/analysis/contract';
import {
  type TLinearModel,
  type TPackedLinear,
  linearScores,
  softmaxInPlace,
  unpackModel,
} from './linear-model';
import { versionOf } from './model-store';
import {
  type TFeatureOptions,
  type TFeatureSpace,
  type TSparseVector,
  extractFeatures,
  featureSpaceOf,
  isPlaceholder,
  tokenise,
  vectorise,
} from './text-features';

export const URGENCY_MODEL_FILE = path.join(__dirname, 'models', 'urgency-model.json');

/**
 * Features of the urgency model: stemmed words and bigrams, negation marks, character 3–5-grams.
 * No question intent (urgency does not depend on the question) and no length bucket. Two-letter
 * character grams were dropped: they cost a fifth of the extraction time and added nothing in cross-validation.
 */
export const URGENCY_FEATURE_OPTIONS: TFeatureOptions = {
  charMin: 3,
  charMax: 5,
  negation: true,
  shortAnswerWords: 0,
  lengthBuckets: false,
};

/** The shipped urgency model file (JSON): vocabulary, idf and weights, never comment text. */
export type TUrgencyModelFile = {
  format: 1;
  /** What it was trained on and the cross-validated figures it was tuned to: for people reading the file. */
  trainedOn: string;
  options: TFeatureOptions;
  features: string[];
  idf: number[];
  /**
   * Logistic regression urgent vs not, stored as a two-class softmax (it takes example weights);
   * flags when the logit difference (urgent − not) reaches `threshold`.
   */
  urgent: { model: TPackedLinear; threshold: number };
  /** Softmax over the reasons, trained on urgent comments only: names the reason of a model-only flag. */
  reasons: { labels: TUrgencyReason[]; model: TPackedLinear };
};

export type TUrgencyModel = {
  version: string;
  options: TFeatureOptions;
  space: TFeatureSpace;
  urgent: { model: TLinearModel; threshold: number };
  reasons: { labels: TUrgencyReason[]; model: TLinearModel };
  /** Columns of each token's features, filled as tokens are met (see {@link urgencyVector}). */
  tokens: Map<string, TTokenColumns>;
  /** Per-column counts of the comment being scored, and the columns it touched. */
  scratch: Int32Array;
};

type TTokenColumns = { stem: string; negator: boolean; word: number; negated: number; chars: Int32Array };

export function compileUrgencyModel(file: TUrgencyModelFile, version: string): TUrgencyModel {
  if (file.format !== 1) throw new Error(`unsupported urgency model format ${String(file.format)}`);
  if (file.features.length !== file.idf.length)
    throw new Error('urgency model: features and idf differ in length');
  return {
    version,
    options: file.options,
    space: featureSpaceOf(file.features, file.idf),
    urgent: { model: unpackModel(file.urgent.model), threshold: file.urgent.threshold },
    reasons: { labels: file.reasons.labels, model: unpackModel(file.reasons.model) },
    tokens: new Map(),
    scratch: new Int32Array(file.features.length),
  };
}

/** Stable JSON text of a model file: the same model always gives the same bytes. */
export const serialiseUrgencyModel = (file: TUrgencyModelFile): string => `${JSON.stringify(file)}\n`;

/** The model input by the shared feature extractor: the reference {@link urgencyVector} must match. */
export function referenceUrgencyVector(
  model: Pick<TUrgencyModel, 'options' | 'space'>,
  text: string,
): TSparseVector {
  return vectorise(extractFeatures(text, undefined, model.options), model.space);
}

const CLAUSE_END = new Set(['.', ',', ';', ':', '!', '?']);
const NEGATORS = new Set(['not', 'no', 'never', 'nt', 'cannot', 'nothing', 'without']);
const isNegator = (token: string): boolean =>
  NEGATORS.has(token) || (token.length > 3 && /(dn|sn|ln|on|an|ca|wo)nt$/.test(token));

function columnsOf(model: TUrgencyModel, token: string): TTokenColumns {
  let found = model.tokens.get(token);
  if (found) return found;
  const { index } = model.space;
  const stem = isPlaceholder(token) || token.length < 3 ? token : PorterStemmer.stem(token);
  const chars: number[] = [];
  if (!isPlaceholder(token)) {
    const padded = ` ${token} `;
    for (let n = model.options.charMin; n <= model.options.charMax; n += 1) {
      for (let start = 0; start + n <= padded.length; start += 1) {
        const column = index.get(`c:${padded.substring(start, start + n)}`);
        if (column !== undefined) chars.push(column);
      }
    }
  }
  found = {
    stem,
    negator: isNegator(token),
    word: index.get(`w:${stem}`) ?? -1,
    negated: model.options.negation ? (index.get(`w:neg_${stem}`) ?? -1) : -1,
    chars: Int32Array.from(chars),
  };
  if (model.tokens.size > 50_000) model.tokens.clear();
  model.tokens.set(token, found);
  return found;
}

/**
 * The model input of one comment: the same vector as {@link referenceUrgencyVector}, about three times
 * faster. Each distinct token's stem and character-gram columns are looked up once and kept, and
 * counts go into a reused array instead of a map of feature strings; the shared extractor was
 * rejected because it built ~150 strings per comment and doubled the cost of the whole analysis.
 */
export function urgencyVector(model: TUrgencyModel, text: string): TSparseVector & { words: number } {
  const { index, idf, block } = model.space;
  const counts = model.scratch;
  const touched: number[] = [];
  const add = (column: number): void => {
    if (column < 0) return;
    if (counts[column] === 0) touched.push(column);
    counts[column] = (counts[column] as number) + 1;
  };
  let negated = false;
  let previous = '<s>';
  let words = 0;
  for (const token of tokenise(text)) {
    if (CLAUSE_END.has(token)) {
      negated = false;
      if (token === '!' || token === '?') add(index.get(`w:${token}`) ?? -1);
      continue;
    }
    const columns = columnsOf(model, token);
    add(columns.word);
    if (negated) add(columns.negated);
    if (columns.negator) negated = true;
    for (const column of columns.chars) add(column);
    add(index.get(`b:${previous} ${columns.stem}`) ?? -1);
    previous = columns.stem;
    words += 1;
  }
  if (words > 0) add(index.get(`b:${previous} </s>`) ?? -1);
  const values = new Float64Array(touched.length);
  const norms = [0, 0, 0];
  touched.forEach((column, i) => {
    const value = (1 + Math.log(counts[column] as number)) * (idf[column] as number);
    values[i] = value;
    const b = block[column] as number;
    norms[b] = (norms[b] as number) + value * value;
    counts[column] = 0;
  });
  touched.forEach((column, i) => {
    values[i] = (values[i] as number) / (Math.sqrt(norms[block[column] as number] as number) || 1);
  });
  return { indices: Int32Array.from(touched), values, words };
}

/**
 * Fewer words than this and the model stays silent (the rules still run). A comment with no known
 * features scores the bias alone, which sits above a recall-first threshold, so "❤️" or "Hand
 * operation." were flagged; one- and two-word urgent comments ("suicidal", "hit me") are the rules' ground.
 */
export const MODEL_MIN_WORDS = 3;

/** The urgent-vs-not logit of one comment. */
export function urgencyLogit(model: Pick<TUrgencyModel, 'urgent'>, x: TSparseVector): number {
  const scores = linearScores(model.urgent.model, x);
  return (scores[1] as number) - (scores[0] as number);
}

/**
 * The reason the model gives an urgent comment: the most probable one, so a model-only flag always
 * carries a reason. One only: a second reason from a six-way softmax trained on ~500 comments is
 * rarely right, and the rules add theirs.
 */
export function modelReasons(model: TUrgencyModel, x: TSparseVector): TUrgencyReason[] {
  const p = softmaxInPlace(linearScores(model.reasons.model, x));
  let top = 0;
  for (let c = 1; c < p.length; c += 1) if ((p[c] as number) > (p[top] as number)) top = c;
  return [model.reasons.labels[top] as TUrgencyReason];
}

let loaded: { bytes: Buffer; model?: TUrgencyModel } | undefined;

function modelBytes(): Buffer {
  loaded ??= { bytes: readFileSync(URGENCY_MODEL_FILE) };
  return loaded.bytes;
}

/** The shipped urgency model, read and compiled once, at first use. */
export function loadUrgencyModel(): TUrgencyModel {
  const bytes = modelBytes();
  if (loaded?.model) return loaded.model;
  const model = compileUrgencyModel(
    JSON.parse(bytes.toString('utf8')) as TUrgencyModelFile,
    versionOf(bytes),
  );
  loaded = { bytes, model };
  return model;
}

/** Version of the shipped urgency model without compiling it (hashing only). */
export function shippedUrgencyModelVersion(): string {
  return loaded?.model?.version ?? versionOf(modelBytes());
}

/** What the model alone says of one (redacted) comment; `reasons` is empty when it does not flag. */
export function modelUrgency(text: string): { urgent: boolean; score: number; reasons: TUrgencyReason[] } {
  const model = loadUrgencyModel();
  const x = urgencyVector(model, text);
  const score = urgencyLogit(model, x);
  const urgent = x.words >= MODEL_MIN_WORDS && score >= model.urgent.threshold;
  return { urgent, score, reasons: urgent ? modelReasons(model, x) : [] };
}
