import { sql } from 'drizzle-orm';
import type { TImpactGroup } from '../../../../shared/src/api/impact';
import { queryRows, type Db } from '../../db/client';
import type { TEventPublisher } from '../../realtime/live-events';

export type TDisparityChange = { organisationId: string; changeId: string; unitIds: string[] };

/**
 * Raises a disparity alert for each group a change left worse off (`disparity` on the impact's
 * groups: worse after correction, with an interaction that holds after correction), at most once
 * per change, dimension and group whatever the metric or how often the impact is read: the finding
 * is stored under a unique key and the alert under a unique key on the finding, in one
 * transaction. Where one group is worse on several metrics the strongest interaction is recorded.
 * The alert belongs to the change's first unit (by id) for the live push; the alert list shows it
 * in every scope holding any of the change's units. Published after the commit.
 */
export async function raiseDisparityAlerts(
  db: Db,
  events: TEventPublisher,
  change: TDisparityChange,
  groups: readonly TImpactGroup[],
): Promise<string[]> {
  const strongest = new Map<string, TImpactGroup>();
  for (const g of groups) {
    if (!g.disparity) continue;
    const key = `${g.dimension}\u0000${g.group}`;
    const seen = strongest.get(key);
    if (!seen || (g.interactionQ ?? 1) < (seen.interactionQ ?? 1)) strongest.set(key, g);
  }
  if (strongest.size === 0 || change.unitIds.length === 0) return [];
  const unitId = [...change.unitIds].sort()[0]!;
  const raised = await db.transaction(async (tx) => {
    const alerts: { id: string; reasons: string[] }[] = [];
    for (const g of strongest.values()) {
      const figures = {
        dimension: g.dimension,
        group: g.group,
        metric: g.key,
        estimate: g.difference!.estimate,
        low: g.difference!.low,
        high: g.difference!.high,
        interactionP: g.interactionP,
        q: g.q,
      };
      const [finding] = await queryRows<{ id: string }>(
        tx,
        sql`INSERT INTO disparity_findings (organisation_id, change_id, dimension, "group", metric, figures)
          VALUES (${change.organisationId}, ${change.changeId}, ${g.dimension}, ${g.group}, ${g.key},
            ${JSON.stringify(figures)}::jsonb)
          ON CONFLICT (change_id, dimension, "group") DO NOTHING
          RETURNING id`,
      );
      if (!finding) continue;
      const reasons = [`disparity:${g.dimension}:${g.group}:${g.key}`];
      const [alert] = await queryRows<{ id: string }>(
        tx,
        sql`INSERT INTO alerts (organisation_id, kind, unit_id, disparity_id, reasons)
          VALUES (${change.organisationId}, 'disparity', ${unitId}, ${finding.id}, ARRAY[${reasons[0]!}]::text[])
          ON CONFLICT (disparity_id) DO NOTHING
          RETURNING id`,
      );
      if (alert) alerts.push({ id: alert.id, reasons });
    }
    return alerts;
  });
  for (const a of raised) {
    await events.publish({
      type: 'alert.raised',
      organisationId: change.organisationId,
      alert: { id: a.id, unitId, reasons: a.reasons },
    });
  }
  return raised.map((a) => a.id);
}
