import {
  BOARD_PERIODS,
  bucketOf,
  type TBoardPeriod,
  type TBoardSummary,
  type TFigure,
  type TThemeMovement,
  type TTrendPoint,
} from '../../../../shared/src/api/board';
import { countFigure, protectGroups, rateFigure } from '../../../../shared/src/board/suppression';
import type { TItemMeasure } from '../../../../shared/src/survey/scoring';
import type { Db } from '../../db/client';
import { scopeRows } from '../../db/scope-filter';
import { getOrganisationSettings } from '../org/org.service';
import * as repo from './board.repository';
import type { TBoardTarget } from './board.scope';
import { surveyMeasures } from './survey-items';

const DAY_MS = 86_400_000;
const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
/** How many themes a board lists. */
const TOP_THEMES = 10;

/** Today in a time zone, as YYYY-MM-DD. */
export function localToday(timezone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone }).format(now);
}

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/**
 * The days a period covers, ending today. Weekly periods start on a Monday, so every bucket but
 * the current week is whole; the previous period has the same length, just before.
 */
export function periodWindow(period: TBoardPeriod, today: string) {
  const days = BOARD_PERIODS[period];
  const week = bucketOf(period) === 'week';
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
  const from = week ? addDays(today, -weekday - (days / 7 - 1) * 7) : addDays(today, -(days - 1));
  const length = (Date.parse(today) - Date.parse(from)) / DAY_MS + 1;
  const buckets: string[] = [];
  for (let day = from; day <= today; day = addDays(day, week ? 7 : 1)) buckets.push(day);
  // The period before has as many whole weeks (or days) as this one has buckets (or days).
  const previousFrom = week ? addDays(from, -7 * buckets.length) : addDays(from, -length);
  return { from, to: today, week, buckets, previousFrom };
}

type TCounts = { fftPositive: number; fftAll: number; promoters: number; detractors: number; nps: number };
type TSums = { likertScaled: number; likertAnswers: number; likertSum: number };

/**
 * Respondents behind figures from several questions: each question is answered once per response,
 * so a survey's busiest question is a floor on its respondents; surveys have distinct respondents.
 */
class Respondents {
  private readonly bySurvey = new Map<string, number>();
  add(surveyId: string, answers: number): void {
    this.bySurvey.set(surveyId, Math.max(this.bySurvey.get(surveyId) ?? 0, answers));
  }
  get total(): number {
    let n = 0;
    for (const v of this.bySurvey.values()) n += v;
    return n;
  }
}

/**
 * A board's figures for a scope and period, from the rollups, with the small-group rule applied.
 * The caller has checked that the scope may be seen. Shared by the API, the CSV export and the
 * live pushes, so all three hide the same cells.
 */
