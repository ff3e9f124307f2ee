import type {
  TBoardAspect,
  TBoardTotals,
  TFigure,
  TThemeMovement,
  TTrendPoint,
} from '../../../../shared/src/api/board';
import { countFigure, rateFigure } from '../../../../shared/src/board/suppression';
import type { TItemMeasure } from '../../../../shared/src/survey/scoring';
import { SUS_LINK_ID } from '../analysis/rollups.repository';
import type * as repo from './board.repository';
import type { TSurveyFacts } from './survey-items';

const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
/** How many themes a board lists. */
const TOP_THEMES = 10;
/** How many rating questions a board shows on their own; the most answered first. */
const TOP_ASPECTS = 6;

/** The rows of one population (everyone in the scope, or one audience), as the repository read them. */
export type TRows = {
  responses: repo.TResponsesRow[];
  ratings: repo.TRatingsRow[];
  fft: repo.TFftRow[];
  themes: repo.TThemeRow[];
  links: { surveyId: string; issued: number; answered: number }[];
};

export type TFigureContext = {
  buckets: string[];
  k: number;
  facts: Map<string, TSurveyFacts>;
  labelOf: (taxonomy: 'framework' | 'friction', key: string) => string;
};

export type TPopulationFigures = {
  totals: TBoardTotals;
  trend: TTrendPoint[];
  themes: TThemeMovement[];
  aspects: TBoardAspect[];
  ratingScale: { min: number; max: number };
};

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
 * A population's figures per bucket and over the period, each under the small-group rule; the
 * caller runs the complementary suppression over every view at once (`figureGroups`).
 */
export function populationFigures(rows: TRows, c: TFigureContext): TPopulationFigures {
  const { k } = c;
  const measureOf = (surveyId: string, linkId: string): TItemMeasure | undefined =>
    c.facts.get(surveyId)?.measures.get(linkId);

  const likertScales = new Set<string>();
  for (const r of rows.ratings) {
    const m = measureOf(r.surveyId, r.linkId);
    if (m?.kind === 'likert') likertScales.add(`${m.min}-${m.max}`);
  }
  const [single] = likertScales.size === 1 ? [...likertScales] : [];
  const ratingScale = single
    ? { min: Number(single.split('-')[0]), max: Number(single.split('-')[1]) }
    : { min: 0, max: 100 };

  // Per bucket, then the period as one more "bucket" keyed ''.
  const keys = [...c.buckets, ''];
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

  for (const r of rows.ratings) {
    const m: TItemMeasure | undefined = measureOf(r.surveyId, r.linkId);
    if (m?.kind !== 'nps' && m?.kind !== 'likert') continue;
    for (const b of [r.bucket, '']) {
      if (m.kind === 'nps') {
        const x = counts.get(b)!;
        x.promoters += r.promoters;
        x.detractors += r.detractors;
        x.nps += r.answers;
      } else {
        const s = sums.get(b)!;
        s.likertAnswers += r.answers;
        s.likertSum += r.sum;
        s.likertScaled += ((r.sum - m.min * r.answers) / (m.max - m.min)) * 100;
      }
      countAnswers(m.kind, b, r);
    }
  }
  for (const r of rows.fft) {
    if (measureOf(r.surveyId, r.linkId)?.kind !== 'fft') continue;
    for (const b of [r.bucket, '']) {
      const x = counts.get(b)!;
      x.fftAll += r.answers;
      if (r.code === 'very_good' || r.code === 'good') x.fftPositive += r.answers;
      countAnswers('fft', b, r);
    }
  }
  const people = () => new Map(keys.map((b) => [b, new Respondents()] as const));
  const respondents = { fft: people(), nps: people(), likert: people() };
  for (const [key, answers] of answersByQuestion) {
    const [kind, b, surveyId] = key.split('\u0000') as [TItemMeasure['kind'], string, string];
    respondents[kind].get(b)!.add(surveyId, answers);
  }

  const byBucket = <T extends { bucket: string }>(list: T[], value: (r: T) => number) => {
    const m = new Map(keys.map((b) => [b, 0]));
    for (const r of list) {
      const v = value(r);
      m.set(r.bucket, (m.get(r.bucket) ?? 0) + v);
      m.set('', m.get('')! + v);
    }
    return m;
  };
  const responseCounts = byBucket(rows.responses, (r) => r.responses);
  const commentCounts = byBucket(rows.responses, (r) => r.comments);
  const commenterCounts = byBucket(rows.responses, (r) => r.commenters);
  const bySentiment = SENTIMENTS.map((s) => ({
    s,
    people: byBucket(rows.responses, (r) => r[`${s}_commenters`] ?? 0),
    comments: byBucket(rows.responses, (r) => r[`${s}_comments`] ?? 0),
  }));
  const sentimentFigures = (b: string) =>
    Object.fromEntries(
      bySentiment.map(({ s, people: p, comments }) => [
        s,
        countFigure(p.get(b) ?? 0, k, comments.get(b) ?? 0),
      ]),
    ) as Record<(typeof SENTIMENTS)[number], TFigure>;

  const figuresFor = (b: string) => {
    const x = counts.get(b)!;
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
        x.fftAll > 0 ? (x.fftPositive / x.fftAll) * 100 : null,
        respondents.fft.get(b)!.total,
        k,
      ),
      nps: rateFigure(
        x.nps > 0 ? ((x.promoters - x.detractors) / x.nps) * 100 : null,
        respondents.nps.get(b)!.total,
        k,
      ),
      meanRating: rateFigure(likertMean, respondents.likert.get(b)!.total, k, 2),
      sentiment: sentimentFigures(b),
    };
  };

  const trend: TTrendPoint[] = c.buckets.map((start) => ({ start, ...figuresFor(start) }));
  const issued = rows.links.reduce((n, l) => n + l.issued, 0);
  const answered = rows.links.reduce((n, l) => n + l.answered, 0);
  const totals: TBoardTotals = {
    ...figuresFor(''),
    comments: countFigure(commenterCounts.get('') ?? 0, k, commentCounts.get('') ?? 0),
    responseRate: issued === 0 ? null : rateFigure((answered / issued) * 100, answered, k),
  };
  return {
    totals,
    trend,
    themes: themeMovements(rows.themes, c),
    aspects: aspectsOf(rows.ratings, c),
    ratingScale,
  };
}

