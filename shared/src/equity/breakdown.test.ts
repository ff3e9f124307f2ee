import { EQUITY_METRICS } from '../api/equity';
import type { TDemographic } from '../survey/definition';
import { breakdownGroups, tallyBy } from './breakdown';
import { NOT_STATED, OTHER_GROUPS, type TRespondent } from './group-tally';

const person = (groups: TRespondent['groups'], positive: boolean, comment = false): TRespondent => ({
  unitId: 'u',
  day: '2026-01-01',
  groups,
  fft: positive,
  nps: positive ? 1 : -1,
  ratings: [positive ? 5 : 2],
  comments: comment ? 1 : 0,
  negativeComments: comment && !positive ? 1 : 0,
});

const many = (count: number, groups: TRespondent['groups'], share = 0.5) =>
  Array.from({ length: count }, (_, i) => person(groups, i < count * share, i % 2 === 0));

/**
 * The attacker's view: for each partition of a dimension (the respondents, and each metric's
 * respondents), the hidden rows' total is the board total minus the shown rows. A group is exposed
 * when exactly one row is hidden (that row is then recoverable) or a shown row is a single group
 * of fewer than k.
 */
function assertNothingRecoverable(respondents: TRespondent[], dimension: TDemographic, k: number) {
  const rows = breakdownGroups(respondents, dimension, k);
  const truth = tallyBy(respondents, dimension);
  for (const row of rows) {
    if (row.group === OTHER_GROUPS) continue;
    if (row.responses.hidden === null) expect(truth.get(row.group)!.respondents).toBeGreaterThanOrEqual(k);
  }
  const other = rows.find((r) => r.group === OTHER_GROUPS);
  if (other) {
    const named = new Set(rows.map((r) => r.group));
    const merged = [...truth.keys()].filter((g) => !named.has(g));
    expect(merged.length).toBeGreaterThanOrEqual(2);
  }
  if (rows.filter((r) => r.responses.hidden !== null).length === 1) {
    expect(rows.every((r) => r.responses.hidden !== null || !r.responses.n)).toBe(true);
  }
  for (const metric of EQUITY_METRICS) {
    const cells = rows.map((r) => r.metrics[metric]);
    // A lone hidden cell is safe only when every other cell is empty: the total is then the cell
    // itself, fewer than k, and the board hides it too.
    const hidden = cells.filter((c) => c.hidden !== null).length;
    if (hidden === 1) expect(cells.every((c) => c.hidden !== null || !c.n)).toBe(true);
    for (const c of cells) if (c.hidden === null && c.n) expect(c.n).toBeGreaterThanOrEqual(k);
  }
}

describe('equity breakdowns under the small-group rule', () => {
  const k = 5;

  it('shows every group of k or more with the board’s figures', () => {
    const people = [
      ...many(20, { age_band: '16-24' }, 0.75),
      ...many(10, { age_band: '75+' }, 0.2),
      ...many(6, {}),
    ];
    const rows = breakdownGroups(people, 'age_band', k);
    expect(rows.map((r) => r.group)).toEqual(['16-24', '75+', NOT_STATED]);
    const young = rows[0]!;
    expect(young.responses).toEqual({ value: 20, n: 20, hidden: null });
    expect(young.metrics.fft_positive).toEqual({ value: 0.75, n: 20, hidden: null });
    expect(young.metrics.nps).toEqual({ value: 50, n: 20, hidden: null });
    expect(rows[1]!.metrics.mean_rating).toEqual({ value: 2.6, n: 10, hidden: null });
    expect(young.metrics.negative_share.n).toBe(10);
  });

  it('merges a small group with the next smallest into “other groups”, never naming either', () => {
    const people = [
      ...many(40, { ethnicity: 'white' }),
      ...many(3, { ethnicity: 'mixed' }),
      ...many(8, { ethnicity: 'black' }),
      ...many(30, {}),
    ];
    const rows = breakdownGroups(people, 'ethnicity', k);
    expect(rows.map((r) => r.group)).toEqual(['white', OTHER_GROUPS, NOT_STATED]);
    expect(rows[1]!.responses).toEqual({ value: 11, n: 11, hidden: null });
    assertNothingRecoverable(people, 'ethnicity', k);
  });

  it('hides “other groups” when even together they are fewer than k, and one more row with it', () => {
    const people = [
      ...many(40, { sex: 'female' }),
      ...many(30, { sex: 'male' }),
      ...many(2, { sex: 'other' }),
      ...many(1, {}),
    ];
    const rows = breakdownGroups(people, 'sex', k);
    expect(rows.filter((r) => r.responses.hidden !== null).length).toBeGreaterThanOrEqual(2);
    assertNothingRecoverable(people, 'sex', k);
  });

  it('protects a metric whose answers are fewer than k in a group big enough overall', () => {
    const people = [
      ...many(20, { disability: 'yes' }),
      ...many(20, { disability: 'no' }),
      // Ten people who answered no FFT question: their FFT cell is empty, not small.
      ...Array.from({ length: 3 }, () => ({ ...person({ disability: 'yes' }, true), fft: null })),
    ];
    // Only three of the "no" group gave NPS answers.
    people.forEach((p, i) => {
      if (p.groups.disability === 'no' && i >= 23) p.nps = null;
    });
    const rows = breakdownGroups(people, 'disability', k);
    expect(rows.find((r) => r.group === 'no')!.metrics.nps.hidden).toBe('small');
    assertNothingRecoverable(people, 'disability', k);
  });

  it('holds on every split of random small populations', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const ages = ['16-24', '25-34', '35-44', '45-54', '55-64', '65-74', '75+'];
    for (let trial = 0; trial < 200; trial++) {
      const people = Array.from({ length: 10 + Math.floor(random() * 60) }, () => {
        const p = person(
          random() < 0.9 ? { age_band: ages[Math.floor(random() * random() * 7)]! } : {},
          random() < 0.6,
          random() < 0.5,
        );
        if (random() < 0.2) p.fft = null;
        if (random() < 0.3) p.nps = null;
        return p;
      });
      assertNothingRecoverable(people, 'age_band', 3 + (trial % 5));
    }
  });
});
