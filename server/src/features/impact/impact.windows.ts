import type { TImpactQuery } from '../../../../shared/src/api/impact';

const DAY_MS = 86_400_000;

/** A calendar day plus `days`, as YYYY-MM-DD. Dates are organisation-local days, so no time zone enters. */
export const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** Days from `from` to `to` (to − from). */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

export type TImpactWindows = {
  /** The anchor: a change's go-live date, or an action's done date. */
  anchorDate: string;
  before: { from: string; to: string };
  after: { from: string; to: string };
};

/**
 * The before window is the `before` days ending the day before the anchor; the after window is the
 * `after` days starting `settle` days after it (settle 0: the anchor day is the after window's
 * first). Both ends included.
 */
export function impactWindows(
  anchorDate: string,
  q: Pick<TImpactQuery, 'before' | 'after' | 'settle'>,
): TImpactWindows {
  const afterFrom = addDays(anchorDate, q.settle);
  return {
    anchorDate,
    before: { from: addDays(anchorDate, -q.before), to: addDays(anchorDate, -1) },
    after: { from: afterFrom, to: addDays(afterFrom, q.after - 1) },
  };
}

export type TImpactWeek = {
  /** 7-day buckets counted from the before window's start (the repository's `week`). */
  index: number;
  start: string;
  side: 'before' | 'after';
  /**
   * Weeks from the anchor to the bucket's middle day: negative before, positive after. Centred on
   * the anchor so the segmented regression's level change is the step at go-live itself, and the
   * settle gap simply leaves its weeks out.
   */
  t: number;
};

/**
 * The whole 7-day buckets of each window, for the interrupted time series. Buckets are counted
 * from the before window's start so both windows tile with the same grid; a bucket that is not
 * wholly inside one window (the settle gap, or a window length not a multiple of 7) is left out
 * rather than compared as a short week, whose fewer answers would weigh as much as a whole one.
 */
export function impactWeeks(w: TImpactWindows): TImpactWeek[] {
  const weeks: TImpactWeek[] = [];
  for (const side of ['before', 'after'] as const) {
    const { from, to } = w[side];
    const first = Math.ceil(daysBetween(w.before.from, from) / 7);
    for (let index = first; ; index++) {
      const start = addDays(w.before.from, index * 7);
      if (addDays(start, 6) > to) break;
      weeks.push({ index, start, side, t: (daysBetween(w.anchorDate, start) + 3) / 7 });
    }
  }
  return weeks;
}

export type TRollupRange = { span: 'day' | 'week'; from: string; to: string };

/**
 * A window as rollup rows: the weekly rows (a Monday's `day`) of the Monday-to-Sunday weeks wholly
 * inside it, and daily rows for the days before the first and after the last. Figures that need
 * window totals only (themes, with dozens of rows a day) read about a fifth of the rows this way.
 */
export function rollupRanges(from: string, to: string): TRollupRange[] {
  const weekday = (new Date(`${from}T00:00:00Z`).getUTCDay() + 6) % 7;
  const firstMonday = addDays(from, weekday === 0 ? 0 : 7 - weekday);
  const weeks = Math.floor((daysBetween(firstMonday, to) + 1) / 7);
  if (weeks <= 0) return [{ span: 'day', from, to }];
  const lastMonday = addDays(firstMonday, (weeks - 1) * 7);
  const ranges: TRollupRange[] = [{ span: 'week', from: firstMonday, to: lastMonday }];
  if (firstMonday > from) ranges.push({ span: 'day', from, to: addDays(firstMonday, -1) });
  if (addDays(lastMonday, 6) < to) ranges.push({ span: 'day', from: addDays(lastMonday, 7), to });
  return ranges;
}
