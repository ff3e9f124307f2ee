import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';
import { scopeFilter, type TScopeRows } from '../../db/scope-filter';

export type TAlertRow = {
  id: string;
  organisationId: string;
  status: 'open' | 'acknowledged' | 'resolved';
  unitId: string | null;
  unitName: string | null;
  surveyId: string;
  reasons: string[];
  redactedText: string;
  createdAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  resolvedAt: Date | null;
  resolvedBy: string | null;
};

const SELECT_ALERT = sql`
  SELECT a.id, a.organisation_id, a.status, a.unit_id, un.name AS unit_name, a.survey_id, a.reasons,
    ca.redacted_text, a.created_at, a.acknowledged_at, ack.name AS acknowledged_by, a.resolved_at,
    res.name AS resolved_by
  FROM alerts a
  JOIN responses r ON r.id = a.response_id
  JOIN comment_analyses ca ON ca.response_id = a.response_id AND ca.link_id = a.link_id
  LEFT JOIN units un ON un.id = a.unit_id
  LEFT JOIN users ack ON ack.id = a.acknowledged_by
  LEFT JOIN users res ON res.id = a.resolved_by`;

const date = (v: unknown) => (v === null || v === undefined ? null : new Date(String(v)));

function toRow(r: Record<string, unknown>): TAlertRow {
  return {
    id: String(r.id),
    organisationId: String(r.organisation_id),
    status: r.status as TAlertRow['status'],
    unitId: r.unit_id === null ? null : String(r.unit_id),
    unitName: r.unit_name === null ? null : String(r.unit_name),
    surveyId: String(r.survey_id),
    reasons: r.reasons as string[],
    redactedText: String(r.redacted_text),
    createdAt: new Date(String(r.created_at)),
    acknowledgedAt: date(r.acknowledged_at),
    acknowledgedBy: r.acknowledged_by === null ? null : String(r.acknowledged_by),
    resolvedAt: date(r.resolved_at),
    resolvedBy: r.resolved_by === null ? null : String(r.resolved_by),
  };
}

/** Alerts of the organisation in a board scope, newest first (resolved ones: the latest 100). */
export async function listAlerts(
  db: Db,
  organisationId: string,
  scope: TScopeRows,
  resolved: boolean,
): Promise<TAlertRow[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`${SELECT_ALERT}
      WHERE a.organisation_id = ${organisationId} AND ${scopeFilter(scope, 'r')}
        AND ${resolved ? sql`a.status = 'resolved'` : sql`a.status <> 'resolved'`}
      ORDER BY a.created_at DESC, a.id
      LIMIT ${resolved ? 100 : 500}`,
  );
  return rows.map(toRow);
}

export async function findAlert(
  db: Db,
  organisationId: string,
  id: string,
  lock = false,
): Promise<TAlertRow | null> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`${SELECT_ALERT} WHERE a.organisation_id = ${organisationId} AND a.id = ${id}
      ${lock ? sql`FOR UPDATE OF a` : sql``}`,
  );
  return rows[0] ? toRow(rows[0]) : null;
}

export async function setStatus(
  db: Db,
  id: string,
  status: 'acknowledged' | 'resolved',
  userId: string,
): Promise<void> {
  await db.execute(
    status === 'acknowledged'
      ? sql`UPDATE alerts SET status = 'acknowledged', acknowledged_at = now(), acknowledged_by = ${userId}
          WHERE id = ${id}`
      : sql`UPDATE alerts SET status = 'resolved', resolved_at = now(), resolved_by = ${userId},
          acknowledged_at = coalesce(acknowledged_at, now()), acknowledged_by = coalesce(acknowledged_by, ${userId})
          WHERE id = ${id}`,
  );
}
