import { pickText } from '../../../shared/src/locale';
import { ratingScale } from '../../../shared/src/survey/rating-scale';
import { h, type TChild } from '../common/dom';
import type { TItemOf, TQuestionContext } from './questions';

/** One radio of a group: its value and what its label shows. */
export type TOption = { value: string; label: TChild[]; className?: string };

/** Radios from the shared layout of a scale: labels as options (Likert), else numbers (NPS). */
export function ratingOptions(item: TItemOf<'rating'>, ctx: TQuestionContext): TOption[] {
  const scale = ratingScale(item, (text) => pickText(text, ctx.locale, ctx.def.defaultLocale));
  return scale.points.map(({ value, label }) =>
    scale.everyPointLabelled && label
      ? { value: String(value), label: [label] }
      : {
          value: String(value),
          label: [String(value), label ? h('span', { class: 'visually-hidden' }, ` – ${label}`) : null],
          className: 'point',
        },
  );
}

export function ratingEnds(item: TItemOf<'rating'>, ctx: TQuestionContext): HTMLElement | null {
  const { ends } = ratingScale(item, (text) => pickText(text, ctx.locale, ctx.def.defaultLocale));
  if (ends.length === 0) return null;
  return h(
    'div',
    { class: 'scale-ends', 'aria-hidden': 'true' },
    ends.map((end) => h('span', {}, `${end.value} = ${end.label}`)),
  );
}
