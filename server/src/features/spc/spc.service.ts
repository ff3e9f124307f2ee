import {
  SPC_METRICS,
  type TSpcChart,
  type TSpcMetric,
  type TSpcQuery,
} from '../../../../shared/src/api/impact';
import {
  SPC_BASELINE_POINTS,
  spcChart,
  type TSpcChartKind,
  type TSpcPoint,
  type TSpcSegment,
} from '../../../../shared/src/stats/spc';
import type { Db } from '../../db/client';
import { invalid } from '../../http/app-error';
import type { TCtx } from '../../http/context';
import { resolveBoardScope } from '../board/board.service';
import { localToday } from '../board/board.summary';
import { getChange } from '../changes/changes.service';
import { findUnitPlace, getOrganisationSettings } from '../org/org.service';
import * as repo from './spc.repository';
import { addDays, hideSmallWeeks, mondayOf, readWeeklySeries, type TShownWeek } from './spc.series';

/**
 * Weekly SPC charts per unit and metric (NHS "Making Data Count"): a p-chart for proportions
 * (`fft_positive`, `negative_share`), an XmR chart for `nps` and `mean_rating`; the rules and
 * limits are the pure code in shared/src/stats/spc.ts. A week drawn from fewer than k respondents
 * (the organisation's small-group threshold) is hidden, value null and n 0, as is one more week
 * when a lone hidden week could be worked out from a total; hidden weeks are skipped by the rules.
 */

const CHART_OF: Record<TSpcMetric, TSpcChartKind> = {
  fft_positive: 'p',
  negative_share: 'p',
  nps: 'xmr',
  mean_rating: 'xmr',
};

/** Signals that fired this long ago or less raise an alert; older ones found late are only stored. */
const ALERT_WITHIN_WEEKS = 4;
const MAX_REACH_WEEKS = 522;

/**
 * Where limits come from: the first 20 points with a value (`default`), a period staff choose, or
 * a change's go-live (limits before it from the first 20 points, a new baseline after it).
 */
export type TBaseline =
  { kind: 'default' } | { kind: 'period'; from?: string; to?: string } | { kind: 'change'; goLive: string };

type TPlace = { organisationId: string; unitId: string };

const firstValued = (points: TSpcPoint[]) =>
  points.filter((p) => p.value !== null && p.n > 0).slice(0, SPC_BASELINE_POINTS);

/** The segments of a chart over `shown` weeks; `all` holds earlier weeks a baseline may reach back to. */
function segmentsFor(baseline: TBaseline, shown: TShownWeek[], all: TShownWeek[]): TSpcSegment[] {
  const start = shown[0]!.week;
  const end = shown[shown.length - 1]!.week;
  switch (baseline.kind) {
    case 'default':
      return [{ from: start, baseline: firstValued(shown) }];
    case 'period': {
      const from = baseline.from ? mondayOf(baseline.from) : start;
      const to = baseline.to ?? end;
      return [{ from: start, baseline: all.filter((p) => p.week >= from && p.week <= to) }];
    }
    case 'change': {
      const goLive = mondayOf(baseline.goLive);
      const after = {
        from: goLive > start ? goLive : start,
        baseline: firstValued(all.filter((p) => p.week >= goLive)),
      };
      if (goLive <= start) return [after];
      const before = { from: start, baseline: firstValued(shown.filter((p) => p.week < goLive)) };
      return goLive > end ? [before] : [before, after];
    }
  }
}

/**
 * The charts of a unit for some metrics over the `weeks` weeks ending with the current one (the
 * organisation's local calendar). The caller has checked the unit may be seen.
 */
