import type { TLocalizedText } from '../../../shared/src/locale';
import { pickText } from '../../../shared/src/locale';
import { h, type TChild } from '../common/dom';
import type { TItemOf, TQuestionContext } from './questions';

/** One radio of a group: its value and what its label shows. */
export type TOption = { value: string; label: TChild[]; className?: string };

/**
 * Likert scales label every point, so each option reads as its label. Scales like NPS label only
 * the ends: the points show numbers and the end labels join the numbers' accessible names.
 */
export function ratingOptions(item: TItemOf<'rating'>, ctx: TQuestionContext): TOption[] {
  const labels = new Map(
    (item.labels ?? []).map((l) => [l.value, pickText(l.text, ctx.locale, ctx.def.defaultLocale)]),
  );
  const everyPoint = labels.size >= item.max - item.min + 1;
  const options: TOption[] = [];
  for (let point = item.min; point <= item.max; point += 1) {
    const label = labels.get(point);
    options.push(
      everyPoint && label
        ? { value: String(point), label: [label] }
        : {
            value: String(point),
            label: [String(point), label ? h('span', { class: 'visually-hidden' }, ` – ${label}`) : null],
            className: 'point',
          },
    );
  }
  return options;
}

export function ratingEnds(item: TItemOf<'rating'>, ctx: TQuestionContext): HTMLElement | null {
  const labels = item.labels ?? [];
  if (labels.length === 0 || labels.length >= item.max - item.min + 1) return null;
  const sorted = [...labels].sort((a, b) => a.value - b.value);
  const first = sorted[0];
  const last = sorted.length > 1 ? sorted[sorted.length - 1] : undefined;
  const text = (l: { value: number; text: TLocalizedText }): string =>
    `${l.value} = ${pickText(l.text, ctx.locale, ctx.def.defaultLocale)}`;
  return h(
    'div',
    { class: 'scale-ends', 'aria-hidden': 'true' },
    first ? h('span', {}, text(first)) : null,
    last ? h('span', {}, text(last)) : null,
  );
}
