import { PRAISE_THEME } from '../../../../shared/src/analysis/contract';
import { mdeOf, verdictOf, windowFigure } from './impact.assemble';
import { collectTallies } from './impact.collect';
import { pickComparison } from './impact.service';
import { MetricTallies, scaledMoments, Tally, type TMetricDef } from './impact.tally';
import { impactWeeks, impactWindows, rollupRanges } from './impact.windows';

const FFT: TMetricDef = {
  key: 'fft_positive',
  label: 'FFT',
  kind: 'proportion',
  higherIsBetter: true,
  minEffect: 0.1,
  its: true,
};

const tally = (x: number, n: number, surveyId = 's') => {
  const t = new Tally();
  t.x = x;
  t.n = n;
  t.count(surveyId, 'fft', n);
  return t;
};

describe('impact windows', () => {
  it('puts the before window just before go-live and the after window after the settling days, ends included', () => {
    expect(impactWindows('2026-03-30', { before: 84, after: 84, settle: 14 })).toEqual({
      anchorDate: '2026-03-30',
      before: { from: '2026-01-05', to: '2026-03-29' },
      after: { from: '2026-04-13', to: '2026-07-05' },
    });
    expect(impactWindows('2026-03-30', { before: 7, after: 7, settle: 0 }).after).toEqual({
      from: '2026-03-30',
      to: '2026-04-05',
    });
  });

  it('tiles both windows with whole weeks counted from the before window, leaving the settling weeks out', () => {
    const weeks = impactWeeks(impactWindows('2026-03-30', { before: 84, after: 84, settle: 14 }));
    expect(weeks.filter((w) => w.side === 'before').map((w) => w.index)).toEqual([...Array(12).keys()]);
    expect(weeks.filter((w) => w.side === 'after').map((w) => w.index)).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 14),
    );
    expect(weeks[0]).toMatchObject({ start: '2026-01-05', t: (-84 + 3) / 7 });
    // A window that is not whole weeks drops its partial week rather than comparing a short one.
    const ragged = impactWeeks(impactWindows('2026-03-30', { before: 10, after: 10, settle: 3 }));
    expect(ragged.map((w) => [w.side, w.start])).toEqual([
      ['before', '2026-03-20'],
      ['after', '2026-04-03'],
    ]);
  });
});

describe('rollup ranges', () => {
  it('reads whole Monday weeks from the weekly rows and the edges from the daily rows', () => {
    // 2026-01-07 is a Wednesday; 2026-02-03 a Tuesday.
    expect(rollupRanges('2026-01-07', '2026-02-03')).toEqual([
      { span: 'week', from: '2026-01-12', to: '2026-01-26' },
      { span: 'day', from: '2026-01-07', to: '2026-01-11' },
      { span: 'day', from: '2026-02-02', to: '2026-02-03' },
    ]);
    expect(rollupRanges('2026-01-05', '2026-01-18')).toEqual([
      { span: 'week', from: '2026-01-05', to: '2026-01-12' },
    ]);
    expect(rollupRanges('2026-01-07', '2026-01-12')).toEqual([
      { span: 'day', from: '2026-01-07', to: '2026-01-12' },
    ]);
  });
});

describe('impact figures', () => {
  it('hides a window from fewer than k respondents, and a theme fewer than k mentioned', () => {
    expect(windowFigure(FFT, tally(3, 4), 5)).toEqual({ n: null, value: null, hidden: 'small' });
    expect(windowFigure(FFT, tally(3, 6), 5)).toEqual({ n: 6, value: 0.5, hidden: null });
    const theme = tally(2, 40);
    theme.mentions = 2;
    expect(windowFigure({ ...FFT, key: 'theme:Parking' }, theme, 5).hidden).toBe('small');
    expect(windowFigure(FFT, new Tally(), 5)).toEqual({ n: 0, value: null, hidden: null });
  });

  it('counts a survey’s respondents by its busiest question, and surveys apart', () => {
    const t = new Tally();
    t.count('a', 'q1', 10);
    t.count('a', 'q2', 7);
    t.count('b', 'q1', 3);
    expect(t.respondents).toBe(13);
  });

  it('adds a row to its week and to its window', () => {
    const tallies = new MetricTallies();
    tallies.add(FFT, { group: 'change', side: 'after', week: 14 }, (t) => (t.n += 3));
    tallies.add(FFT, { group: 'change', side: 'after', week: 15 }, (t) => (t.n += 4));
    expect(tallies.get('fft_positive', 'change', 'after').n).toBe(7);
    expect(tallies.get('fft_positive', 'change', 'after', 15).n).toBe(4);
    expect(tallies.get('fft_positive', 'comparison', 'after').n).toBe(0);
  });

  it('rescales a question’s moments linearly to 0-100 when scales differ', () => {
    // Answers 1 and 5 on a 1-5 scale are 0 and 100.
    expect(scaledMoments({ min: 1, max: 5 }, null, { answers: 2, sum: 6, sumSquares: 26 })).toEqual({
      sum: 100,
      sumSquares: 10000,
    });
  });

  it('gives the minimum detectable effect from the before spread and both windows’ answers', () => {
    // p = 0.5, n = 200 each side: se = sqrt(0.25 · 2/200) = 0.05; mde = 2.8016 · 0.05.
    expect(mdeOf(FFT, tally(100, 200), tally(50, 200))).toBeCloseTo(0.14008, 4);
    expect(mdeOf(FFT, tally(1, 1), tally(1, 10))).toBeNull();
  });
});

