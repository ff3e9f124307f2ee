import type { TFigure } from '../api/board';
import type { TEquityMetric } from '../api/equity';
import type { TDemographic } from '../survey/definition';
import { npsScore } from '../stats/compare';

/**
 * One respondent as equity analytics read them: which group they are in on each dimension (absent:
 * not stated, "prefer not to say" included) and what they answered to the board's measures.
 */
export type TRespondent = {
  unitId: string;
  /** Organisation-local day, YYYY-MM-DD. */
  day: string;
  groups: Partial<Record<TDemographic, string>>;
  /** FFT: true for very good or good, false for any other answer ("don't know" included, as the board). */
  fft: boolean | null;
  /** NPS: +1 promoter, 0 passive, −1 detractor. */
  nps: number | null;
  /** Likert answers on the mean rating's scale (each answer counts, as the board's mean). */
  ratings: number[];
  comments: number;
  negativeComments: number;
};

export const NOT_STATED = 'not_stated';
export const OTHER_GROUPS = 'other_groups';

/** Counts and moments of one group of respondents: what each metric and its test needs. */
export class GroupTally {
  respondents = 0;
  fft = { x: 0, n: 0 };
  nps = { promoters: 0, detractors: 0, n: 0 };
  mean = { n: 0, sum: 0, sumSquares: 0, people: 0 };
  negative = { x: 0, n: 0, people: 0 };

  add(r: TRespondent): void {
    this.respondents += 1;
    if (r.fft !== null) {
      this.fft.n += 1;
      if (r.fft) this.fft.x += 1;
    }
    if (r.nps !== null) {
      this.nps.n += 1;
      if (r.nps > 0) this.nps.promoters += 1;
      if (r.nps < 0) this.nps.detractors += 1;
    }
    if (r.ratings.length > 0) {
      this.mean.people += 1;
      for (const y of r.ratings) {
        this.mean.n += 1;
        this.mean.sum += y;
        this.mean.sumSquares += y * y;
      }
    }
    if (r.comments > 0) {
      this.negative.people += 1;
      this.negative.n += r.comments;
      this.negative.x += r.negativeComments;
    }
  }

  merge(other: GroupTally): this {
    this.respondents += other.respondents;
    for (const key of ['x', 'n'] as const) {
      this.fft[key] += other.fft[key];
      this.negative[key] += other.negative[key];
    }
    this.negative.people += other.negative.people;
    this.nps.promoters += other.nps.promoters;
    this.nps.detractors += other.nps.detractors;
    this.nps.n += other.nps.n;
    this.mean.n += other.mean.n;
    this.mean.sum += other.mean.sum;
    this.mean.sumSquares += other.mean.sumSquares;
    this.mean.people += other.mean.people;
    return this;
  }

  /** The respondents behind a metric: the k rule counts people, not answers or comments. */
  people(metric: TEquityMetric): number {
    if (metric === 'fft_positive') return this.fft.n;
    if (metric === 'nps') return this.nps.n;
    if (metric === 'mean_rating') return this.mean.people;
    return this.negative.people;
  }

  /** The metric's value: proportions 0..1, NPS points, mean in scale units; null with nobody. */
  value(metric: TEquityMetric): number | null {
    if (metric === 'fft_positive') return this.fft.n ? this.fft.x / this.fft.n : null;
    if (metric === 'nps') return this.nps.n ? npsScore(this.nps) : null;
    if (metric === 'mean_rating') return this.mean.n ? this.mean.sum / this.mean.n : null;
    return this.negative.n ? this.negative.x / this.negative.n : null;
  }
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;

/** A figure from `people` respondents under the small-group rule (zero describes nobody, shown). */
export function groupFigure(value: number | null, people: number, k: number): TFigure {
  if (people > 0 && people < k) return { value: null, n: null, hidden: 'small' };
  return { value: value === null || people === 0 ? null : round(value), n: people, hidden: null };
}

/**
 * Complementary suppression over one partition of a published total (the groups of a dimension,
 * "not stated" included): when exactly one cell is hidden, the smallest visible non-empty cell that
 * `canHide` allows is hidden with it, so the total minus the others gives nothing away. Cells that
 * are never shown (not `canHide`) stay in the partition as known, the cautious reading.
 */
export function protectPartition(cells: TFigure[], canHide: (index: number) => boolean = () => true): void {
  const hidden = cells.filter((c) => c.hidden !== null).length;
  if (hidden !== 1) return;
  let pick = -1;
  cells.forEach((c, i) => {
    if (c.hidden !== null || !canHide(i) || !(c.n ?? 0)) return;
    if (pick < 0 || (c.n ?? 0) < (cells[pick]!.n ?? 0)) pick = i;
  });
  if (pick >= 0) cells[pick] = { value: null, n: null, hidden: 'complement' };
}
