/**
 * The little dense linear algebra the ITS regression needs: matrices of 4×4, so clarity beats speed and no
 * library is pulled into the browser bundle.
 */

/** A dense matrix as rows. */
export type TMatrix = number[][];

const cell = (m: TMatrix, i: number, j: number): number => (m[i] as number[])[j] as number;

/** Product a·b. */
export function multiply(a: TMatrix, b: TMatrix): TMatrix {
  const inner = b.length;
  const cols = b[0]?.length ?? 0;
  return a.map((row) =>
    Array.from({ length: cols }, (_, j) => {
      let s = 0;
      for (let k = 0; k < inner; k++) s += (row[k] as number) * cell(b, k, j);
      return s;
    }),
  );
}

/**
 * Inverse of a square matrix by Gauss–Jordan elimination with partial pivoting, or null when it is
 * singular to working precision (a pivot below 1e-12 of the largest entry of its column at the start).
 */
export function invert(matrix: TMatrix): TMatrix | null {
  const n = matrix.length;
  const a = matrix.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  const scale = Array.from({ length: n }, (_, j) =>
    Math.max(...matrix.map((row) => Math.abs(row[j] as number))),
  );
  for (let col = 0; col < n; col++) {
    let pivotRow = col;
    for (let r = col + 1; r < n; r++) {
      if (Math.abs(cell(a, r, col)) > Math.abs(cell(a, pivotRow, col))) pivotRow = r;
    }
    const pivot = cell(a, pivotRow, col);
    if (!(Math.abs(pivot) > 1e-12 * (scale[col] as number))) return null;
    [a[col], a[pivotRow]] = [a[pivotRow] as number[], a[col] as number[]];
    const pivotLine = (a[col] as number[]).map((v) => v / pivot);
    a[col] = pivotLine;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const line = a[r] as number[];
      const factor = line[col] as number;
      if (factor !== 0) a[r] = line.map((v, j) => v - factor * (pivotLine[j] as number));
    }
  }
  return a.map((row) => row.slice(n));
}
