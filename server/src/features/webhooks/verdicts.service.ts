import { sql } from 'drizzle-orm';
import { ZImpactQuery } from '../../../../shared/src/api/impact';
import { queryRows, type Db } from '../../db/client';
import { computeImpact } from '../impact/impact.service';
import { anyWebhookFor, recordWebhookEvent } from './webhooks.service';

type TChangeRow = {
  id: string;
  organisation_id: string;
  name: string;
  go_live_date: string;
  unit_ids: string[];
};

/**
 * `change.verdict_changed`: after a unit's SPC detection (debounced after its analyses), each change
 * touching the unit has its impact computed with the default windows, and every metric whose verdict
 * differs from the last one stored fires one event. The first verdict seen for a metric is stored as
 * the baseline without an event (nothing is known of what it was before). Only organisations with a
 * hook for the event pay for the computation. Rejected: comparing on every `GET /impact` (depends
 * on who looks, with what windows) and a nightly sweep (a day late).
 * Returns the ids of deliveries to enqueue.
 */
export async function detectVerdictChanges(db: Db, unitId: string): Promise<string[]> {
  const changes = await queryRows<TChangeRow>(
    db,
    sql`SELECT c.id, c.organisation_id, c.name, c.go_live_date::text AS go_live_date,
          array(SELECT cu2.unit_id FROM change_units cu2 WHERE cu2.change_id = c.id) AS unit_ids
        FROM changes c JOIN change_units cu ON cu.change_id = c.id WHERE cu.unit_id = ${unitId}`,
  );
  const deliveries: string[] = [];
  for (const change of changes) {
    if (!(await anyWebhookFor(db, change.organisation_id, 'change.verdict_changed'))) continue;
    const impact = await computeImpact(
      db,
      {
        organisationId: change.organisation_id,
        id: change.id,
        name: change.name,
        unitIds: change.unit_ids,
        anchorDate: change.go_live_date,
      },
      ZImpactQuery.parse({}),
    );
    const stored = new Map(
      (
        await queryRows<{ metric_key: string; verdict: string }>(
          db,
          sql`SELECT metric_key, verdict FROM change_verdicts WHERE change_id = ${change.id}`,
        )
      ).map((r) => [r.metric_key, r.verdict]),
    );
    const subjects: { subjectId: string; eventKey: string }[] = [];
    for (const m of impact.metrics) {
      const previous = stored.get(m.key);
      if (previous === m.verdict) continue;
      await db.execute(sql`INSERT INTO change_verdicts (change_id, metric_key, verdict) VALUES (${change.id}, ${m.key}, ${m.verdict})
        ON CONFLICT (change_id, metric_key) DO UPDATE SET verdict = excluded.verdict, updated_at = now()`);
      if (previous !== undefined) {
        subjects.push({ subjectId: change.id, eventKey: `${m.key}|${previous}|${m.verdict}|${Date.now()}` });
      }
    }
    deliveries.push(
      ...(await recordWebhookEvent(db, change.organisation_id, 'change.verdict_changed', subjects)),
    );
  }
  return deliveries;
}
