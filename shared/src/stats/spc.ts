import type { TSpcRule } from '../api/impact';

/**
 * Statistical process control for weekly charts, with the NHS "Making Data Count" rules. Pure:
 * the caller reads the weekly points and chooses the baselines.
 *
 * - p-chart (proportions): centre p̄ = Σx / Σn over the baseline points (x = value · n), and for
 *   each point σᵢ = √(p̄(1 − p̄) / nᵢ); limits p̄ ± 3σᵢ, clamped to [0, 1].
 * - XmR chart (means, NPS): centre = the baseline points' mean; MR̄ = mean of the moving ranges
 *   |vᵢ − vᵢ₋₁| between consecutive baseline points; σ = MR̄ / 1.128; limits mean ± 2.66 · MR̄.
 *   Moving ranges are not screened for outliers (NHSRplotthedots does so by default; not asked for).
 *
 * Rules, each within one segment (a run measured against two centre lines is not a run):
 * - `beyond_limits`: a point above the upper or below the lower limit.
 * - `run_of_7`: 7 or more consecutive points all above, or all below, the centre. A point on the
 *   centre breaks the run (as NHSRplotthedots: its sign is 0).
 * - `trend_of_6`: 6 or more consecutive points each higher (or each lower) than the one before.
 *   Ties break the trend: two equal points are neither rising nor falling (as NHSRplotthedots).
 * - `two_of_three_beyond_2sigma`: 2 of 3 consecutive points beyond 2σ on the same side of the
 *   centre (points beyond the limits count, the third point may be anywhere: the Western Electric
 *   zone A test). NHSRplotthedots additionally wants all three on one side of the mean; rejected to
 *   keep the rule as the issue states it.
 *
 * Points with no value (no data, or hidden by the small-group rule) are skipped: the rules read
 * the points that have a value, in order. Comparisons allow 1e-9 for floating-point error, so a
 * point equal to the centre or a limit is on it, not beyond it.
 *
 * One signal per run: each carries `runStart`, the first point of the run that makes it fire, and
 * `week`, the point where it first fired. A shift that goes on for 12 weeks is one `run_of_7`
 * signal; consecutive points beyond the same limit are one `beyond_limits` signal.
 */

export type TSpcChartKind = 'p' | 'xmr';
export type TSpcDirection = 'up' | 'down';

/** One week: `value` a proportion (p-chart) or the week's figure (XmR); `n` its denominator or respondents. */
export type TSpcPoint = { week: string; value: number | null; n: number };

export type TSpcSignal = { rule: TSpcRule; direction: TSpcDirection; week: string; runStart: string };

export type TSpcLimit = { from: string; lower: number; upper: number; mean: number };

/** Limits apply to the points from `from` (until the next segment), computed from `baseline`. */
export type TSpcSegment = { from: string; baseline: TSpcPoint[] };

export type TSpcResult = {
  /** The centre line of the last segment that has one (the limits in force now). */
  mean: number | null;
  /** XmR: one entry per segment; p-chart: one per point with a value (limits vary with n). */
  limits: TSpcLimit[];
  signals: TSpcSignal[];
};

export type TSpcOptions = {
  /** Natural bounds of an XmR metric (NPS −100..100): limits are clamped to them. */
  bounds?: [number, number];
  /**
   * Fewest baseline points a segment needs for its rules to run; its limits are shown anyway.
   * 12: NHSRplotthedots warns below that, and a unit's first weeks would otherwise raise alerts
   * from limits no one should trust.
   */
  minBaseline?: number;
};

/** NHS Making Data Count / NHSRplotthedots: rules need a baseline of at least this many points. */
export const SPC_MIN_BASELINE = 12;
/** The default baseline: the first 20 points with a value. */
export const SPC_BASELINE_POINTS = 20;

const EPS = 1e-9;
const RUN = 7;
const TREND = 6;

const valued = (points: TSpcPoint[]) =>
  points.filter((p): p is TSpcPoint & { value: number } => p.value !== null && p.n > 0);

/** p̄ = Σx / Σn over the baseline; null when it has no respondents. */
export function pChartCentre(baseline: TSpcPoint[]): number | null {
  let x = 0;
  let n = 0;
  for (const p of valued(baseline)) {
    x += p.value * p.n;
    n += p.n;
  }
  return n > 0 ? x / n : null;
}

/** The baseline mean and mean moving range; null with fewer than two points. */
export function xmrCentre(baseline: TSpcPoint[]): { mean: number; mrBar: number } | null {
  const values = valued(baseline).map((p) => p.value);
  if (values.length < 2) return null;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  let mr = 0;
  for (let i = 1; i < values.length; i++) mr += Math.abs(values[i]! - values[i - 1]!);
  return { mean, mrBar: mr / (values.length - 1) };
}

type TZoned = { week: string; value: number; mean: number; sigma: number; lower: number; upper: number };

const clamp = (v: number, [lo, hi]: [number, number]) => Math.min(hi, Math.max(lo, v));
const sideOf = (v: number, centre: number) => (v > centre + EPS ? 1 : v < centre - EPS ? -1 : 0);
const dirOf = (s: number): TSpcDirection => (s > 0 ? 'up' : 'down');

