import type { TMetricKind } from '../../../../shared/src/api/impact';
import type { TItemMeasure } from '../../../../shared/src/survey/scoring';
import type { TSide } from './impact.repository';

/**
 * Counts for one metric, one unit group and one window (or one week of it): whatever the metric's
 * test needs (x of n for proportions, promoters and detractors for NPS, moments for means) and
 * the answers per survey question, for the respondents behind the figure.
 */
export class Tally {
  x = 0;
  n = 0;
  sum = 0;
  sumSquares = 0;
  promoters = 0;
  detractors = 0;
  /** Theme metrics: respondents mentioning the theme, a count the small-group rule applies to as well. */
  mentions = 0;
  private readonly answers = new Map<string, Map<string, number>>();

  /** `answers` more answers to a survey's question (comment metrics: the survey's commenters, question ''). */
  count(surveyId: string, question: string, answers: number): void {
    const bySurvey = this.answers.get(surveyId) ?? new Map<string, number>();
    bySurvey.set(question, (bySurvey.get(question) ?? 0) + answers);
    this.answers.set(surveyId, bySurvey);
  }

  /**
   * Respondents, as the board counts them: each question is answered once per response, so a
   * survey's busiest question is a floor on its respondents; surveys have distinct respondents.
   */
  get respondents(): number {
    let n = 0;
    for (const bySurvey of this.answers.values()) n += Math.max(0, ...bySurvey.values());
    return n;
  }
}

export type TGroup = 'change' | 'comparison';
/** A window total, or a week (the repository's 7-day bucket index). */
export type TCellKey = `${TGroup}:${TSide}:${number | 'all'}`;

export type TMetricDef = {
  key: string;
  label: string;
  kind: TMetricKind;
  higherIsBetter: boolean;
  /** The smallest change anyone would act on, in the metric's units. */
  minEffect: number;
  /** Whether the interrupted time series is computed for it. */
  its: boolean;
};

/** Each metric's tallies by group, side and week; a row adds to its week and to its window's total. */
export class MetricTallies {
  readonly defs = new Map<string, TMetricDef>();
  private readonly cells = new Map<string, Map<TCellKey, Tally>>();

  add(def: TMetricDef, at: { group: TGroup; side: TSide; week: number }, update: (t: Tally) => void): void {
    if (!this.defs.has(def.key)) this.defs.set(def.key, def);
    const cells = this.cells.get(def.key) ?? new Map<TCellKey, Tally>();
    this.cells.set(def.key, cells);
    for (const week of [at.week, 'all'] as const) {
      const key: TCellKey = `${at.group}:${at.side}:${week}`;
      const tally = cells.get(key) ?? new Tally();
      cells.set(key, tally);
      update(tally);
    }
  }

  /** The tally of a cell; an empty one when nothing was counted there. */
  get(metric: string, group: TGroup, side: TSide, week: number | 'all' = 'all'): Tally {
    return this.cells.get(metric)?.get(`${group}:${side}:${week}`) ?? new Tally();
  }
}

export type TScale = { min: number; max: number };

/**
 * How `mean_rating` reads the Likert questions it sees: in their own units when they share one
 * scale, else each rescaled linearly to 0–100 (as the board's mean does), so a 1–5 and a 1–10
 * question can be averaged; the label says which.
 */
export function ratingScale(measures: (TItemMeasure | undefined)[]): TScale | null {
  const scales = new Set<string>();
  for (const m of measures) if (m?.kind === 'likert') scales.add(`${m.min}:${m.max}`);
  if (scales.size !== 1) return null;
  const [min, max] = [...scales][0]!.split(':').map(Number) as [number, number];
  return { min, max };
}

/**
 * Moments of a question's answers on the mean_rating scale: unchanged on a shared scale, else
 * y' = (y − min)·c with c = 100 / (max − min), so Σy' = c(Σy − n·min) and
 * Σy'² = c²(Σy² − 2·min·Σy + n·min²).
 */
export function scaledMoments(
  m: { min: number; max: number },
  shared: TScale | null,
  r: { answers: number; sum: number; sumSquares: number },
): { sum: number; sumSquares: number } {
  if (shared) return { sum: r.sum, sumSquares: r.sumSquares };
  const c = 100 / (m.max - m.min);
  return {
    sum: c * (r.sum - r.answers * m.min),
    sumSquares: c * c * (r.sumSquares - 2 * m.min * r.sum + r.answers * m.min * m.min),
  };
}
