import { ZImpact, type TImpact, type TImpactMetric } from '../api/impact';
import { beforeAfterChart, itsChart } from './impact-charts';
import {
  exampleCommentsNote,
  figureText,
  formatDay,
  formatQ,
  headline,
  intervalCell,
  overview,
  placePhrase,
  rankMetrics,
  themesThatMoved,
  verdictLine,
} from './impact-text';

const UNIT = '00000000-0000-4000-8000-000000000001';
const wording = { unitNames: ['Ward 7'] };

function metric(over: Partial<TImpactMetric> & Pick<TImpactMetric, 'key'>): TImpactMetric {
  return {
    label: 'Friends and Family Test, % positive',
    kind: 'proportion',
    higherIsBetter: true,
    before: { n: 120, value: 0.9 },
    after: { n: 110, value: 0.81 },
    difference: { estimate: -0.09, low: -0.13, high: -0.05 },
    did: { estimate: -0.08, low: -0.13, high: -0.03 },
    comparison: { before: { n: 300, value: 0.88 }, after: { n: 310, value: 0.87 } },
    p: 0.0004,
    q: 0.002,
    mde: 0.04,
    verdict: 'worse',
    ...over,
  };
}

function impact(metrics: TImpactMetric[]): TImpact {
  return ZImpact.parse({
    changeId: '00000000-0000-4000-8000-0000000000aa',
    changeName: 'AI scribe',
    goLiveDate: '2025-03-03',
    windows: {
      before: { from: '2024-12-09', to: '2025-03-02' },
      after: { from: '2025-03-17', to: '2025-06-08' },
    },
    unitIds: [UNIT],
    comparisonUnitIds: [],
    k: 5,
    metrics,
    its: [],
    asOf: '2025-06-09T10:00:00.000Z',
  });
}

