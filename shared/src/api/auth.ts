import { z } from 'zod';

export const ZRole = z.enum(['admin', 'quality_lead', 'clinician', 'viewer']);
export type TRole = z.infer<typeof ZRole>;

/** The part of the organisation a staff user may see and act on. */
export const ZScope = z.discriminatedUnion('level', [
  z.object({ level: z.literal('organisation') }).strict(),
  z.object({ level: z.literal('site'), id: z.uuid() }).strict(),
  z.object({ level: z.literal('department'), id: z.uuid() }).strict(),
  z.object({ level: z.literal('unit'), id: z.uuid() }).strict(),
]);
export type TScope = z.infer<typeof ZScope>;

export const ZLoginRequest = z
  .object({ email: z.email().max(254), password: z.string().min(1).max(256) })
  .strict();
export type TLoginRequest = z.infer<typeof ZLoginRequest>;

export const ZStaffUser = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: ZRole,
  scope: ZScope,
});
export type TStaffUser = z.infer<typeof ZStaffUser>;

/** Login and `GET /auth/me` answer with the user and the token cookie-authenticated writes send back. */
export const ZSessionInfo = z.object({ user: ZStaffUser, csrfToken: z.string() });
export type TSessionInfo = z.infer<typeof ZSessionInfo>;

export const CSRF_HEADER = 'X-CSRF-Token';
export const SESSION_COOKIE = 'careloop_sid';
