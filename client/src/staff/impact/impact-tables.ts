import type { TImpact, TImpactIts, TImpactMetric } from '../../../../shared/src/api/impact';
import {
  countText,
  differenceUnit,
  figureText,
  formatDay,
  formatQ,
  intervalCell,
  rankMetrics,
  VERDICT_BADGE,
} from '../../../../shared/src/impact/impact-text';
import { h } from '../../common/dom';
import { dataTable } from '../layout';

/** A verdict in words with a glyph: the colour only repeats what the words say. */
export function verdictBadge(verdict: TImpactMetric['verdict']): HTMLElement {
  const badge = VERDICT_BADGE[verdict];
  return h(
    'span',
    { class: `badge verdict ${verdict.replaceAll(' ', '-')}` },
    h('span', { 'aria-hidden': 'true' }, badge.glyph),
    ` ${badge.text}`,
  );
}

const withUnit = (m: TImpactMetric, cell: string): string =>
  cell === '—' ? cell : `${cell} ${differenceUnit(m)}`;

/** Every measure: the figures either side, the difference and the difference-in-differences, q and the verdict. */
export function metricsTable(impact: TImpact): HTMLElement {
  const k = impact.k;
  const figure = (m: TImpactMetric, side: 'before' | 'after') =>
    h(
      'span',
      {},
      figureText(m, m[side], k),
      h('br'),
      h('span', { class: 'hint' }, `from ${countText(m[side], k)}`),
    );
  return dataTable(
    'Every measure before and after go-live, with 95% intervals',
    [
      'Measure',
      'Before',
      'After',
      'Difference (95% CI)',
      'Against comparison units (95% CI)',
      'q',
      'Verdict',
    ],
    rankMetrics(impact.metrics).map((m) => [
      m.label,
      figure(m, 'before'),
      figure(m, 'after'),
      withUnit(m, intervalCell(m, m.difference)),
      withUnit(m, intervalCell(m, m.did)),
      formatQ(m.q),
      verdictBadge(m.verdict),
    ]),
    'impact-table',
  );
}

/** The before/after chart's figures: this change's units and the comparison units, each window. */
export function beforeAfterTable(m: TImpactMetric, k: number): HTMLElement {
  const rows = [['This change’s units', m.before, m.after] as const];
  const all = m.comparison
    ? [...rows, ['Comparison units', m.comparison.before, m.comparison.after] as const]
    : rows;
  return dataTable(
    `${m.label} before and after`,
    ['Units', 'Before', 'People before', 'After', 'People after'],
    all.map(([name, before, after]) => [
      name,
      figureText(m, before, k),
      countText(before, k),
      figureText(m, after, k),
      countText(after, k),
    ]),
    'compact',
  );
}

/** The weekly series with its fitted values; hidden weeks say so instead of showing a number. */
export function itsTable(m: TImpactMetric, its: TImpactIts, goLiveDate: string, k: number): HTMLElement {
  return dataTable(
    `${m.label} by week`,
    ['Week starting', m.label, 'People', 'Fitted trend'],
    its.points.map((p) => [
      `${formatDay(p.start)}${p.start <= goLiveDate && goLiveDate < addDays(p.start, 7) ? ' (went live)' : ''}`,
      figureText(m, { n: p.n, value: p.value, hidden: p.hidden ?? null }, k),
      p.hidden ? `fewer than ${k}` : String(p.n),
      p.fitted === null ? '—' : figureText(m, { n: null, value: p.fitted }, k),
    ]),
    'compact',
  );
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
