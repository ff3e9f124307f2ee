import { erfc, normalCdf, normalQuantile, studentTCdf, studentTQuantile } from './distributions';
import { logBeta } from './special-functions';

/*
 * Reference values were computed independently with Python 3.11, scipy 1.17.1 and mpmath 1.x (40 digits):
 *   from scipy import stats; stats.norm.cdf(z); stats.norm.ppf(p); stats.t.cdf(t, df); stats.t.ppf(p, df)
 *   import mpmath as m; m.mp.dps = 40; m.ncdf(-30)
 *   t CDF in mpmath: x = df/(df+t²); I = m.betainc(df/2, 1/2, 0, x, regularized=True); cdf = I/2 for t < 0
 * and printed with repr() (17 significant digits).
 */

function expectRelative(actual: number, expected: number, tolerance: number): void {
  const error = expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
  if (!(error <= tolerance)) {
    throw new Error(`expected ${actual} to be within ${tolerance} (relative) of ${expected}; error ${error}`);
  }
}

describe('normalCdf', () => {
  it.each([
    [-8, 6.22096057427174e-16],
    [-3, 0.0013498980316300933],
    [-1.959963984540054, 0.025],
    [-0.5, 0.3085375387259869],
    [0, 0.5],
    [1, 0.8413447460685429],
    [2.5, 0.9937903346742238],
  ])('matches scipy norm.cdf(%p) to 1e-13 relative', (z, expected) => {
    expectRelative(normalCdf(z), expected, 1e-13);
  });

  it('keeps relative accuracy deep in the lower tail (mpmath ncdf(-30) = 4.906713927148187e-198)', () => {
    expectRelative(normalCdf(-30), 4.906713927148187e-198, 1e-12);
    expectRelative(normalCdf(-10), 7.619853024160525e-24, 1e-13);
  });

  it('gives Φ(z) + Φ(−z) = 1', () => {
    for (const z of [0.1, 0.7, 1.3, 2.9, 4.5]) expect(normalCdf(z) + normalCdf(-z)).toBeCloseTo(1, 15);
  });

  it('gives exactly 0 and 1 at the infinities and NaN for NaN', () => {
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalCdf(NaN)).toBeNaN();
  });

  it('uses an erfc accurate across the branch points of Cody’s approximation', () => {
    // repr(scipy.special.erfc(x)) for x = 0.46875, 4, 10
    expectRelative(erfc(0.46875), 0.507386526782062, 1e-14);
    expectRelative(erfc(4), 1.541725790028002e-8, 1e-14);
    expectRelative(erfc(10), 2.0884875837625446e-45, 1e-14);
  });
});

describe('normalQuantile', () => {
  it.each([
    [1e-10, -6.361340902404056],
    [0.001, -3.090232306167813],
    [0.025, -1.9599639845400545],
    [0.3, -0.5244005127080409],
    [0.8, 0.8416212335729143],
    [0.975, 1.959963984540054],
    [0.999, 3.090232306167813],
  ])('matches scipy norm.ppf(%p) to 1e-14 relative', (p, expected) => {
    expectRelative(normalQuantile(p), expected, 1e-14);
  });

  it('finds the far tail (mpmath: Φ(x) = 1e-200 at x = -30.20559417957964)', () => {
    expectRelative(normalQuantile(1e-200), -30.20559417957964, 1e-14);
  });

  it('is 0 at one half, infinite at 0 and 1, and NaN outside [0, 1]', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(-0.1)).toBeNaN();
    expect(normalQuantile(1.1)).toBeNaN();
  });

  it('inverts normalCdf', () => {
    for (const z of [-7, -2.2, -0.01, 0.4, 3.3]) expectRelative(normalQuantile(normalCdf(z)), z, 1e-12);
  });
});

describe('studentTCdf', () => {
  it.each([
    [-3, 1, 0.10241638234956672],
    [2.1, 3, 0.9367173987251577],
    [-2.5, 7.3, 0.019825117332800214],
    [1.2, 25.98, 0.8795159136314081],
    [-4, 60, 0.00008816119353198712],
    [0.7, 1000, 0.7579549430036988],
  ])('matches scipy t.cdf(%p, df=%p) to 1e-13 relative', (t, df, expected) => {
    expectRelative(studentTCdf(t, df), expected, 1e-13);
  });

  it('stays accurate in tails and for very large df (mpmath betainc)', () => {
    expectRelative(studentTCdf(-40, 3), 0.000017190340394579263, 1e-13);
    expectRelative(studentTCdf(-1e4, 1.5), 3.770852401714754e-7, 1e-13);
    expectRelative(studentTCdf(-5, 1e5), 2.8713508393208365e-7, 1e-13);
    expectRelative(studentTCdf(-4, 1e6), 0.00003167351700502405, 1e-13);
    expectRelative(studentTCdf(-1.96, 1e8), 0.024997896534664055, 1e-13);
    expectRelative(studentTCdf(2.5, 0.3), 0.7355572803908275, 1e-13);
  });

  it('is symmetric about 0 and one half at 0', () => {
    expect(studentTCdf(0, 4.2)).toBe(0.5);
    for (const t of [0.3, 1.7, 6]) expect(studentTCdf(t, 9.5) + studentTCdf(-t, 9.5)).toBeCloseTo(1, 15);
  });

  it('tends to the normal as df grows', () => {
    expect(studentTCdf(-1.96, 1e16)).toBe(normalCdf(-1.96));
    expectRelative(studentTCdf(-1.96, 1e12), normalCdf(-1.96), 1e-11);
    expect(studentTCdf(-1.96, Infinity)).toBe(normalCdf(-1.96));
  });

  it('returns NaN for a non-positive df', () => {
    expect(studentTCdf(1, 0)).toBeNaN();
    expect(studentTCdf(1, -2)).toBeNaN();
  });
});

describe('studentTQuantile', () => {
  it.each([
    [0.975, 1, 12.706204736174694],
    [0.975, 2, 4.302652729749462],
    [0.975, 5, 2.5705818356363146],
    [0.025, 7.3, -2.3450667365477034],
    [0.995, 25.98, 2.778881916081696],
    [0.9, 60, 1.295821093515731],
    [0.975, 1000, 1.9623390808264083],
  ])('matches scipy t.ppf(%p, df=%p) to 1e-12 relative', (p, df, expected) => {
    expectRelative(studentTQuantile(p, df), expected, 1e-12);
  });

  it('stays accurate for a Welch test on a million responses (mpmath root: -1.959966356814107)', () => {
    expectRelative(studentTQuantile(0.025, 1e6), -1.959966356814107, 1e-13);
  });

  it('inverts studentTCdf for fractional df, including heavy tails', () => {
    for (const [p, df] of [
      [1e-8, 1.5],
      [1e-12, 5],
      [0.3, 10],
      [0.9, 0.7],
      [0.6, 3],
    ] as const) {
      expectRelative(studentTCdf(studentTQuantile(p, df), df), p, 1e-11);
    }
  });

  it('is 0 at one half, infinite at 0 and 1, and the normal quantile for infinite df', () => {
    expect(studentTQuantile(0.5, 3)).toBe(0);
    expect(studentTQuantile(0, 3)).toBe(-Infinity);
    expect(studentTQuantile(1, 3)).toBe(Infinity);
    expect(studentTQuantile(0.975, Infinity)).toBe(normalQuantile(0.975));
  });
});

describe('logBeta', () => {
  it('does not lose digits when one argument is huge (mpmath log(beta(0.5, 1e5)))', () => {
    expectRelative(logBeta(0.5, 1e5), -5.184096539560414, 1e-14);
  });
});
