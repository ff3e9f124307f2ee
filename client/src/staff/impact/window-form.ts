import type { TImpact } from '../../../../shared/src/api/impact';
import { formatDay } from '../../../../shared/src/impact/impact-text';
import { h, replace } from '../../common/dom';
import { field } from '../forms';
import type { TImpactWindow } from './impact-api';

export type TWindowForm = {
  element: HTMLElement;
  /** The windows the figures cover, in dates, once they are known. */
  showDates: (impact: TImpact) => void;
};

/** Window lengths and the comparison: a form, so that it works with the keyboard and Enter. */
export function windowForm(initial: TImpactWindow, onChange: (w: TImpactWindow) => void): TWindowForm {
  const number = (id: string, value: number, min: number, max: number) =>
    h('input', {
      type: 'number',
      id,
      value: String(value),
      min,
      max,
      step: 1,
      inputmode: 'numeric',
      required: true,
    });
  const before = number('impact-before', initial.before, 7, 730);
  const after = number('impact-after', initial.after, 7, 730);
  const settle = number('impact-settle', initial.settle, 0, 365);
  const comparison = h(
    'select',
    { id: 'impact-comparison' },
    h('option', { value: 'auto' }, 'Other units'),
    h('option', { value: 'none' }, 'None'),
  );
  comparison.value = initial.comparison;
  const dates = h('p', { class: 'hint impact-dates' });
  const form = h(
    'form',
    { class: 'impact-window', 'aria-labelledby': 'impact-window-heading' },
    h('h2', { id: 'impact-window-heading', class: 'visually-hidden' }, 'Windows compared'),
    h(
      'div',
      { class: 'inline-fields' },
      field('Days before go-live', before),
      field('Days after', after),
      field('Days left out', settle, 'After go-live, while it beds in.'),
      field('Compare with', comparison, 'Units with answers in both windows.'),
      h('button', { type: 'submit', class: 'secondary' }, 'Show these windows'),
    ),
    dates,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!form.reportValidity()) return;
    onChange({
      before: Number(before.value),
      after: Number(after.value),
      settle: Number(settle.value),
      comparison: comparison.value === 'none' ? 'none' : 'auto',
    });
  });
  return {
    element: form,
    showDates: (impact) => {
      const { before: b, after: a } = impact.windows;
      const n = impact.comparisonUnitIds.length;
      replace(
        dates,
        `Before: ${formatDay(b.from)} to ${formatDay(b.to)}. After: ${formatDay(a.from)} to ${formatDay(a.to)}. `,
        n === 0 ? 'No comparison units.' : `${n} comparison unit${n === 1 ? '' : 's'}.`,
      );
    },
  };
}
