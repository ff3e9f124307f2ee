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
