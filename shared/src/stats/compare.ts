/**
 * Before/after comparisons for the change-impact report. Every difference is after − before, so a positive
 * estimate means the metric went up after the change. Inputs are rollup counts and moments, never raw rows.
 *
 * Degenerate inputs (an empty group, a mean from one response) give NaN estimates and intervals rather than
 * throwing, so one thin metric cannot fail a whole report; callers map NaN to "too few to tell".
 */
import { normalCdf, normalQuantile, studentTCdf, studentTQuantile } from './distributions';

/** A point estimate with a two-sided confidence interval. */
export type TInterval = { estimate: number; low: number; high: number };
/** An interval with its two-sided p-value and standard error. */
export type TTestResult = TInterval & { p: number; se: number };
/** x successes out of n. */
export type TCount = { x: number; n: number };
/** Sufficient statistics of a sample from rollups: count, Σy, Σy². */
export type TMoments = { n: number; sum: number; sumSquares: number };
/** Promoter and detractor counts out of n answers to a 0–10 recommend question. */
export type TNpsCounts = { promoters: number; detractors: number; n: number };

const NAN_RESULT: TTestResult = { estimate: NaN, low: NaN, high: NaN, p: NaN, se: NaN };

/** z_{1−α/2} for a two-sided interval at `level` (0.95 → 1.959963984540054). */
function twoSidedZ(level: number): number {
  checkLevel(level);
  return normalQuantile(1 - (1 - level) / 2);
}

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
}

function checkCount(name: string, c: TCount): void {
  if (!(c.n >= 0 && c.x >= 0 && c.x <= c.n))
    throw new RangeError(`${name}: need 0 ≤ x ≤ n, got ${c.x}/${c.n}`);
}

/** Two-sided p for a standard normal statistic; a zero standard error means "no variation at all". */
function normalP(estimate: number, se: number): number {
  if (se === 0) return estimate === 0 ? 1 : 0;
  return 2 * normalCdf(-Math.abs(estimate / se));
}

/** A normal-theory interval and z-test p for an estimate with a known standard error. */
export function normalTest(estimate: number, se: number, level = 0.95): TTestResult {
  const half = twoSidedZ(level) * se;
  return { estimate, low: estimate - half, high: estimate + half, p: normalP(estimate, se), se };
}

/**
 * Wilson score interval for a single proportion x/n (no continuity correction). Chosen over the Wald
 * interval because it stays inside [0, 1] and keeps its coverage at 0/n and n/n, which small units hit.
 * n = 0 gives the uninformative [0, 1].
 */
export function wilsonInterval(x: number, n: number, level = 0.95): { low: number; high: number } {
  checkCount('wilsonInterval', { x, n });
  const z = twoSidedZ(level);
  if (n === 0) return { low: 0, high: 1 };
  const z2 = z * z;
  const denominator = n + z2;
  const centre = (x + z2 / 2) / denominator;
  const half = (z * Math.sqrt((x * (n - x)) / n + z2 / 4)) / denominator;
  // The ends are exactly 0 and 1 at x = 0 and x = n; rounding must not put them a hair outside.
  return {
    low: x === 0 ? 0 : Math.max(0, centre - half),
    high: x === n ? 1 : Math.min(1, centre + half),
  };
}

/**
 * after − before for proportions: 95% CI by Newcombe's hybrid score interval (Newcombe 1998, method 10,
 * no continuity correction); p from the two-proportion z test with pooled variance; se = unpooled SE of the
 * difference. Chosen over the Wald interval, which collapses to a point at 0/n and undercovers for small n.
 * Either n = 0 gives NaN throughout.
 */
export function compareProportions(before: TCount, after: TCount, level = 0.95): TTestResult {
  checkCount('before', before);
  checkCount('after', after);
  checkLevel(level);
  if (before.n === 0 || after.n === 0) return { ...NAN_RESULT };
  const p1 = after.x / after.n;
  const p2 = before.x / before.n;
  const estimate = p1 - p2;
  const w1 = wilsonInterval(after.x, after.n, level);
  const w2 = wilsonInterval(before.x, before.n, level);
  const low = estimate - Math.hypot(p1 - w1.low, w2.high - p2);
  const high = estimate + Math.hypot(w1.high - p1, p2 - w2.low);
  const pooled = (after.x + before.x) / (after.n + before.n);
  const sePooled = Math.sqrt(pooled * (1 - pooled) * (1 / after.n + 1 / before.n));
  const se = Math.sqrt((p1 * (1 - p1)) / after.n + (p2 * (1 - p2)) / before.n);
  return { estimate, low, high, p: normalP(estimate, sePooled), se };
}

/** Unbiased sample variance from moments, clamped at 0 because Σy² − (Σy)²/n can round a hair negative. */
export function sampleVariance(m: TMoments): number {
  if (m.n < 2) return NaN;
  return Math.max(0, (m.sumSquares - (m.sum * m.sum) / m.n) / (m.n - 1));
}