/** The groups of figures that add up to a published total, for the complementary suppression. */
export function figureGroups(f: Pick<TPopulationFigures, 'totals' | 'trend'>): TFigure[][] {
  return [
    ...(['responses', 'fftPositive', 'nps', 'meanRating'] as const).map((x) => f.trend.map((p) => p[x])),
    ...SENTIMENTS.map((s) => f.trend.map((p) => p.sentiment[s])),
    SENTIMENTS.map((s) => f.totals.sentiment[s]),
  ];
}

/** Every figure of a view, in a fixed order: the same figure of two audiences pairs up by index. */
export function allFigures(f: Pick<TPopulationFigures, 'totals' | 'trend'>): TFigure[] {
  const point = (p: Omit<TTrendPoint, 'start'>) => [
    p.responses,
    p.fftPositive,
    p.nps,
    p.meanRating,
    ...SENTIMENTS.map((s) => p.sentiment[s]),
  ];
  return [...point(f.totals), f.totals.comments, ...f.trend.flatMap(point)];
}

/**
 * Each rating question on its own (NPS scales are the NPS card's), and a SUS survey's score: the
 * mean per bucket and over the period, over the people who answered it.
 */
function aspectsOf(ratings: repo.TRatingsRow[], c: TFigureContext): TBoardAspect[] {
  type TAcc = {
    label: string;
    min: number;
    max: number;
    scale: number;
    offset: number;
    sums: Map<string, [number, number]>;
  };
  const acc = new Map<string, TAcc>();
  for (const r of ratings) {
    const facts = c.facts.get(r.surveyId);
    if (!facts) continue;
    let key: string;
    let base: Omit<TAcc, 'sums'>;
    if (r.linkId === SUS_LINK_ID) {
      // Stored as the item sum 0..40; the score is 2.5 times it.
      key = 'sus';
      base = { label: 'System Usability Scale score', min: 0, max: 100, scale: 2.5, offset: 0 };
    } else {
      const m = facts.measures.get(r.linkId);
      if (m?.kind !== 'likert' || facts.sus) continue;
      key = `${r.linkId}\u0000${m.min}-${m.max}`;
      base = { label: facts.texts.get(r.linkId) ?? r.linkId, min: m.min, max: m.max, scale: 1, offset: 0 };
    }
    const a = acc.get(key) ?? { ...base, sums: new Map<string, [number, number]>() };
    acc.set(key, a);
    for (const b of [r.bucket, '']) {
      const [n, sum] = a.sums.get(b) ?? [0, 0];
      a.sums.set(b, [n + r.answers, sum + r.sum]);
    }
  }
  const figure = (a: TAcc, b: string) => {
    const [n, sum] = a.sums.get(b) ?? [0, 0];
    return rateFigure(n > 0 ? (sum / n) * a.scale : null, n, c.k, a.min === 0 && a.max === 100 ? 1 : 2);
  };
  return [...acc.entries()]
    .sort(
      ([, a], [, b]) =>
        (b.sums.get('')?.[0] ?? 0) - (a.sums.get('')?.[0] ?? 0) || a.label.localeCompare(b.label),
    )
    .slice(0, TOP_ASPECTS)
    .map(([key, a]) => ({
      key: key.split('\u0000')[0]!,
      label: a.label,
      min: a.min,
      max: a.max,
      total: figure(a, ''),
      trend: c.buckets.map((b) => figure(a, b)),
    }));
}

/** The most mentioned themes this period, with their move in share of commenting respondents. */
function themeMovements(rows: repo.TThemeRow[], c: TFigureContext): TThemeMovement[] {
  const { k } = c;
  // Rows come per survey: add them up per theme first.
  const merged = new Map<string, repo.TThemeRow>();
  for (const r of rows) {
    const key = `${r.kind}\u0000${r.key}`;
    const m = merged.get(key) ?? { ...r, current: 0, previous: 0 };
    m.current += r.current;
    m.previous += r.previous;
    merged.set(key, m);
  }
  const list = [...merged.values()];
  const any = list.find((r) => r.kind === 'any') ?? { current: 0, previous: 0 };
  const share = (n: number, of: number) => (of > 0 ? (n / of) * 100 : null);
  return list
    .filter((r) => r.kind !== 'any' && (r.current >= k || r.previous >= k))
    .sort((a, b) => b.current - a.current || b.previous - a.previous || a.key.localeCompare(b.key))
    .slice(0, TOP_THEMES)
    .map((r) => {
      const current = countFigure(r.current, k);
      const previous = countFigure(r.previous, k);
      const now = share(r.current, any.current);
      const before = share(r.previous, any.previous);
      const visible = current.hidden === null && previous.hidden === null && now !== null && before !== null;
      const taxonomy = r.kind as TThemeMovement['taxonomy'];
      return {
        taxonomy,
        theme: r.key,
        label: c.labelOf(taxonomy, r.key),
        current,
        previous,
        shareChange: visible ? Math.round((now - before) * 10) / 10 : null,
      };
    });
}
