import { ZImpactQuery, type TImpact, type TImpactQuery } from '../../../../shared/src/api/impact';
import type { Db } from '../../db/client';
import { invalid } from '../../http/app-error';
import { actorOf, type TCtx } from '../../http/context';
import { resolveBoardScope } from '../board/board.scope';
import { surveyMeasures } from '../board/survey-items';
import { getChange } from '../changes/changes.service';
import { raiseDisparityAlerts } from '../equity/disparity.service';
import { loadRespondents, type TRespondents } from '../equity/equity.respondents';
import { getOrganisationSettings, unitIdsInScope } from '../org/org.service';
import { redisEventPublisher } from '../../realtime/live-events';
import { assembleIts, assembleMetrics } from './impact.assemble';
import { collectTallies } from './impact.collect';
import { assembleGroups } from './impact.groups';
import * as repo from './impact.repository';
import { impactWeeks, impactWindows } from './impact.windows';

/** What an impact is measured for: a change's units around its go-live (or an action's, around its done date). */
export type TImpactTarget = {
  organisationId: string;
  id: string;
  name: string;
  unitIds: string[];
  anchorDate: string;
};

export type TImpactOptions = {
  /**
   * Units `auto` may take as comparison (those the viewer may see); null: any of the organisation's.
   * Comparison figures are shown, so a viewer must not get them for wards outside their scope.
   */
  comparisonPool?: ReadonlySet<string> | null;
};

/**
 * `GET /changes/{id}/impact`: the change's impact, for anyone who may see the change's board (every
 * unit it touches in their scope). Explicit comparison units must be the organisation's, in the
 * viewer's scope and not the change's own; unknown and unseen ids answer alike. Not audited: it
 * shows figures, never comment text.
 */
export async function getChangeImpact(ctx: TCtx, changeId: string, query: TImpactQuery): Promise<TImpact> {
  const target = await resolveBoardScope(ctx, { level: 'change', id: changeId });
  const change = await getChange(ctx, changeId);
  const actor = actorOf(ctx);
  const visible = actor.scope.level === 'organisation' ? null : await unitIdsInScope(ctx);
  if (Array.isArray(query.comparison)) {
    const known = new Set(await repo.readOrganisationUnits(ctx.db, actor.organisationId, query.comparison));
    const bad = query.comparison.filter(
      (id) => !known.has(id) || (visible && !visible.has(id)) || change.unitIds.includes(id),
    );
    if (bad.length > 0) {
      throw invalid([
        {
          name: 'comparison',
          reason: `not units of yours outside the change: ${bad.slice(0, 5).join(', ')}`,
        },
      ]);
    }
  }
  const impact = await computeImpact(
    ctx.db,
    {
      organisationId: target.organisationId,
      id: change.id,
      name: change.name,
      unitIds: change.unitIds,
      anchorDate: change.goLiveDate,
    },
    query,
    { comparisonPool: visible },
  );
  // Disparity alerts are judged on the standard windows only, so that trying other windows until
  // one "finds" a group cannot raise them; groups do not depend on the comparison units.
  const standard = ZImpactQuery.parse({});
  if (
    impact.groups &&
    query.before === standard.before &&
    query.after === standard.after &&
    query.settle === standard.settle
  ) {
    await raiseDisparityAlerts(
      ctx.db,
      redisEventPublisher(ctx.redis, ctx.config.REDIS_PREFIX, ctx.log),
      { organisationId: target.organisationId, changeId: change.id, unitIds: change.unitIds },
      impact.groups,
    );
  }
  return impact;
}

/**
 * The impact figures for units around an anchor date, from the rollups: one read of responses by
 * unit (which also picks `auto` comparison units), then ratings, FFT choices, themes and the themes'
 * sentiment (which way each theme is good news) in parallel.
 * The caller has checked that the units, and any comparison units given, may be seen.
 */
