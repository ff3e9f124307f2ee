import type { TChange, TChangeCreate, TChangeUpdate } from '../../../../shared/src/api/org';
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

type TChangeFields = Pick<TChange, 'name' | 'kind' | 'description' | 'goLiveDate' | 'unitIds'>;

/** The edited fields whose values differ from `before`; unit ids compare as sets, sorted. */
function changedFields(before: TChangeFields, input: TChangeUpdate): Partial<TChangeFields> {
  const changed: Partial<TChangeFields> = {};
  for (const key of ['name', 'kind', 'description', 'goLiveDate'] as const) {
    const value = input[key];
    if (value !== undefined && value !== before[key]) Object.assign(changed, { [key]: value });
  }
  if (input.unitIds) {
    const after = [...new Set(input.unitIds)].sort();
    if (after.join() !== [...before.unitIds].sort().join()) changed.unitIds = after;
  }
  return changed;
}

/**
 * Edits a change the actor may see whole: every unit it touches and every unit it moves to must be in
 * their scope, else 404 as for a missing change. Audits the changed fields before and after (names,
 * dates, unit ids); an edit that changes nothing writes nothing. Impact figures follow on their own.
 */
export async function updateChange(ctx: TCtx, id: string, input: TChangeUpdate): Promise<TChange> {
  const actor = actorOf(ctx);
  const visible = await unitIdsInScope(ctx);
  for (const unitId of new Set(input.unitIds)) await getUnitInScope(ctx, unitId);
  const row = await ctx.db.transaction(async (tx) => {
    const current = await repo.findChange(tx, actor.organisationId, id, { forUpdate: true });
    if (!current || !current.unitIds.every((unitId) => visible.has(unitId))) {
      throw notFound('Change not found');
    }
    const after = changedFields(current, input);
    const keys = Object.keys(after) as (keyof TChangeFields)[];
    if (keys.length === 0) return current;
    const { unitIds, ...fields } = after;
    await repo.updateChange(tx, id, fields, unitIds);
    const was = { ...current, unitIds: [...current.unitIds].sort() };
    const before = Object.fromEntries(keys.map((key) => [key, was[key]]));
    await recordAudit(
      ctx,
      { action: 'change.updated', targetType: 'change', targetId: id, detail: { before, after } },
      tx,
    );
    return { ...current, ...fields, unitIds: unitIds ?? current.unitIds };
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
