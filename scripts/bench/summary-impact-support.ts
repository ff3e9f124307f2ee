/**
 * The change-impact part of the summary bench: `GET /api/v1/changes/{id}/impact` over the same year
 * of data. Target: p95 ≤ 300 ms for a change over all 20 units.
 *
 * The generated data's changes touch 4 to 6 units; a change over all 20 is added at run time
 * through the API (once: found by name afterwards), so no regeneration is needed. Its go-live is
 * 120 days ago, so both default windows (84 days, settle 14) lie inside the year of data.
 */
import { sql } from 'drizzle-orm';
import type { TImpact } from '../../shared/src/api/impact';
import { ZImpactQuery } from '../../shared/src/api/impact';
import { queryRows, type Db } from '../../server/src/db/client';
import { computeImpact } from '../../server/src/features/impact/impact.service';
import { expectStatus, stats, type TCall, type TStats } from './bench-support';
import type { TBenchIds } from './summary-data-support';

export const IMPACT_TARGET_P95_MS = 300;
const ALL_UNITS_CHANGE = 'Bench: e-rostering on every unit';

async function allUnitsChange(db: Db, call: TCall, ids: TBenchIds) {
  const unitIds = ids.units.map((u) => u.id);
  const [found] = await queryRows<{ id: string; go_live_date: string }>(
    db,
    sql`SELECT id, go_live_date::text FROM changes WHERE organisation_id = ${ids.organisationId} AND name = ${ALL_UNITS_CHANGE}`,
  );
  if (found) return { id: found.id, name: ALL_UNITS_CHANGE, unitIds, goLiveDate: found.go_live_date };
  const [today] = await queryRows<{ d: string }>(
    db,
    sql`SELECT ((now() AT TIME ZONE 'Europe/London')::date - 120)::text AS d`,
  );
  const created = expectStatus(
    await call<{ id: string }>('POST', '/api/v1/changes', {
      name: ALL_UNITS_CHANGE,
      kind: 'other',
      unitIds,
      goLiveDate: today!.d,
    }),
    201,
    'change over every unit',
  );
  return { id: created.id, name: ALL_UNITS_CHANGE, unitIds, goLiveDate: today!.d };
}

async function time(n: number, warmup: number, fn: () => Promise<unknown>): Promise<TStats> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return stats(samples);
}

/** Times computeImpact() and the HTTP route for the all-units change and a generated one (with DiD). */
export async function benchImpact(
  db: Db,
  call: TCall,
  ids: TBenchIds,
  opts: { iterations: number; warmup: number; log: (s: string) => void },
): Promise<{ worstP95: number }> {
  const { log } = opts;
  const all = await allUnitsChange(db, call, ids);
  const [epr] = await queryRows<{ go_live_date: string }>(
    db,
    sql`SELECT go_live_date::text FROM changes WHERE id = ${ids.changes[0]!.id}`,
  );
  const cases = [
    { label: `${all.name} (20 units, no comparison left)`, change: all },
    {
      label: `${ids.changes[0]!.name} (${ids.changes[0]!.unitIds.length} units, auto comparison)`,
      change: { ...ids.changes[0]!, goLiveDate: epr!.go_live_date },
    },
  ];
  const query = ZImpactQuery.parse({});
  log(
    `\nimpact timings: computeImpact() direct and GET /api/v1/changes/{id}/impact (defaults: 84/84 days, ` +
      `settle 14, comparison auto), ${opts.iterations} sequential calls after ${opts.warmup} warm-up`,
  );
  log(`${'change'.padEnd(58)}${'function p50/p95/max'.padEnd(30)}${'HTTP p50/p95/max'.padEnd(30)}figures`);
  let worstP95 = 0;
  for (const c of cases) {
    const target = {
      organisationId: ids.organisationId,
      id: c.change.id,
      name: c.change.name,
      unitIds: c.change.unitIds,
      anchorDate: c.change.goLiveDate,
    };
    const fn = await time(opts.iterations, opts.warmup, () => computeImpact(db, target, query));
    let last: TImpact | null = null;
    const http = await time(opts.iterations, opts.warmup, async () => {
      const r = await call<TImpact>('GET', `/api/v1/changes/${c.change.id}/impact`);
      if (r.status !== 200) throw new Error(`impact: HTTP ${r.status}`);
      last = r.body;
    });
    worstP95 = Math.max(worstP95, fn.p95, http.p95);
    const f3 = (s: TStats) => `${s.p50.toFixed(1)} / ${s.p95.toFixed(1)} / ${s.max.toFixed(1)}`;
    const impact = last as TImpact | null;
    const fft = impact?.metrics.find((m) => m.key === 'fft_positive');
    const summary = impact
      ? `${impact.metrics.length} metrics, ${impact.its.length} ITS, ${impact.comparisonUnitIds.length} comparison units; ` +
        `fft ${fft?.before.value?.toFixed(3)} → ${fft?.after.value?.toFixed(3)} (n ${fft?.before.n}/${fft?.after.n}), ${fft?.verdict}`
      : '-';
    log(`${c.label.padEnd(58)}${f3(fn).padEnd(30)}${f3(http).padEnd(30)}${summary}`);
  }
  log(
    `target impact p95 ≤ ${IMPACT_TARGET_P95_MS} ms: worst p95 ${worstP95.toFixed(1)} ms → ` +
      (worstP95 <= IMPACT_TARGET_P95_MS ? 'MET' : 'NOT MET'),
  );
  return { worstP95 };
}
