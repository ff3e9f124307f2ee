import type { TChange, TChangeCreate } from '../../../../shared/src/api/org';
import { notFound } from '../../http/app-error';
import { actorOf, type TCtx } from '../../http/context';
import { recordAudit } from '../audit/audit.service';
import { getUnitInScope, unitIdsInScope } from '../org/org.service';
import { assertUserInOrganisation } from '../users/users.service';
import * as repo from './changes.repository';

const toChange = (r: repo.TChangeRow): TChange => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  description: r.description,
  unitIds: r.unitIds,
  goLiveDate: r.goLiveDate,
  ownerUserId: r.ownerUserId,
  createdAt: r.createdAt.toISOString(),
});

export async function createChange(ctx: TCtx, input: TChangeCreate): Promise<TChange> {
  const actor = actorOf(ctx);
  const unitIds = [...new Set(input.unitIds)];
  for (const unitId of unitIds) await getUnitInScope(ctx, unitId);
  if (input.ownerUserId) await assertUserInOrganisation(ctx, input.ownerUserId);
  const row = await ctx.db.transaction(async (tx) => {
    const created = await repo.insertChange(
      tx,
      {
        organisationId: actor.organisationId,
        name: input.name,
        kind: input.kind,
        description: input.description,
        goLiveDate: input.goLiveDate,
        ownerUserId: input.ownerUserId ?? actor.userId,
      },
      unitIds,
    );
    await recordAudit(ctx, { action: 'change.created', targetType: 'change', targetId: created.id }, tx);
    return created;
  });
  return toChange(row);
}

/** The changes touching at least one unit in the actor's scope. */
export async function listChanges(ctx: TCtx): Promise<TChange[]> {
  const [rows, visible] = await Promise.all([
    repo.listChanges(ctx.db, actorOf(ctx).organisationId),
    unitIdsInScope(ctx),
  ]);
  return rows.filter((r) => r.unitIds.some((id) => visible.has(id))).map(toChange);
}

/** A change of the actor's organisation, for links and boards. */
export async function getChange(ctx: TCtx, id: string): Promise<TChange> {
  const row = await repo.findChange(ctx.db, actorOf(ctx).organisationId, id);
  if (!row) throw notFound('Change not found');
  return toChange(row);
}
