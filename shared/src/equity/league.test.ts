import type { TRespondent } from './group-tally';
import { leagueTable } from './league';

const person = (
  unitId: string,
  age: string | undefined,
  english: string | undefined,
  positive: boolean,
): TRespondent => ({
  unitId,
  day: '2026-01-01',
  groups: { ...(age ? { age_band: age } : {}), ...(english ? { first_language: english } : {}) },
  fft: positive,
  nps: positive ? 1 : 0,
  ratings: [],
  comments: 0,
  negativeComments: 0,
});

/**
 * Older patients rate lower everywhere; ward A serves mostly older patients, ward B mostly younger,
 * with the same quality of care: the raw table ranks A lower, the adjusted one puts them level.
 */
function wards(): TRespondent[] {
  const people: TRespondent[] = [];
  const add = (unit: string, age: string, count: number, positive: number) => {
    for (let i = 0; i < count; i++) people.push(person(unit, age, i % 4 === 0 ? 'no' : 'yes', i < positive));
  };
  add('a', '75+', 80, 48);
  add('a', '25-34', 20, 18);
  add('b', '75+', 20, 12);
  add('b', '25-34', 80, 72);
  add('c', '75+', 3, 1);
  add('d', '45-54', 30, 24);
  return people;
}

describe('the case-mix adjusted league table', () => {
  const units = [
    { id: 'a', name: 'Ward A' },
    { id: 'b', name: 'Ward B' },
    { id: 'c', name: 'Ward C' },
    { id: 'd', name: 'Ward D' },
  ];

  it('ranks a ward serving older patients level with one serving younger ones when care is the same', () => {
    const { rows } = leagueTable(wards(), units, 'fft_positive', 5);
    const [a, b, c, d] = rows;
    expect(a!.raw!.estimate).toBeCloseTo(0.66, 6);
    expect(b!.raw!.estimate).toBeCloseTo(0.84, 6);
    expect(Math.abs(a!.adjusted!.estimate - b!.adjusted!.estimate)).toBeLessThan(0.02);
    expect(a!.adjusted!.low).toBeLessThan(a!.adjusted!.estimate);
    // Ward C has 3 respondents: hidden and unranked; and the smallest other, D, with it, so C is
    // not the scope's total less the others.
    expect(c).toMatchObject({ hidden: 'small', n: null, raw: null, adjusted: null, rank: null });
    expect(d).toMatchObject({ hidden: 'complement', n: null, raw: null, adjusted: null, rank: null });
    expect([a!.rank, b!.rank].sort()).toEqual([1, 2]);
  });

  it('agrees with an independent within-unit (Frisch–Waugh) regression', () => {
    const people = wards().filter((p) => p.unitId === 'a' || p.unitId === 'b');
    const { rows, model } = leagueTable(people, units.slice(0, 2), 'fft_positive', 5);
    // Demean outcome and dummies within unit, regress, then adjusted_u = ȳ_u − (x̄_u − x̄)'β.
    const dummies = model.dummies;
    const x = (p: TRespondent) =>
      dummies.map((d) => {
        const [dim, g] = d.split(':') as ['age_band' | 'first_language', string];
        return (p.groups[dim] ?? 'not_stated') === g ? 1 : 0;
      });
    const byUnit = new Map<string, TRespondent[]>();
    for (const p of people) byUnit.set(p.unitId, [...(byUnit.get(p.unitId) ?? []), p]);
    const mean = (vs: number[][]) => vs[0]!.map((_, j) => vs.reduce((s, v) => s + v[j]!, 0) / vs.length);
    const xtx = dummies.map(() => dummies.map(() => 0));
    const xty = dummies.map(() => 0);
    for (const group of byUnit.values()) {
      const xm = mean(group.map(x));
      const ym = group.reduce((s, p) => s + (p.fft ? 1 : 0), 0) / group.length;
      for (const p of group) {
        const xd = x(p).map((v, j) => v - xm[j]!);
        const yd = (p.fft ? 1 : 0) - ym;
        xd.forEach((vi, i) => {
          xty[i]! += vi * yd;
          xd.forEach((vj, j) => (xtx[i]![j]! += vi * vj));
        });
      }
    }
    // Two dummies (age 25-34 vs 75+, English no vs yes): solve the 2×2 system by Cramer's rule.
    expect(dummies).toHaveLength(2);
    const det = xtx[0]![0]! * xtx[1]![1]! - xtx[0]![1]! * xtx[1]![0]!;
    const beta = [
      (xty[0]! * xtx[1]![1]! - xtx[0]![1]! * xty[1]!) / det,
      (xtx[0]![0]! * xty[1]! - xty[0]! * xtx[1]![0]!) / det,
    ];
    const overall = mean(people.map(x));
    for (const row of rows) {
      const group = byUnit.get(row.unitId)!;
      const xm = mean(group.map(x));
      const ym = group.reduce((s, p) => s + (p.fft ? 1 : 0), 0) / group.length;
      const adjusted = ym - (xm[0]! - overall[0]!) * beta[0]! - (xm[1]! - overall[1]!) * beta[1]!;
      expect(row.raw!.estimate).toBeCloseTo(ym, 6);
      expect(row.adjusted!.estimate).toBeCloseTo(adjusted, 6);
    }
    expect(rows.map((r) => r.rank).sort()).toEqual([1, 2]);
  });
});
