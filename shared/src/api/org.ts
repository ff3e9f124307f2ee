import { z } from 'zod';
import { ZRole, ZScope, ZStaffUser } from './auth';

const ZName = z.string().trim().min(1).max(200);

export const ZSiteCreate = z.object({ name: ZName }).strict();
export const ZDepartmentCreate = z.object({ siteId: z.uuid(), name: ZName }).strict();
export const ZUnitCreate = z.object({ departmentId: z.uuid(), name: ZName }).strict();
export type TSiteCreate = z.infer<typeof ZSiteCreate>;
export type TDepartmentCreate = z.infer<typeof ZDepartmentCreate>;
export type TUnitCreate = z.infer<typeof ZUnitCreate>;

/** A unit's public "You said, we did" page: https only, since the respondent page links to it. */
export const ZYouSaidWeDidUrl = z
  .url({ protocol: /^https$/, error: 'must be an https:// address' })
  .max(2000)
  .nullable();

/** Changes to a unit; what is left out stays as it is. `null` removes the page. */
export const ZUnitUpdate = z.object({ youSaidWeDidUrl: ZYouSaidWeDidUrl.optional() }).strict();
export type TUnitUpdate = z.infer<typeof ZUnitUpdate>;

export const ZUnit = z.object({
  id: z.uuid(),
  name: z.string(),
  departmentId: z.uuid(),
  /** Present when the unit has a "You said, we did" page. */
  youSaidWeDidUrl: z.string().optional(),
});
export const ZDepartment = z.object({
  id: z.uuid(),
  name: z.string(),
  siteId: z.uuid(),
  units: z.array(ZUnit),
});
export const ZSite = z.object({ id: z.uuid(), name: z.string(), departments: z.array(ZDepartment) });
/** The organisation as the signed-in user may see it. */
export const ZOrgTree = z.object({ id: z.uuid(), name: z.string(), sites: z.array(ZSite) });
export type TOrgTree = z.infer<typeof ZOrgTree>;

export const ZChangeKind = z.enum([
  'ehr_module',
  'ai_tool',
  'telehealth',
  'kiosk',
  'device',
  'workflow',
  'other',
]);
export const ZChangeCreate = z
  .object({
    name: ZName,
    kind: ZChangeKind,
    description: z.string().trim().max(5000).default(''),
    unitIds: z.array(z.uuid()).min(1).max(500),
    goLiveDate: z.iso.date(),
    ownerUserId: z.uuid().optional(),
  })
  .strict();
export type TChangeCreate = z.infer<typeof ZChangeCreate>;
/**
 * Edits to a change; what is left out stays as it is. `unitIds` replaces the change's units. The
 * impact figures read the units and go-live date when asked, so they follow the edit.
 */
export const ZChangeUpdate = ZChangeCreate.omit({ ownerUserId: true })
  .extend({ description: z.string().trim().max(5000) })
  .partial()
  .strict()
  .refine((input) => Object.keys(input).length > 0, { error: 'give at least one field to change' });
export type TChangeUpdate = z.infer<typeof ZChangeUpdate>;
export const ZChange = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: ZChangeKind,
  description: z.string(),
  unitIds: z.array(z.uuid()),
  goLiveDate: z.string(),
  ownerUserId: z.uuid().nullable(),
  createdAt: z.string(),
});
export type TChange = z.infer<typeof ZChange>;

export const ZUserCreate = z
  .object({
    email: z.email().max(254),
    name: ZName,
    password: z.string().min(12, 'must be at least 12 characters').max(256),
    role: ZRole,
    scope: ZScope,
  })
  .strict();
export type TUserCreate = z.infer<typeof ZUserCreate>;

/** A staff account as administrators see it: a deactivated one can no longer sign in or use its tokens. */
export const ZStaffAccount = ZStaffUser.extend({ disabled: z.boolean() });
export type TStaffAccount = z.infer<typeof ZStaffAccount>;

/** An administrator's change to an account; a change of role or scope applies from its next request. */
export const ZUserUpdate = z
  .object({ role: ZRole.optional(), scope: ZScope.optional(), disabled: z.boolean().optional() })
  .strict()
  .refine((u) => u.role !== undefined || u.scope !== undefined || u.disabled !== undefined, {
    message: 'give a role, scope or disabled',
  });
export type TUserUpdate = z.infer<typeof ZUserUpdate>;

export const ZApiTokenCreate = z.object({ name: ZName }).strict();
export type TApiTokenCreate = z.infer<typeof ZApiTokenCreate>;
/** The token is shown once, at creation; only its hash is stored. */
export const ZApiTokenCreated = z.object({ id: z.uuid(), name: z.string(), token: z.string() });

/**
 * An organisation's settings for change analysis (admins): how far back imported history may reach,
 * in years, and the smallest change anyone would act on, in points of 100 (10 = ten percentage points
 * of a proportion, ten NPS points, a tenth of a rating scale). A change whose data could not detect
 * that much reads "too few to tell".
 */
export const ZAnalysisSettings = z
  .object({
    historyYears: z.number().int().min(1).max(50),
    impactMinEffect: z.number().int().min(1).max(50),
  })
  .strict();
export type TAnalysisSettings = z.infer<typeof ZAnalysisSettings>;
