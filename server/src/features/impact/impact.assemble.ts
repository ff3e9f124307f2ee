import type { TFigure } from '../../../../shared/src/api/board';
import type { TImpactIts, TImpactMetric, TInterval, TVerdict } from '../../../../shared/src/api/impact';
import { protectGroups } from '../../../../shared/src/board/suppression';
import {
  benjaminiHochberg,
  compareMeans,
  compareNps,
  compareProportions,
  differenceInDifferences,
  minimumDetectableEffect,
  npsScore,
  sampleVariance,
  type TTestResult,
} from '../../../../shared/src/stats/compare';
import { segmentedRegression } from '../../../../shared/src/stats/its';
import type { MetricTallies, Tally, TGroup, TMetricDef } from './impact.tally';
import type { TImpactWeek } from './impact.windows';

/** The false discovery rate the verdicts hold: better or worse when q < 0.05. */
const Q_LEVEL = 0.05;
/** Weeks each side below which the time series says nothing (null). */
const ITS_MIN_WEEKS = 8;
const ITS_LAG = 2;

const finite = (v: number) => (Number.isFinite(v) ? v : null);
/** Output precision: well below any difference that matters, and stable in JSON. */
const round = (v: number) => Math.round(v * 1e6) / 1e6;
const interval = (r: TInterval): TInterval | null =>
  [r.estimate, r.low, r.high].every(Number.isFinite)
    ? { estimate: round(r.estimate), low: round(r.low), high: round(r.high) }
    : null;

/** The metric's figure for a tally: a proportion 0..1, NPS points, or a mean. */
function valueOf(def: TMetricDef, t: Tally): number | null {
  if (t.n === 0) return null;
  if (def.kind === 'proportion') return t.x / t.n;
  if (def.kind === 'nps') return npsScore(t);
  return t.sum / t.n;
}

/**
 * The small-group rule of the board: a figure from fewer than k respondents is hidden and carries
 * no estimate; for a theme, so is one that fewer than k people mentioned (the share times n would
 * give the count the board hides). Zero describes nobody and is shown.
 */
export function windowFigure(def: TMetricDef, t: Tally, k: number): TFigure {
  const people = t.respondents;
  const small = (n: number) => n > 0 && n < k;
  if (small(people) || small(t.mentions)) return { n: null, value: null, hidden: 'small' };
  const value = valueOf(def, t);
  return { n: people, value: value === null ? null : round(value), hidden: null };
}

/** after − before with the test that matches the metric; null when either side has nothing to test. */
function compare(def: TMetricDef, before: Tally, after: Tally): TTestResult | null {
  const result =
    def.kind === 'proportion'
      ? compareProportions(before, after)
      : def.kind === 'nps'
        ? compareNps(before, after)
        : compareMeans(before, after);
  return Number.isFinite(result.estimate) && Number.isFinite(result.se) ? result : null;
}

/**
 * The minimum detectable effect (80% power, two-sided 5%): the standard error of the difference
 * under "no change", from the before window's spread per answer and both windows' answers as
 * observed. The before spread, because that is what the after window is judged against.
 */
export function mdeOf(def: TMetricDef, before: Tally, after: Tally): number | null {
  if (before.n < 2 || after.n < 1) return null;
  let variance: number;
  if (def.kind === 'proportion') {
    const p = before.x / before.n;
    variance = p * (1 - p);
  } else if (def.kind === 'nps') {
    const [plus, minus] = [before.promoters / before.n, before.detractors / before.n];
    variance = 100 * 100 * (plus + minus - (plus - minus) ** 2);
  } else {
    variance = sampleVariance(before);
  }
  return finite(minimumDetectableEffect(Math.sqrt(variance * (1 / before.n + 1 / after.n))));
}

type TDraft = Omit<TImpactMetric, 'q' | 'verdict'> & { minEffect: number };

/** One metric of the change's units, against the comparison units when there are any. */
function draftMetric(def: TMetricDef, tallies: MetricTallies, k: number, withComparison: boolean): TDraft {
  const cell = (group: TGroup, side: 'before' | 'after') => tallies.get(def.key, group, side);
  const [before, after] = [cell('change', 'before'), cell('change', 'after')];
  const figures = { before: windowFigure(def, before, k), after: windowFigure(def, after, k) };
  const visible = figures.before.hidden === null && figures.after.hidden === null;
  const test = visible ? compare(def, before, after) : null;

  let comparison: TImpactMetric['comparison'] = null;
  let did: TInterval | null = null;
  if (withComparison) {
    const [cb, ca] = [cell('comparison', 'before'), cell('comparison', 'after')];
    comparison = { before: windowFigure(def, cb, k), after: windowFigure(def, ca, k) };
    const shown = comparison.before.hidden === null && comparison.after.hidden === null;
    const drift = shown ? compare(def, cb, ca) : null;
    if (test && drift) did = interval(differenceInDifferences(test, drift));
  }
  return {
    key: def.key,
    label: def.label,
    kind: def.kind,
    higherIsBetter: def.higherIsBetter,
    ...figures,
    difference: test ? interval(test) : null,
    did,
    comparison,
    p: test ? finite(test.p) : null,
    mde: visible ? mdeOf(def, before, after) : null,
    minEffect: def.minEffect,
  };
}