/**
 * after − before for means, Welch: se = sqrt(s1²/n1 + s2²/n2), Welch–Satterthwaite df, t interval,
 * two-sided p. Sample variance from moments: (Σy² − (Σy)²/n)/(n−1), guarded against tiny negative
 * round-off. Welch rather than the pooled t test because a change can alter the spread as well as the mean.
 * Fewer than 2 in either group gives NaN throughout. If both variances are 0 the Welch df is 0/0; df is then
 * n1 + n2 − 2, the interval is the point estimate and p is 1 for no difference, else 0.
 */
export function compareMeans(before: TMoments, after: TMoments, level = 0.95): TTestResult & { df: number } {
  checkLevel(level);
  if (!(before.n >= 2 && after.n >= 2)) return { ...NAN_RESULT, df: NaN };
  const estimate = after.sum / after.n - before.sum / before.n;
  const a = sampleVariance(after) / after.n;
  const b = sampleVariance(before) / before.n;
  const se = Math.sqrt(a + b);
  if (se === 0) {
    return {
      estimate,
      low: estimate,
      high: estimate,
      p: estimate === 0 ? 1 : 0,
      se,
      df: after.n + before.n - 2,
    };
  }
  const df = ((a + b) * (a + b)) / ((a * a) / (after.n - 1) + (b * b) / (before.n - 1));
  const half = studentTQuantile(1 - (1 - level) / 2, df) * se;
  const p = 2 * studentTCdf(-Math.abs(estimate / se), df);
  return { estimate, low: estimate - half, high: estimate + half, p, se, df };
}

/** Net Promoter Score in points, −100..100: % promoters (9–10) minus % detractors (0–6). NaN when n = 0. */
export function npsScore(c: TNpsCounts): number {
  if (c.n === 0) return NaN;
  return (100 * (c.promoters - c.detractors)) / c.n;
}

/** Variance of one NPS as a fraction: each answer scores +1, 0 or −1, so var = E[s²] − E[s]² over n. */
function npsVariance(c: TNpsCounts): number {
  const plus = c.promoters / c.n;
  const minus = c.detractors / c.n;
  return (plus + minus - (plus - minus) ** 2) / c.n;
}

function checkNps(name: string, c: TNpsCounts): void {
  if (!(c.promoters >= 0 && c.detractors >= 0 && c.promoters + c.detractors <= c.n)) {
    throw new RangeError(
      `${name}: need promoters + detractors ≤ n, got ${c.promoters} + ${c.detractors} of ${c.n}`,
    );
  }
}

/**
 * after − before of NPS in points; var of one NPS (as a fraction) = (p+ + p− − (p+ − p−)²)/n, so SE in
 * points = 100·sqrt(var1+var2); normal interval and z-test p. Either n = 0 gives NaN throughout.
 */
export function compareNps(before: TNpsCounts, after: TNpsCounts, level = 0.95): TTestResult {
  checkNps('before', before);
  checkNps('after', after);
  checkLevel(level);
  if (before.n === 0 || after.n === 0) return { ...NAN_RESULT };
  const estimate = npsScore(after) - npsScore(before);
  const se = 100 * Math.sqrt(npsVariance(after) + npsVariance(before));
  return normalTest(estimate, se, level);
}

/**
 * Difference-in-differences: (change.after − change.before) − (comparison.after − comparison.before);
 * se = sqrt(seChange² + seComparison²) (four independent groups); normal interval and z-test p.
 * `change.estimate` and `comparison.estimate` are the after − before differences of each arm.
 */
export function differenceInDifferences(
  change: { estimate: number; se: number },
  comparison: { estimate: number; se: number },
  level = 0.95,
): TTestResult {
  return normalTest(change.estimate - comparison.estimate, Math.hypot(change.se, comparison.se), level);
}

/**
 * Minimum detectable effect, two-sided alpha, given power: (z_{1−α/2} + z_{power}) · se. Defaults alpha
 * 0.05, power 0.8 (multiplier 2.8016). Lets the report say "no clear change, but we could only have seen
 * a change of ±x".
 */
export function minimumDetectableEffect(se: number, alpha = 0.05, power = 0.8): number {
  if (!(alpha > 0 && alpha < 1) || !(power > 0 && power < 1)) {
    throw new RangeError(`alpha and power must be in (0, 1), got ${alpha} and ${power}`);
  }
  return (normalQuantile(1 - alpha / 2) + normalQuantile(power)) * se;
}

/**
 * Benjamini–Hochberg adjusted q-values (step-up, monotone, capped at 1), same order as input; nulls stay
 * null and are not counted in m. NaN p-values (from degenerate comparisons) are treated as null too, so a
 * thin metric cannot poison every other metric's q.
 */
export function benjaminiHochberg(p: readonly (number | null)[]): (number | null)[] {
  const present: { p: number; index: number }[] = [];
  p.forEach((value, index) => {
    if (value !== null && !Number.isNaN(value)) present.push({ p: value, index });
  });
  const m = present.length;
  // Stable sort keeps tied p-values in input order; ties get the same q anyway.
  present.sort((a, b) => a.p - b.p);
  const q: (number | null)[] = p.map(() => null);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const item = present[rank - 1] as { p: number; index: number };
    running = Math.min(running, (item.p * m) / rank);
    q[item.index] = running;
  }
  return q;
}
