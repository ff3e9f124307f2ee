import {
  BOARD_PERIODS,
  bucketOf,
  type TAudienceView,
  type TBoardPeriod,
  type TBoardSummary,
} from '../../../../shared/src/api/board';
import { protectGroups } from '../../../../shared/src/board/suppression';
import type { Db } from '../../db/client';
import { scopeRows } from '../../db/scope-filter';
import { getOrganisationSettings } from '../org/org.service';
import { allFigures, figureGroups, populationFigures, type TRows } from './board.figures';
import * as repo from './board.repository';
import type { TBoardTarget } from './board.scope';
import { surveyFacts } from './survey-items';
import { themeLabeller } from './theme-labels';

const DAY_MS = 86_400_000;
const AUDIENCES = ['patient', 'clinician'] as const;

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

/**
 * A board's figures for a scope and period, from the rollups, with the small-group rule applied:
 * for everyone in the scope, and per audience (patients, clinicians), with cards only for what
 * each audience's surveys ask. The caller has checked that the scope may be seen. Shared by the
 * API, the CSV export and the live pushes, so all three hide the same cells.
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
  const [responses, ratings, fft, themes, links, changes, linked, labelOf] = await Promise.all([
    repo.readResponses(db, w),
    repo.readRatings(db, w),
    repo.readFftChoices(db, w),
    repo.readThemes(db, w, win.previousFrom),
    repo.readLinkUse(db, w, org.timezone),
    repo.readChanges(db, w),
    repo.readSurveysInScope(db, w),
    themeLabeller(db, target.organisationId),
  ]);
  const all: TRows = { responses, ratings, fft, themes, links };
  const answeredIds = [responses, ratings, fft, themes, links].flatMap((list: { surveyId: string }[]) =>
    list.map((r) => r.surveyId),
  );
  const surveyIds = [...new Set([...linked, ...answeredIds])];
  const facts = await surveyFacts(db, surveyIds);
  const context = { buckets: win.buckets, k: org.minGroupSize, facts, labelOf };
  const everyone = populationFigures(all, context);

  const audiences: TAudienceView[] = AUDIENCES.flatMap((audience) => {
    const ids = surveyIds.filter((id) => facts.get(id)?.audience === audience);
    if (ids.length === 0) return [];
    const mine = <T extends { surveyId: string }>(list: T[]) =>
      list.filter((r) => facts.get(r.surveyId)?.audience === audience);
    const f = populationFigures(
      {
        responses: mine(responses),
        ratings: mine(ratings),
        fft: mine(fft),
        themes: mine(themes),
        links: mine(links),
      },
      context,
    );
    const asks = (kind: 'fft' | 'nps') =>
      ids.some((id) => [...facts.get(id)!.measures.values()].some((m) => m.kind === kind));
    return [
      {
        audience,
        measures: { fft: asks('fft'), nps: asks('nps'), sus: ids.some((id) => facts.get(id)!.sus) },
        totals: f.totals,
        trend: f.trend,
        themes: f.themes,
        aspects: f.aspects,
      },
    ];
  });
  // Every view hides what adds up within it; and where two audiences are shown beside the total
  // for everyone, a figure hidden for one audience takes the other's with it.
  const [patients, clinicians] = audiences.length === 2 ? audiences.map(allFigures) : [[], []];
  protectGroups([
    ...figureGroups(everyone),
    ...audiences.flatMap(figureGroups),
    ...patients!.map((f, i) => [f, clinicians![i]!]),
  ]);

  return {
    scope: target.scope,
    scopeName: target.scopeName,
    period,
    from: win.from,
    to: win.to,
    bucket: win.week ? 'week' : 'day',
    timezone: org.timezone,
    k: { counts: org.minGroupSize, comments: org.minCommentGroupSize },
    asOf: asOf.toISOString(),
    totals: everyone.totals,
    ratingScale: everyone.ratingScale,
    trend: everyone.trend,
    themes: everyone.themes,
    changes,
    audiences,
  };
}
