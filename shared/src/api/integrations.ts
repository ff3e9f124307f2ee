import { z } from 'zod';

/**
 * What an API token may do on top of its user's role: `read` (every GET), `links:write` (survey
 * links), `responses:import` (history imports), `export` (CSV exports).
 */
export const ZApiTokenScope = z.enum(['read', 'links:write', 'responses:import', 'export']);
export type TApiTokenScope = z.infer<typeof ZApiTokenScope>;

/** An API token as the Staff page lists it; never the token itself. `scopes: null`: acts fully as its user. */
export const ZApiTokenSummary = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  userEmail: z.string(),
  name: z.string(),
  scopes: z.array(ZApiTokenScope).nullable(),
  expiresAt: z.iso.datetime().nullable(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type TApiTokenSummary = z.infer<typeof ZApiTokenSummary>;

export const WEBHOOK_EVENTS = ['response.analysed', 'alert.raised', 'change.verdict_changed'] as const;
export const ZWebhookEvent = z.enum(WEBHOOK_EVENTS);
export type TWebhookEvent = z.infer<typeof ZWebhookEvent>;

/** The header a delivery is signed in: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const WEBHOOK_SIGNATURE_HEADER = 'CareLoop-Signature';

export const ZWebhookCreate = z
  .object({
    url: z.url({ protocol: /^https?$/ }).max(2000),
    events: z.array(ZWebhookEvent).min(1),
    /** Deliveries of `response.analysed` and `alert.raised` carry the redacted comment text. */
    includeRedactedText: z.boolean().default(false),
  })
  .strict();
export type TWebhookCreate = z.infer<typeof ZWebhookCreate>;

export const ZWebhook = z.object({
  id: z.uuid(),
  url: z.string(),
  events: z.array(ZWebhookEvent),
  includeRedactedText: z.boolean(),
  createdAt: z.iso.datetime(),
  disabledAt: z.iso.datetime().nullable(),
});
export type TWebhook = z.infer<typeof ZWebhook>;
/** Shown once, at creation: the secret deliveries are signed with. */
export const ZWebhookCreated = ZWebhook.extend({ secret: z.string() });
export type TWebhookCreated = z.infer<typeof ZWebhookCreated>;

export const ZWebhookDelivery = z.object({
  id: z.uuid(),
  event: ZWebhookEvent,
  subjectId: z.uuid(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastErrorCode: z.string().nullable(),
  createdAt: z.iso.datetime(),
  deliveredAt: z.iso.datetime().nullable(),
});
export type TWebhookDelivery = z.infer<typeof ZWebhookDelivery>;

/** Retention: responses older than `days` are deleted or anonymised daily; `days: null` keeps them. */
export const ZRetentionSettings = z
  .object({
    days: z.number().int().min(30).max(36500).nullable(),
    mode: z.enum(['delete', 'anonymise']),
  })
  .strict();
export type TRetentionSettings = z.infer<typeof ZRetentionSettings>;

/** CSV export filters: survey required for responses (one column per question), dates inclusive. */
export const ZResponsesExportQuery = z
  .object({
    surveyId: z.uuid(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    bom: z.enum(['0', '1']).optional(),
  })
  .strict();
export const ZRollupsExportQuery = z
  .object({
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    surveyId: z.uuid().optional(),
    bom: z.enum(['0', '1']).optional(),
  })
  .strict();