/** The chart's limits and signals over `points` (weeks in order), one segment per baseline. */
export function spcChart(
  kind: TSpcChartKind,
  points: TSpcPoint[],
  segments: TSpcSegment[],
  options: TSpcOptions = {},
): TSpcResult {
  const minBaseline = options.minBaseline ?? SPC_MIN_BASELINE;
  const sorted = [...segments].sort((a, b) => a.from.localeCompare(b.from));
  const result: TSpcResult = { mean: null, limits: [], signals: [] };
  sorted.forEach((segment, i) => {
    const until = sorted[i + 1]?.from;
    const own = valued(points).filter(
      (p) => p.week >= segment.from && (until === undefined || p.week < until),
    );
    const zoned = zone(kind, own, segment.baseline, options.bounds);
    if (!zoned) return;
    result.mean = zoned.mean;
    if (kind === 'xmr') result.limits.push({ from: segment.from, ...zoned.limits });
    else
      for (const z of zoned.points)
        result.limits.push({ from: z.week, lower: z.lower, upper: z.upper, mean: z.mean });
    if (valued(segment.baseline).length >= minBaseline) result.signals.push(...detect(zoned.points));
  });
  result.signals.sort((a, b) => a.week.localeCompare(b.week) || a.rule.localeCompare(b.rule));
  return result;
}

function zone(
  kind: TSpcChartKind,
  points: (TSpcPoint & { value: number })[],
  baseline: TSpcPoint[],
  bounds: [number, number] | undefined,
): { mean: number; limits: { lower: number; upper: number; mean: number }; points: TZoned[] } | null {
  if (kind === 'p') {
    const mean = pChartCentre(baseline);
    if (mean === null) return null;
    const zoned = points.map((p) => {
      const sigma = Math.sqrt((mean * (1 - mean)) / p.n);
      const lower = clamp(mean - 3 * sigma, [0, 1]);
      const upper = clamp(mean + 3 * sigma, [0, 1]);
      return { week: p.week, value: p.value, mean, sigma, lower, upper };
    });
    return { mean, limits: { lower: 0, upper: 1, mean }, points: zoned };
  }
  const centre = xmrCentre(baseline);
  if (!centre) return null;
  const { mean, mrBar } = centre;
  const range: [number, number] = bounds ?? [-Infinity, Infinity];
  const limits = { lower: clamp(mean - 2.66 * mrBar, range), upper: clamp(mean + 2.66 * mrBar, range), mean };
  const sigma = mrBar / 1.128;
  return { mean, limits, points: points.map((p) => ({ week: p.week, value: p.value, sigma, ...limits })) };
}

/** Maximal runs of equal non-zero keys: [first index, last index, key]. */
function runs(keys: number[]): [number, number, number][] {
  const out: [number, number, number][] = [];
  let start = 0;
  for (let i = 1; i <= keys.length; i++) {
    if (i === keys.length || keys[i] !== keys[start]) {
      if (keys[start] !== 0) out.push([start, i - 1, keys[start]!]);
      start = i;
    }
  }
  return out;
}

/** Every rule over one segment's points (all with a value, in order). */
function detect(points: TZoned[]): TSpcSignal[] {
  const signals: TSpcSignal[] = [];
  const at = (rule: TSpcRule, side: number, fired: number, start: number) =>
    signals.push({ rule, direction: dirOf(side), week: points[fired]!.week, runStart: points[start]!.week });

  const beyond = points.map((p) => (p.value > p.upper + EPS ? 1 : p.value < p.lower - EPS ? -1 : 0));
  for (const [start, , side] of runs(beyond)) at('beyond_limits', side, start, start);

  const sides = points.map((p) => sideOf(p.value, p.mean));
  for (const [start, end, side] of runs(sides))
    if (end - start + 1 >= RUN) at('run_of_7', side, start + RUN - 1, start);

  // steps[i] compares point i + 1 with point i; a run of m equal steps spans m + 1 points.
  const steps = points.slice(1).map((p, i) => sideOf(p.value, points[i]!.value));
  for (const [start, end, side] of runs(steps))
    if (end - start + 2 >= TREND) at('trend_of_6', side, start + TREND - 1, start);

  const far = points.map((p) =>
    p.value > p.mean + 2 * p.sigma + EPS ? 1 : p.value < p.mean - 2 * p.sigma - EPS ? -1 : 0,
  );
  const twoOfThree = points.map((_, i) => {
    const window = far.slice(Math.max(0, i - 2), i + 1);
    for (const side of [1, -1]) if (window.filter((f) => f === side).length >= 2) return side;
    return 0;
  });
  for (const [start, , side] of runs(twoOfThree)) {
    // The run's first window holds the two points that made it fire; the earlier one starts it.
    const first = far.findIndex((f, j) => j >= start - 2 && f === side);
    at('two_of_three_beyond_2sigma', side, start, first);
  }
  return signals;
}
