import { z } from 'zod';

/**
 * The closed set of error codes the API answers with, and the HTTP status each maps to.
 * `gone`, `payload_too_large` and `idempotency_key_reused` extend the house set because the
 * respondent contract distinguishes them (410, 413, 422) and kiosks act on them.
 */
export const ERROR_STATUS = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  idempotency_key_reused: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export const ZErrorCode = z.enum(Object.keys(ERROR_STATUS) as [keyof typeof ERROR_STATUS]);
export type TErrorCode = z.infer<typeof ZErrorCode>;

/** One problem with one input field: `name` is a dotted path (`answers.q1`, `items.2.linkId`). */
export const ZInvalidParam = z.object({ name: z.string(), reason: z.string() });
export type TInvalidParam = z.infer<typeof ZInvalidParam>;

/** RFC 9457 problem details, as every error response carries (`application/problem+json`). */
export const ZProblem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: ZErrorCode,
  detail: z.string().optional(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  invalid_params: z.array(ZInvalidParam).optional(),
});
export type TProblem = z.infer<typeof ZProblem>;
