import type { TBoardSummary } from '../../../../shared/src/api/board';
import { h, replace } from '../../common/dom';
import { formatCount, formatDay, formatNps, formatPercent, formatRating } from './format';
import { spcMarks } from './spc-marks';
import { trendChart, type TChartSpec, type TTrendChart } from './trend-chart';

/** Colours at least 4.5:1 on white, so lines and markers also pass as text would. */
const BLUE = '#0b5394';
const GREEN = '#1e6b34';
const GREY = '#4b5563';
const RED = '#b3261e';

const CHARTS: TChartSpec[] = [
  {
    id: 'trend-fft',
    title: 'Friends and Family Test, % positive',
    format: formatPercent,
    range: () => [0, 100],
    series: [{ label: '% positive', stroke: BLUE, shape: 'circle', pick: (p) => p.fftPositive }],
  },
  {
    id: 'trend-nps',
    title: 'Net Promoter Score',
    format: formatNps,
    range: () => [-100, 100],
    series: [{ label: 'NPS', stroke: BLUE, shape: 'circle', pick: (p) => p.nps }],
  },
  {
    id: 'trend-rating',
    title: 'Mean rating',
    format: formatRating,
    range: (s) => [s.ratingScale.min, s.ratingScale.max],
    series: [{ label: 'Mean rating', stroke: BLUE, shape: 'circle', pick: (p) => p.meanRating }],
  },
  {
    id: 'trend-sentiment',
    title: 'Comments by sentiment',
    format: formatCount,
    series: [
      { label: 'Positive', stroke: GREEN, shape: 'circle', pick: (p) => p.sentiment.positive },
      { label: 'Neutral', stroke: GREY, shape: 'square', dash: [8, 5], pick: (p) => p.sentiment.neutral },
      { label: 'Negative', stroke: RED, shape: 'triangle', dash: [2, 4], pick: (p) => p.sentiment.negative },
    ],
  },
];

/** The trend charts and, in words, the go-live dates they mark. */
export function trendCharts(): {
  element: HTMLElement;
  update: (summary: TBoardSummary) => void;
  destroy: () => void;
} {
  let shown: TBoardSummary | null = null;
  const spc = spcMarks(() => shown && charts[0]!.update(shown));
  const charts: TTrendChart[] = CHARTS.map((spec) =>
    trendChart(spec.id === 'trend-fft' ? { ...spec, overlay: spc.draw } : spec),
  );
  const changes = h('div', { class: 'board-changes' });
  const element = h(
    'section',
    { class: 'board-trends', 'aria-labelledby': 'trends-heading' },
    h('h2', { id: 'trends-heading' }, 'Trends'),
    changes,
    h(
      'div',
      { class: 'chart-grid' },
      charts.map((c) => c.element),
    ),
    spc.element,
  );
  return {
    element,
    update: (summary) => {
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
      for (const chart of charts) chart.update(summary);
      spc.update(summary);
    },
    destroy: () => charts.forEach((c) => c.destroy()),
  };
}
