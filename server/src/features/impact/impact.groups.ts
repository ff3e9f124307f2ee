import type { TFigure } from '../../../../shared/src/api/board';
import type { TImpactGroup, TInterval, TWindowFigure } from '../../../../shared/src/api/impact';
import { DEMOGRAPHIC_GROUPS } from '../../../../shared/src/survey/about-you';
import type { TDemographic } from '../../../../shared/src/survey/definition';
import {
  GroupTally,
  groupFigure,
  NOT_STATED,
  protectPartition,
  type TRespondent,
} from '../../../../shared/src/equity/group-tally';
import {
  benjaminiHochberg,
  compareMeans,
  compareNps,
  compareProportions,
  differenceInDifferences,
  type TTestResult,
} from '../../../../shared/src/stats/compare';
import { mdeOf, verdictOf } from './impact.assemble';
import { Tally, type TMetricDef } from './impact.tally';

/** The metrics a change's groups are judged on: the board's three headline figures. */
const GROUP_METRICS = ['fft_positive', 'nps', 'mean_rating'] as const;
type TGroupMetric = (typeof GROUP_METRICS)[number];
/** Disparity alerts need the interaction to hold after Benjamini–Hochberg over every group's. */
const Q_LEVEL = 0.05;

const round = (v: number) => Math.round(v * 1e6) / 1e6;
const interval = (r: TInterval): TInterval | null =>
  [r.estimate, r.low, r.high].every(Number.isFinite)
    ? { estimate: round(r.estimate), low: round(r.low), high: round(r.high) }
    : null;
const finite = (v: number) => (Number.isFinite(v) ? v : null);

/** after − before for one metric's tallies; null when either side has nothing to test. */
function compare(metric: TGroupMetric, before: GroupTally, after: GroupTally): TTestResult | null {
  const r =
    metric === 'fft_positive'
      ? compareProportions(before.fft, after.fft)
      : metric === 'nps'
        ? compareNps(before.nps, after.nps)
        : compareMeans(before.mean, after.mean);
  return Number.isFinite(r.estimate) && Number.isFinite(r.se) ? r : null;
}

/** The impact's own tally for a group, so the minimum detectable effect is the metrics' own. */
function tallyFor(metric: TGroupMetric, t: GroupTally): Tally {
  const tally = new Tally();
  if (metric === 'fft_positive') Object.assign(tally, { x: t.fft.x, n: t.fft.n });
  else if (metric === 'nps')
    Object.assign(tally, { n: t.nps.n, promoters: t.nps.promoters, detractors: t.nps.detractors });
  else Object.assign(tally, { n: t.mean.n, sum: t.mean.sum, sumSquares: t.mean.sumSquares });
  return tally;
}

export type TGroupsInput = {
  /** The change's units' respondents, each with the window it falls in. */
  before: readonly TRespondent[];
  after: readonly TRespondent[];
  dimensions: ReadonlySet<TDemographic>;
  k: number;
  /** The organisation's smallest change worth acting on, in points of 100. */
  minEffect: number;
  /** The mean rating's scale (for its smallest effect worth acting on). */
  scale: { min: number; max: number };
};

type TDraft = Omit<TImpactGroup, 'q' | 'verdict' | 'interactionQ' | 'disparity'> & {
  p: number | null;
  mde: number | null;
  minEffect: number;
};

/**
 * Who a change helped or left behind. For each dimension asked, each group and each headline
 * metric: the group's before and after on the change's units, its after − before, and the
 * interaction, (after − before)_group − (after − before)_everyone else, whose z test (the two
 * differences are independent samples, so the variances add) is `interactionP`. Figures follow the
 * small-group rule per window: the groups and "not stated" partition the window's respondents, a
 * group below k is hidden, and a lone hidden group takes the smallest shown one with it ("not
 * stated" is never shown, so it is counted as known). q-values are Benjamini–Hochberg over every
 * group's own p (verdicts), and separately over the interaction p-values (disparities).
 */