/**
 * Better or worse when the BH-adjusted q of the plain after − before test is below 0.05, in the
 * direction that is good for the metric, and, where comparison units give a difference-in-
 * differences, when its 95% interval also lies wholly on that side of zero. Why both: p and q stay
 * the plain test's (the spec's), but a ward that fell 8 points while every other ward fell 7 has
 * not been changed by the change; an organisation-wide drift (winter pressure, a staffing crisis)
 * must not be blamed on it. Rejected: taking p and q from the DiD, which would change what the spec
 * says they are and throw away the power of the plain test where there are no comparison units.
 * Otherwise "too few to tell" when there is no estimate or the study could not have seen a change
 * worth acting on (mde above it), and "no clear change" only when it could have. A significant
 * difference stands even when underpowered: the power question is about what a null result can
 * rule out.
 */
export function verdictOf(
  m: Pick<TDraft, 'difference' | 'did' | 'mde' | 'minEffect' | 'higherIsBetter'>,
  q: number | null,
): TVerdict {
  if (m.difference === null) return 'too few to tell';
  const rose = m.difference.estimate > 0;
  const beyondDrift = m.did === null || (rose ? m.did.low > 0 : m.did.high < 0);
  if (q !== null && q < Q_LEVEL && m.difference.estimate !== 0 && beyondDrift) {
    return rose === m.higherIsBetter ? 'better' : 'worse';
  }
  if (m.mde === null || m.mde > m.minEffect) return 'too few to tell';
  return 'no clear change';
}

/** Every metric the change's units have answers for, with q-values over all of them. */
export function assembleMetrics(tallies: MetricTallies, k: number, withComparison: boolean): TImpactMetric[] {
  const drafts = [...tallies.defs.values()]
    .filter((d) => tallies.get(d.key, 'change', 'before').n + tallies.get(d.key, 'change', 'after').n > 0)
    .map((d) => draftMetric(d, tallies, k, withComparison));
  const q = benjaminiHochberg(drafts.map((d) => d.p));
  return drafts.map(({ minEffect, ...d }, i) => {
    const qi = q[i] ?? null;
    return { ...d, q: qi, verdict: verdictOf({ ...d, minEffect }, qi) };
  });
}

/**
 * Segmented regression on the change's weekly series of each main metric. Weeks below k are
 * hidden, and so is a second week of the same window when one alone is hidden (the window's n
 * minus the others would give it away), as the board protects its trend.
 */
export function assembleIts(
  tallies: MetricTallies,
  metrics: TImpactMetric[],
  weeks: TImpactWeek[],
  k: number,
): TImpactIts[] {
  const its: TImpactIts[] = [];
  for (const metric of metrics) {
    const def = tallies.defs.get(metric.key);
    if (!def?.its || metric.difference === null) continue;
    const cells = weeks.map((w) => tallies.get(def.key, 'change', w.side, w.index));
    const figures: TFigure[] = cells.map((t) => windowFigure(def, t, k));
    protectGroups(
      (['before', 'after'] as const).map((side) => figures.filter((_, i) => weeks[i]!.side === side)),
    );
    const used = weeks.flatMap((w, i) =>
      figures[i]!.value === null ? [] : [{ i, t: w.t, y: figures[i]!.value!, after: w.side === 'after' }],
    );
    // t counts weeks from go-live: the level change is the step at go-live itself, not at the end
    // of the settling time (nor wherever the first shown after-week happens to fall).
    const fit = segmentedRegression(used, { lag: ITS_LAG, minEachSide: ITS_MIN_WEEKS, breakAt: 0 });
    if (!fit) continue;
    const level = interval(fit.level);
    const slope = interval(fit.slope);
    if (!level || !slope) continue;
    const fitted = new Map(used.map((u, j) => [u.i, fit.fitted[j]!]));
    its.push({
      key: def.key,
      level,
      slope,
      points: weeks.map((w, i) => ({
        start: w.start,
        value: figures[i]!.value,
        n: figures[i]!.n ?? 0,
        ...(figures[i]!.hidden ? { hidden: figures[i]!.hidden } : {}),
        fitted: fitted.has(i) ? round(fitted.get(i)!) : null,
      })),
    });
  }
  return its;
}
