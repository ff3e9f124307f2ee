/**
 * Normal and Student t distribution functions for the change-impact statistics.
 * Pure and dependency-free because the browser bundles `shared/`. The tests hold them to about 1e-13
 * relative error against scipy and mpmath, t included for df from 0.3 to 1e8 (Welch df can be fractional).
 */
import { incompleteBeta, logBeta } from './special-functions';

const SQRT2 = Math.SQRT2;
const SQRT_2PI = Math.sqrt(2 * Math.PI);

// W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23 (1969) 631-637,
// coefficients as in his CALERF routine (netlib specfun). Chosen over the Abramowitz-Stegun 7.1.26 formula
// (error 1.5e-7) because p-values far in the tail still need relative accuracy.
const ERF_A = [
  3.1611237438705655, 113.86415415105016, 377.485237685302, 3209.3775891384694, 0.18577770618460315,
];
const ERF_B = [23.601290952344122, 244.02463793444417, 1282.6165260773723, 2844.2368334391704];
const ERFC_C = [
  0.5641884969886701, 8.883149794388377, 66.11919063714163, 298.6351381974001, 881.952221241769,
  1712.0476126340707, 2051.0783778260716, 1230.3393547979972, 2.1531153547440383e-8,
];
const ERFC_D = [
  15.744926110709835, 117.6939508913125, 537.1811018620099, 1621.3895745666903, 3290.7992357334597,
  4362.619090143247, 3439.3676741437216, 1230.3393548037495,
];
const ERFC_P = [
  0.30532663496123236, 0.36034489994980445, 0.12578172611122926, 0.016083785148742275, 0.0006587491615298378,
  0.016315387137302097,
];
const ERFC_Q = [
  2.568520192289822, 1.8729528499234673, 0.5279051029514285, 0.06051834131244132, 0.0023352049762686918,
];

const at = (table: readonly number[], i: number): number => table[i] as number;

/** exp(-y²) computed as exp(-y0²)·exp(-(y-y0)(y+y0)) with y0 = y rounded to 1/16, so the square does not lose digits. */
function expMinusSquare(y: number): number {
  const y0 = Math.trunc(y * 16) / 16;
  return Math.exp(-y0 * y0) * Math.exp(-(y - y0) * (y + y0));
}

/** Complementary error function, relative accuracy near machine precision over the whole line (Cody 1969). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  if (y <= 0.46875) {
    const ysq = y > 1.11e-16 ? y * y : 0;
    let num = at(ERF_A, 4) * ysq;
    let den = ysq;
    for (let i = 0; i < 3; i++) {
      num = (num + at(ERF_A, i)) * ysq;
      den = (den + at(ERF_B, i)) * ysq;
    }
    return 1 - (x * (num + at(ERF_A, 3))) / (den + at(ERF_B, 3));
  }
  let tail: number;
  if (y <= 4) {
    let num = at(ERFC_C, 8) * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + at(ERFC_C, i)) * y;
      den = (den + at(ERFC_D, i)) * y;
    }
    tail = ((num + at(ERFC_C, 7)) / (den + at(ERFC_D, 7))) * expMinusSquare(y);
  } else if (y >= 26.55) {
    tail = 0; // below the smallest double
  } else {
    const ysq = 1 / (y * y);
    let num = at(ERFC_P, 5) * ysq;
    let den = ysq;
    for (let i = 0; i < 4; i++) {
      num = (num + at(ERFC_P, i)) * ysq;
      den = (den + at(ERFC_Q, i)) * ysq;
    }
    const r = (ysq * (num + at(ERFC_P, 4))) / (den + at(ERFC_Q, 4));
    tail = ((1 / Math.sqrt(Math.PI) - r) / y) * expMinusSquare(y);
  }
  return x < 0 ? 2 - tail : tail;
}

/** Standard normal cumulative distribution Φ(z), accurate to about 1e-15 relative even deep in the lower tail. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / SQRT2);
}

/** Standard normal density. */
export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / SQRT_2PI;
}

// P. J. Acklam's rational approximation (relative error 1.15e-9), polished below by one Halley step on the
// accurate normalCdf, which brings it to machine precision; simpler to verify than AS241's three branches.
const ACKLAM_A = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
  2.506628277459239,
];
const ACKLAM_B = [
  -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
];
const ACKLAM_C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const ACKLAM_D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];

function poly(coefs: readonly number[], x: number): number {
  let r = 0;
  for (const c of coefs) r = r * x + c;
  return r;
}

