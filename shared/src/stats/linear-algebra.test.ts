import { invert, multiply } from './linear-algebra';

describe('invert', () => {
  it('inverts a matrix that needs row exchanges to the identity within round-off', () => {
    const a = [
      [0, 2, 1, 4],
      [1, 0, 3, 2],
      [4, 1, 0, 1],
      [2, 3, 1, 0],
    ];
    const inverse = invert(a);
    expect(inverse).not.toBeNull();
    multiply(a, inverse ?? []).forEach((row, i) =>
      row.forEach((value, j) => expect(value).toBeCloseTo(i === j ? 1 : 0, 13)),
    );
  });

  it('reports a singular matrix as null instead of returning huge numbers', () => {
    expect(
      invert([
        [1, 2],
        [2, 4],
      ]),
    ).toBeNull();
  });
});
