import type { TImpact, TImpactGroup } from '../../../../shared/src/api/impact';
import {
  changeText,
  countText,
  differenceUnit,
  figureText,
  formatQ,
  intervalCell,
  intervalText,
  type TMetric,
} from '../../../../shared/src/impact/impact-text';
import { DEMOGRAPHIC_LABELS } from '../../../../shared/src/survey/about-you';
import type { TDemographic } from '../../../../shared/src/survey/definition';
import { h, replace } from '../../common/dom';
import { dataTable } from '../layout';
import { verdictBadge } from './impact-tables';

const MEASURES: TMetric[] = [
  { key: 'fft_positive', label: 'FFT: very good or good', kind: 'proportion' },
  { key: 'nps', label: 'Net Promoter Score', kind: 'nps' },
  { key: 'mean_rating', label: 'Mean rating', kind: 'mean' },
];

const measureOf = (impact: TImpact, key: string): TMetric =>
  impact.metrics.find((m) => m.key === key) ?? MEASURES.find((m) => m.key === key)!;
const dimensionLabel = (d: string) => DEMOGRAPHIC_LABELS[d as TDemographic] ?? d;

/** One sentence for a group the change left behind: what happened to them, and to everyone else. */
function disparitySentence(impact: TImpact, g: TImpactGroup): string {
  const m = measureOf(impact, g.key);
  const rest = g.difference && g.interaction ? g.difference.estimate - g.interaction.estimate : null;
  return (
    `${g.label} (${dimensionLabel(g.dimension).toLowerCase()}): ${m.label}, ${changeText(m, g.difference!.estimate)} ` +
    `(${intervalText(m, g.difference!)})` +
    (rest === null ? '' : `, against ${changeText(m, rest)} for everyone else`) +
    `. The gap between the two is unlikely to be chance (q ${formatQ(g.interactionQ)}, corrected across every group).`
  );
}

/**
 * Leads the change page when the change left a group worse off (a disparity alert was raised):
 * whatever the overall verdict, the page says so first. Null when no group was.
 */
export function disparityLead(impact: TImpact): HTMLElement | null {
  const flagged = (impact.groups ?? []).filter((g) => g.disparity && g.difference);
  if (flagged.length === 0) return null;
  // One line per group: its strongest measure.
  const byGroup = new Map<string, TImpactGroup>();
  for (const g of flagged) {
    const key = `${g.dimension}:${g.group}`;
    const seen = byGroup.get(key);
    if (!seen || (g.interactionQ ?? 1) < (seen.interactionQ ?? 1)) byGroup.set(key, g);
  }
  return h(
    'section',
    { class: 'equity-lead message warning', 'aria-labelledby': 'equity-lead-heading' },
    h('h2', { id: 'equity-lead-heading' }, 'Worse for some patients'),
    h(
      'ul',
      {},
      [...byGroup.values()].map((g) => h('li', {}, disparitySentence(impact, g))),
    ),
    h(
      'p',
      { class: 'hint' },
      'A disparity alert went to the quality leads of the change’s units. ',
      h('a', { href: '#equity-heading' }, 'Every group’s figures'),
      '.',
    ),
  );
}

/**
 * Who the change helped or left behind: each "about you" group's before and after, its change,
 * and whether that differs from everyone else's, for one measure at a time. Groups below k show
 * "fewer than k", as every figure does. Null when the change's surveys ask no "about you" question.
 */
export function equitySection(impact: TImpact): HTMLElement | null {
  const groups = impact.groups ?? [];
  if (groups.length === 0) return null;
  const keys = MEASURES.map((m) => m.key).filter((key) => groups.some((g) => g.key === key));
  const select = h(
    'select',
    { id: 'equity-measure' },
    keys.map((key) => h('option', { value: key }, measureOf(impact, key).label)),
  );
  const holder = h('div', { class: 'table-scroll' });
  const draw = () => {
    const m = measureOf(impact, select.value);
    const withUnit = (cell: string) => (cell === '—' ? cell : `${cell} ${differenceUnit(m)}`);
    const figure = (g: TImpactGroup, side: 'before' | 'after') =>
      h(
        'span',
        {},
        figureText(m, g[side], impact.k),
        h('br'),
        h('span', { class: 'hint' }, `from ${countText(g[side], impact.k)}`),
      );
    replace(
      holder,
      dataTable(
        `${m.label} by group, before and after go-live`,
        [
          'Group',
          'Before',
          'After',
          'Change (95% CI)',
          'q',
          'Against everyone else (95% CI)',
          'Gap q',
          'Verdict',
        ],
        groups
          .filter((g) => g.key === m.key)
          .map((g) => [
            h(
              'span',
              {},
              g.label,
              h('br'),
              h('span', { class: 'hint' }, dimensionLabel(g.dimension)),
              g.disparity ? [h('br'), h('span', { class: 'badge disparity' }, 'Left behind')] : null,
            ),
            figure(g, 'before'),
            figure(g, 'after'),
            withUnit(intervalCell(m, g.difference)),
            formatQ(g.q),
            withUnit(intervalCell(m, g.interaction)),
            formatQ(g.interactionQ),
            verdictBadge(g.verdict),
          ]),
        'impact-table equity-table',
      ),
    );
  };
  select.addEventListener('change', draw);
  draw();
  return h(
    'section',
    { class: 'equity-section', 'aria-labelledby': 'equity-heading' },
    h('h2', { id: 'equity-heading', tabindex: '-1' }, 'Who the change helped or left behind'),
    h(
      'p',
      { class: 'hint' },
      `From the optional “about you” questions and how people answered. “Against everyone else” is this group’s change minus everyone else’s on the change’s units; its q, like the change’s, is corrected for looking at every group at once. A group worse after correction, with a gap that holds too, raises a disparity alert. Figures from fewer than ${impact.k} people are hidden, and one more with a lone hidden group.`,
    ),
    h('p', {}, h('label', { for: 'equity-measure' }, 'Measure '), select),
    holder,
  );
}
