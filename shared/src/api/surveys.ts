import { z } from 'zod';
import { ZLocale } from '../locale';
import { ZSurveyAudience, ZSurveyDefinition } from '../survey/definition';

export const ZTemplateId = z.enum(['nhs-fft', 'nps', 'sus', 'change-pulse']);
export type TTemplateId = z.infer<typeof ZTemplateId>;

/** Create a survey from a built-in template or from a whole definition. */
export const ZSurveyCreate = z.union([
  z.object({ templateId: ZTemplateId }).strict(),
  z.object({ definition: ZSurveyDefinition }).strict(),
]);
export type TSurveyCreate = z.infer<typeof ZSurveyCreate>;

/** Replace the draft; `revision` is the one the editor loaded (a stale one answers 409). */
export const ZSurveyUpdate = z
  .object({ definition: ZSurveyDefinition, revision: z.number().int().min(0) })
  .strict();
export type TSurveyUpdate = z.infer<typeof ZSurveyUpdate>;

export const ZSurveyStatus = z.enum(['draft', 'published', 'archived']);
export type TSurveyStatus = z.infer<typeof ZSurveyStatus>;

export const ZVersionInfo = z.object({ id: z.uuid(), version: z.number().int(), publishedAt: z.string() });
export type TVersionInfo = z.infer<typeof ZVersionInfo>;

export const ZSurveySummary = z.object({
  id: z.uuid(),
  title: z.string(),
  audience: ZSurveyAudience,
  status: ZSurveyStatus,
  /** The draft differs from the latest published version. */
  hasUnpublishedChanges: z.boolean(),
  latestVersion: ZVersionInfo.nullable(),
  updatedAt: z.string(),
});
export type TSurveySummary = z.infer<typeof ZSurveySummary>;

export const ZSurvey = ZSurveySummary.extend({
  draft: ZSurveyDefinition,
  revision: z.number().int(),
  createdAt: z.string(),
});
export type TSurvey = z.infer<typeof ZSurvey>;

export const ZTemplateSummary = z.object({ id: ZTemplateId, title: z.string(), description: z.string() });
export type TTemplateSummary = z.infer<typeof ZTemplateSummary>;

export const ZLinkKind = z.enum(['open', 'single_use']);
export type TLinkKind = z.infer<typeof ZLinkKind>;

/** No unit: the link collects for the whole organisation. */
export const ZLinkCreate = z
  .object({
    kind: ZLinkKind,
    unitId: z.uuid().optional(),
    changeId: z.uuid().optional(),
    expiresAt: z.iso.datetime({ offset: true }).optional(),
    /** Kiosk mode for open links on a shared device (the respondent page resets when idle). */
    kiosk: z.boolean().optional(),
    /** Kiosk links: seconds without a touch before the page warns, then starts again (default 120). */
    kioskIdleSeconds: z.number().int().min(30).max(3600).optional(),
    /** The language the page opens in, before the browser's; one of the survey's languages. */
    locale: ZLocale.optional(),
    /** How people answer through it (equity splits): staff reading it out by phone, or entering paper forms. */
    channel: z.enum(['online', 'phone', 'paper']).optional(),
  })
  .strict();
export type TLinkCreate = z.infer<typeof ZLinkCreate>;

export const ZLink = z.object({
  id: z.uuid(),
  kind: ZLinkKind,
  token: z.string(),
  url: z.string(),
  unitId: z.uuid().nullable(),
  changeId: z.uuid().nullable(),
  kiosk: z.boolean(),
  kioskIdleSeconds: z.number().int(),
  locale: z.string().nullable(),
  expiresAt: z.string(),
  /** Closed by staff before its expiry; refused like an expired link. */
  closed: z.boolean(),
  usedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TLink = z.infer<typeof ZLink>;
