import {
  benjaminiHochberg,
  compareMeans,
  compareNps,
  compareProportions,
  differenceInDifferences,
  minimumDetectableEffect,
  npsScore,
  wilsonInterval,
  type TMoments,
} from './compare';

/*
 * "scipy" below means Python 3.11 with numpy 2.4.6 and scipy 1.17.1, values printed with repr().
 * Wilson intervals from scipy come from an implementation independent of ours:
 *   stats.binomtest(x, n).proportion_ci(0.95, 'wilson')
 */

const moments = (values: number[]): TMoments => ({
  n: values.length,
  sum: values.reduce((s, v) => s + v, 0),
  sumSquares: values.reduce((s, v) => s + v * v, 0),
});

describe('wilsonInterval', () => {
  it('reproduces Newcombe 1998a (Stat Med 17:857–872) Table I, method 3: 81/263 → 0.2553 to 0.3662', () => {
    const { low, high } = wilsonInterval(81, 263);
    expect(low).toBeCloseTo(0.2553, 4);
    expect(high).toBeCloseTo(0.3662, 4);
    // scipy binomtest(81, 263).proportion_ci(0.95, 'wilson')
    expect(low).toBeCloseTo(0.2552885198782742, 12);
    expect(high).toBeCloseTo(0.36620957698280004, 12);
  });

  it('ends exactly at 0 for no successes and honours another confidence level', () => {
    expect(wilsonInterval(0, 10)).toEqual({ low: 0, high: expect.closeTo(0.27753279986288926, 12) });
    expect(wilsonInterval(10, 10).high).toBe(1);
    // scipy binomtest(15, 148).proportion_ci(0.99, 'wilson')
    const at99 = wilsonInterval(15, 148, 0.99);
    expect(at99.low).toBeCloseTo(0.05364486961396485, 12);
    expect(at99.high).toBeCloseTo(0.18326735011315254, 12);
  });

  it('is the whole of [0, 1] when nobody answered, and refuses impossible counts', () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
    expect(() => wilsonInterval(5, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 4, 1.2)).toThrow(RangeError);
  });
});

