import type { TRole } from '../../../../shared/src/api/auth';
import type { TApiTokenScope } from '../../../../shared/src/api/integrations';

/**
 * Which roles may do what. Boards, with their redacted comments (each view audited), are for
 * admins, quality leads and viewers; urgent alerts, which show a comment whatever the group size,
 * only for quality leads and admins. Clinicians answer friction surveys and see no boards: their
 * colleagues' comments are not theirs to read.
 */
export const PERMISSIONS = {
  'surveys:read': ['admin', 'quality_lead', 'clinician', 'viewer'],
  'surveys:write': ['admin', 'quality_lead'],
  'links:write': ['admin', 'quality_lead'],
  'org:read': ['admin', 'quality_lead', 'clinician', 'viewer'],
  'org:write': ['admin'],
  'changes:write': ['admin', 'quality_lead'],
  'taxonomy:write': ['admin', 'quality_lead'],
  'users:manage': ['admin'],
  'ops:read': ['admin'],
  'board:read': ['admin', 'quality_lead', 'viewer'],
  'comments:read': ['admin', 'quality_lead', 'viewer'],
  'alerts:manage': ['admin', 'quality_lead'],
  // Organisation-wide staff only: the service refuses a narrower scope.
  'responses:import': ['admin', 'quality_lead'],
  // CSV exports: raw responses (redacted text, one row each) for admins; suppressed aggregates for leads too.
  'export:responses': ['admin'],
  'export:rollups': ['admin', 'quality_lead'],
} as const satisfies Record<string, readonly TRole[]>;

export type TPermission = keyof typeof PERMISSIONS;

export const can = (role: TRole, permission: TPermission): boolean =>
  (PERMISSIONS[permission] as readonly TRole[]).includes(role);

/**
 * The token scope each permission needs, on top of the user's role. A permission not listed here
 * (survey editing, users, org settings…) is out of reach of every scoped token; a token made before
 * scopes (`tokenScopes` null) acts fully as its user.
 */
const TOKEN_SCOPE: Partial<Record<TPermission, TApiTokenScope>> = {
  'surveys:read': 'read',
  'org:read': 'read',
  'ops:read': 'read',
  'board:read': 'read',
  'comments:read': 'read',
  'links:write': 'links:write',
  'responses:import': 'responses:import',
  'export:responses': 'export',
  'export:rollups': 'export',
};
const EXPORTS: ReadonlySet<TPermission> = new Set(['export:responses', 'export:rollups']);

type TTokenActor = { via: 'session' | 'api_token'; tokenScopes?: readonly string[] | null };

/** Whether a scoped token may use a permission: its own scope, or `read` for a read that is not an export. */
export function tokenAllows(actor: TTokenActor, permission: TPermission, safeMethod: boolean): boolean {
  const scopes = actor.via === 'api_token' ? actor.tokenScopes : null;
  if (!scopes) return true;
  const needed = TOKEN_SCOPE[permission];
  if (needed && scopes.includes(needed)) return true;
  return safeMethod && !EXPORTS.has(permission) && scopes.includes('read');
}

/**
 * The floor for every request of a scoped token, including routes with no permission check of
 * their own: reads need `read` or `export`; writes need one of the write scopes.
 */
export function tokenAllowsMethod(actor: TTokenActor, safeMethod: boolean): boolean {
  const scopes = actor.via === 'api_token' ? actor.tokenScopes : null;
  if (!scopes) return true;
  return safeMethod
    ? scopes.includes('read') || scopes.includes('export')
    : scopes.includes('links:write') || scopes.includes('responses:import');
}
