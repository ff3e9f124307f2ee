// Submodules only: natural's root index reads .env and loads database clients for its storage backends.
import { NGrams } from 'natural/lib/natural/ngrams';
import { PorterStemmer } from 'natural/lib/natural/stemmers';
import { RegexpTokenizer } from 'natural/lib/natural/tokenizers';
import type { TTextIntent } from '../../../shared/src/survey/definition';
import { type TLexiconToken, type TPolarityLexicon, lexiconFeatures } from './lexicon-features';

export type { TPolarityLexicon } from './lexicon-features';

/** How a comment becomes features; stored in the model file so scoring matches training. */
export type TFeatureOptions = {
  /** Character n-gram lengths, taken inside word boundaries (" word " padded). */
  charMin: number;
  charMax: number;
  /** Prefix words after a negation ("not", "never", "no", "nt") up to the next punctuation with "neg_". */
  negation: boolean;
  /** Answers of at most this many words also get word × question-intent features. */
  shortAnswerWords: number;
  /** Add an answer-length bucket feature. */
  lengthBuckets: boolean;
};

export const DEFAULT_FEATURE_OPTIONS: TFeatureOptions = {
  charMin: 2,
  charMax: 5,
  negation: true,
  shortAnswerWords: 4,
  lengthBuckets: true,
};

const LENGTH_BUCKETS = [1, 2, 3, 5, 8, 13, 21, 34, 55];

/**
 * Redaction placeholders (`[NAME]`, `[PHONE]`, `[DATE]`…) stay one token each, never split into
 * characters: the training data has few personal details, so their parts would only add noise.
 */
const PLACEHOLDER = /\[([A-Z][A-Z_]*)\]/g;
const TOKEN_PATTERN = /\[[a-z][a-z_]*\]|[a-z0-9]+|[!?.,;:]/g;
const tokenizer = new RegexpTokenizer({ pattern: TOKEN_PATTERN, gaps: false });
const NEGATORS = new Set(['not', 'no', 'never', 'nt', 'cannot', 'nothing', 'without']);
const CLAUSE_END = new Set(['.', ',', ';', ':', '!', '?']);

/** Lower-cased tokens: words, placeholders like `[name]`, and punctuation marks kept as their own tokens. */
export function tokenise(text: string): string[] {
  const normalised = text
    .replace(PLACEHOLDER, (_, name: string) => ` [${name.toLowerCase()}] `)
    .toLowerCase()
    // "didn't", "didn’t" → "didnt"; "n't" then reads as a negation below.
    .replace(/['’`]/g, '');
  return tokenizer.tokenize(normalised) ?? [];
}

export function isPlaceholder(token: string): boolean {
  return token.startsWith('[');
}

const stemCache = new Map<string, string>();
function stem(token: string): string {
  if (isPlaceholder(token) || token.length < 3) return token;
  let stemmed = stemCache.get(token);
  if (stemmed === undefined) {
    stemmed = PorterStemmer.stem(token);
    if (stemCache.size > 100_000) stemCache.clear();
    stemCache.set(token, stemmed);
  }
  return stemmed;
}

function isNegator(token: string): boolean {
  return (
    NEGATORS.has(token) ||
    (token.length > 3 && token.endsWith('nt') && /(dn|sn|ln|on|an|ca|wo)nt$/.test(token))
  );
}

/** Raw feature counts of one comment. Keys: `w:` word, `b:` word bigram, `c:` char n-gram, `i:`/`x:` intent. */
export function extractFeatures(
  text: string,
  intent: TTextIntent | undefined,
  options: TFeatureOptions = DEFAULT_FEATURE_OPTIONS,
  lexicon?: TPolarityLexicon,
): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (key: string): void => {
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  const tokens = tokenise(text);
  const words: string[] = [];
  const lexiconTokens: TLexiconToken[] = [];
  let negated = false;
  for (const token of tokens) {
    if (CLAUSE_END.has(token)) {
      negated = false;
      if (token === '!' || token === '?') add(`w:${token}`);
      lexiconTokens.push({ token, stem: '', negates: false });
      continue;
    }
    const stemmed = stem(token);
    const negates = isNegator(token);
    words.push(stemmed);
    lexiconTokens.push({ token, stem: stemmed, negates });
    add(`w:${stemmed}`);
    if (options.negation && negated) add(`w:neg_${stemmed}`);
    if (negates) negated = true;
    if (isPlaceholder(token)) continue;
    const padded = ` ${token} `;
    for (let n = options.charMin; n <= options.charMax; n += 1) {
      for (let start = 0; start + n <= padded.length; start += 1)
        add(`c:${padded.substring(start, start + n)}`);
    }
  }
  if (words.length > 0) {
    for (const [first, second] of NGrams.bigrams(words, '<s>', '</s>')) add(`b:${first} ${second}`);
  }
  if (options.lengthBuckets) {
    const bucket = LENGTH_BUCKETS.findIndex((limit) => words.length <= limit);
    add(`x:len${bucket < 0 ? LENGTH_BUCKETS.length : bucket}`);
  }
  if (lexicon) for (const feature of lexiconFeatures(lexiconTokens, lexicon, intent)) add(feature);
  if (intent !== undefined) {
    add(`i:${intent}`);
    if (words.length <= options.shortAnswerWords) {
      add(`x:${intent}:len${words.length}`);
      for (const word of words) add(`x:${intent}:${word}`);
    }
  }
  return counts;
}

/** 0 = words and bigrams, 1 = character n-grams, 2 = intent: each block is L2-normalised on its own. */
export function blockOf(feature: string): 0 | 1 | 2 {
  const kind = feature.charCodeAt(0);
  if (kind === 99 /* c */) return 1;
  if (kind === 105 /* i */ || kind === 120 /* x */) return 2;
  return 0;
}

export type TSparseVector = { indices: Int32Array; values: Float64Array };

/** The fitted vocabulary: feature → column, its idf and block. */
export type TFeatureSpace = { index: Map<string, number>; idf: Float64Array; block: Uint8Array };

export function featureSpaceOf(features: readonly string[], idf: ArrayLike<number>): TFeatureSpace {
  const index = new Map<string, number>();
  const block = new Uint8Array(features.length);
  features.forEach((feature, i) => {
    index.set(feature, i);
    block[i] = blockOf(feature);
  });
  return { index, idf: Float64Array.from(idf), block };
}

/**
 * TF-IDF vector: sublinear tf (1 + ln tf) × idf for words and characters, each block scaled to unit
 * length; intent features are indicators (value 1). Features outside the vocabulary are dropped.
 */
export function vectorise(counts: Map<string, number>, space: TFeatureSpace): TSparseVector {
  const columns: number[] = [];
  const raw: number[] = [];
  const norms = [0, 0, 0];
  for (const [feature, count] of counts) {
    const column = space.index.get(feature);
    if (column === undefined) continue;
    const block = space.block[column] as number;
    const value = block === 2 ? 1 : (1 + Math.log(count)) * (space.idf[column] as number);
    columns.push(column);
    raw.push(value);
    norms[block] = (norms[block] as number) + value * value;
  }
  const indices = Int32Array.from(columns);
  const values = new Float64Array(raw.length);
  columns.forEach((column, i) => {
    const block = space.block[column] as number;
    const norm = block === 2 ? 1 : Math.sqrt(norms[block] as number);
    values[i] = (raw[i] as number) / (norm || 1);
  });
  return { indices, values };
}
