import type { TScope } from '../../../../shared/src/api/auth';
import type {
  TAnalysisSettings,
  TConcernContact,
  TDepartmentCreate,
  TPlaceUpdate,
  TOrgTree,
  TSiteCreate,
  TUnitCreate,
  TUnitUpdate,
} from '../../../../shared/src/api/org';
import type { TPrivacySettings } from '../../../../shared/src/api/board';
import type { Db } from '../../db/client';
import { forbidden, invalid, notFound } from '../../http/app-error';
import { actorOf, type TCtx } from '../../http/context';
import { recordAudit } from '../audit/audit.service';
import * as repo from './org.repository';

type TPlace = { siteId: string; departmentId?: string; unitId?: string };

/** Whether a place in the organisation lies inside a staff scope (or a board's place scope). */
export function scopeCovers(scope: TScope, place: TPlace): boolean {
  switch (scope.level) {
    case 'organisation':
      return true;
    case 'site':
      return place.siteId === scope.id;
    case 'department':
      return place.departmentId === scope.id;
    case 'unit':
      return place.unitId === scope.id;
  }
}

/**
 * The unit, if it exists in the actor's organisation and scope. "Missing" and "not yours" answer the
 * same, so ids from elsewhere reveal nothing.
 */
export async function getUnitInScope(ctx: TCtx, unitId: string): Promise<repo.TUnitPlace> {
  const actor = actorOf(ctx);
  const place = await repo.findUnitPlace(ctx.db, unitId);
  if (!place || place.organisationId !== actor.organisationId || !scopeCovers(actor.scope, place)) {
    throw notFound('Unit not found');
  }
  return place;
}

/**
 * The unit, as `getUnitInScope`, for something new to name (a link): a retired unit keeps its
 * history but takes nothing new, so it is refused by the field that names it.
 */
export async function getActiveUnitInScope(ctx: TCtx, unitId: string, field = 'unitId') {
  const place = await getUnitInScope(ctx, unitId);
  if (place.retired) throw invalid([{ name: field, reason: 'the unit is retired' }]);
  return place;
}

/** Units of the organisation a link or change may name with no unit: only organisation-wide staff. */
export function assertOrganisationWide(ctx: TCtx): void {
  if (actorOf(ctx).scope.level !== 'organisation') {
    throw forbidden('Only organisation-wide staff can act for the whole organisation; choose a unit');
  }
}

/**
 * The name of a site, department or unit, if it is in the actor's organisation and scope. A place
 * above the actor's own scope (a site, for a ward's lead) is outside it.
 */
export async function getPlaceInScope(
  ctx: TCtx,
  level: 'site' | 'department' | 'unit',
  id: string,
): Promise<{ name: string }> {
  const actor = actorOf(ctx);
  const place =
    level === 'site'
      ? await repo.findSite(ctx.db, id).then((s) => s && { ...s, siteId: s.id })
      : level === 'department'
        ? await repo.findDepartment(ctx.db, id).then((d) => d && { ...d, departmentId: d.id })
        : await repo.findUnitPlace(ctx.db, id).then((u) => u && { ...u, name: u.unitName });
  if (!place || place.organisationId !== actor.organisationId || !scopeCovers(actor.scope, place)) {
    throw notFound(`${level[0]!.toUpperCase()}${level.slice(1)} not found`);
  }
  return { name: place.name };
}

/** Where a unit sits, for routing live events; units never move, so callers may cache it. */
export const findUnitPlace = repo.findUnitPlace;

export async function getOrganisationSettings(db: Db, organisationId: string) {
  const settings = await repo.findOrganisationSettings(db, organisationId);
  if (!settings) throw notFound('Organisation not found');
  return settings;
}

const ownSettings = (ctx: TCtx) => getOrganisationSettings(ctx.db, actorOf(ctx).organisationId);

/** Stores settings of the whole organisation (organisation-wide staff only) and audits the values. */
async function saveSettings<T extends TPrivacySettings | TAnalysisSettings>(
  ctx: TCtx,
  input: T,
  action: 'org.privacy_updated' | 'org.analysis_updated',
): Promise<T> {
  assertOrganisationWide(ctx);
  await repo.updateSettings(ctx.db, actorOf(ctx).organisationId, input);
  await recordAudit(ctx, { action, targetType: 'organisation', detail: { ...input } });
  return input;
}

export async function getPrivacy(ctx: TCtx): Promise<TPrivacySettings> {
  const { minGroupSize, minCommentGroupSize } = await ownSettings(ctx);
  return { minGroupSize, minCommentGroupSize };
}

/** Admins set the small-group thresholds; boards apply them from their next figures. */
export async function updatePrivacy(ctx: TCtx, input: TPrivacySettings): Promise<TPrivacySettings> {
  return saveSettings(ctx, input, 'org.privacy_updated');
}

