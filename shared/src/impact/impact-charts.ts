import type { TImpact, TImpactIts, TImpactMetric, TWindowFigure } from '../api/impact';
import { figureText, formatDay, formatValue } from './impact-text';

/**
 * The impact charts as plain shapes in a fixed coordinate box. The change page draws them as SVG
 * elements, the HTML report as SVG text and the PDF with pdfkit, so all three show the same chart.
 * Rejected: uPlot on the page, because the report cannot run it and the two would drift apart.
 * Series are told apart by shape, dash and label as well as colour (the board's conventions).
 */
export type TShape =
  | {
      kind: 'line';
      x1: number;
      y1: number;
      x2: number;
      y2: number;
      stroke: string;
      width: number;
      dash?: number[];
    }
  | { kind: 'path'; points: [number, number][]; stroke: string; width: number; dash?: number[] }
  | { kind: 'rect'; x: number; y: number; w: number; h: number; fill: string; stroke?: string }
  | {
      kind: 'marker';
      x: number;
      y: number;
      r: number;
      shape: 'circle' | 'square';
      fill: string;
      stroke: string;
    }
  | {
      kind: 'text';
      x: number;
      y: number;
      text: string;
      anchor: 'start' | 'middle' | 'end';
      size: number;
      bold?: boolean;
      fill: string;
    };

export type TChart = { width: number; height: number; shapes: TShape[] };

/** The board's colours, at least 4.5:1 on white. */
export const CHART_COLOURS = {
  ink: '#1b1b1b',
  grid: '#e3e6ea',
  muted: '#4b5563',
  change: '#0b5394',
  changeBefore: '#9fc0e0',
  comparison: '#4b5563',
  comparisonBefore: '#c9ced6',
  fitted: '#b3261e',
};

type TMetric = Pick<TImpactMetric, 'key' | 'label' | 'kind'>;
const shown = (m: TMetric, v: number): number => (m.kind === 'proportion' ? v * 100 : v);

/** Round steps for an axis between lo and hi, about `count` of them. */
export function niceTicks(lo: number, hi: number, count = 4): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * mag).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step)
    ticks.push(Number(t.toFixed(10)));
  return ticks;
}

/** The value range of a metric's axis: fixed for shares and NPS, else around the data. */
function valueRange(m: TMetric, values: number[]): [number, number] {
  if (m.kind === 'proportion') return [0, 100];
  if (m.kind === 'nps') return [-100, 100];
  if (m.key === 'sus') return [0, 100];
  const hi = Math.max(1, ...values);
  const lo = Math.min(0, ...values);
  return [Math.floor(lo), Math.ceil(hi)];
}

/**
 * A weekly series' axis: around the data (a step of a few points is what the chart is for), on
 * round values, within the measure's own bounds.
 */
function zoomedRange(m: TMetric, values: number[]): [number, number] {
  const [min, max] = valueRange(m, values);
  if (values.length === 0) return [min, max];
  const span = Math.max(...values) - Math.min(...values);
  const pad = Math.max(span * 0.25, m.kind === 'mean' && m.key !== 'sus' ? 0.25 : 5);
  const step = niceTicks(0, span + 2 * pad)[1] ?? 1;
  const lo = Math.max(min, Math.floor((Math.min(...values) - pad) / step) * step);
  const hi = Math.min(max, Math.ceil((Math.max(...values) + pad) / step) * step);
  return hi > lo ? [lo, hi] : [min, max];
}

function axisLabel(m: TMetric, v: number): string {
  if (m.kind === 'proportion') return `${Math.round(v)}%`;
  return formatValue(m, v);
}

type TFrame = { left: number; top: number; right: number; bottom: number };

function yAxis(
  m: TMetric,
  lo: number,
  hi: number,
  f: TFrame,
  width: number,
): { y: (v: number) => number; shapes: TShape[] } {
  const y = (v: number) => f.bottom - ((v - lo) / (hi - lo)) * (f.bottom - f.top);
  const shapes: TShape[] = [];
  for (const t of niceTicks(lo, hi, 5)) {
    shapes.push({
      kind: 'line',
      x1: f.left,
      y1: y(t),
      x2: width - f.right,
      y2: y(t),
      stroke: CHART_COLOURS.grid,
      width: 1,
    });
    shapes.push({
      kind: 'text',
      x: f.left - 6,
      y: y(t) + 4,
      text: axisLabel(m, t),
      anchor: 'end',
      size: 11,
      fill: CHART_COLOURS.ink,
    });
  }
  return { y, shapes };
}

/**
 * Before and after bars for the change's units and, beside them, the comparison units. A hidden
 * window has no bar, only its reason ("fewer than 5"), never a zero-height bar.
 */
