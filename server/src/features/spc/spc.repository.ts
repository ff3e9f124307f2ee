import { sql } from 'drizzle-orm';
import type { TSpcMetric } from '../../../../shared/src/api/impact';
import type { TSpcSignal } from '../../../../shared/src/stats/spc';
import { alerts } from '../../db/analysis.schema';
import { queryRows, type Db } from '../../db/client';

export type TNewSignal = TSpcSignal & { metric: TSpcMetric };
export type TStoredSignal = TNewSignal & { id: string };

/** Serialises detections of one unit (two workers finishing bursts at once), for the transaction. */
export async function lockUnit(tx: Db, unitId: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`spc-detect/${unitId}`}, 0))`);
}

/**
 * Stores the signals not stored before and returns those. A signal is the same run as a stored one
 * when unit, metric, rule and direction match and either run starts inside the other (from its
 * start to the week it fired): the rolling 52-week baseline moves the centre line a little each
 * week, which can move a run's first point by a week or two; it is still the run staff were told
 * of. The unique key (unit, metric, rule, direction, run start) catches exact repeats.
 */
export async function insertNewSignals(
  tx: Db,
  place: { organisationId: string; unitId: string },
  signals: TNewSignal[],
): Promise<TStoredSignal[]> {
  if (signals.length === 0) return [];
  const values = sql.join(
    signals.map(
      (s) =>
        sql`(${place.organisationId}::uuid, ${place.unitId}::uuid, ${s.metric}, ${s.rule}, ${s.direction},
          ${s.runStart}::date, ${s.week}::date)`,
    ),
    sql`, `,
  );
  const rows = await queryRows<Record<string, unknown>>(
    tx,
    sql`INSERT INTO spc_signals (organisation_id, unit_id, metric, rule, direction, run_start, week)
      SELECT v.* FROM (VALUES ${values}) v(organisation_id, unit_id, metric, rule, direction, run_start, week)
      WHERE NOT EXISTS (
        SELECT 1 FROM spc_signals s
        WHERE s.unit_id = v.unit_id AND s.metric = v.metric AND s.rule = v.rule AND s.direction = v.direction
          AND (s.run_start BETWEEN v.run_start AND v.week OR v.run_start BETWEEN s.run_start AND s.week))
      ON CONFLICT (unit_id, metric, rule, direction, run_start) DO NOTHING
      RETURNING id, metric, rule, direction, run_start::text AS run_start, week::text AS week`,
  );
  return rows.map((r) => ({
    id: String(r.id),
    metric: r.metric as TSpcMetric,
    rule: r.rule as TSpcSignal['rule'],
    direction: r.direction as TSpcSignal['direction'],
    runStart: String(r.run_start),
    week: String(r.week),
  }));
}

/** One open alert per signal (the unique key on the signal makes a repeat a no-op). */
export async function insertSpcAlerts(
  tx: Db,
  place: { organisationId: string; unitId: string },
  signals: TStoredSignal[],
): Promise<{ id: string; unitId: string | null; reasons: string[] }[]> {
  if (signals.length === 0) return [];
  return tx
    .insert(alerts)
    .values(
      signals.map((s) => ({
        organisationId: place.organisationId,
        kind: 'spc' as const,
        unitId: place.unitId,
        spcSignalId: s.id,
        reasons: [`spc:${s.rule}:${s.direction}:${s.metric}`],
      })),
    )
    .onConflictDoNothing()
    .returning({ id: alerts.id, unitId: alerts.unitId, reasons: alerts.reasons });
}
