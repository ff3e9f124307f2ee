import type { NextFunction, Request, Response } from 'express';
import { ZodError } from 'zod';
import { ERROR_STATUS, type TErrorCode, type TInvalidParam, type TProblem } from '../../../shared/src/errors';
import { isDatabaseUnavailable } from '../db/unavailable';
import { AppError } from './app-error';
import { RefusedBody } from './json-body';

const TITLES: Record<TErrorCode, string> = {
  validation_failed: 'Your request has problems',
  unauthenticated: 'Please sign in',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  conflict: 'Conflict',
  gone: 'No longer available',
  payload_too_large: 'Request too large',
  idempotency_key_reused: 'Idempotency key already used for a different request',
  rate_limited: 'Too many requests',
  internal: 'Something went wrong',
  unavailable: 'Temporarily unavailable',
};

/** How long a client is asked to wait when the database is away. */
const DATABASE_RETRY_AFTER_SECONDS = 5;

function zodIssuesToParams(err: ZodError): TInvalidParam[] {
  return err.issues.map((i) => ({ name: i.path.map(String).join('.') || 'body', reason: i.message }));
}

function problem(code: TErrorCode, detail: string, requestId?: string): TProblem {
  return {
    type: `https://careloop.dev/problems/${code.replace(/_/g, '-')}`,
    title: TITLES[code],
    status: ERROR_STATUS[code],
    code,
    detail,
    ...(requestId ? { requestId } : {}),
  };
}

/** Body-parser and other http-errors carry a `type` and a `status`. */
function httpErrorCode(err: unknown): TErrorCode | null {
  const e = err as { type?: string; status?: number };
  if (e?.type === 'entity.too.large') return 'payload_too_large';
  if (e?.type === 'entity.parse.failed' || e?.type === 'encoding.unsupported') return 'validation_failed';
  if (e?.status === 415) return 'validation_failed';
  return null;
}

/**
 * What of an unexpected error may be logged: its name, driver code and call frames. Never the
 * message, which for a failed query holds the query's parameters (patient answers).
 */
export function loggableError(err: unknown): { name?: string; code?: string; frames?: string } {
  const e = err as { name?: string; code?: string; stack?: string; cause?: { code?: string } } | undefined;
  return {
    name: e?.name,
    code: e?.code ?? e?.cause?.code,
    frames: e?.stack
      ?.split('\n')
      .filter((line) => line.trimStart().startsWith('at '))
      .join('\n'),
  };
}

/** The one error middleware: every failure leaves as RFC 9457 problem+json. */
export function errorHandler(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  const requestId = req.ctx?.requestId;
  let body: TProblem;
  if (err instanceof ZodError) {
    body = {
      ...problem('validation_failed', 'Some fields are not valid', requestId),
      invalid_params: zodIssuesToParams(err),
    };
  } else if (err instanceof RefusedBody) {
    body = problem('validation_failed', err.message, requestId);
  } else if (err instanceof AppError) {
    body = problem(err.code, err.message, requestId);
    if (err.extra.invalidParams) body.invalid_params = err.extra.invalidParams;
    if (err.extra.retryAfterSeconds !== undefined)
      res.setHeader('Retry-After', String(err.extra.retryAfterSeconds));
  } else {
    const code = httpErrorCode(err);
    if (code) {
      body = problem(
        code,
        code === 'payload_too_large' ? 'The request body is too large' : 'The request body is not valid JSON',
        requestId,
      );
    } else if (isDatabaseUnavailable(err)) {
      // A restart, failover or overload: nothing was stored, and the same request will work shortly
      // (a submission retried with its Idempotency-Key is stored once).
      (req.ctx?.log ?? console).warn({ err: loggableError(err) }, 'database unavailable');
      res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      body = problem(
        'unavailable',
        'The service is briefly unavailable; please try again shortly',
        requestId,
      );
    } else {
      (req.ctx?.log ?? console).error({ err: loggableError(err) }, 'unhandled error');
      body = problem('internal', 'An unexpected error occurred; it has been logged', requestId);
    }
  }
  res.status(body.status).type('application/problem+json').json(body);
}
