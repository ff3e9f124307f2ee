import type { TErrorCode, TInvalidParam, TProblem } from '../../../shared/src/errors';

export const API_BASE = '/api/v1';

/** The server answered with an error; `problem` is its RFC 9457 body (or one made up from the status). */
export class ApiError extends Error {
  constructor(
    readonly problem: TProblem,
    /** Seconds from the `Retry-After` header, when the server sent one. */
    readonly retryAfterSeconds: number | null,
  ) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }

  get status(): number {
    return this.problem.status;
  }

  get invalidParams(): TInvalidParam[] {
    return this.problem.invalid_params ?? [];
  }
}

/** The request never got an answer: offline, DNS, connection reset, or the server is down. */
export class NetworkError extends Error {
  constructor() {
    super('Could not reach the server.');
    this.name = 'NetworkError';
  }
}

export type TRequestOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
};

/**
 * How long to wait for a whole answer. A hung connection (a captive portal, a stalled mobile link)
 * otherwise leaves "Sending…" on screen for ever; giving up is safe because submissions carry an
 * idempotency key and are re-sent under it.
 */
export const REQUEST_TIMEOUT_MS = 20_000;

/**
 * Calls the API and returns the parsed JSON body (undefined for 204). Throws `ApiError` for any
 * non-2xx answer and `NetworkError` when there is none within `REQUEST_TIMEOUT_MS`. Bodies are
 * trusted to match the shared contracts rather than parsed with zod, which keeps the schemas out of
 * the respondent bundle.
 */
export async function apiRequest<T>(path: string, options: TRequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  try {
    let response: Response;
    try {
      response = await fetch(API_BASE + path, {
        method: options.method ?? 'GET',
        credentials: 'same-origin',
        headers: { ...headers, ...options.headers },
        body: options.body === undefined ? null : JSON.stringify(options.body),
        signal: controller.signal,
      });
    } catch {
      throw new NetworkError();
    }
    // Still under the timer: a body that stops arriving is a hung connection too.
    const data = response.status === 204 ? undefined : await readJson(response);
    if (controller.signal.aborted) throw new NetworkError();
    if (response.ok) return data as T;
    throw new ApiError(toProblem(response, data), parseRetryAfter(response.headers.get('Retry-After')));
  } finally {
    clearTimeout(timer);
  }
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    // A proxy's HTML error page or an empty body: the status still says what happened.
    return undefined;
  }
}

function toProblem(response: Response, data: unknown): TProblem {
  const fallback: TProblem = {
    type: 'about:blank',
    title: response.statusText || `Request failed (${response.status})`,
    status: response.status,
    code: codeForStatus(response.status),
  };
  if (typeof data !== 'object' || data === null) return fallback;
  const body = data as Partial<Record<keyof TProblem, unknown>>;
  return {
    ...fallback,
    ...(typeof body.type === 'string' ? { type: body.type } : {}),
    ...(typeof body.title === 'string' ? { title: body.title } : {}),
    ...(typeof body.code === 'string' ? { code: body.code as TErrorCode } : {}),
    ...(typeof body.detail === 'string' ? { detail: body.detail } : {}),
    ...(typeof body.requestId === 'string' ? { requestId: body.requestId } : {}),
    ...(Array.isArray(body.invalid_params)
      ? { invalid_params: body.invalid_params.filter(isInvalidParam) }
      : {}),
  };
}

function isInvalidParam(value: unknown): value is TInvalidParam {
  if (typeof value !== 'object' || value === null) return false;
  const param = value as Record<string, unknown>;
  return typeof param.name === 'string' && typeof param.reason === 'string';
}

function codeForStatus(status: number): TErrorCode {
  switch (status) {
    case 400:
      return 'validation_failed';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    case 410:
      return 'gone';
    case 413:
      return 'payload_too_large';
    case 422:
      return 'idempotency_key_reused';
    case 429:
      return 'rate_limited';
    case 503:
      return 'unavailable';
    default:
      return 'internal';
  }
}

/** `Retry-After` is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** The sentence to show a user for an error: the server's detail, else its title. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.problem.detail ?? error.problem.title;
  if (error instanceof NetworkError) return 'Could not reach the server. Check the connection and try again.';
  return 'Something went wrong. Please try again.';
}