describe('compareProportions', () => {
  /*
   * Newcombe RG. Interval estimation for the difference between independent proportions: comparison of
   * eleven methods. Stat Med 1998;17:873–890, Table II, method 10 (hybrid score, no continuity correction).
   * The paper's p1 − p2 is our after − before, so the paper's first sample is `after`.
   * `paper` holds the four-decimal limits as we recall them from Table II; `exact` holds the same limits
   * recomputed independently with scipy:
   *   w1 = stats.binomtest(x1, n1).proportion_ci(0.95, 'wilson'); w2 = ...(x2, n2)...; d = p1 - p2
   *   L = d - sqrt((p1 - w1.low)**2 + (w2.high - p2)**2); U = d + sqrt((w1.high - p1)**2 + (p2 - w2.low)**2)
   *   pooled p: 2 * stats.norm.sf(abs(d) / sqrt(pp * (1 - pp) * (1/n1 + 1/n2))), pp = (x1 + x2)/(n1 + n2)
   * For 6/7 − 2/7 a value of (0.0496, 0.8717) has been quoted for method 10; it does not follow from
   * method 10's definition, whereas scipy gives (0.0582, 0.8062), which is what we recall Table II lists.
   */
  it.each([
    [56, 70, 48, 80, 0.2, [0.0524, 0.3339], [0.052431472402364815, 0.3338726540369059], 0.00804508136819656],
    [9, 10, 3, 10, 0.6, [0.1705, 0.809], [0.17052272393450302, 0.8090179735354881], 0.006169899320544151],
    [6, 7, 2, 7, 4 / 7, [0.0582, 0.8062], [0.0582279274823122, 0.8062496375242278], 0.030753561259274524],
    [
      5,
      56,
      0,
      29,
      5 / 56,
      [-0.0381, 0.1926],
      [-0.03813714790353688, 0.1925600138551116],
      0.09718656817057973,
    ],
    [0, 10, 0, 20, 0, [-0.1611, 0.2775], [-0.16112515805281935, 0.27753279986288926], 1],
    [0, 10, 0, 10, 0, [-0.2775, 0.2775], [-0.27753279986288926, 0.27753279986288926], 1],
    [10, 10, 0, 20, 1, [0.6791, 1], [0.6790860371419147, 1], 4.320463057827506e-8],
    [10, 10, 0, 10, 1, [0.6075, 1], [0.6075093504305242, 1], 0.00000774421643104407],
  ])(
    'reproduces Newcombe Table II method 10 for %p/%p − %p/%p',
    (x1, n1, x2, n2, difference, paper, exact, p) => {
      const result = compareProportions({ x: x2, n: n2 }, { x: x1, n: n1 });
      expect(result.estimate).toBeCloseTo(difference, 14);
      expect(result.low).toBeCloseTo(paper[0] as number, 4);
      expect(result.high).toBeCloseTo(paper[1] as number, 4);
      expect(result.low).toBeCloseTo(exact[0] as number, 12);
      expect(result.high).toBeCloseTo(exact[1] as number, 12);
      expect(result.p / p).toBeCloseTo(1, 10);
    },
  );

  it('reports after − before, so a drop is negative and the interval mirrors', () => {
    const up = compareProportions({ x: 48, n: 80 }, { x: 56, n: 70 });
    const down = compareProportions({ x: 56, n: 70 }, { x: 48, n: 80 });
    expect(down.estimate).toBeCloseTo(-0.2, 14);
    expect(down.low).toBeCloseTo(-up.high, 14);
    expect(down.high).toBeCloseTo(-up.low, 14);
    expect(down.p).toBeCloseTo(up.p, 14);
  });

  it('gives the unpooled standard error of the difference', () => {
    // sqrt(0.8·0.2/70 + 0.6·0.4/80) = 0.072702917999997 (scipy/numpy)
    expect(compareProportions({ x: 48, n: 80 }, { x: 56, n: 70 }).se).toBeCloseTo(0.072702917999997, 14);
  });

  it('gives NaN rather than a number when either period has no answers', () => {
    const result = compareProportions({ x: 0, n: 0 }, { x: 3, n: 10 });
    expect(result.estimate).toBeNaN();
    expect(result.low).toBeNaN();
    expect(result.p).toBeNaN();
  });
});

