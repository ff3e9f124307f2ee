import type { TFigure } from '../api/board';
import type { TLeagueRow } from '../api/equity';
import type { TInterval } from '../api/impact';
import { normalQuantile } from '../stats/distributions';
import { wilsonInterval } from '../stats/compare';
import { OlsAccumulator, predict, type TOlsFit } from '../stats/regression';
import type { TDemographic } from '../survey/definition';
import { groupFigure, NOT_STATED, protectPartition, type TRespondent } from './group-tally';

export type TLeagueMetric = 'fft_positive' | 'nps' | 'mean_rating';

/** What the league table adjusts for: the dimensions CMS's HCAHPS mix adjustment leans on most that CareLoop asks. */
export const CASE_MIX: readonly TDemographic[] = ['age_band', 'first_language'];

const Z = normalQuantile(0.975);
const round = (v: number) => Math.round(v * 1e6) / 1e6;
const interval = (estimate: number, low: number, high: number): TInterval => ({
  estimate: round(estimate),
  low: round(low),
  high: round(high),
});

/** The observations a respondent gives a metric: one for FFT and NPS (NPS in points), one per rating. */
export function outcomes(r: TRespondent, metric: TLeagueMetric): number[] {
  if (metric === 'fft_positive') return r.fft === null ? [] : [r.fft ? 1 : 0];
  if (metric === 'nps') return r.nps === null ? [] : [100 * r.nps];
  return r.ratings;
}

export type TCaseMixModel = {
  /** Units with observations, in the order of the model's first columns. */
  unitIds: string[];
  /** The case-mix dummies after the unit columns: `dimension:group` (each dimension's commonest group is the reference). */
  dummies: string[];
  /** Each dummy's mean over every observation: the case mix every unit is predicted at. */
  overall: number[];
};

/**
 * Case-mix adjustment in the manner of the CMS HCAHPS patient-mix adjustment: regress the outcome
 * on unit fixed effects plus dummies for each case-mix group ("not stated" is a group of its own,
 * rather than imputing), then predict every unit at the whole table's mean case mix:
 * adjusted_u = α_u + Σ_j β_j·x̄_j, with variance c'Σc from the OLS covariance. Ordinary least
 * squares on a 0/1 outcome (a linear probability model) is what CMS does too; the intervals are
 * the classical ones.
 */
export function caseMixModel(respondents: readonly TRespondent[], metric: TLeagueMetric): TCaseMixModel {
  const unitIds = [
    ...new Set(respondents.filter((r) => outcomes(r, metric).length > 0).map((r) => r.unitId)),
  ].sort();
  const counts = new Map<string, number>();
  const unitsOf = new Map<string, Set<string>>();
  for (const r of respondents) {
    const w = outcomes(r, metric).length;
    if (w === 0) continue;
    for (const d of CASE_MIX) {
      const key = `${d}:${r.groups[d] ?? NOT_STATED}`;
      counts.set(key, (counts.get(key) ?? 0) + w);
      unitsOf.set(key, (unitsOf.get(key) ?? new Set()).add(r.unitId));
    }
  }
  const dummies: string[] = [];
  for (const d of CASE_MIX) {
    const present = [...counts]
      .filter(([key]) => key.startsWith(`${d}:`))
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    // The commonest group is the reference; the others get a dummy when seen on two units or more.
    // A group only one unit serves cannot be told apart from that unit's own effect, so it stays
    // with the reference (rejected: dropping its respondents, which would change the unit's raw n).
    dummies.push(
      ...present
        .slice(1)
        .filter(([key]) => (unitsOf.get(key)?.size ?? 0) >= 2)
        .map(([key]) => key)
        .sort(),
    );
  }
  const total = [...counts]
    .filter(([key]) => key.startsWith(`${CASE_MIX[0]}:`))
    .reduce((s, [, n]) => s + n, 0);
  const overall = dummies.map((key) => (total ? (counts.get(key) ?? 0) / total : 0));
  return { unitIds, dummies, overall };
}

function rowOf(model: TCaseMixModel, r: TRespondent): number[] {
  const x = new Array<number>(model.unitIds.length + model.dummies.length).fill(0);
  x[model.unitIds.indexOf(r.unitId)] = 1;
  for (const d of CASE_MIX) {
    const j = model.dummies.indexOf(`${d}:${r.groups[d] ?? NOT_STATED}`);
    if (j >= 0) x[model.unitIds.length + j] = 1;
  }
  return x;
}

