import type { TAnswers, TSurveyDefinition } from './definition';
import { flattenItems, readAnswer } from './items';

/**
 * The System Usability Scale score, 0 to 100 (Brooke 1996): over the ten rating items in
 * document order, odd-numbered items give score - 1 and even-numbered ones 5 - score; the sum
 * times 2.5. Null when the definition does not have exactly ten ratings or any of them lacks a
 * whole-number answer from 1 to 5, because a partial SUS score is not comparable with others.
 */
export function scoreSus(def: TSurveyDefinition, answers: TAnswers): number | null {
  const ratings = flattenItems(def.items).filter((item) => item.type === 'rating');
  if (ratings.length !== 10) return null;
  let sum = 0;
  for (const [index, item] of ratings.entries()) {
    const score = readAnswer(answers, item.linkId);
    if (typeof score !== 'number' || !Number.isInteger(score) || score < 1 || score > 5) return null;
    // index is 0-based: index 0 is SUS item 1, a positively worded (odd) item.
    sum += index % 2 === 0 ? score - 1 : 5 - score;
  }
  return sum * 2.5;
}

export type TNpsCategory = 'promoter' | 'passive' | 'detractor';

/** Net Promoter category of a 0-10 likelihood-to-recommend score: 9-10, 7-8, 0-6. */
export function npsCategory(score: number): TNpsCategory {
  if (score >= 9) return 'promoter';
  if (score >= 7) return 'passive';
  return 'detractor';
}

export type TFftCategory = 'positive' | 'neutral' | 'negative' | 'dont_know';

const FFT_CATEGORIES: Readonly<Record<string, TFftCategory>> = {
  very_good: 'positive',
  good: 'positive',
  neither: 'neutral',
  poor: 'negative',
  very_poor: 'negative',
  dont_know: 'dont_know',
};

/**
 * How the NHS Friends and Family Test groups an answer code of the `nhs-fft` template.
 * Throws on any other code: answers are validated against the options before they are stored,
 * so an unknown code means the caller passed the wrong question, and guessing would skew results.
 */
export function fftCategory(code: string): TFftCategory {
  const category = Object.hasOwn(FFT_CATEGORIES, code) ? FFT_CATEGORIES[code] : undefined;
  if (category === undefined) throw new RangeError(`"${code}" is not a Friends and Family Test answer code`);
  return category;
}

/** How boards read a question: its figures go into FFT, NPS or the Likert mean, or nowhere. */
export type TItemMeasure = { kind: 'fft' } | { kind: 'nps' } | { kind: 'likert'; min: number; max: number };

/** NPS items are the 0-10 rating scales; the analysis counts promoters and detractors on those. */
export const isNpsScale = (item: { min: number; max: number }): boolean => item.min === 0 && item.max === 10;

/**
 * What each question of a definition measures on a board, by linkId. An FFT question is a single
 * choice whose options are exactly the Friends and Family Test codes (the `nhs-fft` template's).
 */
export function itemMeasures(def: TSurveyDefinition): Map<string, TItemMeasure> {
  const measures = new Map<string, TItemMeasure>();
  for (const item of flattenItems(def.items)) {
    if (item.type === 'rating') {
      measures.set(
        item.linkId,
        isNpsScale(item) ? { kind: 'nps' } : { kind: 'likert', min: item.min, max: item.max },
      );
    } else if (item.type === 'choice' && !item.repeats) {
      const codes = item.answerOption.map((o) => o.code);
      const fft =
        codes.length === Object.keys(FFT_CATEGORIES).length &&
        codes.every((c) => Object.hasOwn(FFT_CATEGORIES, c));
      if (fft) measures.set(item.linkId, { kind: 'fft' });
    }
  }
  return measures;
}

export const FFT_CODES = Object.keys(FFT_CATEGORIES);
