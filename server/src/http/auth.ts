import type { NextFunction, Request, Response } from 'express';
import { CSRF_HEADER, SESSION_COOKIE } from '../../../shared/src/api/auth';
import { csrfTokenMatches, principalFromApiToken, principalFromSession } from '../features/auth/auth.service';
import { can, tokenAllows, tokenAllowsMethod, type TPermission } from '../features/auth/permissions';
import { AppError } from './app-error';
import type { TPrincipal } from './context';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The session id in a Cookie header, when it holds a well-formed one. Also read by the live socket handshake. */
export function sessionIdFromCookies(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) {
      // Session ids are base64url; anything that needs decoding, or cannot be decoded, is not one.
      const value = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]+$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}

/**
 * Staff routes: a bearer API token (integrations; no CSRF, as no browser sends it by itself) or the
 * session cookie, whose writes must carry the session's CSRF token and, when the browser sends one,
 * a same-origin Origin header.
 */
export async function requireStaff(req: Request, _res: Response, next: NextFunction): Promise<void> {
  req.ctx.actor = await authenticateStaff(req);
  next();
}

/**
 * For public routes where a signed-in staff member may add something (a clinician asking to be
 * contacted): sets `ctx.actor` when the request passes every check `requireStaff` makes, else leaves
 * it null. Never refuses the request; what a missing actor means is the service's call.
 */
export async function readOptionalStaff(req: Request): Promise<void> {
  try {
    req.ctx.actor = await authenticateStaff(req);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    req.ctx.actor = null;
  }
}

/** The principal behind a request, or an `AppError` saying why there is none it may act as. */
async function authenticateStaff(req: Request): Promise<TPrincipal> {
  const ctx = req.ctx;
  const authz = req.get('authorization');
  if (authz?.startsWith('Bearer ')) {
    const actor = await principalFromApiToken(ctx, authz.slice(7).trim());
    if (!actor) throw new AppError('unauthenticated', 'The API token is not valid');
    if (!tokenAllowsMethod(actor, SAFE_METHODS.has(req.method))) {
      throw new AppError('forbidden', "The API token's scopes do not allow this");
    }
    return actor;
  }
  const sessionId = sessionIdFromCookies(req.headers.cookie);
  const actor = sessionId ? await principalFromSession(ctx, sessionId) : null;
  if (!actor) throw new AppError('unauthenticated', 'Please sign in');
  if (!SAFE_METHODS.has(req.method)) {
    assertSameOrigin(req);
    if (!csrfTokenMatches(actor.csrfToken, req.get(CSRF_HEADER))) {
      throw new AppError('forbidden', `Missing or wrong ${CSRF_HEADER} header`);
    }
  }
  return actor;
}

/**
 * Refuses a write whose browser says it comes from another site. `Origin: null` (sandboxed frames,
 * cross-site redirects) and anything unparsable count as cross-site; no Origin (non-browser
 * clients, older browsers on same-origin GETs) is left to the CSRF token.
 */
export function assertSameOrigin(req: Request): void {
  if (!isSameOrigin(req.get('origin'), req.ctx.config.publicUrl, req.get('host'))) {
    throw new AppError('forbidden', 'Cross-site request refused');
  }
}

/** The rule above, for the HTTP API and the live socket handshake alike. */
export function isSameOrigin(
  origin: string | undefined,
  publicUrl: string,
  host: string | undefined,
): boolean {
  if (!origin || origin === publicUrl) return true;
  return URL.canParse(origin) && new URL(origin).host === host;
}

export function requirePermission(permission: TPermission) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const actor = req.ctx.actor;
    if (!actor) throw new AppError('unauthenticated', 'Please sign in');
    if (!can(actor.role, permission)) throw new AppError('forbidden', 'Your role does not allow this');
    if (!tokenAllows(actor, permission, SAFE_METHODS.has(req.method))) {
      throw new AppError('forbidden', "The API token's scopes do not allow this");
    }
    next();
  };
}
