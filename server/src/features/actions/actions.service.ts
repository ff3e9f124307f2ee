import type {
  TAction,
  TActionCreate,
  TActionSource,
  TActionsQuery,
  TActionUpdate,
} from '../../../../shared/src/api/actions';
import { FRAMEWORK_THEMES } from '../../../../shared/src/analysis/contract';
import { invalid, notFound } from '../../http/app-error';
import { actorOf, type TCtx } from '../../http/context';
import { recordAudit } from '../audit/audit.service';
import { resolveBoardScope } from '../board/board.service';
import { getChange } from '../changes/changes.service';
import { getOrganisationSettings, getUnitInScope, unitIdsInScope } from '../org/org.service';
import { currentFrictionTaxonomy } from '../taxonomies/taxonomies.service';
import { assertUserInOrganisation } from '../users/users.service';
import * as repo from './actions.repository';

/** Today in the organisation's time zone: the day an action is recorded as done by default. */
const localToday = (timezone: string) => new Intl.DateTimeFormat('en-CA', { timeZone: timezone }).format();

const toAction = (r: repo.TActionRow, k: number): TAction => ({
  id: r.id,
  title: r.title,
  publicDescription: r.publicDescription,
  ownerUserId: r.ownerUserId,
  ownerName: r.ownerName,
  dueDate: r.dueDate,
  status: r.status,
  doneDate: r.doneDate,
  unitIds: r.unitIds,
  source: r.source,
  // A count of fewer than k could point at one person's report; staff see "fewer than k" instead.
  linkedReports: r.linkedReports >= k ? r.linkedReports : null,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

const minGroupSize = async (ctx: TCtx) =>
  (await getOrganisationSettings(ctx.db, actorOf(ctx).organisationId)).minGroupSize;

/**
 * What the source points at, checked against the actor's scope (unknown and out-of-scope answer
 * alike, as a 400 on the field), and how its reports are found.
 */
async function planLinks(ctx: TCtx, source: TActionSource, unitIds: string[]): Promise<repo.TLinkPlan> {
  const orgId = actorOf(ctx).organisationId;
  const refused = (name: string, what: string) =>
    invalid([{ name: `source.${name}`, reason: `no such ${what} of yours` }]);
  const inScope = async (unitId: string | null, name: string, what: string) => {
    if (!unitId) throw refused(name, what);
    await getUnitInScope(ctx, unitId).catch(() => {
      throw refused(name, what);
    });
  };
  const signalSpan = async (signalId: string, name: string, what: string): Promise<repo.TLinkPlan> => {
    const signal = await repo.findSignal(ctx.db, orgId, signalId);
    if (!signal) throw refused(name, what);
    await inScope(signal.unitId, name, what);
    const to = new Date(Date.parse(`${signal.week}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
    return { kind: 'span', from: signal.runStart, to, unitIds: [signal.unitId] };
  };
  switch (source.kind) {
    case 'theme': {
      const friction = await currentFrictionTaxonomy(ctx.db, orgId);
      const known =
        (FRAMEWORK_THEMES as readonly string[]).includes(source.theme) ||
        friction.definition.themes.some((t) => t.key === source.theme);
      if (!known)
        throw invalid([{ name: 'source.theme', reason: 'not a framework theme or friction theme key' }]);
      return { kind: 'theme', theme: source.theme, unitIds };
    }
    case 'spc_signal':
      return signalSpan(source.signalId, 'signalId', 'SPC signal');
    case 'change': {
      await resolveBoardScope(ctx, { level: 'change', id: source.changeId }).catch(() => {
        throw refused('changeId', 'change');
      });
      const change = await getChange(ctx, source.changeId);
      return { kind: 'since', from: change.goLiveDate, unitIds };
    }
    case 'alert': {
      const alert = await repo.findAlert(ctx.db, orgId, source.alertId);
      if (!alert) throw refused('alertId', 'alert');
      await inScope(alert.unitId, 'alertId', 'alert');
      if (alert.spcSignalId) return signalSpan(alert.spcSignalId, 'alertId', 'alert');
      return { kind: 'responses', responseIds: alert.responseId ? [alert.responseId] : [] };
    }
    case 'comments': {
      const found = await repo.findResponseUnits(ctx.db, orgId, [...new Set(source.responseIds)]);
      const visible = await unitIdsInScope(ctx);
      if (
        found.length !== new Set(source.responseIds).size ||
        found.some((r) => !r.unitId || !visible.has(r.unitId))
      ) {
        throw refused('responseIds', 'comments');
      }
      return { kind: 'responses', responseIds: found.map((r) => r.id) };
    }
  }
}

/**
 * A quality lead records an action on units in their scope, from what they saw. The reports behind
 * it are linked in the same transaction; the audit row holds ids and counts only.
 */
export async function createAction(ctx: TCtx, input: TActionCreate): Promise<TAction> {
  const actor = actorOf(ctx);
  const unitIds = [...new Set(input.unitIds)];
  for (const unitId of unitIds) await getUnitInScope(ctx, unitId);
  if (input.ownerUserId) await assertUserInOrganisation(ctx, input.ownerUserId);
  const plan = await planLinks(ctx, input.source, unitIds);
  const org = await getOrganisationSettings(ctx.db, actor.organisationId);
  const doneDate = input.status === 'done' ? (input.doneDate ?? localToday(org.timezone)) : null;
  const id = await ctx.db.transaction(async (tx) => {
    const created = await repo.insertAction(
      tx,
      {
        organisationId: actor.organisationId,
        title: input.title,
        publicDescription: input.publicDescription,
        ownerUserId: input.ownerUserId ?? actor.userId,
        dueDate: input.dueDate ?? null,
        status: input.status,
        doneDate,
        source: input.source,
        createdBy: actor.userId,
      },
      unitIds,
    );
    const linked = await repo.linkReports(tx, created.id, plan);
    await recordAudit(
      ctx,
      {
        action: 'action.created',
        targetType: 'action',
        targetId: created.id,
        detail: { source: input.source.kind, unitIds, status: input.status, linkedReports: linked },
      },
      tx,
    );
    return created.id;
  });
  return toAction((await repo.findAction(ctx.db, actor.organisationId, id))!, org.minGroupSize);
}

/** An action the actor may see: every unit it covers is in their scope; else 404 as for a missing one. */
async function visibleAction(
  ctx: TCtx,
  id: string,
  db = ctx.db,
  forUpdate = false,
): Promise<repo.TActionRow> {
  const [row, visible] = await Promise.all([
    repo.findAction(db, actorOf(ctx).organisationId, id, { forUpdate }),
    unitIdsInScope(ctx),
  ]);
  if (!row || !row.unitIds.every((unitId) => visible.has(unitId))) throw notFound('Action not found');
  return row;
}

export async function getAction(ctx: TCtx, id: string): Promise<TAction> {
  const [row, k] = await Promise.all([visibleAction(ctx, id), minGroupSize(ctx)]);
  return toAction(row, k);
}

/** Actions whose units are all in the viewer's scope; for a change, those made from it or on its units since go-live. */
export async function listActions(ctx: TCtx, query: TActionsQuery): Promise<TAction[]> {
  const actor = actorOf(ctx);
  const visible = await unitIdsInScope(ctx);
  let unitIds: string[] | undefined;
  let keep: (r: repo.TActionRow) => boolean = () => true;
  if (query.unitId) {
    await getUnitInScope(ctx, query.unitId);
    unitIds = [query.unitId];
  }
  if (query.changeId) {
    await resolveBoardScope(ctx, { level: 'change', id: query.changeId });
    const change = await getChange(ctx, query.changeId);
    unitIds = unitIds ? unitIds.filter((id) => change.unitIds.includes(id)) : change.unitIds;
    keep = (r) =>
      (r.source.kind === 'change' && r.source.changeId === change.id) ||
      r.createdAt.toISOString().slice(0, 10) >= change.goLiveDate;
  }
  const [rows, k] = await Promise.all([
    repo.listActions(ctx.db, actor.organisationId, {
      unitIds,
      ...(query.status ? { status: query.status } : {}),
    }),
    minGroupSize(ctx),
  ]);
  return rows.filter((r) => r.unitIds.every((id) => visible.has(id)) && keep(r)).map((r) => toAction(r, k));
}

type TEditable = Pick<
  TAction,
  'title' | 'publicDescription' | 'ownerUserId' | 'dueDate' | 'status' | 'doneDate' | 'unitIds'
>;

/**
 * Edits an action the actor may see whole, to units they may see. Done without a date takes today;
 * leaving done clears the date. Audits the changed fields' names, and status and dates before and
 * after (never the texts, which may be long; they are in the row).
 */
export async function updateAction(ctx: TCtx, id: string, input: TActionUpdate): Promise<TAction> {
  const actor = actorOf(ctx);
  const unitIds = input.unitIds ? [...new Set(input.unitIds)].sort() : undefined;
  for (const unitId of unitIds ?? []) await getUnitInScope(ctx, unitId);
  if (input.ownerUserId) await assertUserInOrganisation(ctx, input.ownerUserId);
  const org = await getOrganisationSettings(ctx.db, actor.organisationId);
  await ctx.db.transaction(async (tx) => {
    const current = await visibleAction(ctx, id, tx, true);
    const status = input.status ?? current.status;
    const next: TEditable = {
      title: input.title ?? current.title,
      publicDescription: input.publicDescription ?? current.publicDescription,
      ownerUserId: input.ownerUserId ?? current.ownerUserId,
      dueDate: input.dueDate === undefined ? current.dueDate : input.dueDate,
      status,
      doneDate: status === 'done' ? (input.doneDate ?? current.doneDate ?? localToday(org.timezone)) : null,
      unitIds: unitIds ?? current.unitIds,
    };
    const changed = (Object.keys(next) as (keyof TEditable)[]).filter(
      (key) =>
        JSON.stringify(next[key]) !==
        JSON.stringify(key === 'unitIds' ? [...current.unitIds].sort() : current[key]),
    );
    if (changed.length === 0) return;
    const { unitIds: nextUnits, ...fields } = next;
    await repo.updateAction(tx, id, fields, changed.includes('unitIds') ? nextUnits : undefined);
    const dated = (row: Pick<TEditable, 'status' | 'dueDate' | 'doneDate'>) => ({
      status: row.status,
      dueDate: row.dueDate,
      doneDate: row.doneDate,
    });
    await recordAudit(
      ctx,
      {
        action: 'action.updated',
        targetType: 'action',
        targetId: id,
        detail: { fields: changed, before: dated(current), after: dated(next) },
      },
      tx,
    );
  });
  return toAction(await visibleAction(ctx, id), org.minGroupSize);
}

export async function deleteAction(ctx: TCtx, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const current = await visibleAction(ctx, id, tx, true);
    await repo.deleteAction(tx, id);
    await recordAudit(
      ctx,
      { action: 'action.deleted', targetType: 'action', targetId: id, detail: { status: current.status } },
      tx,
    );
  });
}

/** The public page address of each of the viewer's units that has one, for staff pages' links. */
export async function publicPagesOf(ctx: TCtx, unitIds: string[]): Promise<Record<string, string>> {
  const visible = await unitIdsInScope(ctx);
  const ids = await repo.readPublicIds(
    ctx.db,
    unitIds.filter((id) => visible.has(id)),
  );
  return Object.fromEntries([...ids].map(([unitId, publicId]) => [unitId, `/u/${publicId}`]));
}
