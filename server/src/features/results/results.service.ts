import { sql } from 'drizzle-orm';
import type { TBoardComments, TFigure } from '../../../../shared/src/api/board';
import type {
  TQuestionResult,
  TResponseCounts,
  TResultOption,
  TResultsCommentsQuery,
  TResultsQuery,
  TSurveyResults,
} from '../../../../shared/src/api/results';
import { countFigure, protectGroups, rateFigure } from '../../../../shared/src/board/suppression';
import { pickText } from '../../../../shared/src/locale';
import type { TSurveyDefinition, TSurveyItem } from '../../../../shared/src/survey/definition';
import { flattenItems } from '../../../../shared/src/survey/items';
import type { TScopeRows } from '../../db/scope-filter';
import { actorOf, type TCtx } from '../../http/context';
import { recordAudit } from '../audit/audit.service';
import { commentsInWindow, localToday, resolveBoardScope, themeLabeller } from '../board/board.service';
import { getOrganisationSettings, getPlaceInScope, unitIdsInScope } from '../org/org.service';
import { getSurvey } from '../surveys/surveys.service';
import * as repo from './results.repository';

const DAY_MS = 86_400_000;
/** Without dates a results page covers the last year. */
const DEFAULT_DAYS = 365;
const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const round = (v: number, places = 1) => Math.round(v * 10 ** places) / 10 ** places;

type TFilterInput = Pick<TResultsQuery, 'unitId' | 'changeId' | 'from' | 'to'>;

/**
 * What the actor may read of a survey's answers, narrowed as asked: organisation-wide staff see
 * every unit (and organisation-wide links); others see their own units only. A unit or change
 * outside the actor's scope answers `not_found`, as a missing one does.
 */
async function resolveFilter(ctx: TCtx, surveyId: string, q: TFilterInput) {
  const actor = actorOf(ctx);
  const survey = await getSurvey(ctx, surveyId);
  const org = await getOrganisationSettings(ctx.db, actor.organisationId);
  const unit = q.unitId ? { id: q.unitId, name: (await getPlaceInScope(ctx, 'unit', q.unitId)).name } : null;
  const change = q.changeId
    ? { id: q.changeId, name: (await resolveBoardScope(ctx, { level: 'change', id: q.changeId })).scopeName }
    : null;
  const places: TScopeRows = unit
    ? { kind: 'units', ids: [unit.id] }
    : actor.scope.level === 'organisation'
      ? { kind: 'all' }
      : { kind: 'units', ids: [...(await unitIdsInScope(ctx))] };
  const to = q.to ?? localToday(org.timezone);
  const from = q.from ?? addDays(to, -(DEFAULT_DAYS - 1));
  const filter: repo.TResultsFilter = {
    organisationId: actor.organisationId,
    surveyId,
    places,
    change: change ? { kind: 'change', id: change.id } : null,
    from,
    to,
    timezone: org.timezone,
  };
  return { survey, org, unit, change, filter };
}

/**
 * A survey's results, question by question, under the small-group rule: a question answered by
 * fewer than k people shows nothing but that; within a question, an option chosen by fewer than k
 * is hidden, and so is the next smallest, so that the total cannot give it away. Audited.
 */
export async function surveyResults(ctx: TCtx, surveyId: string, q: TResultsQuery): Promise<TSurveyResults> {
  const { survey, org, unit, change, filter } = await resolveFilter(ctx, surveyId, q);
  const k = org.minGroupSize;
  const definition = survey.latestVersion ? await repo.readDefinition(ctx.db, survey.latestVersion.id) : null;
  const [total, options, sentiment, themes, answered, labelOf] = await Promise.all([
    repo.readResponseTotal(ctx.db, filter),
    repo.readOptionCounts(ctx.db, filter),
    repo.readSentiment(ctx.db, filter),
    repo.readThemes(ctx.db, filter),
    repo.readAnswered(ctx.db, filter),
    themeLabeller(ctx.db, filter.organisationId),
  ]);
  const counts = (rows: repo.TCountRow[]) => {
    const m = new Map<string, Map<string, number>>();
    for (const r of rows) {
      if (!m.has(r.linkId)) m.set(r.linkId, new Map());
      m.get(r.linkId)!.set(r.code, r.answers);
    }
    return m;
  };
  const data: TData = {
    k,
    options: counts(options),
    sentiment: counts(sentiment),
    themes,
    answered: new Map(answered.map((r) => [r.linkId, r])),
    labelOf,
    locale: definition?.defaultLocale ?? 'en',
  };
  await recordAudit(ctx, {
    action: 'results.viewed',
    targetType: 'survey',
    targetId: surveyId,
    detail: { unitId: unit?.id ?? null, changeId: change?.id ?? null, from: filter.from, to: filter.to },
  });
  return {
    surveyId,
    title: survey.title,
    audience: survey.audience,
    from: filter.from,
    to: filter.to,
    unit,
    change,
    k: { counts: k, comments: org.minCommentGroupSize },
    asOf: new Date().toISOString(),
    responses: countFigure(total, k),
    questions: definition ? questionsOf(definition, data) : [],
  };
}