export async function computeSpcCharts(
  db: Db,
  place: TPlace,
  metrics: readonly TSpcMetric[],
  options: { weeks: number; baseline: TBaseline },
): Promise<TSpcChart[]> {
  const org = await getOrganisationSettings(db, place.organisationId);
  const end = mondayOf(localToday(org.timezone));
  const start = addDays(end, -7 * (options.weeks - 1));
  const b = options.baseline;
  const reach = b.kind === 'period' && b.from ? b.from : b.kind === 'change' ? b.goLive : start;
  // A baseline may reach back before the weeks shown, up to ten years (the history an import keeps).
  const oldest = addDays(start, -7 * MAX_REACH_WEEKS);
  const readFrom = [mondayOf(reach), start, oldest].sort()[1]!;
  const series = await readWeeklySeries(db, place, readFrom, end);
  const k = org.minGroupSize;
  return metrics.map((metric) => {
    const raw = series.weeks[metric];
    // Weeks shown and weeks only read for a baseline are separate groups for the small-group rule.
    const earlier = hideSmallWeeks(
      raw.filter((w) => w.week < start),
      k,
    );
    const shown = hideSmallWeeks(
      raw.filter((w) => w.week >= start),
      k,
    );
    const chart = CHART_OF[metric];
    const bounds: [number, number] | undefined =
      metric === 'nps'
        ? [-100, 100]
        : metric === 'mean_rating'
          ? [series.ratingScale.min, series.ratingScale.max]
          : undefined;
    const result = spcChart(chart, shown, segmentsFor(b, shown, [...earlier, ...shown]), { bounds });
    return {
      metric,
      chart,
      points: shown,
      mean: result.mean,
      limits: result.limits,
      signals: result.signals.map(({ rule, week, direction, runStart }) => ({
        rule,
        week,
        direction,
        runStart,
      })),
      k,
    };
  });
}

/**
 * `GET /spc`: one metric's chart for a unit the actor may see (the board's rules: admins, quality
 * leads and viewers, inside their scope; others' units answer 404).
 */
export async function getSpcChart(ctx: TCtx, query: TSpcQuery): Promise<TSpcChart> {
  if (query.changeId && (query.baselineFrom || query.baselineTo)) {
    throw invalid([{ name: 'changeId', reason: 'give either a change or a baseline period, not both' }]);
  }
  if (query.baselineFrom && query.baselineTo && query.baselineFrom > query.baselineTo) {
    throw invalid([{ name: 'baselineTo', reason: 'must not be before baselineFrom' }]);
  }
  const target = await resolveBoardScope(ctx, { level: 'unit', id: query.id });
  let baseline: TBaseline = { kind: 'default' };
  if (query.changeId)
    baseline = { kind: 'change', goLive: (await getChange(ctx, query.changeId)).goLiveDate };
  else if (query.baselineFrom || query.baselineTo) {
    baseline = { kind: 'period', from: query.baselineFrom, to: query.baselineTo };
  }
  const place = { organisationId: target.organisationId, unitId: query.id };
  const [chart] = await computeSpcCharts(ctx.db, place, [query.metric], { weeks: query.weeks, baseline });
  return chart!;
}

export type TSpcDetection = {
  organisationId: string;
  signals: repo.TStoredSignal[];
  alerts: { id: string; unitId: string | null; reasons: string[] }[];
};

/**
 * The `spc.detect` job: every SPC metric of the unit over the last 52 weeks (default baseline);
 * signals not stored before are stored, once per run, and those that fired in the last four weeks
 * raise an alert for the unit's quality leads (a history imported today should not page anyone
 * about a run that ended last year). Idempotent: a re-run finds the same runs stored. Null when the
 * unit is gone.
 */
export async function detectSpcSignals(db: Db, unitId: string): Promise<TSpcDetection | null> {
  const found = await findUnitPlace(db, unitId);
  if (!found) return null;
  const place = { organisationId: found.organisationId, unitId };
  const charts = await computeSpcCharts(db, place, SPC_METRICS, { weeks: 52, baseline: { kind: 'default' } });
  const signals = charts.flatMap((c) =>
    c.signals.map((s) => ({ ...s, runStart: s.runStart ?? s.week, metric: c.metric })),
  );
  const lastWeek = charts[0]?.points.at(-1)?.week;
  const recentFrom = lastWeek ? addDays(lastWeek, -7 * (ALERT_WITHIN_WEEKS - 1)) : '';
  return db.transaction(async (tx) => {
    await repo.lockUnit(tx, unitId);
    const stored = await repo.insertNewSignals(tx, place, signals);
    const raised = await repo.insertSpcAlerts(
      tx,
      place,
      stored.filter((s) => s.week >= recentFrom),
    );
    return { organisationId: place.organisationId, signals: stored, alerts: raised };
  });
}
