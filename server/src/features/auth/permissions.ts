import type { TRole } from '../../../../shared/src/api/auth';

/** Which roles may do what. Reads of responses and boards come with the board issue. */
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
} as const satisfies Record<string, readonly TRole[]>;

export type TPermission = keyof typeof PERMISSIONS;

export const can = (role: TRole, permission: TPermission): boolean =>
  (PERMISSIONS[permission] as readonly TRole[]).includes(role);
