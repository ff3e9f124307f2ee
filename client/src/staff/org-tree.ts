import type { TOrgTree } from '../../../shared/src/api/org';

export type TSite = TOrgTree['sites'][number];
export type TDepartment = TSite['departments'][number];
export type TUnit = TDepartment['units'][number];

/**
 * Names for every site, department and unit id, as a path ("Site › Department › Unit"), for lists,
 * options and links. Names alone repeat across sites (every site has a "Ward 7"); paths do not.
 */
export function placeNames(org: TOrgTree | null): Map<string, string> {
  const names = new Map<string, string>();
  for (const site of org?.sites ?? []) {
    names.set(site.id, site.name);
    for (const department of site.departments) {
      names.set(department.id, `${site.name} › ${department.name}`);
      for (const unit of department.units)
        names.set(unit.id, `${site.name} › ${department.name} › ${unit.name}`);
    }
  }
  return names;
}

/** Every department with its site, in tree order: the groups of unit pickers. */
export function departmentsOf(org: TOrgTree | null): { site: TSite; department: TDepartment }[] {
  return (org?.sites ?? []).flatMap((site) => site.departments.map((department) => ({ site, department })));
}

/**
 * The tree as pickers offer it: retired sites, departments and units left out (they keep their
 * history, and lists of what exists still name them, through `placeNames`). Ids in `keep` stay, with
 * the places above them, so an edit does not silently drop what a record already names.
 */
export function activeTree(org: TOrgTree | null, keep: Iterable<string> = []): TOrgTree | null {
  if (!org) return null;
  const kept = new Set(keep);
  const offered = (place: { id: string; retired?: true }): boolean => !place.retired || kept.has(place.id);
  const sites = org.sites.map((site) => ({
    ...site,
    departments: site.departments
      .map((department) => ({ ...department, units: department.units.filter(offered) }))
      .filter((department) => offered(department) || department.units.length > 0),
  }));
  return { ...org, sites: sites.filter((site) => offered(site) || site.departments.length > 0) };
}
