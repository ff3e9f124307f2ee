import type { TRole } from '../../../../shared/src/api/auth';

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
} as const satisfies Record<string, readonly TRole[]>;

export type TPermission = keyof typeof PERMISSIONS;

export const can = (role: TRole, permission: TPermission): boolean =>
  (PERMISSIONS[permission] as readonly TRole[]).includes(role);
