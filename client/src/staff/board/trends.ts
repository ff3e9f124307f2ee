import type { TAudienceView, TBoardAspect, TBoardSummary } from '../../../../shared/src/api/board';
import { h, replace } from '../../common/dom';
import { formatCount, formatDay, formatNps, formatPercent, formatRating } from './format';
import { spcMarks } from './spc-marks';
import { trendChart, type TChartSpec, type TTrendChart } from './trend-chart';

/** Colours at least 4.5:1 on white, so lines and markers also pass as text would. */
const BLUE = '#0b5394';
const GREEN = '#1e6b34';
const GREY = '#4b5563';
const RED = '#b3261e';

const FFT_CHART: TChartSpec = {
  id: 'trend-fft',
  title: 'Friends and Family Test, % positive',
  format: formatPercent,
  range: () => [0, 100],
  series: [{ label: '% positive', stroke: BLUE, shape: 'circle', pick: (p) => p.fftPositive }],
};
const NPS_CHART: TChartSpec = {
  id: 'trend-nps',
  title: 'Net Promoter Score',
  format: formatNps,
  range: () => [-100, 100],
  series: [{ label: 'NPS', stroke: BLUE, shape: 'circle', pick: (p) => p.nps }],
};
const SENTIMENT_CHART: TChartSpec = {
  id: 'trend-sentiment',
  title: 'Comments by sentiment',
  format: formatCount,
  series: [
    { label: 'Positive', stroke: GREEN, shape: 'circle', pick: (p) => p.sentiment.positive },
    { label: 'Neutral', stroke: GREY, shape: 'square', dash: [8, 5], pick: (p) => p.sentiment.neutral },
    { label: 'Negative', stroke: RED, shape: 'triangle', dash: [2, 4], pick: (p) => p.sentiment.negative },
  ],
};

/** One rating question's mean on its own scale, looked up by key in the shown view. */
function aspectChart(aspect: TBoardAspect, index: number, current: () => TAudienceView | null): TChartSpec {
  const find = () => current()?.aspects.find((a) => a.key === aspect.key);
  return {
    id: `trend-aspect-${index}`,
    title: aspect.key === 'sus' ? aspect.label : `${aspect.label} (mean)`,
    format:
      aspect.key === 'sus' ? (v) => v.toLocaleString(undefined, { maximumFractionDigits: 1 }) : formatRating,
    range: () => [aspect.min, aspect.max],
    series: [
      {
        label: 'Mean',
        stroke: BLUE,
        shape: 'circle',
        pick: (_p, i) => find()?.trend[i] ?? { value: null, n: null, hidden: null },
      },
    ],
  };
}

/** The charts a view calls for: FFT and NPS where asked, each rating question, then sentiment. */
function specsOf(view: TAudienceView | null, current: () => TAudienceView | null): TChartSpec[] {
  return [
    ...(view?.measures.fft ? [FFT_CHART] : []),
    ...(view?.measures.nps ? [NPS_CHART] : []),
    ...(view?.aspects ?? []).map((a, i) => aspectChart(a, i, current)),
    SENTIMENT_CHART,
  ];
}

/** The trend charts and, in words, the go-live dates they mark. */
export function trendCharts(): {
  element: HTMLElement;
  update: (summary: TBoardSummary, view: TAudienceView | null) => void;
  destroy: () => void;
} {
  let shown: TBoardSummary | null = null;
  let view: TAudienceView | null = null;
  let shape = '';
  let charts: { spec: TChartSpec; chart: TTrendChart }[] = [];
  const spc = spcMarks(() => {
    const fft = charts.find((c) => c.spec.id === 'trend-fft');
    if (shown && fft) fft.chart.update(shown);
  });
  const changes = h('div', { class: 'board-changes' });
  const grid = h('div', { class: 'chart-grid' });
  const element = h(
    'section',
    { class: 'board-trends', 'aria-labelledby': 'trends-heading' },
    h('h2', { id: 'trends-heading' }, 'Trends'),
    changes,
    grid,
    spc.element,
  );
  /** Charts are made again only when the set of charts changes (another audience, a new question). */
  function reshape(): void {
    const specs = specsOf(view, () => view);
    const next = specs.map((s) => `${s.id}:${s.title}`).join('|');
    if (next === shape) return;
    shape = next;
    charts.forEach((c) => c.chart.destroy());
    charts = specs.map((spec) => ({
      spec,
      chart: trendChart(spec.id === 'trend-fft' ? { ...spec, overlay: spc.draw } : spec),
    }));
    grid.dataset.charts = String(charts.length);
    replace(
      grid,
      charts.map((c) => c.chart.element),
    );
  }
  return {
    element,
    update: (summary, nextView) => {
      const unit = summary.bucket === 'day' ? 'day' : 'week';
      replace(
        changes,
        summary.changes.length === 0
          ? h('p', { class: 'hint' }, `By ${unit}. No technology change went live here in this period.`)
          : [
              h('p', { class: 'hint' }, `By ${unit}. A dashed line marks each technology change going live:`),
              h(
                'ul',
                { class: 'change-list' },
                // Each marker's change page, as links: the canvas lines themselves are mouse-only.
                summary.changes.map((c) =>
                  h(
                    'li',
                    {},
                    h('a', { href: `#/changes/${c.id}` }, h('strong', {}, c.name)),
                    ` went live on ${formatDay(c.goLiveDate)}`,
                  ),
                ),
              ),
            ],
      );
      shown = summary;
      view = nextView;
      reshape();
      for (const c of charts) c.chart.update(summary);
      spc.update(summary);
    },
    destroy: () => charts.forEach((c) => c.chart.destroy()),
  };
}