describe('an impact in plain words', () => {
  it('says a significant fall in points, with the interval, the comparison units and the chance', () => {
    const m = metric({ key: 'fft_positive' });
    expect(verdictLine(impact([m]), m, wording)).toBe(
      'Patients rate Ward 7 lower since AI scribe went live: 9 points fewer rated it good or very good ' +
        '(95% CI 5 to 13), against 1 point fewer on comparison units; very likely not chance.',
    );
  });

  it('puts the most important measure that moved first, whatever order the metrics come in', () => {
    const theme = metric({
      key: 'theme:Waiting',
      label: 'Waiting',
      higherIsBetter: false,
      difference: { estimate: 0.12, low: 0.05, high: 0.19 },
      comparison: null,
      q: 0.001,
    });
    const nps = metric({
      key: 'nps',
      label: 'Net Promoter Score',
      kind: 'nps',
      difference: { estimate: 14.2, low: 4.1, high: 24.3 },
      comparison: { before: { n: 300, value: 10 }, after: { n: 300, value: 12 } },
      q: 0.03,
      verdict: 'better',
    });
    const flat = metric({ key: 'fft_positive', verdict: 'no clear change', q: 0.4 });
    const i = impact([theme, flat, nps]);
    expect(rankMetrics(i.metrics).map((m) => m.key)).toEqual(['nps', 'theme:Waiting', 'fft_positive']);
    expect(headline(i, wording)).toBe(
      'Patients are more likely to recommend Ward 7 since AI scribe went live: a Net Promoter Score ' +
        '14 points higher (95% CI 4 to 24), against 2 points higher on comparison units; probably not chance.',
    );
    expect(verdictLine(i, theme, wording)).toBe(
      'Patients on Ward 7 mention “Waiting” more often since AI scribe went live: 12 points more ' +
        'mentioned “Waiting” (95% CI 5 to 19); very likely not chance.',
    );
    expect(overview(i)).toBe('2 of 3 measures moved: 1 better, 1 worse.');
  });

  it('says "no clear change" with an interval that spans zero in both directions and "could be chance"', () => {
    const m = metric({
      key: 'mean_rating',
      label: 'Mean rating',
      kind: 'mean',
      difference: { estimate: -0.14, low: -0.42, high: 0.13 },
      comparison: { before: { n: 80, value: 4.1 }, after: { n: 90, value: 4.1 } },
      q: 0.31,
      verdict: 'no clear change',
    });
    const i = impact([m]);
    expect(verdictLine(i, m, wording)).toBe(
      'No clear change in the mean rating of Ward 7 since AI scribe went live: a mean rating ' +
        '0.1 scale points lower (95% CI 0.4 lower to 0.1 higher), against no change on comparison units; ' +
        'could be chance.',
    );
    expect(headline(i, { unitNames: ['Ward 7', 'Ward 9'] })).toBe(
      'No clear change on Ward 7 and Ward 9 since AI scribe went live: the one measure with enough ' +
        'answers did not move more than chance could explain.',
    );
  });

  it('says a difference chance cannot explain but comparison units shared as maybe not the change', () => {
    const m = metric({
      key: 'fft_positive',
      did: { estimate: -0.02, low: -0.07, high: 0.03 },
      comparison: { before: { n: 300, value: 0.88 }, after: { n: 310, value: 0.81 } },
      verdict: 'no clear change',
    });
    const i = impact([m]);
    expect(verdictLine(i, m, wording)).toBe(
      'No clear change in how patients rate Ward 7 since AI scribe went live: 9 points fewer rated it ' +
        'good or very good (95% CI 5 to 13), against 7 points fewer on comparison units; very likely not ' +
        'chance, but comparison units moved about as much, so this may not be the change.',
    );
    expect(headline(i, wording)).toBe(
      'No clear change on Ward 7 since AI scribe went live: the one measure with enough answers did not ' +
        'move more than chance or the comparison units’ own change could explain.',
    );
    const further = metric({
      key: 'fft_positive',
      did: { estimate: 0.06, low: 0.01, high: 0.11 },
      comparison: { before: { n: 300, value: 0.88 }, after: { n: 310, value: 0.73 } },
      verdict: 'no clear change',
    });
    expect(verdictLine(impact([further]), further, wording)).toMatch(
      /very likely not chance, but comparison units moved further the same way, so this may not be the change\.$/,
    );
  });

  it('says too few to tell without giving a hidden count away', () => {
    const m = metric({
      key: 'fft_positive',
      before: { n: null, value: null, hidden: 'small' },
      after: { n: 12, value: 0.75 },
      difference: null,
      did: null,
      comparison: null,
      p: null,
      q: null,
      verdict: 'too few to tell',
    });
    const i = impact([m]);
    const line = headline(i, wording);
    expect(line).toBe(
      'Too few answers to tell yet about “Friends and Family Test, % positive”: fewer than 5 before and ' +
        '12 after go-live, of at least 5 needed on each side.',
    );
    expect(figureText(m, m.before, 5)).toBe('fewer than 5');
    expect(figureText(m, { n: null, value: null, hidden: 'complement' }, 5)).toBe(
      'hidden to protect a small group',
    );
    expect(intervalCell(m, m.difference)).toBe('—');
  });

  it('says an underpowered change as too few to tell, with the smallest change it could see', () => {
    const m = metric({
      key: 'fft_positive',
      before: { n: 40, value: 0.9 },
      after: { n: 38, value: 0.87 },
      difference: { estimate: -0.03, low: -0.17, high: 0.11 },
      mde: 0.2,
      q: 0.7,
      verdict: 'too few to tell',
    });
    expect(verdictLine(impact([m]), m, wording)).toBe(
      'Too few answers to tell yet about “Friends and Family Test, % positive”: 40 before and 38 after ' +
        'go-live can only pick up a change of 20 points or more; so far 3 points fewer rated it good ' +
        'or very good (95% CI 17 fewer to 11 more).',
    );
  });

  it('says comparison units that are too small to compare as such, never with their figures', () => {
    const m = metric({
      key: 'negative_share',
      label: 'Negative comments',
      higherIsBetter: false,
      difference: { estimate: 0.06, low: 0.02, high: 0.1 },
      comparison: { before: { n: null, value: null, hidden: 'small' }, after: { n: 40, value: 0.2 } },
      q: 0.04,
      verdict: 'worse',
    });
    expect(verdictLine(impact([m]), m, wording)).toBe(
      'Comments about Ward 7 are more often negative since AI scribe went live: a share of negative ' +
        'comments 6 points higher (95% CI 2 to 10), with fewer than 5 answers from comparison units to ' +
        'compare; ' +
        'probably not chance.',
    );
  });

  it('says there are no answers yet when no window has any', () => {
    const m = metric({
      key: 'fft_positive',
      before: { n: 0, value: null },
      after: { n: 0, value: null },
      difference: null,
      verdict: 'too few to tell',
    });
    expect(headline(impact([m]), wording)).toBe(
      'No answers yet from Ward 7 to compare before and after AI scribe went live.',
    );
    expect(headline(impact([]), { unitNames: [] })).toBe(
      'No answers yet from its units to compare before and after AI scribe went live.',
    );
  });

  it('formats places, days, q values and signed table intervals', () => {
    expect(placePhrase(['A', 'B', 'C'])).toBe('A, B and C');
    expect(placePhrase(['A', 'B', 'C', 'D'])).toBe('4 units');
    expect(formatDay('2025-03-03')).toBe('3 Mar 2025');
    expect(formatQ(0.0002)).toBe('<\u00a00.001');
    expect(formatQ(0.0123)).toBe('0.01');
    expect(formatQ(0.004)).toBe('0.004');
    const m = metric({ key: 'fft_positive' });
    expect(intervalCell(m, m.difference)).toBe('−9 (−13 to −5)');
  });

  it('says example comments come from the after window, with personal details taken out', () => {
    expect(exampleCommentsNote({ from: '2025-06-01', to: '2025-08-23' })).toBe(
      'Example comments from the after window, 1 Jun 2025 to 23 Aug 2025, with names, numbers and other personal details taken out.',
    );
  });

  it('lists themes by how far they moved, hidden ones last', () => {
    const a = metric({ key: 'theme:Food', difference: { estimate: 0.02, low: -0.01, high: 0.05 } });
    const b = metric({ key: 'friction:Logins', difference: { estimate: -0.1, low: -0.2, high: 0 } });
    const c = metric({ key: 'theme:Noise', difference: null });
    expect(themesThatMoved([a, c, b, metric({ key: 'nps' })]).map((m) => m.key)).toEqual([
      'friction:Logins',
      'theme:Food',
      'theme:Noise',
    ]);
  });
});