export async function computeSummary(
  db: Db,
  target: TBoardTarget,
  period: TBoardPeriod,
): Promise<TBoardSummary> {
  const [org, rows] = await Promise.all([
    getOrganisationSettings(db, target.organisationId),
    scopeRows(db, target.scope),
  ]);
  const asOf = new Date();
  const win = periodWindow(period, localToday(org.timezone, asOf));
  const w: repo.TWindow = { organisationId: target.organisationId, scope: target.scope, rows, ...win };
  const [responses, ratings, fft, themes, links, changes] = await Promise.all([
    repo.readResponses(db, w),
    repo.readRatings(db, w),
    repo.readFftChoices(db, w),
    repo.readThemes(db, w, win.previousFrom),
    repo.readLinkUse(db, w, org.timezone),
    repo.readChanges(db, w),
  ]);
  const measureOf = await surveyMeasures(
    db,
    [...ratings, ...fft].map((r) => r.surveyId),
  );
  const k = org.minGroupSize;

  const likertScales = new Set<string>();
  for (const r of ratings) {
    const m = measureOf(r.surveyId, r.linkId);
    if (m?.kind === 'likert') likertScales.add(`${m.min}-${m.max}`);
  }
  const [single] = likertScales.size === 1 ? [...likertScales] : [];
  const ratingScale = single
    ? { min: Number(single.split('-')[0]), max: Number(single.split('-')[1]) }
    : { min: 0, max: 100 };

  // Per bucket, then the period as one more "bucket" keyed ''.
  const keys = [...win.buckets, ''];
  const counts = new Map(
    keys.map((b) => [b, { fftPositive: 0, fftAll: 0, promoters: 0, detractors: 0, nps: 0 } as TCounts]),
  );
  const sums = new Map(keys.map((b) => [b, { likertScaled: 0, likertAnswers: 0, likertSum: 0 } as TSums]));
  // Answers per question and bucket (the period total included), by measure: a question's answers
  // over the period are its respondents, and a survey's busiest question bounds the survey's.
  const answersByQuestion = new Map<string, number>();
  const countAnswers = (
    kind: TItemMeasure['kind'],
    b: string,
    r: { surveyId: string; linkId: string; answers: number },
  ) => {
    const key = [kind, b, r.surveyId, r.linkId].join('\u0000');
    answersByQuestion.set(key, (answersByQuestion.get(key) ?? 0) + r.answers);
  };

  for (const r of ratings) {
    const m: TItemMeasure | undefined = measureOf(r.surveyId, r.linkId);
    if (m?.kind !== 'nps' && m?.kind !== 'likert') continue;
    for (const b of [r.bucket, '']) {
      if (m.kind === 'nps') {
        const c = counts.get(b)!;
        c.promoters += r.promoters;
        c.detractors += r.detractors;
        c.nps += r.answers;
      } else {
        const s = sums.get(b)!;
        s.likertAnswers += r.answers;
        s.likertSum += r.sum;
        s.likertScaled += ((r.sum - m.min * r.answers) / (m.max - m.min)) * 100;
      }
      countAnswers(m.kind, b, r);
    }
  }
  for (const r of fft) {
    if (measureOf(r.surveyId, r.linkId)?.kind !== 'fft') continue;
    for (const b of [r.bucket, '']) {
      const c = counts.get(b)!;
      c.fftAll += r.answers;
      if (r.code === 'very_good' || r.code === 'good') c.fftPositive += r.answers;
      countAnswers('fft', b, r);
    }
  }
  const people = () => new Map(keys.map((b) => [b, new Respondents()] as const));
  const respondents = { fft: people(), nps: people(), likert: people() };
  for (const [key, answers] of answersByQuestion) {
    const [kind, b, surveyId] = key.split('\u0000') as [TItemMeasure['kind'], string, string];
    respondents[kind].get(b)!.add(surveyId, answers);
  }
  const [fftPeople, npsPeople, likertPeople] = [respondents.fft, respondents.nps, respondents.likert];

  const byBucket = <T extends { bucket: string }>(
    rows: T[],
    value: (r: T) => number,
    where: (r: T) => boolean = () => true,
  ) => {
    const m = new Map(keys.map((b) => [b, 0]));
    for (const r of rows) {
      if (!where(r)) continue;
      const v = value(r);
      m.set(r.bucket, (m.get(r.bucket) ?? 0) + v);
      m.set('', m.get('')! + v);
    }
    return m;
  };
  const responseCounts = byBucket(responses, (r) => r.responses);
  const commentCounts = byBucket(responses, (r) => r.comments);
  const commenterCounts = byBucket(responses, (r) => r.commenters);
  const bySentiment = SENTIMENTS.map((s) => ({
    s,
    people: byBucket(responses, (r) => r[`${s}_commenters`] ?? 0),
    comments: byBucket(responses, (r) => r[`${s}_comments`] ?? 0),
  }));
  const sentimentFigures = (b: string) =>
    Object.fromEntries(
      bySentiment.map(({ s, people, comments }) => [
        s,
        countFigure(people.get(b) ?? 0, k, comments.get(b) ?? 0),
      ]),
    ) as Record<(typeof SENTIMENTS)[number], TFigure>;

  const figuresFor = (b: string) => {
    const c = counts.get(b)!;
    const s = sums.get(b)!;
    const likertMean = single
      ? s.likertAnswers > 0
        ? s.likertSum / s.likertAnswers
        : null
      : s.likertAnswers > 0
        ? s.likertScaled / s.likertAnswers
        : null;
    return {
      responses: countFigure(responseCounts.get(b) ?? 0, k),
      fftPositive: rateFigure(
        c.fftAll > 0 ? (c.fftPositive / c.fftAll) * 100 : null,
        fftPeople.get(b)!.total,
        k,
      ),
      nps: rateFigure(
        c.nps > 0 ? ((c.promoters - c.detractors) / c.nps) * 100 : null,
        npsPeople.get(b)!.total,
        k,
      ),
      meanRating: rateFigure(likertMean, likertPeople.get(b)!.total, k, 2),
      sentiment: sentimentFigures(b),
    };
  };

  const trend: TTrendPoint[] = win.buckets.map((start) => ({ start, ...figuresFor(start) }));
  const total = figuresFor('');
  const totals = {
    ...total,
    comments: countFigure(commenterCounts.get('') ?? 0, k, commentCounts.get('') ?? 0),
    responseRate:
      links.issued === 0 ? null : rateFigure((links.answered / links.issued) * 100, links.answered, k),
  };
  protectGroups([
    ...(['responses', 'fftPositive', 'nps', 'meanRating'] as const).map((f) => trend.map((p) => p[f])),
    ...SENTIMENTS.map((s) => trend.map((p) => p.sentiment[s])),
    SENTIMENTS.map((s) => totals.sentiment[s]),
  ]);

  return {
    scope: target.scope,
    scopeName: target.scopeName,
    period,
    from: win.from,
    to: win.to,
    bucket: win.week ? 'week' : 'day',
    timezone: org.timezone,
    k: { counts: k, comments: org.minCommentGroupSize },
    asOf: asOf.toISOString(),
    totals,
    ratingScale,
    trend,
    themes: themeMovements(themes, k),
    changes,
  };
}

/** The most mentioned themes this period, with their move in share of commenting respondents. */
function themeMovements(rows: repo.TThemeRow[], k: number): TThemeMovement[] {
  const any = rows.find((r) => r.kind === 'any') ?? { current: 0, previous: 0 };
  const share = (n: number, of: number) => (of > 0 ? (n / of) * 100 : null);
  return rows
    .filter((r) => r.kind !== 'any' && (r.current >= k || r.previous >= k))
    .sort((a, b) => b.current - a.current || b.previous - a.previous || a.key.localeCompare(b.key))
    .slice(0, TOP_THEMES)
    .map((r) => {
      const current = countFigure(r.current, k);
      const previous = countFigure(r.previous, k);
      const now = share(r.current, any.current);
      const before = share(r.previous, any.previous);
      const visible = current.hidden === null && previous.hidden === null && now !== null && before !== null;
      return {
        taxonomy: r.kind as TThemeMovement['taxonomy'],
        theme: r.key,
        current,
        previous,
        shareChange: visible ? Math.round((now - before) * 10) / 10 : null,
      };
    });
}
