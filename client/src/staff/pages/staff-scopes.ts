import type { TRole, TScope } from '../../../../shared/src/api/auth';
import type { TOrgTree } from '../../../../shared/src/api/org';
import { h } from '../../common/dom';
import { activeTree, placeNames } from '../org-tree';

/** Roles as staff read them, with what each may do. */
export const ROLES: Record<TRole, { label: string; hint: string }> = {
  admin: {
    label: 'Administrator',
    hint: 'Sets up the organisation and staff accounts, and can do all a quality lead does.',
  },
  quality_lead: {
    label: 'Quality lead',
    hint: 'Builds and publishes surveys, makes links and records technology changes.',
  },
  clinician: { label: 'Clinician', hint: 'Reads surveys and feedback; for clinical staff.' },
  viewer: { label: 'Viewer', hint: 'Reads surveys and feedback, and changes nothing.' },
};

const LEVEL_SUFFIX = { site: ' (whole site)', department: ' (whole department)', unit: '' };

export function describeScope(scope: TScope, names: Map<string, string>): string {
  if (scope.level === 'organisation') return 'Whole organisation';
  return `${names.get(scope.id) ?? `A ${scope.level}`}${LEVEL_SUFFIX[scope.level]}`;
}

/** `organisation`, or `<level>:<id>` as the scope picker's option values hold them. */
export function parseScope(value: string): TScope | null {
  if (value === 'organisation') return { level: 'organisation' };
  const [level, id] = value.split(':');
  if ((level === 'site' || level === 'department' || level === 'unit') && id) return { level, id };
  return null;
}

/** Retired places are not offered, except those in `keep` (an account's current scope). */
export function scopeOptions(org: TOrgTree | null, keep: string[] = []): HTMLElement[] {
  const names = placeNames(org);
  const option = (scope: TScope & { id: string }): HTMLElement =>
    h('option', { value: `${scope.level}:${scope.id}` }, describeScope(scope, names));
  return [
    h('option', { value: '' }, 'Choose their part of the organisation'),
    h('option', { value: 'organisation' }, 'Whole organisation'),
    ...(activeTree(org, keep)?.sites ?? []).map((site) =>
      h(
        'optgroup',
        { label: site.name },
        option({ level: 'site', id: site.id }),
        site.departments.flatMap((department) => [
          option({ level: 'department', id: department.id }),
          ...department.units.map((unit) => option({ level: 'unit', id: unit.id })),
        ]),
      ),
    ),
  ];
}
