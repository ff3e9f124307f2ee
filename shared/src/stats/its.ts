/**
 * Interrupted time series by segmented regression, the standard design for "did this go-live change the
 * level or the trend of a weekly metric" (Wagner et al. 2002; Lopez Bernal, Cummins & Gasparrini 2017).
 */
import { studentTQuantile } from './distributions';
import type { TInterval } from './compare';
import { invert, multiply, type TMatrix } from './linear-algebra';

/** One point of the series; `after` marks points at or after the interruption. */
export type TItsInput = { t: number; y: number; after: boolean }[];

/** An estimate with its interval and Newey–West standard error. */
export type TItsEstimate = TInterval & { se: number };

/** What {@link segmentedRegression} returns. */
export type TItsResult = {
  /** b2: the step in level at t0 (`breakAt`, else the first after point). */
  level: TItsEstimate;
  /** b3: the change in slope per unit of t after the interruption. */
  slope: TItsEstimate;
  /** [b0, b1, b2, b3] in the caller's units of t. */
  coefficients: [number, number, number, number];
  /** The model's fitted value at each input point, in input order. */
  fitted: number[];
};

const K = 4;

/**
 * Segmented regression for an interrupted time series: y = b0 + b1·t + b2·D + b3·(t − t0)·D, D = 1 for
 * points after the interruption, t0 = `breakAt` (the interruption itself, when points near it are
 * left out, e.g. while a change beds in), else the time of the first after point. OLS; standard errors Newey–West HAC
 * with Bartlett kernel, lag L (default 2), with the small-sample factor n/(n−k) (as Stata's `newey`);
 * intervals with t quantile on n−k df. Returns null when fewer than `minEachSide` (default 8) points on
 * either side, or when the design is singular (e.g. every point on one side has the same t).
 *
 * Points must have finite y (callers drop empty weeks). The lag counts observations in time order, so the
 * series is taken as equally spaced, like Stata's `newey` on `tsset` data; weekly rollups are.
 * Newey–West rather than plain OLS errors because weekly experience scores are autocorrelated, which makes
 * OLS intervals too narrow; rejected: fitting an AR(1) error model (iterative, fragile on 8 points).
 */
export function segmentedRegression(
  points: TItsInput,
  options: { lag?: number; level?: number; minEachSide?: number; breakAt?: number } = {},
): TItsResult | null {
  const lag = options.lag ?? 2;
  const confidence = options.level ?? 0.95;
  const minEachSide = options.minEachSide ?? 8;
  if (!(Number.isInteger(lag) && lag >= 0))
    throw new RangeError(`lag must be a whole number ≥ 0, got ${lag}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`level must be in (0, 1), got ${confidence}`);
  if (points.some((p) => !Number.isFinite(p.y) || !Number.isFinite(p.t))) {
    throw new RangeError('segmentedRegression: every point needs a finite t and y');
  }

  const afterTimes = points.filter((p) => p.after).map((p) => p.t);
  const nAfter = afterTimes.length;
  const n = points.length;
  if (nAfter < minEachSide || n - nAfter < minEachSide || n <= K) return null;

  // Fit on t centred at t0 and scaled to about ±1: with t as, say, days since 1970 the raw normal
  // equations would be hopelessly ill-conditioned. The coefficients are mapped back below; HAC covariance
  // transforms exactly under this linear change of variables.
  // reduce, not Math.min(...spread), which overflows the call stack on very long series.
  const t0 = options.breakAt ?? afterTimes.reduce((m, t) => Math.min(m, t), Infinity);
  const tMin = points.reduce((m, p) => Math.min(m, p.t), Infinity);
  const tMax = points.reduce((m, p) => Math.max(m, p.t), -Infinity);
  const scale = tMax > tMin ? (tMax - tMin) / 2 : 1;
  const rows: number[][] = points.map((p) => {
    const tau = (p.t - t0) / scale;
    const d = p.after ? 1 : 0;
    return [1, tau, d, tau * d];
  });

  const xtx: TMatrix = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  const xty = new Array<number>(K).fill(0);
  rows.forEach((x, i) => {
    const y = (points[i] as { y: number }).y;
    for (let a = 0; a < K; a++) {
      xty[a] = (xty[a] as number) + (x[a] as number) * y;
      const line = xtx[a] as number[];
      for (let b = 0; b < K; b++) line[b] = (line[b] as number) + (x[a] as number) * (x[b] as number);
    }
  });
  const bread = invert(xtx);
  if (bread === null) return null;
  const c = multiply(
    bread,
    xty.map((v) => [v]),
  ).map((r) => r[0] as number);

  const dot = (x: number[]) => x.reduce((s, v, j) => s + v * (c[j] as number), 0);
  const fitted = rows.map(dot);
  const residuals = points.map((p, i) => p.y - (fitted[i] as number));

  const meat = neweyWestMeat(rows, residuals, timeOrder(points), lag);
  const covariance = multiply(multiply(bread, meat), bread);
  const factor = n / (n - K);
  const variance = (j: number) => factor * ((covariance[j] as number[])[j] as number);

  const [c0, c1, c2, c3] = c as [number, number, number, number];
  const q = studentTQuantile(1 - (1 - confidence) / 2, n - K);
  const estimate = (value: number, se: number): TItsEstimate => ({
    estimate: value,
    low: value - q * se,
    high: value + q * se,
    se,
  });
  return {
    level: estimate(c2, Math.sqrt(variance(2))),
    slope: estimate(c3 / scale, Math.sqrt(variance(3)) / scale),
    coefficients: [c0 - (c1 * t0) / scale, c1 / scale, c2, c3 / scale],
    fitted,
  };
}

/** Input indices sorted by t; stable, so ties keep input order. */
function timeOrder(points: TItsInput): number[] {
  return points
    .map((_, i) => i)
    .sort((a, b) => (points[a] as { t: number }).t - (points[b] as { t: number }).t);
}

/**
 * Σ e_i² x_i x_iᵀ + Σ_{l=1..L} (1 − l/(L+1)) Σ_i e_i e_{i−l} (x_i x_{i−l}ᵀ + x_{i−l} x_iᵀ), i in time order.
 * The Bartlett weights keep the estimate positive semi-definite.
 */
function neweyWestMeat(rows: number[][], residuals: number[], order: number[], lag: number): TMatrix {
  const meat: TMatrix = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  const add = (i: number, j: number, weight: number) => {
    const xi = rows[i] as number[];
    const xj = rows[j] as number[];
    const w = weight * (residuals[i] as number) * (residuals[j] as number);
    for (let a = 0; a < K; a++) {
      const line = meat[a] as number[];
      for (let b = 0; b < K; b++) {
        const term =
          i === j
            ? (xi[a] as number) * (xi[b] as number)
            : (xi[a] as number) * (xj[b] as number) + (xj[a] as number) * (xi[b] as number);
        line[b] = (line[b] as number) + w * term;
      }
    }
  };
  for (let s = 0; s < order.length; s++) add(order[s] as number, order[s] as number, 1);
  for (let l = 1; l <= lag; l++) {
    const weight = 1 - l / (lag + 1);
    for (let s = l; s < order.length; s++) add(order[s] as number, order[s - l] as number, weight);
  }
  return meat;
}
