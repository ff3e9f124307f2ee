/**
 * Polarity knowledge beyond single n-grams. Labellers call a comment with praise in one clause and a
 * complaint in another neutral ("lovely staff but waited an hour"); a linear model over words cannot
 * express "both", so these features say how many clauses lean each way.
 *
 * Sources: `positive`/`negative`, stems that lean one way in the labelled training comments (fitted per
 * training set), and `valence`, AFINN-165 scores (−5…5) by Porter stem, taken from natural's
 * SentimentAnalyzer at training time and stored in the model file so scoring never loads natural's
 * vocabularies. AFINN alone reaches ≈ 0.47 macro-F1 on this data; as features beside the n-grams it
 * gave +2 points on 5-fold cross-validation. Rejected: SentiWordNet-style senticon scores (no further
 * gain), clause scores from naive-Bayes log-count ratios (+0.6 points, within noise, more to store).
 */
export type TPolarityLexicon = {
  positive: string[];
  negative: string[];
  /** Stem → AFINN valence. Optional so older model files still load. */
  valence?: Record<string, number>;
};

type TPolaritySets = { positive: Set<string>; negative: Set<string>; valence: Map<string, number> };
const polarityCache = new WeakMap<TPolarityLexicon, TPolaritySets>();

function polaritySets(lexicon: TPolarityLexicon): TPolaritySets {
  let sets = polarityCache.get(lexicon);
  if (!sets) {
    sets = {
      positive: new Set(lexicon.positive),
      negative: new Set(lexicon.negative),
      valence: new Map(Object.entries(lexicon.valence ?? {})),
    };
    polarityCache.set(lexicon, sets);
  }
  return sets;
}

/** Words that turn one clause into another: the sides of a contrast are judged apart. */
const CONTRAST = new Set([
  'but',
  'however',
  'although',
  'though',
  'except',
  'apart',
  'otherwise',
  'despite',
  'whereas',
  'yet',
  'only',
]);

/** One token as the lexicon features see it; `stem` is empty for punctuation. */
export type TLexiconToken = { token: string; stem: string; negates: boolean };

const SUM_BUCKETS = [-6, -3, -1, 0, 2, 5, 9];
/** A learned stem counts like an AFINN word of this valence. */
const LEARNED_VALENCE = 2;
/** A negated polar word flips and weakens ("not great" is mildly negative, not −3). */
const NEGATED_FACTOR = -0.5;

/**
 * Feature keys (all `x:`, indicator block): whole-comment polarity ("has a positive / negative learned
 * stem", bucketed AFINN sum, polar word counts) and per-clause polarity (how many clauses lean each
 * way, contrast words, mixed clauses), the clause pattern also crossed with the question intent.
 */
export function lexiconFeatures(
  tokens: readonly TLexiconToken[],
  lexicon: TPolarityLexicon,
  intent: string | undefined,
): string[] {
  const sets = polaritySets(lexicon);
  let hasPositive = false;
  let hasNegative = false;
  let sum = 0;
  let positiveWords = 0;
  let negativeWords = 0;
  let positiveClauses = 0;
  let negativeClauses = 0;
  let contrast = false;
  let clause = 0;
  let clauseHasPolarity = false;
  let negated = false;
  const endClause = (): void => {
    if (clauseHasPolarity && clause > 0) positiveClauses += 1;
    if (clauseHasPolarity && clause < 0) negativeClauses += 1;
    clause = 0;
    clauseHasPolarity = false;
    negated = false;
  };
  for (const { token, stem, negates } of tokens) {
    if (stem === '') {
      endClause();
      continue;
    }
    if (CONTRAST.has(token)) {
      endClause();
      contrast = true;
      continue;
    }
    const learnedPositive = sets.positive.has(stem);
    const learnedNegative = sets.negative.has(stem);
    hasPositive ||= learnedPositive;
    hasNegative ||= learnedNegative;
    let value = sets.valence.get(stem) ?? 0;
    if (learnedPositive) value += LEARNED_VALENCE;
    if (learnedNegative) value -= LEARNED_VALENCE;
    if (negated) value *= NEGATED_FACTOR;
    if (value !== 0) {
      clause += value;
      clauseHasPolarity = true;
      sum += value;
      if (value > 0) positiveWords += 1;
      else negativeWords += 1;
    }
    if (negates) negated = true;
  }
  endClause();

  const features: string[] = [];
  if (hasPositive) features.push('x:pol+');
  if (hasNegative) features.push('x:pol-');
  if (hasPositive && hasNegative) features.push('x:pol+-');
  if (intent !== undefined && hasPositive !== hasNegative)
    features.push(`x:${intent}:pol${hasPositive ? '+' : '-'}`);
  const sumBucket = SUM_BUCKETS.findIndex((limit) => sum <= limit);
  features.push(`x:af${sumBucket < 0 ? SUM_BUCKETS.length : sumBucket}`);
  features.push(`x:np${Math.min(positiveWords, 3)}`, `x:nn${Math.min(negativeWords, 3)}`);
  if (positiveWords > 0 && negativeWords > 0) features.push('x:pn');
  features.push(`x:cl${Math.min(positiveClauses, 2)}${Math.min(negativeClauses, 2)}`);
  if (contrast) features.push('x:ctr');
  if (contrast && positiveClauses > 0 && negativeClauses > 0) features.push('x:ctrmix');
  if (intent !== undefined)
    features.push(`x:${intent}:cl${Math.min(positiveClauses, 1)}${Math.min(negativeClauses, 1)}`);
  return features;
}
