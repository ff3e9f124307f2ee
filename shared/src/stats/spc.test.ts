import { pChartCentre, spcChart, xmrCentre, type TSpcPoint } from './spc';

/** Week i of a series: Mondays from 1 January 2024. */
const week = (i: number) => new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10);
const series = (values: (number | null)[], n: number | number[] = 10): TSpcPoint[] =>
  values.map((value, i) => ({ week: week(i), value, n: Array.isArray(n) ? n[i]! : value === null ? 0 : n }));
/** One segment whose baseline is the first `count` points. */
const firstPoints = (points: TSpcPoint[], count = 20) => [
  { from: points[0]!.week, baseline: points.slice(0, count) },
];
const signals = (points: TSpcPoint[], segments = firstPoints(points)) =>
  spcChart('xmr', points, segments).signals.map((s) => [s.rule, s.direction, s.week, s.runStart]);

/**
 * A steady baseline: 50, 52, 50, 52 … (20 points). Mean 51, MR̄ 2, σ = 2 / 1.128 = 1.773;
 * limits 51 ± 5.32 = [45.68, 56.32]; beyond 2σ above 54.546 or below 47.454. It alternates, so it
 * has no run and no trend of its own.
 */
const STEADY = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 50 : 52));

describe('SPC charts', () => {
  it('reproduces Montgomery’s individuals chart (Example 6.5, loan processing costs): in control', () => {
    // Introduction to Statistical Quality Control, 6th ed., Example 6.5: x̄ = 300.5, MR̄ = 7.79,
    // UCL 321.22, LCL 279.78. Checked with numpy: mean 300.5, MR̄ 7.78947, 300.5 ± 2.66 · MR̄.
    const costs = [
      310, 288, 297, 298, 307, 303, 294, 297, 308, 306, 294, 299, 297, 299, 314, 295, 293, 306, 301, 304,
    ];
    const points = series(costs);
    const chart = spcChart('xmr', points, firstPoints(points));
    expect(xmrCentre(points)!.mrBar).toBeCloseTo(7.78947, 4);
    expect(chart.mean).toBe(300.5);
    expect(chart.limits).toHaveLength(1);
    expect(chart.limits[0]!.upper).toBeCloseTo(321.22, 2);
    expect(chart.limits[0]!.lower).toBeCloseTo(279.78, 2);
    // 2σ = 13.81: 314 stays under 314.31 and 288 over 286.69, so no rule fires.
    expect(chart.signals).toEqual([]);
  });

  it('reproduces Montgomery’s p-chart (Example 7.1, orange juice cans): samples 15 and 23 beyond the upper limit', () => {
    // Example 7.1: 30 samples of 50, p̄ = 347 / 1500 = 0.2313, UCL 0.4102, LCL 0.0524, samples 15
    // and 23 out of control. Checked with numpy; a loop over the same data found one more signal:
    // samples 21 and 22 are both above p̄ + 2σ = 0.3506 (0.40, 0.36), so 2-of-3 fires at 22.
    const defects = [
      12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22, 8, 10, 5, 13, 11, 20, 18, 24, 15, 9, 12, 7, 13, 9,
      6,
    ];
    const points = series(
      defects.map((d) => d / 50),
      50,
    );
    expect(pChartCentre(points)).toBeCloseTo(0.23133, 5);
    const chart = spcChart('p', points, firstPoints(points, 30));
    expect(chart.limits).toHaveLength(30);
    expect(chart.limits[0]!.upper).toBeCloseTo(0.4102, 4);
    expect(chart.limits[0]!.lower).toBeCloseTo(0.0524, 4);
    expect(chart.signals.map((s) => [s.rule, s.direction, s.week, s.runStart])).toEqual([
      ['beyond_limits', 'up', week(14), week(14)],
      ['two_of_three_beyond_2sigma', 'up', week(21), week(20)],
      ['beyond_limits', 'up', week(22), week(22)],
    ]);
  });

  it('gives a p-chart limits per week from that week’s n, clamped to 0..1', () => {
    // p̄ = 0.9: n = 10 gives σ = 0.0949, limits [0.615, 1.185 → 1]; n = 100 gives [0.81, 0.99].
    const points = series(
      [...Array<number>(20).fill(0.9), 0.8, 0.8],
      [...Array<number>(20).fill(10), 10, 100],
    );
    const chart = spcChart('p', points, firstPoints(points));
    expect(chart.limits[20]).toMatchObject({ from: week(20), upper: 1 });
    expect(chart.limits[20]!.lower).toBeCloseTo(0.6154, 4);
    expect(chart.limits[21]!.lower).toBeCloseTo(0.81, 10);
    // 0.8 of 10 is common cause; 0.8 of 100 is below its limit.
    expect(chart.signals.filter((s) => s.rule === 'beyond_limits')).toEqual([
      { rule: 'beyond_limits', direction: 'down', week: week(21), runStart: week(21) },
    ]);
  });

  it('stores a run of 10 below the mean as one run_of_7 signal, at its seventh point', () => {
    const points = series([...STEADY, ...Array<number>(10).fill(49)]);
    expect(signals(points)).toEqual([['run_of_7', 'down', week(26), week(20)]]);
  });

  it('breaks a run at a point on the mean, and carries it over weeks with no value', () => {
    expect(
      signals(series([...STEADY, ...Array<number>(6).fill(49), 51, ...Array<number>(6).fill(49)])),
    ).toEqual([]);
    const gappy = series([...STEADY, 49, 49, 49, null, null, 49, 49, 49, 49]);
    // Points 20-22 and 25-28: the seventh with a value is week 28.
    expect(signals(gappy)).toEqual([['run_of_7', 'down', week(28), week(20)]]);
  });

  it('finds 6 rising points as a trend_of_6 at the sixth, and lets a tie break a trend', () => {
    expect(signals(series([...STEADY, 48, 49, 50, 51, 52, 53, 54]))).toEqual([
      ['trend_of_6', 'up', week(25), week(20)],
    ]);
    expect(signals(series([...STEADY, 54, 53, 52, 51, 50, 49]))).toEqual([
      ['trend_of_6', 'down', week(25), week(20)],
    ]);
    // 48 49 50 | 50 51 52 53: three rising, a tie, four rising.
    expect(signals(series([...STEADY, 48, 49, 50, 50, 51, 52, 53]))).toEqual([]);
  });

  it('fires 2-of-3 beyond 2σ on one side only, whatever the point between', () => {
    expect(signals(series([...STEADY, 55, 50, 55, 51, 50]))).toEqual([
      ['two_of_three_beyond_2sigma', 'up', week(22), week(20)],
    ]);
    expect(signals(series([...STEADY, 55, 47, 51, 50]))).toEqual([]);
  });

  it('makes consecutive points beyond a limit one signal, and a later excursion another', () => {
    expect(signals(series([...STEADY, 57, 58, 51, 57]))).toEqual([
      ['beyond_limits', 'up', week(20), week(20)],
      ['two_of_three_beyond_2sigma', 'up', week(21), week(20)],
      ['beyond_limits', 'up', week(23), week(23)],
    ]);
  });

  it('recalculates from a go-live: each segment has its own centre, and runs do not cross them', () => {
    const points = series([...STEADY, ...STEADY.map((v) => v + 10)]);
    // One baseline: the step up is beyond the limits, a run and 2-of-3, each once. The run starts
    // at the baseline's last point (52, above the mean of 51).
    expect(signals(points)).toEqual([
      ['beyond_limits', 'up', week(20), week(20)],
      ['two_of_three_beyond_2sigma', 'up', week(21), week(20)],
      ['run_of_7', 'up', week(25), week(19)],
    ]);
    const segments = [
      { from: week(0), baseline: points.slice(0, 20) },
      { from: week(20), baseline: points.slice(20) },
    ];
    const chart = spcChart('xmr', points, segments);
    expect(chart.signals).toEqual([]);
    expect(chart.limits.map((l) => [l.from, l.mean])).toEqual([
      [week(0), 51],
      [week(20), 61],
    ]);
    expect(chart.mean).toBe(61);
  });

  it('shows limits from a short baseline but applies no rule until it has 12 points', () => {
    const points = series([...STEADY.slice(0, 10), 80]);
    const chart = spcChart('xmr', points, firstPoints(points, 10));
    expect(chart.limits).toHaveLength(1);
    expect(chart.signals).toEqual([]);
  });

  it('clamps XmR limits to the metric’s bounds, and has none without two baseline points', () => {
    const points = series([...Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 90 : 100))]);
    const chart = spcChart('xmr', points, firstPoints(points), { bounds: [-100, 100] });
    expect(chart.limits[0]).toMatchObject({ upper: 100, mean: 95 });
    expect(spcChart('xmr', series([50, null]), firstPoints(series([50, null])))).toEqual({
      mean: null,
      limits: [],
      signals: [],
    });
  });
});