export function assembleGroups(input: TGroupsInput): TImpactGroup[] {
  const drafts: TDraft[] = [];
  const e = input.minEffect;
  const minEffects: Record<TGroupMetric, number> = {
    fft_positive: e / 100,
    nps: e,
    mean_rating: (e / 100) * (input.scale.max - input.scale.min),
  };
  for (const dimension of input.dimensions) {
    const split = (rows: readonly TRespondent[]) => {
      const m = new Map<string, GroupTally>();
      for (const r of rows) {
        const g = r.groups[dimension] ?? NOT_STATED;
        const t = m.get(g) ?? new GroupTally();
        t.add(r);
        m.set(g, t);
      }
      return m;
    };
    const sides = { before: split(input.before), after: split(input.after) };
    const known = Object.keys(DEMOGRAPHIC_GROUPS[dimension]);
    const groups = [...new Set([...sides.before.keys(), ...sides.after.keys()])]
      .filter((g) => g !== NOT_STATED)
      .sort((a, b) => known.indexOf(a) - known.indexOf(b) || (a < b ? -1 : 1));
    const all = { before: sumOf(sides.before), after: sumOf(sides.after) };
    for (const metric of GROUP_METRICS) {
      // Figures per window, protected over the window's partition (groups + not stated).
      const figures = { before: new Map<string, TFigure>(), after: new Map<string, TFigure>() };
      for (const side of ['before', 'after'] as const) {
        const cells = [...groups, NOT_STATED].map((g) => {
          const t = sides[side].get(g) ?? new GroupTally();
          return groupFigure(t.value(metric), t.people(metric), input.k);
        });
        protectPartition(cells, (i) => i < groups.length);
        groups.forEach((g, i) => figures[side].set(g, cells[i]!));
      }
      for (const group of groups) {
        const before = sides.before.get(group) ?? new GroupTally();
        const after = sides.after.get(group) ?? new GroupTally();
        if (before.people(metric) + after.people(metric) === 0) continue;
        const fb = figures.before.get(group)!;
        const fa = figures.after.get(group)!;
        const shown = fb.hidden === null && fa.hidden === null;
        const test = shown ? compare(metric, before, after) : null;
        const rest = test ? compare(metric, minus(all.before, before), minus(all.after, after)) : null;
        const interaction = test && rest ? differenceInDifferences(test, rest) : null;
        const def = {
          kind: metric === 'fft_positive' ? 'proportion' : metric === 'nps' ? 'nps' : 'mean',
        } as TMetricDef;
        drafts.push({
          dimension,
          group,
          label: DEMOGRAPHIC_GROUPS[dimension][group] ?? group,
          key: metric,
          before: windowFigure(fb),
          after: windowFigure(fa),
          difference: test ? interval(test) : null,
          interaction: interaction ? interval(interaction) : null,
          interactionP: interaction ? finite(interaction.p) : null,
          p: test ? finite(test.p) : null,
          mde: shown ? mdeOf(def, tallyFor(metric, before), tallyFor(metric, after)) : null,
          minEffect: minEffects[metric],
        });
      }
    }
  }
  const q = benjaminiHochberg(drafts.map((d) => d.p));
  const iq = benjaminiHochberg(drafts.map((d) => d.interactionP));
  return drafts.map(({ p: _p, mde, minEffect, ...d }, i) => {
    const qi = q[i] ?? null;
    const verdict = verdictOf(
      { difference: d.difference, did: null, mde, minEffect, higherIsBetter: true },
      qi,
    );
    const interactionQ = iq[i] ?? null;
    const disparity =
      verdict === 'worse' &&
      interactionQ !== null &&
      interactionQ < Q_LEVEL &&
      d.interaction !== null &&
      d.interaction.estimate < 0;
    return {
      ...d,
      q: qi === null ? null : round(qi),
      interactionQ: interactionQ === null ? null : round(interactionQ),
      verdict,
      disparity,
    };
  });
}

function windowFigure(f: TFigure): TWindowFigure {
  return { n: f.n, value: f.value, hidden: f.hidden };
}

function sumOf(m: Map<string, GroupTally>): GroupTally {
  const t = new GroupTally();
  for (const v of m.values()) t.merge(v);
  return t;
}

/** Everyone else: the window's total less the group (counts and moments subtract exactly). */
function minus(total: GroupTally, group: GroupTally): GroupTally {
  const t = new GroupTally().merge(total);
  t.respondents -= group.respondents;
  t.fft.x -= group.fft.x;
  t.fft.n -= group.fft.n;
  t.nps.promoters -= group.nps.promoters;
  t.nps.detractors -= group.nps.detractors;
  t.nps.n -= group.nps.n;
  t.mean.n -= group.mean.n;
  t.mean.sum -= group.mean.sum;
  t.mean.sumSquares -= group.mean.sumSquares;
  t.mean.people -= group.mean.people;
  return t;
}
