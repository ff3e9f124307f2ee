import type { TScope } from '../../../../shared/src/api/auth';
import type {
  TAnalysisSettings,
  TDepartmentCreate,
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
    departments: deptRows
      .filter((d) => d.siteId === s.id)
      .map((d) => ({
        ...d,
        units: unitRows
          .filter(
            (u) =>
              u.departmentId === d.id &&
              scopeCovers(actor.scope, { siteId: s.id, departmentId: d.id, unitId: u.id }),
          )
          .map(({ youSaidWeDidUrl, ...u }) => (youSaidWeDidUrl ? { ...u, youSaidWeDidUrl } : u)),
      }))
      .filter((d) => d.units.length > 0 || scopeCovers(actor.scope, { siteId: s.id, departmentId: d.id })),
  }));
  return {
    id: org.id,
    name: org.name,
    sites: sites.filter((s) => s.departments.length > 0 || scopeCovers(actor.scope, { siteId: s.id })),
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

/**
 * Changes a unit's details. Unlike the structure, staff who may edit the organisation may do this
 * for any unit in their scope: a ward's "You said, we did" page is the ward's business.
 */
export async function updateUnit(ctx: TCtx, unitId: string, input: TUnitUpdate) {
  await getUnitInScope(ctx, unitId);
  const { youSaidWeDidUrl, ...unit } = await repo.updateUnit(ctx.db, unitId, input);
  await recordAudit(ctx, {
    action: 'org.unit_updated',
    targetType: 'unit',
    targetId: unit.id,
    detail: { fields: Object.keys(input) },
  });
  return youSaidWeDidUrl ? { ...unit, youSaidWeDidUrl } : unit;
}