export async function computeImpact(
  db: Db,
  target: TImpactTarget,
  query: TImpactQuery,
  options: TImpactOptions = {},
): Promise<TImpact> {
  const asOf = new Date().toISOString();
  const windows = impactWindows(target.anchorDate, query);
  const span = { organisationId: target.organisationId, windows };
  const [org, surveys, responses] = await Promise.all([
    getOrganisationSettings(db, target.organisationId),
    repo.readSurveyKinds(db, target.organisationId),
    repo.readUnitResponses(db, span),
  ]);
  const k = org.minGroupSize;
  const changeUnitIds = new Set(target.unitIds);
  const comparisonUnitIds = pickComparison(
    query.comparison,
    changeUnitIds,
    responses,
    options.comparisonPool,
  );
  const unitIds = [...changeUnitIds, ...comparisonUnitIds];
  const result = (metrics: TImpact['metrics'], its: TImpact['its']): TImpact => ({
    changeId: target.id,
    changeName: target.name,
    goLiveDate: target.anchorDate,
    windows: { before: windows.before, after: windows.after },
    unitIds: target.unitIds,
    comparisonUnitIds: [...comparisonUnitIds].sort(),
    k,
    metrics,
    its,
    asOf,
  });
  if (target.unitIds.length === 0) return result([], []);

  const full: repo.TImpactSpan = { ...span, changeUnitIds: target.unitIds, unitIds };
  const [measureOf, ratings, fft, themes, themeLeans, people] = await Promise.all([
    surveyMeasures(
      db,
      surveys.map((s) => s.surveyId),
    ),
    repo.readRatings(db, full),
    repo.readFftChoices(db, full),
    repo.readThemes(db, full),
    repo.readThemeLeans(db, full),
    repo.splitsPossible(db, target.organisationId).then((possible) =>
      possible
        ? loadRespondents(db, {
            organisationId: target.organisationId,
            rows: { kind: 'units', ids: target.unitIds },
            from: windows.before.from,
            to: windows.after.to,
          })
        : NO_RESPONDENTS,
    ),
  ]);
  const tallies = collectTallies({
    changeUnitIds,
    comparisonUnitIds,
    responses,
    ratings,
    fft,
    themes,
    themeLeans,
    measureOf,
    surveys: new Map(surveys.map((s) => [s.surveyId, s])),
    minEffect: org.impactMinEffect,
  });
  const metrics = assembleMetrics(tallies, k, comparisonUnitIds.size > 0);
  const inWindow = (w: { from: string; to: string }) =>
    people.respondents.filter((r) => r.day >= w.from && r.day <= w.to);
  const groups =
    people.dimensions.size === 0
      ? undefined
      : assembleGroups({
          before: inWindow(windows.before),
          after: inWindow(windows.after),
          dimensions: people.dimensions,
          k,
          minEffect: org.impactMinEffect,
          scale: people.scale,
        });
  return {
    ...result(metrics, assembleIts(tallies, metrics, impactWeeks(windows), k)),
    ...(groups ? { groups } : {}),
  };
}

/**
 * `auto`: the organisation's units the change does not touch with answers in both windows (and,
 * for a viewer scoped below the organisation, only units they may see); `none`: none; else the
 * units named. A unit answering in one window only would compare different mixes of wards.
 */
export function pickComparison(
  comparison: TImpactQuery['comparison'],
  changeUnitIds: ReadonlySet<string>,
  responses: Pick<repo.TUnitResponsesRow, 'unitId' | 'side' | 'responses'>[],
  pool: ReadonlySet<string> | null = null,
): Set<string> {
  if (comparison === 'none') return new Set();
  if (Array.isArray(comparison)) return new Set(comparison.filter((id) => !changeUnitIds.has(id)));
  const sides = new Map<string, Set<string>>();
  for (const r of responses) {
    if (r.responses <= 0 || changeUnitIds.has(r.unitId) || (pool && !pool.has(r.unitId))) continue;
    const seen = sides.get(r.unitId) ?? new Set<string>();
    seen.add(r.side);
    sides.set(r.unitId, seen);
  }
  return new Set([...sides].filter(([, seen]) => seen.size === 2).map(([id]) => id));
}

const NO_RESPONDENTS: TRespondents = { respondents: [], scale: { min: 0, max: 100 }, dimensions: new Set() };
