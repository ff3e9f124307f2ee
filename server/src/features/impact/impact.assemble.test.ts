import { mdeOf, verdictOf, windowFigure } from './impact.assemble';
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

  it('says no clear change only when a change worth acting on could have been seen', () => {
    expect(verdictOf(m(0.01, 0.08), 0.6)).toBe('no clear change');
    expect(verdictOf(m(0.01, 0.2), 0.6)).toBe('too few to tell');
    expect(verdictOf({ ...m(0, null), difference: null }, null)).toBe('too few to tell');
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