/** The unit's own figure and its 95% interval: Wilson for FFT, normal for NPS and the mean. */
function rawInterval(ys: number[], metric: TLeagueMetric): TInterval | null {
  const n = ys.length;
  if (n === 0) return null;
  const mean = ys.reduce((s, y) => s + y, 0) / n;
  if (metric === 'fft_positive') {
    const w = wilsonInterval(Math.round(mean * n), n);
    return interval(mean, w.low, w.high);
  }
  if (n < 2) return null;
  const variance = ys.reduce((s, y) => s + (y - mean) ** 2, 0) / (n - 1);
  const half = Z * Math.sqrt(variance / n);
  return interval(mean, mean - half, mean + half);
}

/**
 * The league table: every unit's raw and adjusted figure. Units with fewer than k respondents on
 * the metric are hidden and not ranked, and one more is hidden with a lone hidden unit (the units
 * add up to the scope's board total). Ranks go to shown units by adjusted figure, best first.
 */
export function leagueTable(
  respondents: readonly TRespondent[],
  units: readonly { id: string; name: string }[],
  metric: TLeagueMetric,
  k: number,
): { rows: TLeagueRow[]; modelN: number; model: TCaseMixModel } {
  const byUnit = new Map<string, { ys: number[]; people: number }>();
  for (const r of respondents) {
    const ys = outcomes(r, metric);
    if (ys.length === 0) continue;
    const entry = byUnit.get(r.unitId) ?? { ys: [], people: 0 };
    entry.people += 1;
    entry.ys.push(...ys);
    byUnit.set(r.unitId, entry);
  }
  const { model, fit, n } = fitCaseMix(respondents, metric);
  const figures: TFigure[] = units.map((u) => {
    const people = byUnit.get(u.id)?.people ?? 0;
    return groupFigure(people, people, k);
  });
  protectPartition(figures);
  const rows: TLeagueRow[] = units.map((u, i) => {
    const f = figures[i]!;
    const entry = byUnit.get(u.id);
    if (f.hidden !== null || !entry) {
      return {
        unitId: u.id,
        unitName: u.name,
        n: f.hidden ? null : 0,
        hidden: f.hidden,
        raw: null,
        adjusted: null,
        rank: null,
      };
    }
    let adjusted: TInterval | null = null;
    const column = model.unitIds.indexOf(u.id);
    if (fit && column >= 0) {
      const c = new Array<number>(model.unitIds.length).fill(0);
      c[column] = 1;
      const p = predict(fit, [...c, ...model.overall]);
      const half = Z * Math.sqrt(p.variance);
      adjusted = interval(p.estimate, p.estimate - half, p.estimate + half);
    }
    return {
      unitId: u.id,
      unitName: u.name,
      n: entry.people,
      hidden: null,
      raw: rawInterval(entry.ys, metric),
      adjusted,
      rank: null,
    };
  });
  const ranked = rows
    .filter((r) => r.adjusted !== null)
    .sort((a, b) => b.adjusted!.estimate - a.adjusted!.estimate);
  ranked.forEach((r, i) => {
    r.rank = i + 1;
  });
  return { rows, modelN: n, model };
}

/**
 * Fits the model; where the groups' dummies are still collinear with the units (a mix no two
 * units tell apart), the rarest dummy is dropped until it fits, down to unit means alone.
 */
function fitCaseMix(
  respondents: readonly TRespondent[],
  metric: TLeagueMetric,
): { model: TCaseMixModel; fit: TOlsFit | null; n: number } {
  const full = caseMixModel(respondents, metric);
  const rarest = [...full.dummies].sort(
    (a, b) => full.overall[full.dummies.indexOf(a)]! - full.overall[full.dummies.indexOf(b)]!,
  );
  for (let drop = 0; ; drop++) {
    const kept = new Set(rarest.slice(drop));
    const model: TCaseMixModel = {
      unitIds: full.unitIds,
      dummies: full.dummies.filter((d) => kept.has(d)),
      overall: full.overall.filter((_, j) => kept.has(full.dummies[j]!)),
    };
    const ols = new OlsAccumulator(model.unitIds.length + model.dummies.length);
    for (const r of respondents) {
      const ys = outcomes(r, metric);
      if (ys.length === 0) continue;
      const x = rowOf(model, r);
      for (const y of ys) ols.add(x, y);
    }
    const fit = ols.fit();
    if (fit || model.dummies.length === 0) return { model, fit, n: ols.n };
  }
}
