/**
 * Ordinary least squares from accumulated cross-products, for the case-mix adjusted league table
 * (unit fixed effects plus a few patient-mix dummies, as CMS adjusts HCAHPS scores). Rows are added
 * one at a time, so a year of responses never sits in memory as a matrix; the model has a few dozen
 * columns, so the normal equations are solved directly.
 */
import { invert, type TMatrix } from './linear-algebra';

export type TOlsFit = {
  /** Coefficients, in column order. */
  beta: number[];
  /** Their covariance: s²(X'X)⁻¹, with s² the residual variance on n − p degrees of freedom. */
  covariance: TMatrix;
  n: number;
  residualVariance: number;
};

/** X'X, X'y and y'y, grown a row at a time. */
export class OlsAccumulator {
  private readonly xtx: TMatrix;
  private readonly xty: number[];
  private yty = 0;
  n = 0;

  constructor(readonly columns: number) {
    this.xtx = Array.from({ length: columns }, () => new Array<number>(columns).fill(0));
    this.xty = new Array<number>(columns).fill(0);
  }

  /** One observation: its predictors (length `columns`) and outcome. */
  add(x: readonly number[], y: number): void {
    if (x.length !== this.columns) throw new RangeError(`need ${this.columns} predictors, got ${x.length}`);
    for (let i = 0; i < this.columns; i++) {
      const xi = x[i]!;
      if (xi === 0) continue;
      this.xty[i]! += xi * y;
      const row = this.xtx[i]!;
      for (let j = 0; j < this.columns; j++) row[j]! += xi * x[j]!;
    }
    this.yty += y * y;
    this.n += 1;
  }

  /** The fit, or null when X'X is singular or there are no residual degrees of freedom. */
  fit(): TOlsFit | null {
    const p = this.columns;
    if (this.n <= p) return null;
    const inverse = invert(this.xtx);
    if (!inverse) return null;
    const beta = inverse.map((row) => row.reduce((s, v, j) => s + v * this.xty[j]!, 0));
    // RSS = y'y − 2β'X'y + β'X'Xβ = y'y − β'X'y at the solution.
    const explained = beta.reduce((s, b, i) => s + b * this.xty[i]!, 0);
    const residualVariance = Math.max(0, this.yty - explained) / (this.n - p);
    return {
      beta,
      covariance: inverse.map((row) => row.map((v) => v * residualVariance)),
      n: this.n,
      residualVariance,
    };
  }
}

/** c'β and its variance c'Σc: a prediction at predictors `c`. */
export function predict(fit: TOlsFit, c: readonly number[]): { estimate: number; variance: number } {
  let estimate = 0;
  let variance = 0;
  for (let i = 0; i < c.length; i++) {
    estimate += c[i]! * fit.beta[i]!;
    for (let j = 0; j < c.length; j++) variance += c[i]! * c[j]! * fit.covariance[i]![j]!;
  }
  return { estimate, variance: Math.max(0, variance) };
}
