import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { TBoardSummary, TFigure, TTrendPoint } from '../../../../shared/src/api/board';
import { h, replace } from '../../common/dom';
import { dataTable } from '../layout';
import { drawChangeLines, drawMarkers, type TShape } from './chart-drawing';
import { dayDate, figureText, formatDay, formatShortDay } from './format';

export type TSeriesSpec = {
  label: string;
  stroke: string;
  /** Line pattern and point shape tell the series apart without colour. */
  dash?: number[];
  shape: TShape;
  /** The series' figure for a bucket; `index` is the bucket's place in the trend. */
  pick: (point: TTrendPoint, index: number) => TFigure;
};

export type TChartSpec = {
  id: string;
  title: string;
  series: TSeriesSpec[];
  format: (value: number) => string;
  /** A fixed y range where the measure has one (percentages, NPS, the rating scale); else from 0. */
  range?: (summary: TBoardSummary) => [number, number];
  /** More to draw over the plot (the FFT trend's SPC signal marks). */
  overlay?: (u: uPlot, summary: TBoardSummary) => void;
};

export type TTrendChart = {
  element: HTMLElement;
  update: (summary: TBoardSummary) => void;
  destroy: () => void;
};

const seconds = (day: string): number => dayDate(day).getTime() / 1000;

/**
 * One trend chart, drawn with uPlot, and the same figures as a table behind a Chart/Table switch.
 * Hidden buckets are gaps (null), never zeros. The chart is an image to assistive technology, with
 * a sentence that says what it shows; the table is the full text alternative.
 */
export function trendChart(spec: TChartSpec): TTrendChart {
  let plot: uPlot | null = null;
  let summary: TBoardSummary | null = null;
  let showTable = false;
  const canvasArea = h('div', { class: 'chart-canvas', role: 'img', id: `${spec.id}-chart` });
  // Said in words when nothing can be drawn, rather than an empty grid.
  const note = h('p', { class: 'chart-note', hidden: true });
  const tableArea = h('div', {
    class: 'chart-table',
    role: 'region',
    tabindex: '0',
    'aria-label': `${spec.title} as a table`,
    hidden: true,
  });
  const chartButton = h('button', { type: 'button', class: 'small', 'aria-pressed': 'true' }, 'Chart');
  const tableButton = h('button', { type: 'button', class: 'small', 'aria-pressed': 'false' }, 'Table');
  const legend = h(
    'ul',
    { class: 'chart-legend plain', 'aria-hidden': 'true' },
    spec.series.map((s) =>
      h(
        'li',
        {},
        h('span', {
          class: `legend-swatch shape-${s.shape}`,
          style: `--swatch: ${s.stroke}; border-top-style: ${s.dash ? 'dashed' : 'solid'}`,
        }),
        s.label,
      ),
    ),
  );
  const element = h(
    'section',
    { class: 'card board-chart', 'aria-labelledby': `${spec.id}-heading` },
    h(
      'div',
      { class: 'card-head' },
      h('h3', { id: `${spec.id}-heading` }, spec.title),
      h(
        'div',
        { class: 'view-switch', role: 'group', 'aria-label': `View of ${spec.title}` },
        chartButton,
        tableButton,
      ),
    ),
    note,
    canvasArea,
    spec.series.length > 1 && legend,
    tableArea,
  );

  function setView(table: boolean): void {
    showTable = table;
    chartButton.setAttribute('aria-pressed', String(!table));
    tableButton.setAttribute('aria-pressed', String(table));
    canvasArea.hidden = table;
    legend.hidden = table;
    tableArea.hidden = !table;
    if (!table) resize();
  }
  chartButton.addEventListener('click', () => setView(false));
  tableButton.addEventListener('click', () => setView(true));

  function size(): { width: number; height: number } {
    const width = Math.max(240, canvasArea.clientWidth || element.clientWidth - 32 || 480);
    return { width, height: Math.round(Math.min(360, Math.max(200, width * 0.42))) };
  }

  function resize(): void {
    if (plot && !showTable && canvasArea.clientWidth > 0) plot.setSize(size());
  }
  const observer = new ResizeObserver(() => resize());
  observer.observe(canvasArea);

  function data(s: TBoardSummary): uPlot.AlignedData {
    return [
      s.trend.map((p) => seconds(p.start)),
      ...spec.series.map((series) => s.trend.map((p, i) => series.pick(p, i).value)),
    ];
  }

  function create(s: TBoardSummary): uPlot {
    const font = parseFloat(getComputedStyle(canvasArea).fontSize) || 16;
    const axisFont = `${Math.round(font * 0.8)}px system-ui, sans-serif`;
    const axis = { stroke: '#1b1b1b', font: axisFont, grid: { stroke: '#e3e6ea', width: 1 } };
    const options: uPlot.Options = {
      ...size(),
      // Room on the right for the latest date's label, centred on the last point.
      padding: [font * 1.6, font * 1.75, 0, 0],
      legend: { show: false },
      cursor: { show: false },
      scales: {
        x: { time: true },
        y: spec.range
          ? { range: () => spec.range!(summary ?? s) }
          : { range: (_u, _min, max) => [0, Math.max(5, max)] },
      },
      axes: [
        {
          ...axis,
          // Labels on bucket starts, counted back from the latest, as many as the width holds:
          // uPlot's own time splits left a narrow 13-week chart with none at all.
          splits: (u) => bucketSplits(u, font),
          values: (_u, splits) => splits.map((v) => formatShortDay(isoDay(v))),
        },
        { ...axis, size: font * 4, values: (_u, splits) => splits.map((v) => spec.format(v)) },
      ],
      series: [
        {},
        ...spec.series.map((series) => ({
          label: series.label,
          stroke: series.stroke,
          width: 2.5,
          ...(series.dash ? { dash: series.dash } : {}),
          spanGaps: false,
          points: { show: false },
        })),
      ],
      hooks: {
        draw: [
          (u: uPlot) => {
            drawMarkers(u, spec.series);
            if (summary) drawChangeLines(u, summary.changes, font);
            if (summary) spec.overlay?.(u, summary);
          },
        ],
      },
    };
    return new uPlot(options, data(s), canvasArea);
  }

  function update(next: TBoardSummary): void {
    const reshaped = summary?.trend.length !== next.trend.length || summary?.bucket !== next.bucket;
    summary = next;
    if (plot && reshaped) {
      plot.destroy();
      plot = null;
    }
    if (!plot) plot = create(next);
    else plot.setData(data(next), true);
    canvasArea.setAttribute('aria-label', describe(spec, next));
    const figures = next.trend.flatMap((p, i) => spec.series.map((series) => series.pick(p, i)));
    const unit = next.bucket === 'day' ? 'day' : 'week';
    note.hidden = figures.some((f) => f.value !== null);
    replace(
      note,
      figures.some((f) => f.hidden !== null)
        ? `No ${unit} here has ${next.k.counts} or more people behind it, so none is drawn: small groups are protected.`
        : `No answers to draw in this period.`,
    );
    replace(tableArea, chartTable(spec, next));
  }

  return {
    element,
    update,
    destroy: () => {
      observer.disconnect();
      plot?.destroy();
      plot = null;
    },
  };
}

