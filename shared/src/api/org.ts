import { z } from 'zod';
import { ZRole, ZScope, ZStaffUser } from './auth';
import { ZApiTokenScope } from './integrations';

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

/** A phone number people can ring to raise a concern now: digits, spaces and + ( ) - . only. */
export const ZConcernPhone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ().-]{1,29}$/, 'must be a phone number: digits, spaces and + ( ) - only')
  .nullable();
/** A page on raising a concern (the patient advice service, say): https only, as the respondent page links it. */
export const ZConcernUrl = ZYouSaidWeDidUrl;

/**
 * Changes to a unit; what is left out stays as it is. `null` removes the page or contact. Renaming and
 * retiring are for organisation-wide staff (as creating is); the pages and contacts for staff in scope.
 * A retired unit keeps its history (figures still count it) and leaves every picker.
 */
export const ZUnitUpdate = z
  .object({
    youSaidWeDidUrl: ZYouSaidWeDidUrl.optional(),
    name: ZName.optional(),
    retired: z.boolean().optional(),
    concernPhone: ZConcernPhone.optional(),
    concernUrl: ZConcernUrl.optional(),
  })
  .strict()
  .refine((input) => Object.keys(input).length > 0, { error: 'give at least one field to change' });
export type TUnitUpdate = z.infer<typeof ZUnitUpdate>;

/** Renaming or retiring a site or department (organisation-wide staff); a retired one's units leave pickers. */
export const ZPlaceUpdate = z
  .object({ name: ZName.optional(), retired: z.boolean().optional() })
  .strict()
  .refine((input) => Object.keys(input).length > 0, { error: 'give at least one field to change' });
export type TPlaceUpdate = z.infer<typeof ZPlaceUpdate>;

/**
 * How to raise a concern now, shown on the thank-you page after a comment that reads as urgent: the
 * organisation's, for units without their own. Either may be null.
 */
export const ZConcernContact = z.object({ concernPhone: ZConcernPhone, concernUrl: ZConcernUrl }).strict();
export type TConcernContact = z.infer<typeof ZConcernContact>;

export const ZUnit = z.object({
  id: z.uuid(),
  name: z.string(),
  departmentId: z.uuid(),
  /** Present when the unit has a "You said, we did" page. */
  youSaidWeDidUrl: z.string().optional(),
  /** Present when the unit has its own contact for raising a concern. */
  concernPhone: z.string().optional(),
  concernUrl: z.string().optional(),
  /** Present (true) when the unit, or its department or site, is retired: history only, in no picker. */
  retired: z.literal(true).optional(),
});
export const ZDepartment = z.object({
  id: z.uuid(),
  name: z.string(),
  siteId: z.uuid(),
  units: z.array(ZUnit),
  retired: z.literal(true).optional(),
});
export const ZSite = z.object({
  id: z.uuid(),
  name: z.string(),
  departments: z.array(ZDepartment),
  retired: z.literal(true).optional(),
});
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

/**
 * A new API token. `scopes` limit it on top of its user's role (see `ZApiTokenScope`); left out, the
 * token acts fully as its user, as tokens made before scopes do. `expiresAt`: it stops working then.
 */
export const ZApiTokenCreate = z
  .object({
    name: ZName,
    scopes: z.array(ZApiTokenScope).min(1).optional(),
    expiresAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
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
