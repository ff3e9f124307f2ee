import { bucketOf, type TBoardScope, type TFigure } from '../../../../shared/src/api/board';
import type {
  TBreakdown,
  TBreakdownQuery,
  TInvitationCell,
  TInvitations,
  TInvitationSeries,
  TInvitationsQuery,
  TLeague,
  TLeagueQuery,
} from '../../../../shared/src/api/equity';
import { breakdownGroups } from '../../../../shared/src/equity/breakdown';
import { groupFigure, protectPartition } from '../../../../shared/src/equity/group-tally';
import { CASE_MIX, leagueTable } from '../../../../shared/src/equity/league';
import { DEMOGRAPHIC_GROUPS, DEMOGRAPHIC_LABELS } from '../../../../shared/src/survey/about-you';
import { scopeRows } from '../../db/scope-filter';
import type { TCtx } from '../../http/context';
import { recordAudit } from '../audit/audit.service';
import { queryScope, resolveBoardScope } from '../board/board.service';
import { localToday, periodWindow } from '../board/board.summary';
import { getOrganisationSettings } from '../org/org.service';
import * as repo from './equity.repository';
import { loadRespondents } from './equity.respondents';

async function resolve(ctx: TCtx, scope: TBoardScope, period: TBreakdownQuery['period']) {
  const target = await resolveBoardScope(ctx, scope);
  const [org, rows] = await Promise.all([
    getOrganisationSettings(ctx.db, target.organisationId),
    scopeRows(ctx.db, target.scope),
  ]);
  const window = periodWindow(period, localToday(org.timezone));
  return { target, org, rows, window };
}

/**
 * `GET /equity/breakdown`: a board's figures for its scope and period, split by one dimension under
 * the small-group rule (see `breakdownGroups`). Reads responses' answers, so it is audited.
 */
export async function breakdown(ctx: TCtx, query: TBreakdownQuery): Promise<TBreakdown> {
  const { target, org, rows, window } = await resolve(ctx, queryScope(query), query.period);
  const people = await loadRespondents(ctx.db, {
    organisationId: target.organisationId,
    rows,
    from: window.from,
    to: window.to,
  });
  await recordAudit(ctx, {
    action: 'equity.breakdown_viewed',
    targetType: 'board',
    detail: { scope: target.scope, period: query.period, dimension: query.dimension },
  });
  return {
    dimension: query.dimension,
    dimensionLabel: DEMOGRAPHIC_LABELS[query.dimension],
    period: { from: window.from, to: window.to },
    k: org.minGroupSize,
    ratingScale: people.scale,
    groups: breakdownGroups(people.respondents, query.dimension, org.minGroupSize),
    asOf: new Date().toISOString(),
  };
}

/**
 * `GET /equity/league`: the units of a place, raw and adjusted for case mix (`leagueTable`).
 * Audited, as it reads responses' answers.
 */
export async function league(ctx: TCtx, query: TLeagueQuery): Promise<TLeague> {
  const { target, org, rows, window } = await resolve(ctx, queryScope(query), query.period);
  const [people, units] = await Promise.all([
    loadRespondents(ctx.db, {
      organisationId: target.organisationId,
      rows,
      from: window.from,
      to: window.to,
    }),
    repo.readUnits(ctx.db, target.organisationId, rows),
  ]);
  const table = leagueTable(people.respondents, units, query.metric, org.minGroupSize);
  await recordAudit(ctx, {
    action: 'equity.league_viewed',
    targetType: 'board',
    detail: { scope: target.scope, period: query.period, metric: query.metric },
  });
  return {
    metric: query.metric,
    period: { from: window.from, to: window.to },
    k: org.minGroupSize,
    adjustedFor: CASE_MIX.map((d) => DEMOGRAPHIC_LABELS[d]),
    modelN: table.modelN,
    rows: table.rows,
    asOf: new Date().toISOString(),
  };
}

/**
 * `GET /equity/invitations`: single-use links issued and answered, by the link's channel and by
 * its unit, per day or week. Answered counts below k are hidden (their rate with them), and in
 * each bucket's split and each series a lone hidden cell takes the smallest other with it.
 */
export async function invitations(ctx: TCtx, query: TInvitationsQuery): Promise<TInvitations> {
  const { target, org, rows, window } = await resolve(ctx, queryScope(query), query.period);
  const bucket = bucketOf(query.period);
  const [use, units] = await Promise.all([
    repo.readInvitationUse(ctx.db, {
      organisationId: target.organisationId,
      rows,
      from: window.from,
      to: window.to,
      timezone: org.timezone,
      bucket,
    }),
    repo.readUnits(ctx.db, target.organisationId, rows),
  ]);
  const k = org.minGroupSize;
  const split = (keyOf: (r: repo.TLinkUseRow) => string | null, labels: Map<string, string>) => {
    const keys = [...new Set(use.map(keyOf).filter((key): key is string => key !== null))].sort((a, b) =>
      (labels.get(a) ?? a).localeCompare(labels.get(b) ?? b),
    );
    const counts = (key: string, start: string | null) => {
      let issued = 0;
      let answered = 0;
      for (const r of use) {
        if (keyOf(r) !== key || (start !== null && r.bucket !== start)) continue;
        issued += r.issued;
        answered += r.answered;
      }
      return { issued, answered };
    };
    const series = keys.map((key) => ({
      key,
      label: labels.get(key) ?? key,
      total: counts(key, null),
      points: window.buckets.map((start) => ({ start, ...counts(key, start) })),
    }));
    const figure = (c: { answered: number }) => groupFigure(c.answered, c.answered, k);
    const totals = series.map((s) => figure(s.total));
    const points = series.map((s) => s.points.map(figure));
    protectPartition(totals);
    // Each bucket's units (or channels) add up to the bucket, and each series' buckets to its
    // total: protect both ways until neither hides anything more.
    const hiddenCount = () => points.flat().filter((f) => f.hidden !== null).length;
    for (let before = -1; before !== hiddenCount();) {
      before = hiddenCount();
      window.buckets.forEach((_, b) => {
        const column = points.map((p) => p[b]!);
        protectPartition(column);
        column.forEach((f, i) => (points[i]![b] = f));
      });
      points.forEach((p) => protectPartition(p));
    }
    const cell = (start: string, c: { issued: number }, f: TFigure): TInvitationCell => ({
      start,
      issued: c.issued,
      answered: f,
      rate: f.hidden !== null || c.issued === 0 ? null : Math.round(((f.value ?? 0) / c.issued) * 1e6) / 1e6,
    });
    return series.map((s, i): TInvitationSeries => ({
      key: s.key,
      label: s.label,
      total: cell(window.from, s.total, totals[i]!),
      points: s.points.map((p, b) => cell(p.start, p, points[i]![b]!)),
    }));
  };
  await recordAudit(ctx, {
    action: 'equity.invitations_viewed',
    targetType: 'board',
    detail: { scope: target.scope, period: query.period },
  });
  return {
    period: { from: window.from, to: window.to },
    bucket,
    k,
    byChannel: split((r) => r.channel, new Map(Object.entries(DEMOGRAPHIC_GROUPS.channel))),
    byUnit: split((r) => r.unitId, new Map(units.map((u) => [u.id, u.name]))),
    asOf: new Date().toISOString(),
  };
}