describe('compareMeans', () => {
  it('matches scipy ttest_ind(equal_var=False) on a small data set, interval included', () => {
    /*
     * before = [3.1, 4.0, 2.7, 5.2, 4.4, 3.8, 4.9, 3.3]
     * after = [4.6, 5.1, 3.9, 6.2, 5.8, 4.1, 5.5, 6.6, 4.8, 5.0, 7.1]
     * r = stats.ttest_ind(after, before, equal_var=False); ci = r.confidence_interval(0.95)
     * → mean difference 1.4113636363636362, p 0.005011090114959003, df 16.380594686819947,
     *   ci (0.4894402951813943, 2.333286977545878), statistic 3.239225267863645
     */
    const result = compareMeans(
      moments([3.1, 4.0, 2.7, 5.2, 4.4, 3.8, 4.9, 3.3]),
      moments([4.6, 5.1, 3.9, 6.2, 5.8, 4.1, 5.5, 6.6, 4.8, 5.0, 7.1]),
    );
    expect(result.estimate).toBeCloseTo(1.4113636363636362, 12);
    expect(result.df).toBeCloseTo(16.380594686819947, 10);
    expect(result.low).toBeCloseTo(0.4894402951813943, 10);
    expect(result.high).toBeCloseTo(2.333286977545878, 10);
    expect(result.p).toBeCloseTo(0.005011090114959003, 12);
    expect(result.estimate / result.se).toBeCloseTo(3.239225267863645, 10);
  });

  it("reproduces Wikipedia's Welch's t-test example 1 (t = −2.46, df ≈ 25.0, p = 0.021)", () => {
    // Data as given in the Wikipedia article "Welch's t-test", Examples; scipy ttest_ind(A1, A2,
    // equal_var=False) gives t -2.455356398286006, df 24.988529290231416, p 0.021378001462866992,
    // ci (-3.984096267140929, -0.3492370661924069). A1 plays "after" so the difference is A1 − A2.
    const a1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];
    const a2 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];
    const result = compareMeans(moments(a2), moments(a1));
    expect(result.estimate / result.se).toBeCloseTo(-2.46, 2);
    expect(result.df).toBeCloseTo(25.0, 1);
    expect(result.p).toBeCloseTo(0.021, 3);
    expect(result.estimate / result.se).toBeCloseTo(-2.455356398286006, 10);
    expect(result.df).toBeCloseTo(24.988529290231416, 10);
    expect(result.p).toBeCloseTo(0.021378001462866992, 12);
    expect(result.low).toBeCloseTo(-3.984096267140929, 10);
    expect(result.high).toBeCloseTo(-0.3492370661924069, 10);
  });

  it('does not turn round-off in Σy² − (Σy)²/n into a negative variance', () => {
    const constant = moments(Array.from({ length: 7 }, () => 1e8 + 0.1));
    const result = compareMeans(constant, constant);
    expect(result.se).toBe(0);
    expect(result.p).toBe(1);
    expect(result.low).toBe(result.estimate);
  });

  it('calls a difference between two constant groups certain, with n1 + n2 − 2 df', () => {
    const result = compareMeans(moments([3, 3, 3]), moments([4, 4]));
    expect(result).toEqual({ estimate: 1, low: 1, high: 1, p: 0, se: 0, df: 3 });
  });

  it('gives NaN when a group has fewer than two values', () => {
    const result = compareMeans(moments([4]), moments([4, 5, 6]));
    expect(result.estimate).toBeNaN();
    expect(result.df).toBeNaN();
  });
});

describe('npsScore and compareNps', () => {
  it('scores NPS as % promoters minus % detractors', () => {
    expect(npsScore({ promoters: 50, detractors: 20, n: 100 })).toBe(30);
    expect(npsScore({ promoters: 0, detractors: 8, n: 8 })).toBe(-100);
    expect(npsScore({ promoters: 0, detractors: 0, n: 0 })).toBeNaN();
  });

  it('uses var = (p+ + p− − (p+ − p−)²)/n per period (worked by hand)', () => {
    /*
     * before 50 promoters, 20 detractors of 100: NPS 30, var = (0.5 + 0.2 − 0.3²)/100 = 0.0061
     * after 60 promoters, 10 detractors of 80: NPS 62.5, var = (0.75 + 0.125 − 0.625²)/80 = 0.0060546875
     * difference 32.5 points; SE = 100·sqrt(0.0121546875) = 11.024829930661062
     * 95%: 32.5 ∓ 1.959963984540054·SE = (10.891730400225097, 54.1082695997749)
     * p = 2·norm.sf(32.5/SE) = 0.0031994956732656833 (scipy)
     */
    const result = compareNps(
      { promoters: 50, detractors: 20, n: 100 },
      { promoters: 60, detractors: 10, n: 80 },
    );
    expect(result.estimate).toBeCloseTo(32.5, 12);
    expect(result.se).toBeCloseTo(11.024829930661062, 12);
    expect(result.low).toBeCloseTo(10.891730400225097, 11);
    expect(result.high).toBeCloseTo(54.1082695997749, 11);
    expect(result.p).toBeCloseTo(0.0031994956732656833, 13);
  });

  it('refuses more promoters and detractors than answers', () => {
    expect(() =>
      compareNps({ promoters: 6, detractors: 5, n: 10 }, { promoters: 1, detractors: 1, n: 2 }),
    ).toThrow(RangeError);
  });
});