/** Every n-th bucket start, ending with the latest, spaced for labels about five characters wide. */
function bucketSplits(u: uPlot, font: number): number[] {
  const xs = (u.data[0] ?? []) as number[];
  if (xs.length === 0) return [];
  const width = u.bbox.width / uPlot.pxRatio || 240;
  const room = Math.max(2, Math.floor(width / (font * 5.5)));
  const step = Math.max(1, Math.ceil((xs.length - 1) / (room - 1)));
  const splits: number[] = [];
  for (let i = xs.length - 1; i >= 0; i -= step) splits.unshift(xs[i]!);
  // Read by the browser tests: the labels are drawn on the canvas, out of the DOM's reach.
  u.root.dataset.dateLabels = String(splits.length);
  return splits;
}

function isoDay(secondsValue: number): string {
  const d = new Date(secondsValue * 1000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The sentence a screen reader hears for the chart: span, latest value, range and hidden buckets. */
function describe(spec: TChartSpec, s: TBoardSummary): string {
  const unit = s.bucket === 'day' ? 'day' : 'week';
  const parts = [`${spec.title} by ${unit}, ${formatDay(s.from)} to ${formatDay(s.to)}.`];
  for (const series of spec.series) {
    const figures = s.trend.map((p, i) => ({ start: p.start, figure: series.pick(p, i) }));
    const shown = figures.filter((f) => f.figure.value !== null);
    const hidden = figures.filter((f) => f.figure.hidden !== null).length;
    const name = spec.series.length > 1 ? `${series.label}: ` : '';
    if (shown.length === 0) {
      parts.push(`${name}no ${unit} has a figure to show.`);
      continue;
    }
    const values = shown.map((f) => f.figure.value as number);
    const last = shown[shown.length - 1]!;
    parts.push(
      `${name}latest ${spec.format(last.figure.value as number)} (${unit} of ${formatDay(last.start)}), ` +
        `lowest ${spec.format(Math.min(...values))}, highest ${spec.format(Math.max(...values))}.`,
    );
    if (hidden > 0) parts.push(`${hidden} ${unit}${hidden === 1 ? '' : 's'} hidden to protect small groups.`);
  }
  for (const change of s.changes) parts.push(`${change.name} went live on ${formatDay(change.goLiveDate)}.`);
  return parts.join(' ');
}

function chartTable(spec: TChartSpec, s: TBoardSummary): HTMLElement {
  const k = s.k.counts;
  const first = s.bucket === 'day' ? 'Day' : 'Week of';
  const single = spec.series.length === 1 ? spec.series[0] : undefined;
  const headers = single
    ? [first, spec.title, 'People']
    : [first, ...spec.series.map((series) => series.label)];
  const rows = s.trend.map((p, i) => {
    const golive = s.changes.filter((c) => sameBucket(c.goLiveDate, p.start, s.bucket));
    const when = [formatDay(p.start), ...golive.map((c) => ` (${c.name} went live)`)].join('');
    if (single) {
      const figure = single.pick(p, i);
      return [when, figureText(figure, k, spec.format), figure.n === null ? '—' : String(figure.n)];
    }
    return [when, ...spec.series.map((series) => figureText(series.pick(p, i), k, spec.format))];
  });
  return dataTable(`${spec.title} by ${s.bucket}`, headers, rows, 'compact');
}

function sameBucket(day: string, start: string, bucket: 'day' | 'week'): boolean {
  if (bucket === 'day') return day === start;
  const offset = (dayDate(day).getTime() - dayDate(start).getTime()) / 86_400_000;
  return offset >= 0 && offset < 7;
}