export function beforeAfterChart(m: TImpactMetric, k: number, width = 560, height = 240): TChart {
  const groups: { name: string; before: TWindowFigure; after: TWindowFigure; colours: [string, string] }[] = [
    {
      name: 'This change’s units',
      before: m.before,
      after: m.after,
      colours: [CHART_COLOURS.changeBefore, CHART_COLOURS.change],
    },
  ];
  if (m.comparison) {
    groups.push({
      name: 'Comparison units',
      before: m.comparison.before,
      after: m.comparison.after,
      colours: [CHART_COLOURS.comparisonBefore, CHART_COLOURS.comparison],
    });
  }
  const values = groups
    .flatMap((g) => [g.before.value, g.after.value])
    .filter((v): v is number => v !== null);
  const [lo, hi] = valueRange(
    m,
    values.map((v) => shown(m, v)),
  );
  const f: TFrame = { left: 52, top: 24, right: 12, bottom: height - 44 };
  const axis = yAxis(m, lo, hi, f, width);
  const shapes: TShape[] = [...axis.shapes];
  const base = axis.y(Math.max(lo, Math.min(hi, 0)));
  const slot = (width - f.left - f.right) / groups.length;
  const bar = Math.min(72, slot / 3);
  groups.forEach((g, gi) => {
    const centre = f.left + slot * (gi + 0.5);
    (['before', 'after'] as const).forEach((side, si) => {
      const figure = g[side];
      const x = centre + (si === 0 ? -bar - 4 : 4);
      if (figure.value !== null) {
        const top = axis.y(shown(m, figure.value));
        shapes.push({
          kind: 'rect',
          x,
          y: Math.min(top, base),
          w: bar,
          h: Math.max(1, Math.abs(base - top)),
          fill: g.colours[si]!,
          stroke: CHART_COLOURS.ink,
        });
      }
      const valueY = figure.value !== null ? Math.min(axis.y(shown(m, figure.value)), base) - 5 : base - 5;
      shapes.push({
        kind: 'text',
        x: x + bar / 2,
        y: valueY,
        text: figureText(m, figure, k),
        anchor: 'middle',
        size: figure.value !== null ? 12 : 10,
        bold: figure.value !== null,
        fill: CHART_COLOURS.ink,
      });
      shapes.push({
        kind: 'text',
        x: x + bar / 2,
        y: f.bottom + 16,
        text: side === 'before' ? 'Before' : 'After',
        anchor: 'middle',
        size: 11,
        fill: CHART_COLOURS.ink,
      });
    });
    shapes.push({
      kind: 'text',
      x: centre,
      y: f.bottom + 34,
      text: g.name,
      anchor: 'middle',
      size: 12,
      bold: true,
      fill: CHART_COLOURS.ink,
    });
  });
  shapes.push({
    kind: 'line',
    x1: f.left,
    y1: base,
    x2: width - f.right,
    y2: base,
    stroke: CHART_COLOURS.ink,
    width: 1,
  });
  return { width, height, shapes };
}

/**
 * The interrupted time series: weekly points (circles), the fitted line before go-live and the
 * one after (solid, broken at go-live), and a dashed go-live line. Hidden weeks are gaps.
 */
export function itsChart(m: TMetric, its: TImpactIts, goLiveDate: string, width = 560, height = 240): TChart {
  const pts = its.points;
  const values = pts.flatMap((p) => [p.value, p.fitted]).filter((v): v is number => v !== null);
  const [lo, hi] = zoomedRange(
    m,
    values.map((v) => shown(m, v)),
  );
  const f: TFrame = { left: 52, top: 26, right: 12, bottom: height - 28 };
  const axis = yAxis(m, lo, hi, f, width);
  const shapes: TShape[] = [...axis.shapes];
  const n = Math.max(1, pts.length - 1);
  const x = (i: number) => f.left + 8 + (i / n) * (width - f.left - f.right - 16);
  const afterStart = pts.findIndex((p) => p.start >= goLiveDate);
  const segment = (from: number, to: number): void => {
    const line: [number, number][] = [];
    for (let i = from; i < to; i++) {
      const v = pts[i]!.fitted;
      // A fitted line may run past the measure's bounds (a steep slope); it stops at the frame.
      if (v !== null) line.push([x(i), Math.min(f.bottom, Math.max(f.top, axis.y(shown(m, v))))]);
    }
    if (line.length > 1)
      shapes.push({ kind: 'path', points: line, stroke: CHART_COLOURS.fitted, width: 2.5 });
  };
  const split = afterStart < 0 ? pts.length : afterStart;
  segment(0, split);
  segment(split, pts.length);
  pts.forEach((p, i) => {
    if (p.value === null) return;
    shapes.push({
      kind: 'marker',
      x: x(i),
      y: axis.y(shown(m, p.value)),
      r: 3.5,
      shape: 'circle',
      fill: CHART_COLOURS.change,
      stroke: '#ffffff',
    });
  });
  // Go-live lies between the last week before it and the first on or after it.
  if (afterStart > 0) {
    const gx = (x(afterStart - 1) + x(afterStart)) / 2;
    shapes.push({
      kind: 'line',
      x1: gx,
      y1: f.top,
      x2: gx,
      y2: f.bottom,
      stroke: CHART_COLOURS.ink,
      width: 1.5,
      dash: [5, 4],
    });
    const right = gx < width * 0.7;
    shapes.push({
      kind: 'text',
      x: right ? gx + 4 : gx - 4,
      y: f.top - 8,
      text: `Went live ${formatDay(goLiveDate)}`,
      anchor: right ? 'start' : 'end',
      size: 11,
      bold: true,
      fill: CHART_COLOURS.ink,
    });
  }
  const labelled = new Set([0, split, pts.length - 1].filter((i) => i >= 0 && i < pts.length));
  for (const i of labelled) {
    shapes.push({
      kind: 'text',
      x: x(i),
      y: f.bottom + 18,
      text: formatDay(pts[i]!.start).replace(/ \d{4}$/, ''),
      anchor: i === 0 ? 'start' : i === pts.length - 1 ? 'end' : 'middle',
      size: 11,
      fill: CHART_COLOURS.ink,
    });
  }
  return { width, height, shapes };
}

/** The ITS metric an `its` entry belongs to (its label and kind), when the impact lists it. */
export function itsMetric(impact: TImpact, its: TImpactIts): TImpactMetric | undefined {
  return impact.metrics.find((m) => m.key === its.key);
}

/** Legend entries of the ITS chart, in words, for a key under it. */
export const ITS_LEGEND = [
  { label: 'Weekly figure', colour: CHART_COLOURS.change, shape: 'circle' },
  { label: 'Fitted trend before and after', colour: CHART_COLOURS.fitted, shape: 'line' },
  { label: 'Go-live', colour: CHART_COLOURS.ink, shape: 'dashed' },
] as const;