type TData = {
  k: number;
  options: Map<string, Map<string, number>>;
  sentiment: Map<string, Map<string, number>>;
  themes: repo.TThemeCountRow[];
  answered: Map<string, repo.TAnsweredRow>;
  labelOf: (taxonomy: 'framework' | 'friction', key: string) => string;
  locale: string;
};

function questionsOf(definition: TSurveyDefinition, data: TData): TQuestionResult[] {
  return flattenItems(definition.items).flatMap((item) => {
    const result = questionResult(item, data);
    return result ? [result] : [];
  });
}

/** Options with their counts, the small-group rule applied over the group adding up to `n`. */
function optionFigures(
  entries: { code: string; label: string; count: number }[],
  n: number,
  k: number,
  small: boolean,
): TResultOption[] {
  const figures = entries.map((e) => (small ? countFigure(1, k) : countFigure(e.count, k)));
  if (!small) protectGroups([figures]);
  return entries.map((e, i) => {
    const count = figures[i]!;
    return {
      code: e.code,
      label: e.label,
      count,
      share: count.value === null || n === 0 ? null : round((count.value / n) * 100),
    };
  });
}

function questionResult(item: TSurveyItem, data: TData): TQuestionResult | null {
  const { k } = data;
  const text = pickText(item.text, data.locale, data.locale);
  const row = data.answered.get(item.linkId);
  const n = row?.answered ?? 0;
  const answered = countFigure(n, k);
  const small = answered.hidden !== null;
  const base = { linkId: item.linkId, text, answered };
  const codes = data.options.get(item.linkId) ?? new Map<string, number>();
  switch (item.type) {
    case 'choice':
      return {
        ...base,
        kind: 'choice',
        multiple: Boolean(item.repeats),
        options: optionFigures(
          item.answerOption.map((o) => ({
            code: o.code,
            label: pickText(o.text, data.locale, data.locale),
            count: codes.get(o.code) ?? 0,
          })),
          n,
          k,
          small,
        ),
      };
    case 'boolean':
      return {
        ...base,
        kind: 'boolean',
        options: optionFigures(
          [
            { code: 'true', label: 'Yes', count: codes.get('true') ?? 0 },
            { code: 'false', label: 'No', count: codes.get('false') ?? 0 },
          ],
          n,
          k,
          small,
        ),
      };
    case 'rating': {
      const points = Array.from({ length: item.max - item.min + 1 }, (_, i) => item.min + i);
      const label = (v: number) => {
        const l = item.labels?.find((x) => x.value === v);
        return l ? `${v} ${pickText(l.text, data.locale, data.locale)}` : String(v);
      };
      const dist = points.map((v) => ({
        code: String(v),
        label: label(v),
        count: codes.get(String(v)) ?? 0,
      }));
      const stats = distributionStats(
        points,
        dist.map((d) => d.count),
      );
      const nps =
        item.min === 0 && item.max === 10
          ? rateFigure(
              stats.n > 0
                ? ((countOf(dist, (v) => v >= 9) - countOf(dist, (v) => v <= 6)) / stats.n) * 100
                : null,
              stats.n,
              k,
            )
          : null;
      return {
        ...base,
        kind: 'rating',
        min: item.min,
        max: item.max,
        options: optionFigures(dist, n, k, small),
        mean: rateFigure(stats.mean, stats.n, k, 2),
        median: rateFigure(stats.median, stats.n, k),
        nps,
      };
    }
    case 'integer':
    case 'decimal':
      return {
        ...base,
        kind: 'number',
        mean: rateFigure(row?.mean ?? null, n, k, 2),
        median: rateFigure(row?.median ?? null, n, k, 2),
      };
    case 'text': {
      // Contact details are stored for follow-up, never analysed or shown.
      if (item.intent === 'contact') return null;
      const bySentiment = data.sentiment.get(item.linkId) ?? new Map<string, number>();
      const sentiment = Object.fromEntries(
        SENTIMENTS.map((s) => [s, small ? countFigure(1, k) : countFigure(bySentiment.get(s) ?? 0, k)]),
      ) as Record<(typeof SENTIMENTS)[number], TFigure>;
      if (!small) protectGroups([SENTIMENTS.map((s) => sentiment[s])]);
      const themes = small
        ? []
        : data.themes
            .filter((t) => t.linkId === item.linkId && t.people >= k)
            .sort((a, b) => b.people - a.people || a.theme.localeCompare(b.theme))
            .map((t) => ({
              taxonomy: t.taxonomy,
              key: t.theme,
              label: data.labelOf(t.taxonomy, t.theme),
              count: countFigure(t.people, k),
            }));
      return { ...base, kind: 'text', sentiment, themes };
    }
    case 'date':
      return { ...base, kind: 'date' };
    default:
      return null;
  }
}