export async function getAnalysis(ctx: TCtx): Promise<TAnalysisSettings> {
  const { historyYears, impactMinEffect } = await ownSettings(ctx);
  return { historyYears, impactMinEffect };
}

/**
 * Admins set how far back imports may reach and the smallest change worth acting on. Both apply from
 * the next import or impact read; history already imported stays, even if older than a new limit.
 */
export async function updateAnalysis(ctx: TCtx, input: TAnalysisSettings): Promise<TAnalysisSettings> {
  return saveSettings(ctx, input, 'org.analysis_updated');
}

/** Ids of the organisation's units inside the actor's scope. */
export async function unitIdsInScope(ctx: TCtx): Promise<Set<string>> {
  const actor = actorOf(ctx);
  const places = await repo.listUnitPlaces(ctx.db, actor.organisationId);
  return new Set(places.filter((p) => scopeCovers(actor.scope, p)).map((p) => p.unitId));
}

/** Refuses a scope naming a site, department or unit that is not in the actor's organisation. */
export async function assertScopeInOrganisation(ctx: TCtx, scope: TScope): Promise<void> {
  if (scope.level === 'organisation') return;
  const found =
    scope.level === 'site'
      ? await repo.findSite(ctx.db, scope.id)
      : scope.level === 'department'
        ? await repo.findDepartment(ctx.db, scope.id)
        : await repo.findUnitPlace(ctx.db, scope.id);
  if (!found || found.organisationId !== actorOf(ctx).organisationId) {
    throw invalid([{ name: 'scope.id', reason: `no such ${scope.level} in this organisation` }]);
  }
}

export async function getTree(ctx: TCtx): Promise<TOrgTree> {
  const actor = actorOf(ctx);
  const { org, siteRows, deptRows, unitRows } = await repo.listOrganisationTree(ctx.db, actor.organisationId);
  if (!org) throw notFound('Organisation not found');
  const sites = siteRows.map((s) => ({
    id: s.id,
    name: s.name,
    ...retiredMark(s.retiredAt),
    departments: deptRows
      .filter((d) => d.siteId === s.id)
      .map(({ retiredAt, ...d }) => ({
        ...d,
        ...retiredMark(retiredAt ?? s.retiredAt),
        units: unitRows
          .filter(
            (u) =>
              u.departmentId === d.id &&
              scopeCovers(actor.scope, { siteId: s.id, departmentId: d.id, unitId: u.id }),
          )
          .map((u) => treeUnit(u, retiredAt ?? s.retiredAt)),
      }))
      .filter((d) => d.units.length > 0 || scopeCovers(actor.scope, { siteId: s.id, departmentId: d.id })),
  }));
  return {
    id: org.id,
    name: org.name,
    sites: sites.filter((s) => s.departments.length > 0 || scopeCovers(actor.scope, { siteId: s.id })),
  };
}

const retiredMark = (at: Date | null): { retired?: true } => (at ? { retired: true } : {});

/** A unit as the tree shows it: optional fields only when set; retired when it or a parent is. */
function treeUnit(
  u: {
    id: string;
    name: string;
    departmentId: string;
    youSaidWeDidUrl: string | null;
    concernPhone: string | null;
    concernUrl: string | null;
    retiredAt: Date | null;
  },
  parentRetiredAt: Date | null = null,
) {
  return {
    id: u.id,
    name: u.name,
    departmentId: u.departmentId,
    ...(u.youSaidWeDidUrl ? { youSaidWeDidUrl: u.youSaidWeDidUrl } : {}),
    ...(u.concernPhone ? { concernPhone: u.concernPhone } : {}),
    ...(u.concernUrl ? { concernUrl: u.concernUrl } : {}),
    ...retiredMark(u.retiredAt ?? parentRetiredAt),
  };
}

// The organisation's structure is changed only by organisation-wide administrators.
export async function createSite(ctx: TCtx, input: TSiteCreate) {
  assertOrganisationWide(ctx);
  const site = await repo.insertSite(ctx.db, actorOf(ctx).organisationId, input.name);
  await recordAudit(ctx, { action: 'org.site_created', targetType: 'site', targetId: site.id });
  return site;
}

export async function createDepartment(ctx: TCtx, input: TDepartmentCreate) {
  assertOrganisationWide(ctx);
  const site = await repo.findSite(ctx.db, input.siteId);
  if (!site || site.organisationId !== actorOf(ctx).organisationId) throw notFound('Site not found');
  const dept = await repo.insertDepartment(ctx.db, site.id, input.name);
  await recordAudit(ctx, { action: 'org.department_created', targetType: 'department', targetId: dept.id });
  return dept;
}

