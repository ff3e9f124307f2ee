import { shrinkThreshold, tuneThemeThresholds, tuneThemes } from './theme-thresholds';

describe('tuneThemeThresholds', () => {
  const calibrated = [
    [0.9, 0.8, 0.3, 0.2, 0.1],
    [0.6, 0.4, 0.35, 0.1, 0.05],
  ];
  const truth = [
    [true, true, true, false, false],
    [true, true, false, false, false],
  ];

  it('when a lower threshold finds more true themes, it moves there', () => {
    const thresholds = tuneThemeThresholds(calibrated, truth, [true, true], [0.5, 0.5], 1);
    expect(thresholds[0]).toBeLessThanOrEqual(0.3);
    expect(thresholds[0]).toBeGreaterThan(0.2);
    expect(thresholds[1]).toBeLessThanOrEqual(0.4);
    expect(thresholds[1]).toBeGreaterThan(0.35);
  });

  it('keeps the start threshold of a label it is not asked to tune', () => {
    expect(tuneThemeThresholds(calibrated, truth, [false, true], [0.5, 0.5], 1)[0]).toBe(0.5);
  });
});

describe('tuneThemes', () => {
  it('keeps, per theme, the fit whose out-of-fold scores separate it best', () => {
    const truth = [[true, true, false, false, false, false, false, false, true, false]];
    const noisy = [2, -1, 1, -2, 0.5, -1, 1.5, -2, -1.5, 0];
    const clean = truth[0]!.map((t) => (t ? 3 : -3));
    const tuning = tuneThemes(2, (k) => (k === 0 ? noisy : clean), truth, [true], {
      minPositives: 2,
      macroWeight: 1,
      shrinkage: 0,
    });
    expect(tuning.choice).toEqual([1]);
    expect(tuning.calibration).toHaveLength(1);
  });
});

describe('shrinkThreshold', () => {
  it('pulls a threshold tuned on few positives most of the way back to 0.5', () => {
    expect(shrinkThreshold(0.2, 10, 40)).toBeCloseTo(0.44, 3);
  });

  it('leaves a threshold tuned on many positives nearly where it was', () => {
    expect(shrinkThreshold(0.3, 1000, 40)).toBeCloseTo(0.308, 3);
  });

  it('is the tuned threshold when the strength is 0, and 0.5 when there were no positives', () => {
    expect(shrinkThreshold(0.35, 25, 0)).toBe(0.35);
    expect(shrinkThreshold(0.35, 0, 40)).toBe(0.5);
  });
});

describe('tuneThemes with shrinkage', () => {
  it('the same out-of-fold data gives thresholds nearer 0.5 the stronger the shrinkage', () => {
    const truth = [[true, true, true, false, false, false, false, false, false, false]];
    const scores = [0.4, -0.2, -0.4, -0.5, -0.6, -1, -1.5, -2, -2.5, -3];
    const tuned = (shrinkage: number): number =>
      tuneThemes(1, () => scores, truth, [true], { minPositives: 2, macroWeight: 1, shrinkage })
        .thresholds[0]!;
    const free = tuned(0);
    expect(Math.abs(tuned(10) - 0.5)).toBeLessThan(Math.abs(free - 0.5));
    expect(Math.abs(tuned(100) - 0.5)).toBeLessThan(Math.abs(tuned(10) - 0.5));
  });
});