const countOf = (dist: { code: string; count: number }[], where: (v: number) => boolean) =>
  dist.reduce((sum, d) => sum + (where(Number(d.code)) ? d.count : 0), 0);

/** Mean and median of a distribution over scale points (the median halfway when n is even). */
export function distributionStats(
  points: number[],
  counts: number[],
): { n: number; mean: number | null; median: number | null } {
  const n = counts.reduce((a, b) => a + b, 0);
  if (n === 0) return { n, mean: null, median: null };
  const mean = points.reduce((sum, v, i) => sum + v * counts[i]!, 0) / n;
  const at = (rank: number): number => {
    let seen = 0;
    for (let i = 0; i < points.length; i++) {
      seen += counts[i]!;
      if (seen >= rank) return points[i]!;
    }
    return points[points.length - 1]!;
  };
  const median = n % 2 === 1 ? at((n + 1) / 2) : (at(n / 2) + at(n / 2 + 1)) / 2;
  return { n, mean, median };
}

/**
 * Example comments of one free-text question within the results' filter: the board's audited
 * comment read (nothing below the comment threshold, redacted text only).
 */
export async function resultsComments(
  ctx: TCtx,
  surveyId: string,
  q: TResultsCommentsQuery,
): Promise<TBoardComments> {
  const { org, change, filter } = await resolveFilter(ctx, surveyId, q);
  return commentsInWindow(ctx, {
    org,
    window: {
      organisationId: filter.organisationId,
      scope: { level: 'survey', id: surveyId },
      rows: filter.places,
      from: filter.from,
      to: filter.to,
      narrow: sql`r.survey_id = ${surveyId} AND ${change ? sql`r.change_id = ${change.id}` : sql`TRUE`}`,
    },
    filter: { theme: q.theme, sentiment: q.sentiment, linkId: q.linkId },
    limit: q.limit,
    audit: {
      targetType: 'survey',
      targetId: surveyId,
      detail: { source: 'results', linkId: q.linkId, from: filter.from, to: filter.to },
    },
  });
}

/** Analysed responses per survey in the actor's scope, for the survey list. */
export async function responseCounts(ctx: TCtx): Promise<TResponseCounts> {
  const actor = actorOf(ctx);
  const org = await getOrganisationSettings(ctx.db, actor.organisationId);
  const places: TScopeRows =
    actor.scope.level === 'organisation'
      ? { kind: 'all' }
      : { kind: 'units', ids: [...(await unitIdsInScope(ctx))] };
  const rows = await repo.readResponseCounts(ctx.db, actor.organisationId, places);
  return {
    k: org.minGroupSize,
    items: rows.map((r) => ({ surveyId: r.surveyId, responses: countFigure(r.responses, org.minGroupSize) })),
  };
}
