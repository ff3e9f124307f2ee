import type { TBoardSummary, TFigure } from '../api/board';
import { applySummaryChanges, diffSummary, isEmptyChange } from './summary-update';

const fig = (value: number): TFigure => ({ value, n: value, hidden: null });
const point = (start: string, responses: number) => ({
  start,
  responses: fig(responses),
  fftPositive: fig(80),
  nps: fig(10),
  meanRating: fig(4),
  sentiment: { positive: fig(5), neutral: fig(0), negative: fig(5) },
});

const summary = (today: number, from = '2026-11-28'): TBoardSummary => ({
  scope: { level: 'organisation' },
  scopeName: 'Trust',
  period: '7d',
  from,
  to: '2026-11-29',
  bucket: 'day',
  timezone: 'Europe/London',
  k: { counts: 5, comments: 10 },
  asOf: `2026-11-29T10:00:0${today % 10}.000Z`,
  totals: {
    responses: fig(10 + today),
    responseRate: null,
    fftPositive: fig(80),
    nps: fig(10),
    meanRating: fig(4),
    comments: fig(10),
    sentiment: { positive: fig(5), neutral: fig(0), negative: fig(5) },
  },
  ratingScale: { min: 1, max: 5 },
  trend: [point('2026-11-28', 10), point('2026-11-29', today)],
  themes: [],
  changes: [],
  audiences: [],
});

describe('live pushes carry what changed', () => {
  it('sends the changed sections and trend points only, and nothing when only the time moved', () => {
    const changes = diffSummary(summary(5), summary(6));
    expect(Object.keys(changes).sort()).toEqual(['totals', 'trend']);
    expect(changes.trend!.map((p) => p.start)).toEqual(['2026-11-29']);
    expect(isEmptyChange(diffSummary(summary(5), { ...summary(5), asOf: 'later' }))).toBe(true);
  });

  it('sends everything when the period moved, or there is nothing to compare with', () => {
    expect(diffSummary(summary(5), summary(5, '2026-11-27'))).toEqual(summary(5, '2026-11-27'));
    expect(diffSummary(null, summary(5))).toEqual(summary(5));
  });

  it('gives back the new figures when applied to the old ones', () => {
    const after = summary(7);
    expect(applySummaryChanges(summary(5), diffSummary(summary(5), after), after.asOf)).toEqual(after);
    const moved = summary(7, '2026-11-27');
    moved.trend = [point('2026-11-27', 1), ...moved.trend];
    expect(applySummaryChanges(summary(5), diffSummary(summary(5), moved), moved.asOf)).toEqual(moved);
  });
});
