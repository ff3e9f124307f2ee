import type { TFigure } from '../api/board';
import { EQUITY_METRICS, type TBreakdownGroup, type TEquityMetric } from '../api/equity';
import { DEMOGRAPHIC_GROUPS } from '../survey/about-you';
import type { TDemographic } from '../survey/definition';
import {
  GroupTally,
  groupFigure,
  NOT_STATED,
  OTHER_GROUPS,
  protectPartition,
  type TRespondent,
} from './group-tally';

const LABELS: Record<string, string> = { [NOT_STATED]: 'Not stated', [OTHER_GROUPS]: 'Other groups' };

/** Group code → tally, for one dimension; respondents who did not say are `not_stated`. */
export function tallyBy(
  respondents: readonly TRespondent[],
  dimension: TDemographic,
): Map<string, GroupTally> {
  const tallies = new Map<string, GroupTally>();
  for (const r of respondents) {
    const group = r.groups[dimension] ?? NOT_STATED;
    const t = tallies.get(group) ?? new GroupTally();
    t.add(r);
    tallies.set(group, t);
  }
  return tallies;
}

/**
 * Board figures split by one dimension, under the small-group rule:
 * 1. groups of fewer than k respondents are hidden, and when one alone is hidden the smallest other
 *    group goes with it (the groups add up to the board's total);
 * 2. the hidden groups (two or more) are merged into "other groups", never named, shown when together
 *    they reach k;
 * 3. each metric's figures are then protected the same way over the rows shown (a group may be
 *    big enough overall but have fewer than k FFT answers).
 * Rows are in the dimension's own order, then "other groups", then "not stated".
 */
export function breakdownGroups(
  respondents: readonly TRespondent[],
  dimension: TDemographic,
  k: number,
): TBreakdownGroup[] {
  const tallies = tallyBy(respondents, dimension);
  const known = Object.keys(DEMOGRAPHIC_GROUPS[dimension]);
  const order = (g: string) =>
    g === NOT_STATED ? 1e6 : known.includes(g) ? known.indexOf(g) : known.length + g.charCodeAt(0);
  const codes = [...tallies.keys()].sort((a, b) => order(a) - order(b));

  const people: TFigure[] = codes.map((g) =>
    groupFigure(tallies.get(g)!.respondents, tallies.get(g)!.respondents, k),
  );
  protectPartition(people);
  const merged = new GroupTally();
  const rows: { group: string; tally: GroupTally }[] = [];
  codes.forEach((g, i) => {
    if (people[i]!.hidden !== null) merged.merge(tallies.get(g)!);
    else rows.push({ group: g, tally: tallies.get(g)! });
  });
  if (merged.respondents > 0) {
    const at = rows.findIndex((r) => r.group === NOT_STATED);
    rows.splice(at < 0 ? rows.length : at, 0, { group: OTHER_GROUPS, tally: merged });
  }

  const responses = rows.map((r) => groupFigure(r.tally.respondents, r.tally.respondents, k));
  protectPartition(responses);
  const metrics = new Map<TEquityMetric, TFigure[]>();
  for (const metric of EQUITY_METRICS) {
    // A row whose respondents are hidden shows no figure at all, and counts as hidden here.
    const cells = rows.map((r, i): TFigure => {
      const hidden = responses[i]!.hidden;
      return hidden
        ? { value: null, n: null, hidden }
        : groupFigure(r.tally.value(metric), r.tally.people(metric), k);
    });
    protectPartition(cells);
    metrics.set(metric, cells);
  }
  return rows.map((r, i) => {
    const figure = (metric: TEquityMetric): TFigure => metrics.get(metric)![i]!;
    return {
      group: r.group,
      label: LABELS[r.group] ?? DEMOGRAPHIC_GROUPS[dimension][r.group] ?? r.group,
      responses: responses[i]!,
      metrics: Object.fromEntries(EQUITY_METRICS.map((m) => [m, figure(m)])) as TBreakdownGroup['metrics'],
    };
  });
}