describe('the impact charts as shapes', () => {
  it('draws no bar for a hidden window, only its reason', () => {
    const m = metric({
      key: 'fft_positive',
      before: { n: null, value: null, hidden: 'small' },
      comparison: null,
    });
    const chart = beforeAfterChart(m, 5);
    expect(chart.shapes.filter((s) => s.kind === 'rect')).toHaveLength(1);
    const texts = chart.shapes.flatMap((s) => (s.kind === 'text' ? [s.text] : []));
    expect(texts).toEqual(expect.arrayContaining(['fewer than 5', '81%', 'Before', 'After']));
  });

  it('breaks the fitted line at go-live and marks the day', () => {
    const points = Array.from({ length: 6 }, (_, i) => ({
      start: `2025-0${i < 3 ? 2 : 3}-${String(10 + i).padStart(2, '0')}`,
      value: i === 1 ? null : 0.8,
      n: 20,
      fitted: 0.8,
    }));
    const its = {
      key: 'fft_positive',
      level: { estimate: 0, low: 0, high: 0 },
      slope: { estimate: 0, low: 0, high: 0 },
      points,
    };
    const chart = itsChart(metric({ key: 'fft_positive' }), its, '2025-03-01');
    expect(chart.shapes.filter((s) => s.kind === 'path')).toHaveLength(2);
    expect(chart.shapes.filter((s) => s.kind === 'marker')).toHaveLength(5);
    expect(chart.shapes.some((s) => s.kind === 'text' && s.text === 'Went live 1 Mar 2025')).toBe(true);
  });
});
