import type { TBoardPeriod, TBoardScope, TFigure } from '../../../../shared/src/api/board';
import type { TBreakdown, TEquityMetric } from '../../../../shared/src/api/equity';
import { DEMOGRAPHIC_LABELS } from '../../../../shared/src/survey/about-you';
import { ZDemographic, type TDemographic } from '../../../../shared/src/survey/definition';
import { h, replace } from '../../common/dom';
import { describeError } from '../../common/http';
import { dataTable, messageBox } from '../layout';
import { equityApi } from './equity-api';
import './equity.css';

export type TBreakdownView = { scope: TBoardScope; period: TBoardPeriod };

/** How often the panel looks whether its page moved to another scope or period. */
const FOLLOW_MS = 1000;

const COLUMNS: [TEquityMetric, string][] = [
  ['fft_positive', 'FFT % positive'],
  ['nps', 'NPS'],
  ['mean_rating', 'Mean rating'],
  ['negative_share', 'Negative comments'],
];

function cellText(metric: TEquityMetric, f: TFigure, k: number): string {
  if (f.hidden === 'small') return `fewer than ${k}`;
  if (f.hidden === 'complement') return 'hidden to protect a small group';
  if (f.value === null) return '—';
  if (metric === 'fft_positive' || metric === 'negative_share') return `${Math.round(f.value * 100)}%`;
  if (metric === 'nps')
    return `${f.value > 0 ? '+' : f.value < 0 ? '−' : ''}${Math.abs(Math.round(f.value))}`;
  return f.value.toFixed(1);
}

/** A label inside a sentence: lower case, but English stays a proper noun. */
export const inSentence = (label: string): string =>
  label.startsWith('English') ? label : label.charAt(0).toLowerCase() + label.slice(1);

function table(b: TBreakdown): HTMLElement {
  const people = (f: TFigure) => (f.hidden ? `fewer than ${b.k}` : String(f.n ?? 0));
  return dataTable(
    `Board figures by ${inSentence(b.dimensionLabel)}`,
    ['Group', 'People', ...COLUMNS.map(([, label]) => label)],
    b.groups.map((g) => [
      g.label,
      people(g.responses),
      ...COLUMNS.map(([metric]) => {
        const f = g.metrics[metric];
        return h(
          'span',
          {},
          cellText(metric, f, b.k),
          f.hidden === null && f.n ? h('span', { class: 'hint' }, ` (${f.n})`) : null,
        );
      }),
    ]),
    'compact equity-breakdown-table',
  );
}

/**
 * A self-contained panel that splits a board's figures by one "about you" dimension (or how
 * people answered), for whatever scope and period its page shows: mount it with
 * `breakdownPanel(() => view)`. Groups below k are merged into "other groups" or hidden, by the
 * server. It follows the page's view, and stops when the panel leaves the document.
 */
export function breakdownPanel(view: () => TBreakdownView): HTMLElement {
  const select = h(
    'select',
    { id: 'equity-dimension' },
    ZDemographic.options.map((d) => h('option', { value: d }, DEMOGRAPHIC_LABELS[d])),
  );
  const holder = h('div', { class: 'table-scroll', 'aria-live': 'polite' });
  const element = h(
    'section',
    { class: 'equity-panel panel', 'aria-labelledby': 'equity-breakdown-heading' },
    h('h2', { id: 'equity-breakdown-heading' }, 'Figures by group'),
    h(
      'p',
      { class: 'hint' },
      'From the optional “about you” questions and how people answered. Groups too small to show are merged into “other groups” or hidden, so no one can be picked out.',
    ),
    h('p', {}, h('label', { for: 'equity-dimension' }, 'Split by '), select),
    holder,
  );
  let shown = '';
  let request = 0;
  const load = async () => {
    const v = view();
    const dimension = select.value as TDemographic;
    shown = JSON.stringify([v, dimension]);
    const mine = ++request;
    try {
      const b = await equityApi.breakdown(v.scope, v.period, dimension);
      if (mine !== request) return;
      replace(
        holder,
        b.groups.length === 0
          ? h('p', { class: 'empty-note' }, 'No answers to this question in this period.')
          : table(b),
      );
    } catch (error) {
      if (mine === request) replace(holder, messageBox('error', describeError(error)));
    }
  };
  select.addEventListener('change', () => void load());
  void load();
  const timer = setInterval(() => {
    if (!element.isConnected && shown !== '') {
      clearInterval(timer);
      return;
    }
    if (JSON.stringify([view(), select.value]) !== shown) void load();
  }, FOLLOW_MS);
  return element;
}
