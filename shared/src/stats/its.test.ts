import { segmentedRegression, type TItsInput } from './its';

/*
 * Textbook data: Lopez Bernal J, Cummins S, Gasparrini A. Interrupted time series regression for the
 * evaluation of public health interventions: a tutorial. Int J Epidemiol 2017;46:348–355. Their data
 * (github.com/gasparrini/2017_lopezbernal_IJE_codedata, sicily.csv): monthly acute coronary event counts in
 * Sicily 2002–2006 and the age-standardised population; the smoking ban starts at time 37 (January 2005).
 * The tutorial fits Poisson models, so its published rate ratios do not apply to our OLS model; the
 * reference numbers below were computed independently with numpy 2.4.6 / scipy 1.17.1 (Python 3.11):
 *
 *   y = aces / stdpop * 1e5; t = arange(1, 60); D = (t >= 37); t0 = 37
 *   X = column_stack([ones, t, D, (t - t0) * D]); n, k = X.shape
 *   b = lstsq(X, y)[0]; e = y - X @ b; L = 2
 *   lag = abs(subtract.outer(arange(n), arange(n))); W = where(lag <= L, 1 - lag / (L + 1), 0)
 *   bread = inv(X.T @ X); V = n / (n - k) * bread @ (X.T @ (outer(e, e) * W) @ X) @ bread
 *   se = sqrt(diag(V)); q = stats.t.ppf(0.975, n - k); interval b ∓ q·se
 *
 * (the full Ω-matrix form, rather than the lag-by-lag sum used in its.ts, to be a genuinely separate check).
 */
const aces = [
  728, 659, 791, 734, 757, 726, 760, 740, 720, 814, 795, 858, 887, 766, 851, 769, 781, 756, 766, 752, 765,
  831, 879, 928, 914, 808, 937, 840, 916, 828, 845, 818, 860, 839, 887, 886, 831, 796, 833, 820, 877, 758,
  767, 738, 781, 843, 850, 908, 1021, 859, 976, 888, 962, 838, 810, 876, 843, 936, 912,
];
const stdpop = [
  379875.3, 376495.5, 377040.8, 377116.4, 377383.4, 374113.1, 379513.3, 376295.5, 374653.2, 378485.6,
  375955.5, 378349.7, 376762.4, 379032.3, 379360.4, 376162, 377972.4, 381830.7, 379888.6, 380872.2, 380966.9,
  381240.4, 382104.9, 381802.7, 381656.3, 383680, 383504.2, 386462.9, 383783.1, 380836.8, 383483, 380906.2,
  382926.8, 384052.4, 384449.6, 383428.4, 388153.2, 388373.2, 386470.1, 386033.2, 383686.4, 385509.3,
  385901.9, 386516.6, 388436.5, 383255.2, 390148.7, 385874.9, 391613.6, 391750.4, 394005.6, 391364.9,
  391664.6, 389022.3, 391878.5, 388575.3, 392989, 390018.8, 390712.3,
];
const sicily: TItsInput = aces.map((count, i) => ({
  t: i + 1,
  y: (count / (stdpop[i] as number)) * 1e5,
  after: i + 1 >= 37,
}));

const line = (times: number[], t0: number, level: number, slope: number): TItsInput =>
  times.map((t) => ({
    t,
    y: 50 + 0.3 * t + (t >= t0 ? level + slope * (t - t0) : 0),
    after: t >= t0,
  }));

