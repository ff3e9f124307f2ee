import type { TImpact } from '../../../../shared/src/api/impact';
import { beforeAfterChart, CHART_COLOURS, itsChart } from '../../../../shared/src/impact/impact-charts';
import {
  differenceUnit,
  figureText,
  formatDay,
  intervalCell,
  rankMetrics,
} from '../../../../shared/src/impact/impact-text';
import { h } from '../../common/dom';
import { chartCard } from './chart-card';
import { beforeAfterTable, itsTable } from './impact-tables';

function swatch(label: string, colour: string, kind: 'bar' | 'dot' | 'line' | 'dashed'): HTMLElement {
  return h('li', {}, h('span', { class: `impact-swatch ${kind}`, style: `--swatch: ${colour}` }), label);
}

/** A before/after chart for each headline measure (themes are in their own section). */
export function beforeAfterCharts(impact: TImpact): HTMLElement[] {
  return rankMetrics(impact.metrics)
    .filter((m) => !m.key.includes(':'))
    .map((m, i) => {
      const card = chartCard(`impact-bars-${i}`, m.label);
      const k = impact.k;
      const sides = (name: string, before: typeof m.before, after: typeof m.after) =>
        `${name}: before ${figureText(m, before, k)}, after ${figureText(m, after, k)}.`;
      const description = [
        `${m.label} before and after go-live.`,
        sides('This change’s units', m.before, m.after),
        m.comparison ? sides('Comparison units', m.comparison.before, m.comparison.after) : '',
      ].join(' ');
      card.update(beforeAfterChart(m, k), description, beforeAfterTable(m, k));
      return card.element;
    });
}

/** The interrupted time series of each measure that has one, with its step and slope in words. */
export function itsCharts(impact: TImpact): HTMLElement[] {
  return impact.its.flatMap((its, i) => {
    const m = impact.metrics.find((x) => x.key === its.key);
    if (!m) return [];
    const legend = h(
      'ul',
      { class: 'chart-legend plain', 'aria-hidden': 'true' },
      swatch('Weekly figure', CHART_COLOURS.change, 'dot'),
      swatch('Fitted trend, before and after', CHART_COLOURS.fitted, 'line'),
      swatch('Go-live', CHART_COLOURS.ink, 'dashed'),
    );
    const card = chartCard(`impact-its-${i}`, `${m.label}, week by week`, legend);
    const step = `Step at go-live ${intervalCell(m, its.level)} ${differenceUnit(m)}; change of trend per week ${intervalCell(m, its.slope)}.`;
    const shown = its.points.filter((p) => p.value !== null).length;
    const description =
      `${m.label} by week from ${formatDay(its.points[0]?.start ?? impact.windows.before.from)}, ` +
      `${shown} of ${its.points.length} weeks shown, with a fitted trend before and after go-live on ` +
      `${formatDay(impact.goLiveDate)}. ${step}`;
    card.update(
      itsChart(m, its, impact.goLiveDate),
      description,
      itsTable(m, its, impact.goLiveDate, impact.k),
    );
    card.element.append(h('p', { class: 'hint' }, step));
    return [card.element];
  });
}
