import type { TFigure } from '../../../../shared/src/api/board';
import type { TSpcMetric } from '../../../../shared/src/api/impact';
import { protectGroups } from '../../../../shared/src/board/suppression';
import type { Db } from '../../db/client';
import * as board from '../board/board.repository';
import { surveyMeasures } from '../board/survey-items';

/**
 * A unit's weekly figures for the SPC charts, from the rollups' weekly rows (`day` the Monday),
 * read with the board's own queries so the charts and the board's 52-week trend agree.
 */

const DAY_MS = 86_400_000;

export const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The Monday of the week a day falls in. */
export const mondayOf = (day: string): string =>
  addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));

/** One week before the small-group rule: `value` over `n`, drawn from `people` respondents. */
export type TRawWeek = { week: string; value: number | null; n: number; people: number };

export type TWeeklySeries = {
  weeks: Record<TSpcMetric, TRawWeek[]>;
  /** The scale `mean_rating` is on: the Likert scale all questions share, else 0-100 (as boards). */
  ratingScale: { min: number; max: number };
};

type TAcc = { x: number; n: number; sum: number; scaled: number; people: Map<string, number> };
const acc = (): TAcc => ({ x: 0, n: 0, sum: 0, scaled: 0, people: new Map() });

/**
 * Respondents behind figures from several questions: each question is answered once per response,
 * so a survey's busiest question bounds its respondents; surveys have distinct respondents (the
 * board's rule). Keyed survey → the most answers of one of its questions.
 */
function countPeople(a: TAcc, surveyId: string, answers: number): void {
  a.people.set(surveyId, Math.max(a.people.get(surveyId) ?? 0, answers));
}
const peopleOf = (a: TAcc) => [...a.people.values()].reduce((s, v) => s + v, 0);

/**
 * Every SPC metric's weekly figure for a unit, from Monday `from` to Monday `to`, one entry a week:
 * - `fft_positive`: very good + good of all FFT answers (n: FFT answers);
 * - `negative_share`: negative of all analysed comments (n: comments; people: commenters);
 * - `nps`: % promoters − % detractors over 0-10 questions; `mean_rating`: mean Likert answer.
 */
export async function readWeeklySeries(
  db: Db,
  place: { organisationId: string; unitId: string },
  from: string,
  to: string,
): Promise<TWeeklySeries> {
  const w: board.TWindow = {
    organisationId: place.organisationId,
    scope: { level: 'unit', id: place.unitId },
    rows: { kind: 'units', ids: [place.unitId] },
    from,
    to,
    week: true,
  };
  const [responses, ratings, fft] = await Promise.all([
    board.readResponses(db, w),
    board.readRatings(db, w),
    board.readFftChoices(db, w),
  ]);
  const measureOf = await surveyMeasures(
    db,
    [...ratings, ...fft].map((r) => r.surveyId),
  );
  const weeks: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 7)) weeks.push(d);
  const table = (): Map<string, TAcc> => new Map(weeks.map((wk) => [wk, acc()]));
  const byMetric = { fft: table(), nps: table(), likert: table() };

  const scales = new Set<string>();
  for (const r of ratings) {
    const m = measureOf(r.surveyId, r.linkId);
    if (m?.kind === 'likert') scales.add(`${m.min}-${m.max}`);
  }
  const [single] = scales.size === 1 ? [...scales] : [];
  const ratingScale = single
    ? { min: Number(single.split('-')[0]), max: Number(single.split('-')[1]) }
    : { min: 0, max: 100 };

  for (const r of ratings) {
    const m = measureOf(r.surveyId, r.linkId);
    const a =
      m?.kind === 'nps'
        ? byMetric.nps.get(r.bucket)
        : m?.kind === 'likert'
          ? byMetric.likert.get(r.bucket)
          : null;
    if (!a || !m || m.kind === 'fft') continue;
    a.n += r.answers;
    if (m.kind === 'nps') a.x += r.promoters - r.detractors;
    else {
      a.sum += r.sum;
      a.scaled += ((r.sum - m.min * r.answers) / (m.max - m.min)) * 100;
    }
    countPeople(a, r.surveyId, r.answers);
  }
  // FFT answers per question, for its respondents: summed over codes first.
  const fftAnswers = new Map<string, { bucket: string; surveyId: string; answers: number }>();
  for (const r of fft) {
    const a = byMetric.fft.get(r.bucket);
    if (!a || measureOf(r.surveyId, r.linkId)?.kind !== 'fft') continue;
    a.n += r.answers;
    if (r.code === 'very_good' || r.code === 'good') a.x += r.answers;
    const key = `${r.bucket}\u0000${r.surveyId}\u0000${r.linkId}`;
    const q = fftAnswers.get(key) ?? { bucket: r.bucket, surveyId: r.surveyId, answers: 0 };
    q.answers += r.answers;
    fftAnswers.set(key, q);
  }
  for (const q of fftAnswers.values()) countPeople(byMetric.fft.get(q.bucket)!, q.surveyId, q.answers);

  const comments = new Map(responses.map((r) => [r.bucket, r]));
  const week = (wk: string, value: number | null, n: number, people: number): TRawWeek => ({
    week: wk,
    value: n > 0 ? value : null,
    n,
    people,
  });
  const get = (t: Map<string, TAcc>, wk: string) => t.get(wk)!;
  return {
    ratingScale,
    weeks: {
      fft_positive: weeks.map((wk) => {
        const a = get(byMetric.fft, wk);
        return week(wk, a.x / a.n, a.n, peopleOf(a));
      }),
      negative_share: weeks.map((wk) => {
        const r = comments.get(wk);
        const n = r?.comments ?? 0;
        return week(wk, (r?.negative_comments ?? 0) / n, n, r?.commenters ?? 0);
      }),
      nps: weeks.map((wk) => {
        const a = get(byMetric.nps, wk);
        return week(wk, (a.x / a.n) * 100, peopleOf(a), peopleOf(a));
      }),
      mean_rating: weeks.map((wk) => {
        const a = get(byMetric.likert, wk);
        return week(wk, (single ? a.sum : a.scaled) / a.n, peopleOf(a), peopleOf(a));
      }),
    },
  };
}

export type TShownWeek = {
  week: string;
  value: number | null;
  n: number;
  hidden: 'small' | 'complement' | null;
};

/**
 * The small-group rule over one run of weeks: a week drawn from fewer than k respondents is hidden
 * (`value` null, `n` 0), and when exactly one week is hidden another goes with it, the smallest
 * (secondary suppression, as boards do), since the weeks add up to totals a board publishes.
 * Hidden weeks are skipped by the SPC rules like weeks with no data.
 */
export function hideSmallWeeks(weeks: TRawWeek[], k: number): TShownWeek[] {
  const figures: TFigure[] = weeks.map((w) =>
    w.people > 0 && w.people < k
      ? { value: null, n: null, hidden: 'small' }
      : { value: w.value, n: w.people, hidden: null },
  );
  protectGroups([figures]);
  return weeks.map((w, i) => {
    const hidden = figures[i]!.hidden;
    return hidden
      ? { week: w.week, value: null, n: 0, hidden }
      : { week: w.week, value: w.value, n: w.n, hidden: null };
  });
}