describe('impact verdicts', () => {
  const m = (estimate: number, mde: number | null, higherIsBetter = true) => ({
    difference: { estimate, low: estimate - 0.05, high: estimate + 0.05 },
    did: null,
    mde,
    minEffect: 0.1,
    higherIsBetter,
  });

  it('calls a significant move better or worse by what is good for the metric', () => {
    expect(verdictOf(m(-0.12, 0.08), 0.001)).toBe('worse');
    expect(verdictOf(m(0.12, 0.08), 0.001)).toBe('better');
    // Fewer negative comments is better.
    expect(verdictOf(m(-0.12, 0.08, false), 0.001)).toBe('better');
  });

  it('calls a significant move better or worse only when comparison units did not move as much', () => {
    const did = (low: number, high: number) => ({ estimate: (low + high) / 2, low, high });
    // The ward fell 12 points, comparison units 2: the DiD excludes 0 on the side of the fall.
    expect(verdictOf({ ...m(-0.12, 0.08), did: did(-0.17, -0.03) }, 0.001)).toBe('worse');
    expect(verdictOf({ ...m(0.12, 0.08, false), did: did(0.02, 0.2) }, 0.001)).toBe('worse');
    // Comparison units fell about as much: an organisation-wide drift, not the change.
    expect(verdictOf({ ...m(-0.12, 0.08), did: did(-0.06, 0.02) }, 0.001)).toBe('no clear change');
    // They fell further: the change's units did better than the drift, not worse.
    expect(verdictOf({ ...m(-0.12, 0.08), did: did(0.01, 0.09) }, 0.001)).toBe('no clear change');
    // Held back by the drift, a study too small to see a change worth acting on says so.
    expect(verdictOf({ ...m(-0.12, 0.2), did: did(-0.06, 0.02) }, 0.001)).toBe('too few to tell');
    // A DiD that excludes 0 does not make a move chance could explain a verdict.
    expect(verdictOf({ ...m(-0.12, 0.08), did: did(-0.17, -0.03) }, 0.2)).toBe('no clear change');
  });

  it('says no clear change only when a change worth acting on could have been seen', () => {
    expect(verdictOf(m(0.01, 0.08), 0.6)).toBe('no clear change');
    expect(verdictOf(m(0.01, 0.2), 0.6)).toBe('too few to tell');
    expect(verdictOf({ ...m(0, null), difference: null }, null)).toBe('too few to tell');
  });
});

describe('theme directions', () => {
  const themes = ['Staff manner & personal attributes', 'Parking', 'Discharge', PRAISE_THEME];
  const row = (taxonomy: 'framework' | 'friction', theme: string) => ({
    side: 'before' as const,
    week: 0,
    mine: true,
    surveyId: 'p',
    taxonomy,
    theme,
    respondents: 3,
  });
  // Positive minus negative mentions, as the repository sums them.
  const lean = (surveyId: string, theme: string, positive: number, negative: number) => ({
    surveyId,
    theme,
    lean: positive - negative,
  });
  const directions = (themeLeans: ReturnType<typeof lean>[]) => {
    const tallies = collectTallies({
      changeUnitIds: new Set(['u']),
      comparisonUnitIds: new Set(),
      responses: [],
      ratings: [],
      fft: [],
      themes: [...themes.map((t) => row('framework', t)), { ...row('friction', 'Logins'), surveyId: 'c' }],
      themeLeans,
      measureOf: () => undefined,
      surveys: new Map([
        ['p', { surveyId: 'p', audience: 'patient' as const, sus: false }],
        ['c', { surveyId: 'c', audience: 'clinician' as const, sus: false }],
      ]),
      minEffect: 5,
    });
    return Object.fromEntries([...tallies.defs.values()].map((d) => [d.key, d.higherIsBetter]));
  };

  it('reads a rise in a theme mostly praised as better, and one mostly complained of as worse', () => {
    expect(
      directions([
        lean('p', 'Staff manner & personal attributes', 40, 12),
        lean('p', 'Parking', 2, 30),
        // A tie leans nowhere: something raised to fix, as before.
        lean('p', 'Discharge', 5, 5),
        // Praise is good news even when its mentions are mostly tagged negative.
        lean('p', PRAISE_THEME, 0, 9),
        lean('c', 'Logins', 50, 0),
      ]),
    ).toEqual({
      'theme:Staff manner & personal attributes': true,
      'theme:Parking': false,
      'theme:Discharge': false,
      [`theme:${PRAISE_THEME}`]: true,
      'friction:Logins': false,
    });
  });

  it('counts only the mentions from surveys of the theme’s audience', () => {
    const clinicianPraise = [lean('c', 'Parking', 100, 0), lean('p', 'Parking', 0, 1)];
    expect(directions(clinicianPraise)['theme:Parking']).toBe(false);
  });
});

describe('comparison units', () => {
  const rows = [
    { unitId: 'a', side: 'before' as const, responses: 3 },
    { unitId: 'a', side: 'after' as const, responses: 2 },
    { unitId: 'b', side: 'before' as const, responses: 9 },
    { unitId: 'c', side: 'before' as const, responses: 1 },
    { unitId: 'c', side: 'after' as const, responses: 1 },
    { unitId: 'x', side: 'before' as const, responses: 5 },
    { unitId: 'x', side: 'after' as const, responses: 5 },
  ];

  it('auto takes the other units with answers in both windows, within the viewer’s units', () => {
    expect([...pickComparison('auto', new Set(['x']), rows)].sort()).toEqual(['a', 'c']);
    expect([...pickComparison('auto', new Set(['x']), rows, new Set(['a', 'x']))]).toEqual(['a']);
    expect(pickComparison('none', new Set(['x']), rows).size).toBe(0);
    expect([...pickComparison(['b', 'x'], new Set(['x']), rows)]).toEqual(['b']);
  });
});