/** Lower-tail normal quantile for 0 < p ≤ 0.5 (so the answer is ≤ 0). */
function lowerNormalQuantile(p: number): number {
  let x: number;
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = poly(ACKLAM_C, q) / (poly(ACKLAM_D, q) * q + 1);
  } else {
    const q = p - 0.5;
    const r = q * q;
    x = (poly(ACKLAM_A, r) * q) / (poly(ACKLAM_B, r) * r + 1);
  }
  const e = normalCdf(x) - p;
  const u = e * SQRT_2PI * Math.exp(0.5 * x * x);
  // exp overflows only for p below ~1e-300, where Acklam alone is already within its 1e-9.
  return Number.isFinite(u) ? x - u / (1 + 0.5 * x * u) : x;
}

/** Inverse of the standard normal CDF: z with Φ(z) = p. Returns ±Infinity at 0 and 1, NaN outside [0, 1]. */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  // 1 − p is exact for p ≥ 0.5 (Sterbenz), so the upper half loses nothing by reflection.
  return p <= 0.5 ? lowerNormalQuantile(p) : -lowerNormalQuantile(1 - p);
}

/**
 * Student t cumulative distribution, P(T ≤ t) with `df` > 0 degrees of freedom (non-integer allowed, for
 * Welch). |t| beyond ~1e154, where t² overflows, counts as infinite.
 */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  if (df === Infinity || df > 1e15) return normalCdf(t);
  const t2 = t * t;
  // Tail mass P(|T| > |t|) = I_{df/(df+t²)}(df/2, ½); forming x and 1 − x separately keeps small |t| exact.
  const twoTail = incompleteBeta(df / (df + t2), df / 2, 0.5, t2 / (df + t2));
  return t < 0 ? 0.5 * twoTail : 1 - 0.5 * twoTail;
}

/** Student t density. */
export function studentTPdf(t: number, df: number): number {
  if (df === Infinity || df > 1e15) return normalPdf(t);
  return Math.exp(-((df + 1) / 2) * Math.log1p((t * t) / df) - 0.5 * Math.log(df) - logBeta(df / 2, 0.5));
}

/**
 * Lower tail quantile for 0 < p < 0.5 (answer < 0): Newton on ln P(T ≤ −e^u) = ln p in u = ln(−t), kept
 * inside a bracket. In u the heavy power-law tail (P ∝ |t|^−df) is a straight line, so Newton converges in
 * a few steps where Newton on t itself crawls; rejected: Hill's 1970 series (more constants to trust).
 */
function lowerTQuantile(p: number, df: number): number {
  const lnP = Math.log(p);
  // Start from the normal quantile stretched by the first Cornish–Fisher term (z < 0, so this stays < 0).
  const z = normalQuantile(p);
  let u = Math.log(-(z + (z * z * z + z) / (4 * df)));
  let uLo = -Infinity; // ln P above ln p here: |t| too small
  let uHi = Infinity; // ln P below ln p here: |t| too large
  for (let i = 0; i < 200; i++) {
    const t = -Math.exp(u);
    if (t === -Infinity) return -Infinity; // beyond the largest double
    const cdf = studentTCdf(t, df);
    const g = Math.log(cdf) - lnP;
    if (g === 0) return t;
    if (g > 0) uLo = u;
    else uHi = u;
    // d ln P / du = pdf(t)·t / P(t)
    let next = u - (g * cdf) / (studentTPdf(t, df) * t);
    if (!(next > uLo && next < uHi)) {
      if (uHi === Infinity) next = uLo + 2;
      else if (uLo === -Infinity) next = uHi - 2;
      else next = 0.5 * (uLo + uHi);
    }
    if (Math.abs(next - u) <= 1e-15 * Math.max(1, Math.abs(u))) return -Math.exp(next);
    u = next;
  }
  return -Math.exp(u);
}

/**
 * Inverse of the Student t CDF: t with P(T ≤ t) = p. Returns ±Infinity at 0 and 1, NaN outside [0, 1].
 * Only for tiny df and absurd p (df 1.3, p = 1e-300) would |t| pass 1e154, where the answer is a bound.
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p >= 0 && p <= 1) || !(df > 0)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (df === Infinity || df > 1e15) return normalQuantile(p);
  // Exact closed forms: Cauchy (df 1) and df 2; they also spare the iteration its hardest cases.
  if (df === 1) return p < 0.5 ? -1 / Math.tan(Math.PI * p) : 1 / Math.tan(Math.PI * (1 - p));
  if (df === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
  return p < 0.5 ? lowerTQuantile(p, df) : -lowerTQuantile(1 - p, df);
}
