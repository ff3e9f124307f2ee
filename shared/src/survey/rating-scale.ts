import type { TLocalizedText } from '../locale';
import type { TSurveyItem } from './definition';

/** One point of a rating scale, with its label in the page's language when it has one. */
export type TRatingPoint = { value: number; label: string | undefined };

/**
 * How both respondent pages lay out a rating scale. Likert scales label every point, so each
 * option reads as its label (`everyPointLabelled`). Scales like NPS label only some points: the
 * points show numbers, the labels join the numbers' accessible names, and `ends` (the lowest and
 * highest labelled points) are shown beside the scale.
 */
export function ratingScale(
  item: Extract<TSurveyItem, { type: 'rating' }>,
  tr: (text: TLocalizedText) => string,
): { everyPointLabelled: boolean; points: TRatingPoint[]; ends: { value: number; label: string }[] } {
  const labels = new Map((item.labels ?? []).map((l) => [l.value, tr(l.text)]));
  const everyPointLabelled = labels.size >= item.max - item.min + 1;
  const points: TRatingPoint[] = [];
  for (let value = item.min; value <= item.max; value += 1) points.push({ value, label: labels.get(value) });
  const labelled = [...labels].sort(([a], [b]) => a - b).map(([value, label]) => ({ value, label }));
  const ends = everyPointLabelled ? [] : [labelled[0], labelled.length > 1 ? labelled.at(-1) : undefined];
  return { everyPointLabelled, points, ends: ends.filter((end) => end !== undefined) };
}