describe('differenceInDifferences', () => {
  it('subtracts the comparison units’ change and adds the variances of the four groups', () => {
    // 0.10 − 0.02 = 0.08, se = sqrt(0.03² + 0.04²) = 0.05; 0.08 ∓ 1.959963984540054·0.05;
    // p = 2·norm.sf(1.6) = 0.109598583399116 (scipy)
    const result = differenceInDifferences({ estimate: 0.1, se: 0.03 }, { estimate: 0.02, se: 0.04 });
    expect(result.estimate).toBeCloseTo(0.08, 15);
    expect(result.se).toBeCloseTo(0.05, 15);
    expect(result.low).toBeCloseTo(-0.0179981992270027, 14);
    expect(result.high).toBeCloseTo(0.17799819922700272, 14);
    expect(result.p).toBeCloseTo(0.109598583399116, 13);
  });
});

describe('minimumDetectableEffect', () => {
  it('is 2.8016 standard errors for alpha 0.05 and power 0.8', () => {
    // scipy: stats.norm.ppf(0.975) + stats.norm.ppf(0.8) = 2.8015852181129683
    expect(minimumDetectableEffect(1)).toBeCloseTo(2.8015852181129683, 14);
    expect(minimumDetectableEffect(0.5)).toBeCloseTo(1.4007926090564842, 14);
  });

  it('honours other alpha and power', () => {
    // scipy: stats.norm.ppf(0.995) + stats.norm.ppf(0.9) = 3.8573808690935008
    expect(minimumDetectableEffect(2, 0.01, 0.9)).toBeCloseTo(2 * 3.8573808690935008, 13);
    expect(() => minimumDetectableEffect(1, 0, 0.8)).toThrow(RangeError);
  });
});

describe('benjaminiHochberg', () => {
  // Benjamini Y, Hochberg Y. Controlling the false discovery rate. JRSS B 1995;57:289–300, section 4:
  // 15 p-values from a myocardial infarction trial; at FDR 0.05 the first four hypotheses are rejected.
  const classic = [
    0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528,
    0.759, 1,
  ];

  it('rejects four of the fifteen p-values of Benjamini & Hochberg’s example at 0.05', () => {
    const q = benjaminiHochberg(classic);
    expect(q.filter((v) => v !== null && v <= 0.05)).toHaveLength(4);
  });

  it('matches scipy false_discovery_control on that example', () => {
    // list(stats.false_discovery_control(ps, method='bh'))
    const expected = [
      0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.06385714285714286, 0.06385714285714286, 0.0645, 0.0765,
      0.486, 0.5811818181818181, 0.714875, 0.7532307692307693, 0.8132142857142857, 1,
    ];
    benjaminiHochberg(classic).forEach((q, i) => expect(q).toBeCloseTo(expected[i] as number, 14));
  });

  it('keeps input order, leaves nulls and NaN out of m, and caps at 1', () => {
    const q = benjaminiHochberg([0.04, null, 0.01, NaN, 0.9, 0.03]);
    // m = 4; sorted 0.01, 0.03, 0.04, 0.9 → 0.04, min(0.06, 0.0533) = 0.0533.., 0.0533.., 0.9
    expect(q[0]).toBeCloseTo(0.16 / 3, 14);
    expect(q[1]).toBeNull();
    expect(q[2]).toBeCloseTo(0.04, 14);
    expect(q[3]).toBeNull();
    expect(q[4]).toBeCloseTo(0.9, 14);
    expect(q[5]).toBeCloseTo(0.16 / 3, 14);
    expect(benjaminiHochberg([0.8, 0.9])).toEqual([0.9, 0.9]);
    expect(benjaminiHochberg([1, 1, 1]).every((v) => v === 1)).toBe(true);
    expect(benjaminiHochberg([])).toEqual([]);
  });
});
