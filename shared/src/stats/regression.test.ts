import { OlsAccumulator, predict } from './regression';

describe('ordinary least squares', () => {
  it('recovers an exact line and gives zero residual variance', () => {
    const ols = new OlsAccumulator(2);
    for (let x = 0; x < 10; x++) ols.add([1, x], 3 + 2 * x);
    const fit = ols.fit()!;
    expect(fit.beta[0]).toBeCloseTo(3, 10);
    expect(fit.beta[1]).toBeCloseTo(2, 10);
    expect(fit.residualVariance).toBeCloseTo(0, 10);
  });

  it('matches the textbook slope standard error of simple regression', () => {
    // y = 1, 3, 2, 5, 4 on x = 1..5: slope 0.8, intercept 0.6, s² = 3.6/3 = 1.2, se(slope) = √(1.2/10).
    const ols = new OlsAccumulator(2);
    [1, 3, 2, 5, 4].forEach((y, i) => ols.add([1, i + 1], y));
    const fit = ols.fit()!;
    expect(fit.beta[1]).toBeCloseTo(0.8, 10);
    expect(fit.beta[0]).toBeCloseTo(0.6, 10);
    expect(Math.sqrt(fit.covariance[1]![1]!)).toBeCloseTo(Math.sqrt(1.2 / 10), 10);
    const at3 = predict(fit, [1, 3]);
    expect(at3.estimate).toBeCloseTo(3, 10);
    // Var of the fitted mean at x̄ is s²/n.
    expect(at3.variance).toBeCloseTo(1.2 / 5, 10);
  });

  it('says nothing when the columns are collinear or there are too few rows', () => {
    const collinear = new OlsAccumulator(2);
    for (let i = 0; i < 5; i++) collinear.add([1, 1], i);
    expect(collinear.fit()).toBeNull();
    const few = new OlsAccumulator(3);
    few.add([1, 0, 0], 1);
    expect(few.fit()).toBeNull();
  });
});