export async function createUnit(ctx: TCtx, input: TUnitCreate) {
  assertOrganisationWide(ctx);
  const dept = await repo.findDepartment(ctx.db, input.departmentId);
  if (!dept || dept.organisationId !== actorOf(ctx).organisationId) throw notFound('Department not found');
  const unit = await repo.insertUnit(ctx.db, dept.id, input.name);
  await recordAudit(ctx, { action: 'org.unit_created', targetType: 'unit', targetId: unit.id });
  return unit;
}

/** The fields of `input` whose values differ from `before`, before and after, for the audit trail. */
function beforeAfter<T extends Record<string, unknown>>(before: T, after: Partial<T>) {
  const keys = (Object.keys(after) as (keyof T & string)[]).filter((k) => after[k] !== before[k]);
  return {
    before: Object.fromEntries(keys.map((k) => [k, before[k]])),
    after: Object.fromEntries(keys.map((k) => [k, after[k]])),
  };
}

const retiredChange = (retired: boolean | undefined, was: Date | null) =>
  retired === undefined || retired === (was !== null) ? {} : { retiredAt: retired ? new Date() : null };

/**
 * Changes a unit's details. Its pages and contacts may be set by staff who may edit the organisation,
 * for any unit in their scope (a ward's "You said, we did" page is the ward's business); renaming and
 * retiring change the structure, so, as creating, only organisation-wide staff. A retired unit keeps
 * its responses and rollups, so every figure still counts it; it only leaves the pickers. Audited
 * with the changed fields before and after.
 */
export async function updateUnit(ctx: TCtx, unitId: string, input: TUnitUpdate) {
  await getUnitInScope(ctx, unitId);
  if (input.name !== undefined || input.retired !== undefined) assertOrganisationWide(ctx);
  const current = await repo.findUnit(ctx.db, unitId);
  if (!current) throw notFound('Unit not found');
  const { retired, ...fields } = input;
  const updated = await repo.updateUnit(ctx.db, unitId, {
    ...fields,
    ...retiredChange(retired, current.retiredAt),
  });
  const view = (u: typeof current) => ({
    name: u.name,
    retired: u.retiredAt !== null,
    youSaidWeDidUrl: u.youSaidWeDidUrl,
    concernPhone: u.concernPhone,
    concernUrl: u.concernUrl,
  });
  const changed = beforeAfter(view(current), view(updated));
  await recordAudit(ctx, {
    action: 'org.unit_updated',
    targetType: 'unit',
    targetId: unitId,
    detail: { fields: Object.keys(input), ...changed },
  });
  return treeUnit(updated);
}

/**
 * Renames or retires a site or department (organisation-wide staff only). Retiring one takes its
 * units out of every picker with it; their history stays and keeps counting. Audited before/after.
 */
export async function updatePlace(
  ctx: TCtx,
  level: 'site' | 'department',
  id: string,
  input: TPlaceUpdate,
): Promise<{ id: string; name: string; retired?: true }> {
  assertOrganisationWide(ctx);
  const current = level === 'site' ? await repo.findSite(ctx.db, id) : await repo.findDepartment(ctx.db, id);
  if (!current || current.organisationId !== actorOf(ctx).organisationId) {
    throw notFound(`${level === 'site' ? 'Site' : 'Department'} not found`);
  }
  const changes = {
    ...(input.name === undefined ? {} : { name: input.name }),
    ...retiredChange(input.retired, current.retiredAt),
  };
  if (level === 'site') await repo.updateSite(ctx.db, id, changes);
  else await repo.updateDepartment(ctx.db, id, changes);
  const was = { name: current.name, retired: current.retiredAt !== null };
  const now = {
    name: input.name ?? current.name,
    retired: input.retired ?? was.retired,
  };
  await recordAudit(ctx, {
    action: level === 'site' ? 'org.site_updated' : 'org.department_updated',
    targetType: level,
    targetId: id,
    detail: beforeAfter(was, now),
  });
  return { id, name: now.name, ...(now.retired ? { retired: true as const } : {}) };
}

/** The organisation's contact for raising a concern now, for units without their own. */
export async function getConcernContact(ctx: TCtx): Promise<TConcernContact> {
  const found = await repo.findConcernContact(ctx.db, actorOf(ctx).organisationId);
  if (!found) throw notFound('Organisation not found');
  return found;
}

/** Admins set it for the whole organisation; audited before and after. */
export async function updateConcernContact(ctx: TCtx, input: TConcernContact): Promise<TConcernContact> {
  assertOrganisationWide(ctx);
  const before = await getConcernContact(ctx);
  await repo.updateConcernContact(ctx.db, actorOf(ctx).organisationId, input);
  await recordAudit(ctx, {
    action: 'org.concern_contact_updated',
    targetType: 'organisation',
    detail: beforeAfter(before, input),
  });
  return input;
}
