import { sql, type SQL } from 'drizzle-orm';
import type { TAlertDisparity, TAlertSpcSignal } from '../../../../shared/src/api/board';
import { queryRows, type Db } from '../../db/client';
import { scopeFilter, type TScopeRows } from '../../db/scope-filter';

export type TAlertRow = {
  id: string;
  organisationId: string;
  kind: 'comment' | 'spc' | 'disparity';
  status: 'open' | 'acknowledged' | 'resolved';
  unitId: string | null;
  unitName: string | null;
  surveyId: string | null;
  reasons: string[];
  redactedText: string | null;
  spc: TAlertSpcSignal | null;
  disparity: TAlertDisparity | null;
  createdAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  resolvedAt: Date | null;
  resolvedBy: string | null;
};

/** Comment alerts bring their comment; SPC alerts their signal. */
const SELECT_ALERT = sql`
  SELECT a.id, a.organisation_id, a.kind, a.status, a.unit_id, un.name AS unit_name, a.survey_id, a.reasons,
    ca.redacted_text, sg.metric, sg.rule, sg.direction, sg.run_start::text AS run_start, sg.week::text AS week,
    a.created_at, a.acknowledged_at, ack.name AS acknowledged_by, a.resolved_at, res.name AS resolved_by,
    df.change_id AS disparity_change_id, dc.name AS disparity_change_name, df.figures AS disparity_figures
  FROM alerts a
  LEFT JOIN responses r ON r.id = a.response_id
  LEFT JOIN comment_analyses ca ON ca.response_id = a.response_id AND ca.link_id = a.link_id
  LEFT JOIN spc_signals sg ON sg.id = a.spc_signal_id
  LEFT JOIN disparity_findings df ON df.id = a.disparity_id
  LEFT JOIN changes dc ON dc.id = df.change_id
  LEFT JOIN units un ON un.id = a.unit_id
  LEFT JOIN users ack ON ack.id = a.acknowledged_by
  LEFT JOIN users res ON res.id = a.resolved_by`;

const date = (v: unknown) => (v === null || v === undefined ? null : new Date(String(v)));
const text = (v: unknown) => (v === null || v === undefined ? null : String(v));

function toRow(r: Record<string, unknown>): TAlertRow {
  const kind = r.kind === 'spc' || r.kind === 'disparity' ? r.kind : 'comment';
  return {
    id: String(r.id),
    organisationId: String(r.organisation_id),
    kind,
    status: r.status as TAlertRow['status'],
    unitId: text(r.unit_id),
    unitName: text(r.unit_name),
    surveyId: text(r.survey_id),
    reasons: r.reasons as string[],
    redactedText: text(r.redacted_text),
    spc:
      kind === 'spc' && r.metric !== null
        ? ({
            metric: r.metric,
            rule: r.rule,
            direction: r.direction,
            runStart: r.run_start,
            week: r.week,
          } as TAlertSpcSignal)
        : null,
    disparity:
      kind === 'disparity' && r.disparity_change_id
        ? ({
            ...(r.disparity_figures as object),
            changeId: String(r.disparity_change_id),
            changeName: String(r.disparity_change_name),
          } as TAlertDisparity)
        : null,
    createdAt: new Date(String(r.created_at)),
    acknowledgedAt: date(r.acknowledged_at),
    acknowledgedBy: text(r.acknowledged_by),
    resolvedAt: date(r.resolved_at),
    resolvedBy: text(r.resolved_by),
  };
}

/**
 * Alerts inside a board scope. A comment alert is in the scope its response is in (as the board's
 * comments); an SPC alert belongs to a unit, so it is in the places holding the unit and in the
 * changes touching it, and in no survey's scope (its chart spans every survey of the unit).
 */
function inScope(scope: TScopeRows): SQL {
  const spc =
    scope.kind === 'change'
      ? sql`EXISTS (SELECT 1 FROM change_units cu WHERE cu.change_id = ${scope.id} AND cu.unit_id = a.unit_id)`
      : scope.kind === 'survey'
        ? sql`FALSE`
        : scopeFilter(scope, 'a');
  // A disparity alert belongs to a change: in the change's scope and in the places holding its units.
  const disparity =
    scope.kind === 'change'
      ? sql`df.change_id = ${scope.id}`
      : scope.kind === 'survey'
        ? sql`FALSE`
        : sql`EXISTS (SELECT 1 FROM change_units cu WHERE cu.change_id = df.change_id AND ${scopeFilter(scope, 'cu')})`;
  return sql`((a.kind = 'comment' AND ca.response_id IS NOT NULL AND ${scopeFilter(scope, 'r')})
    OR (a.kind = 'spc' AND ${spc}) OR (a.kind = 'disparity' AND ${disparity}))`;
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
      WHERE a.organisation_id = ${organisationId} AND ${inScope(scope)}
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
