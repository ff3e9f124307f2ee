import { bestThreshold, multiclassReport, multilabelReport, scoresOf } from './metrics';

describe('metrics', () => {
  it('computes precision, recall and F1 from counts', () => {
    expect(scoresOf(6, 2, 4)).toEqual({
      precision: 0.75,
      recall: 0.6,
      f1: (2 * 0.75 * 0.6) / 1.35,
      support: 10,
    });
    expect(scoresOf(0, 0, 0)).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
  });

  it('computes accuracy, per-class scores and macro-F1 of a multi-class prediction', () => {
    const report = multiclassReport([0, 0, 1, 1, 2, 2], [0, 1, 1, 1, 2, 0], 3);
    expect(report.accuracy).toBeCloseTo(4 / 6);
    expect(report.confusion).toEqual([
      [1, 1, 0],
      [0, 2, 0],
      [1, 0, 1],
    ]);
    expect(report.perClass[1]).toEqual({ precision: 2 / 3, recall: 1, f1: 0.8, support: 2 });
    expect(report.macroF1).toBeCloseTo((0.5 + 0.8 + 2 / 3) / 3);
  });

  it('computes micro- and macro-F1 of a multi-label prediction over the chosen labels', () => {
    const report = multilabelReport([[0, 1], [1], [2]], [[0], [1, 2], []], 3, [0, 1]);
    expect(report.perLabel[0]).toEqual({ precision: 1, recall: 1, f1: 1, support: 1 });
    expect(report.perLabel[1]).toEqual({ precision: 1, recall: 0.5, f1: 2 / 3, support: 2 });
    expect(report.microF1).toBeCloseTo(scoresOf(2, 0, 1).f1);
    expect(report.macroF1).toBeCloseTo((1 + 2 / 3) / 2);
  });

  it('finds the threshold with the best F1', () => {
    const { threshold, f1 } = bestThreshold([0.9, 0.7, 0.4, 0.2], [true, true, false, false], 0.5);
    expect(f1).toBe(1);
    expect(threshold).toBeGreaterThan(0.4);
    expect(threshold).toBeLessThanOrEqual(0.7);
  });
});
