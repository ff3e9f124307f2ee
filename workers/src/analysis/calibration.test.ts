import { expectedCalibrationError, fitTemperature, temperatureLoss } from './calibration';
import { seededRandom } from './data-split';

describe('expectedCalibrationError', () => {
  it('is 0 when each bin is right as often as it says', () => {
    const confidences = [0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75];
    const correct = [true, false, false, false, true, true, true, false];
    expect(expectedCalibrationError(confidences, correct)).toBeCloseTo(0, 10);
  });

  it('measures over-confidence: 0.9 stated, half right, is 0.4', () => {
    expect(expectedCalibrationError([0.9, 0.9, 0.9, 0.9], [true, false, true, false])).toBeCloseTo(0.4, 10);
  });

  it('weights each bin by its share of the predictions', () => {
    // Bin 0.9–1: 0.95 stated, all right (gap 0.05) on 3 of 4; bin 0.5–0.6: 0.55 stated, wrong, on 1 of 4.
    const ece = expectedCalibrationError([0.95, 0.95, 0.95, 0.55], [true, true, true, false]);
    expect(ece).toBeCloseTo((3 / 4) * 0.05 + (1 / 4) * 0.55, 10);
  });
});

describe('fitTemperature', () => {
  /** Logits of an over-confident model: true calibrated logits times 3. */
  function overConfident(n: number): { logits: number[][]; truth: number[] } {
    const random = seededRandom(7);
    const logits: number[][] = [];
    const truth: number[] = [];
    for (let i = 0; i < n; i += 1) {
      const z = [random() * 2 - 1, random() * 2 - 1, random() * 2 - 1];
      const p = z.map(Math.exp);
      const sum = p.reduce((a, b) => a + b, 0);
      const u = random() * sum;
      truth.push(u < p[0]! ? 0 : u < p[0]! + p[1]! ? 1 : 2);
      logits.push(z.map((v) => v * 3));
    }
    return { logits, truth };
  }

  it('finds the temperature that undoes over-confidence', () => {
    const { logits, truth } = overConfident(4000);
    const t = fitTemperature(logits, truth);
    expect(t).toBeGreaterThan(2.4);
    expect(t).toBeLessThan(3.6);
    expect(temperatureLoss(logits, truth, t)).toBeLessThan(temperatureLoss(logits, truth, 1));
  });
});
