import type { TAlert, TAlertAction, TAlertsQuery } from '../../../../shared/src/api/board';
import { AppError, notFound } from '../../http/app-error';
import { scopeRows } from '../../db/scope-filter';
import { actorOf, type TCtx } from '../../http/context';
import { redisEventPublisher } from '../../realtime/live-events';
import { recordAudit } from '../audit/audit.service';
import { queryScope, resolveBoardScope } from '../board/board.service';
import { unitIdsInScope } from '../org/org.service';
import * as repo from './alerts.repository';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toAlert(r: repo.TAlertRow): TAlert {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    unitId: r.unitId,
    unitName: r.unitName,
    surveyId: r.surveyId,
    reasons: r.reasons,
    redactedText: r.redactedText,
    spc: r.spc,
    disparity: r.disparity,
    createdAt: r.createdAt.toISOString(),
    acknowledgedAt: iso(r.acknowledgedAt),
    acknowledgedBy: r.acknowledgedBy,
    resolvedAt: iso(r.resolvedAt),
    resolvedBy: r.resolvedBy,
  };
}

/**
 * Alerts in a board scope: urgent comments (redacted) and special-cause signals on units' SPC
 * charts. Urgent comments are shown whatever the small-group rule: an alert exists so that someone
 * acts on a possible safety issue today, and only quality leads and admins of the unit see it. The
 * read is audited like any view of comments.
 */
export async function listAlerts(ctx: TCtx, query: TAlertsQuery): Promise<TAlert[]> {
  const target = await resolveBoardScope(ctx, queryScope(query));
  const scope = await scopeRows(ctx.db, target.scope);
  const rows = await repo.listAlerts(ctx.db, target.organisationId, scope, query.status === 'resolved');
  await recordAudit(ctx, {
    action: 'alerts.viewed',
    targetType: 'board',
    detail: { scope: target.scope.level, status: query.status, alertIds: rows.map((r) => r.id) },
  });
  return rows.map(toAlert);
}

/** The transitions: open → acknowledged → resolved, or open → resolved. Repeating one is a no-op. */
const NEXT: Record<TAlertAction, { to: 'acknowledged' | 'resolved'; from: repo.TAlertRow['status'][] }> = {
  acknowledge: { to: 'acknowledged', from: ['open'] },
  resolve: { to: 'resolved', from: ['open', 'acknowledged'] },
};

/**
 * Acknowledges or resolves an alert of a unit in the actor's scope (alerts without a unit need
 * organisation-wide staff), audited in the same transaction; boards hear of it after the commit.
 */
export async function actOnAlert(ctx: TCtx, id: string, action: TAlertAction): Promise<TAlert> {
  const actor = actorOf(ctx);
  const visible = actor.scope.level === 'organisation' ? null : await unitIdsInScope(ctx);
  const { row, changed } = await ctx.db.transaction(async (tx) => {
    const alert = await repo.findAlert(tx, actor.organisationId, id, true);
    if (!alert || (visible && (alert.unitId === null || !visible.has(alert.unitId)))) {
      throw notFound('Alert not found');
    }
    const step = NEXT[action];
    if (alert.status === step.to) return { row: alert, changed: false };
    if (!step.from.includes(alert.status))
      throw new AppError('conflict', `The alert is already ${alert.status}`);
    await repo.setStatus(tx, id, step.to, actor.userId);
    await recordAudit(ctx, { action: `alert.${step.to}`, targetType: 'alert', targetId: id }, tx);
    return { row: (await repo.findAlert(tx, actor.organisationId, id))!, changed: true };
  });
  if (changed) {
    await redisEventPublisher(ctx.redis, ctx.config.REDIS_PREFIX, ctx.log).publish({
      type: 'alert.updated',
      organisationId: row.organisationId,
      alert: { id: row.id, unitId: row.unitId, status: row.status, reasons: row.reasons },
    });
  }
  return toAlert(row);
}
