import type { TBoardSummary, TTrendPoint } from '../api/board';

/**
 * What a live push carries: the board figures that changed since the previous push to the same
 * room, as absolute values (never increments), so applying a push twice, or a push older than what
 * a board already shows, does no harm. `trend` holds the changed points, which replace the points
 * with the same `start`. When the period itself moved (a new day), everything is sent.
 */
export type TSummaryChanges = Partial<Omit<TBoardSummary, 'trend'>> & { trend?: TTrendPoint[] };

const SECTIONS = [
  'scopeName',
  'timezone',
  'k',
  'totals',
  'ratingScale',
  'themes',
  'changes',
  'audiences',
] as const;

/** The changes from `before` to `after`; empty when the figures are the same (whatever `asOf`). */
export function diffSummary(before: TBoardSummary | null, after: TBoardSummary): TSummaryChanges {
  if (!before || before.from !== after.from || before.to !== after.to || before.bucket !== after.bucket) {
    return after;
  }
  const changes: Record<string, unknown> = {};
  for (const key of SECTIONS) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = after[key];
  }
  const previous = new Map(before.trend.map((p) => [p.start, JSON.stringify(p)]));
  const trend = after.trend.filter((p) => previous.get(p.start) !== JSON.stringify(p));
  if (trend.length > 0) changes.trend = trend;
  return changes as TSummaryChanges;
}

export const isEmptyChange = (changes: TSummaryChanges): boolean => Object.keys(changes).length === 0;

/** A board's figures after a push. */
export function applySummaryChanges(
  summary: TBoardSummary,
  changes: TSummaryChanges,
  asOf: string,
): TBoardSummary {
  const whole = changes.from !== undefined;
  const points = new Map((changes.trend ?? []).map((p) => [p.start, p]));
  return {
    ...summary,
    ...changes,
    asOf,
    trend: whole ? (changes.trend ?? []) : summary.trend.map((p) => points.get(p.start) ?? p),
  };
}