describe('segmentedRegression', () => {
  it('recovers level and slope changes exactly from a noiseless broken line', () => {
    const result = segmentedRegression(line([...Array(20).keys()], 10, -4, 0.75));
    expect(result).not.toBeNull();
    expect(result?.level.estimate).toBeCloseTo(-4, 10);
    expect(result?.slope.estimate).toBeCloseTo(0.75, 10);
    expect(result?.coefficients[0]).toBeCloseTo(50, 10);
    expect(result?.coefficients[1]).toBeCloseTo(0.3, 10);
    expect(result?.level.se).toBeCloseTo(0, 10);
  });

  it('measures the step at the interruption itself when the points just after it are left out', () => {
    // The break is at t = 10 but the after points start at t = 13 (a settling time left out): the
    // level is the jump between the two lines at t = 10, not at the first point after it.
    const times = [...Array(10).keys(), ...Array.from({ length: 10 }, (_, i) => 13 + i)];
    const points = times.map((t) => ({
      t,
      y: 50 + 0.3 * t + (t >= 10 ? -4 + 0.75 * (t - 10) : 0),
      after: t >= 10,
    }));
    const atBreak = segmentedRegression(points, { breakAt: 10 });
    expect(atBreak?.level.estimate).toBeCloseTo(-4, 10);
    expect(atBreak?.slope.estimate).toBeCloseTo(0.75, 10);
    // Without it, the step is read at t = 13: −4 + 0.75·3.
    expect(segmentedRegression(points)?.level.estimate).toBeCloseTo(-1.75, 10);
  });

  it('stays exact when t is a large day number, such as days since 1970', () => {
    const days = Array.from({ length: 30 }, (_, i) => 19700 + 7 * i);
    const result = segmentedRegression(line(days, 19700 + 7 * 15, 2.5, -0.05));
    expect(result?.level.estimate).toBeCloseTo(2.5, 8);
    expect(result?.slope.estimate).toBeCloseTo(-0.05, 10);
    expect(result?.coefficients[0]).toBeCloseTo(50, 6);
    expect(result?.coefficients[1]).toBeCloseTo(0.3, 10);
  });

  it('matches an independent numpy fit of the Sicily smoking-ban series (Newey–West, lag 2, n/(n−k))', () => {
    const result = segmentedRegression(sicily);
    expect(result).not.toBeNull();
    const [b0, b1, b2, b3] = result?.coefficients ?? [];
    expect(b0).toBeCloseTo(194.1087404963501, 9);
    expect(b1).toBeCloseTo(1.0358486353126954, 11);
    expect(b2).toBeCloseTo(-24.71714314354572, 10);
    expect(b3).toBeCloseTo(0.1272204428913013, 11);
    expect(result?.level).toEqual({
      estimate: expect.closeTo(-24.71714314354572, 10),
      se: expect.closeTo(7.344987760292152, 10),
      low: expect.closeTo(-39.43682754788183, 10),
      high: expect.closeTo(-9.997458739209609, 10),
    });
    expect(result?.slope).toEqual({
      estimate: expect.closeTo(0.1272204428913013, 11),
      se: expect.closeTo(0.4443007091421898, 11),
      low: expect.closeTo(-0.7631780754767721, 10),
      high: expect.closeTo(1.0176189612593747, 10),
    });
    // numpy (X @ b)[[0, 36, 58]]
    expect(result?.fitted[0]).toBeCloseTo(195.1445891316628, 10);
    expect(result?.fitted[36]).toBeCloseTo(207.71799685937413, 10);
    expect(result?.fitted[58]).toBeCloseTo(233.30551657986206, 10);
  });

  it('reduces to HC1 robust errors with lag 0 (numpy: se of b2 = 6.151743982340772)', () => {
    expect(segmentedRegression(sicily, { lag: 0 })?.level.se).toBeCloseTo(6.151743982340772, 10);
  });

  it('gives the same fit for shuffled input and returns fitted values in input order', () => {
    const shuffled = sicily.map((p, i) => ({ p, key: (i * 37) % 59 })).sort((a, b) => a.key - b.key);
    const result = segmentedRegression(shuffled.map((s) => s.p));
    const sorted = segmentedRegression(sicily);
    expect(result?.level.se).toBeCloseTo(sorted?.level.se ?? NaN, 10);
    expect(result?.slope.estimate).toBeCloseTo(sorted?.slope.estimate ?? NaN, 10);
    shuffled.forEach((s, i) => expect(result?.fitted[i]).toBeCloseTo(sorted?.fitted[s.p.t - 1] ?? NaN, 10));
  });

  it('widens the interval when a different confidence level is asked for', () => {
    const at99 = segmentedRegression(sicily, { level: 0.99 });
    const at95 = segmentedRegression(sicily);
    expect((at99?.level.high ?? 0) - (at99?.level.low ?? 0)).toBeGreaterThan(
      (at95?.level.high ?? 0) - (at95?.level.low ?? 0),
    );
  });

  it('declines to fit with fewer than 8 points on either side, or a custom minimum', () => {
    const sevenAfter = line([...Array(15).keys()], 8, 1, 0);
    expect(sevenAfter.filter((p) => p.after)).toHaveLength(7);
    expect(segmentedRegression(sevenAfter)).toBeNull();
    expect(segmentedRegression(sevenAfter, { minEachSide: 7 })).not.toBeNull();
    expect(segmentedRegression(line([0, 1, 2, 3], 2, 1, 0), { minEachSide: 2 })).toBeNull();
  });

  it('declines to fit when every point before the change has the same time', () => {
    const points = [
      ...Array.from({ length: 8 }, (_, i) => ({ t: 0, y: i, after: false })),
      ...Array.from({ length: 8 }, (_, i) => ({ t: i + 1, y: i, after: true })),
    ];
    expect(segmentedRegression(points)).toBeNull();
  });

  it('refuses non-finite values and a fractional lag', () => {
    const points = line([...Array(20).keys()], 10, 1, 0);
    expect(() => segmentedRegression([...points, { t: 21, y: NaN, after: true }])).toThrow(RangeError);
    expect(() => segmentedRegression(points, { lag: 1.5 })).toThrow(RangeError);
  });
});
