import type { TCtx } from '../../http/context';
import type { Db } from '../../db/client';
import { auditLog } from '../../db/schema';

export type TAuditEntry = {
  action: string;
  targetType?: string;
  targetId?: string;
  /** Ids and counts only: never answers, comments, names or tokens. */
  detail?: Record<string, unknown>;
  organisationId?: string;
  actorUserId?: string | null;
};

/**
 * Writes one audit row. Pass the transaction when the audited change is transactional, so the trail
 * and the change commit together.
 */
export async function recordAudit(ctx: TCtx, entry: TAuditEntry, db: Db = ctx.db): Promise<void> {
  await db.insert(auditLog).values({
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    detail: entry.detail ?? null,
    organisationId: entry.organisationId ?? ctx.actor?.organisationId ?? null,
    actorUserId: entry.actorUserId === undefined ? (ctx.actor?.userId ?? null) : entry.actorUserId,
    requestId: ctx.requestId,
  });
}
