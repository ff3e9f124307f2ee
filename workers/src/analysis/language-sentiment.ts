import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PorterStemmerEs } from 'natural/lib/natural/stemmers';
import type { TSentiment } from '../../../shared/src/analysis/contract';

/**
 * Sentiment of comments in languages the models don't read, from lexicons natural ships: Spanish
 * only, ML-Senticon (11,000 lemmas scored -1..1, matched as written or by Porter stem) plus the
 * Spanish AFINN list (-5..5, scaled to -1..1), with natural's Spanish negations. The files are read
 * directly: natural's SentimentAnalyzer does the same sum but loads an ES-module English list that
 * jest cannot require, and keeps a negation for the rest of the text. natural also has lexicons for
 * Portuguese, French, German, Italian and Dutch, but nobody here has checked them on patient
 * comments, so those languages stay "not analysed". No themes: there is no Spanish theme model.
 */
export const LEXICON_LANGUAGES = ['es'] as const;
export type TLexiconLanguage = (typeof LEXICON_LANGUAGES)[number];
export const hasLexicon = (language: string): language is TLexiconLanguage =>
  (LEXICON_LANGUAGES as readonly string[]).includes(language);

type TLexicon = { words: Map<string, number>; stems: Map<string, number>; negations: Set<string> };

const SPANISH_DIR = path.join(
  path.dirname(require.resolve('natural/package.json')),
  'lib/natural/sentiment/Spanish',
);
const readJson = <T>(file: string): T => JSON.parse(readFileSync(path.join(SPANISH_DIR, file), 'utf8')) as T;

let spanish: TLexicon | undefined;

function spanishLexicon(): TLexicon {
  if (spanish) return spanish;
  const words = new Map<string, number>();
  const stems = new Map<string, number>();
  const add = (word: string, polarity: number) => {
    words.set(word, (words.get(word) ?? 0) + polarity);
    const stem = PorterStemmerEs.stem(word);
    stems.set(stem, (stems.get(stem) ?? 0) + polarity);
  };
  for (const [word, entry] of Object.entries(readJson<Record<string, { pol: string }>>('senticon_es.json')))
    add(word, Number(entry.pol));
  for (const [word, value] of Object.entries(
    readJson<Record<string, number>>('afinnShortSortedSpanish.json'),
  ))
    add(word, value / 5);
  spanish = { words, stems, negations: new Set(readJson<{ words: string[] }>('negations_es.json').words) };
  return spanish;
}

/** A negation holds to the end of its clause, not (as in natural) to the end of the text. */
const CLAUSES = /[.,;:!?¡¿()\n]+|\s(?:pero|aunque|sin embargo)\s/iu;
/** A sum this far from 0 is a label; chosen on language-sentiment.jsonl (written for it). */
const LABEL_AT = 0.2;

/** Sentiment of a Spanish comment: the sum of its words' lexicon polarities, squashed into -1..1. */
export function scoreLexiconSentiment(text: string, language: TLexiconLanguage): TSentiment {
  if (language !== 'es') throw new Error(`no lexicon for ${language as string}`);
  const lexicon = spanishLexicon();
  let sum = 0;
  for (const clause of text.toLowerCase().split(CLAUSES)) {
    let sign = 1;
    for (const word of clause.match(/\p{L}+/gu) ?? []) {
      if (lexicon.negations.has(word)) sign = -1;
      else sum += sign * (lexicon.words.get(word) ?? lexicon.stems.get(PorterStemmerEs.stem(word)) ?? 0);
    }
  }
  const score = Math.tanh(sum);
  const label = score >= LABEL_AT ? 'positive' : score <= -LABEL_AT ? 'negative' : 'neutral';
  return { label, score };
}

/** Languages the sentiment and theme models read; `und` (no letters: "10/10", "👍") goes to them too. */
export const readByModels = (language: string): boolean => language === 'en' || language === 'und';

/**
 * Share of language-sentiment.jsonl the Spanish lexicon labels right (22 of 36, macro-F1 0.56): its
 * confidence for every label. Each such comment is also marked low confidence: one small set written
 * by the same engineer is no calibration.
 */
export const LEXICON_ACCURACY = 0.61;

/**
 * What a comment in a language the models don't read gets instead of their answer: the lexicon's
 * sentiment (Spanish), else neutral 0 and "not analysed: language". Null for a language they read.
 */
export function analysisOutsideModels(
  text: string,
  language: string,
): {
  sentiment: TSentiment & { confidence: number };
  notAnalysed: 'language' | null;
  lowConfidence: boolean;
} | null {
  if (readByModels(language)) return null;
  if (hasLexicon(language))
    return {
      sentiment: { ...scoreLexiconSentiment(text, language), confidence: LEXICON_ACCURACY },
      notAnalysed: null,
      lowConfidence: true,
    };
  return {
    sentiment: { label: 'neutral', score: 0, confidence: 0 },
    notAnalysed: 'language',
    lowConfidence: false,
  };
}
