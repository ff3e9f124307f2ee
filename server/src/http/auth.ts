import type { NextFunction, Request, Response } from 'express';
import { CSRF_HEADER, SESSION_COOKIE } from '../../../shared/src/api/auth';
import { csrfTokenMatches, principalFromApiToken, principalFromSession } from '../features/auth/auth.service';
import { can, type TPermission } from '../features/auth/permissions';
import { AppError } from './app-error';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
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
  const ctx = req.ctx;
  const authz = req.get('authorization');
  if (authz?.startsWith('Bearer ')) {
    ctx.actor = await principalFromApiToken(ctx, authz.slice(7).trim());
    if (!ctx.actor) throw new AppError('unauthenticated', 'The API token is not valid');
    return next();
  }
  const sessionId = readCookie(req, SESSION_COOKIE);
  ctx.actor = sessionId ? await principalFromSession(ctx, sessionId) : null;
  if (!ctx.actor) throw new AppError('unauthenticated', 'Please sign in');
  if (!SAFE_METHODS.has(req.method)) {
    assertSameOrigin(req);
    if (!csrfTokenMatches(ctx.actor.csrfToken, req.get(CSRF_HEADER))) {
      throw new AppError('forbidden', `Missing or wrong ${CSRF_HEADER} header`);
    }
  }
  next();
}

/**
 * Refuses a write whose browser says it comes from another site. `Origin: null` (sandboxed frames,
 * cross-site redirects) and anything unparsable count as cross-site; no Origin (non-browser
 * clients, older browsers on same-origin GETs) is left to the CSRF token.
 */
export function assertSameOrigin(req: Request): void {
  const origin = req.get('origin');
  if (!origin || origin === req.ctx.config.publicUrl) return;
  const host = URL.canParse(origin) ? new URL(origin).host : null;
  if (host !== req.get('host')) throw new AppError('forbidden', 'Cross-site request refused');
}

export function requirePermission(permission: TPermission) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const actor = req.ctx.actor;
    if (!actor) throw new AppError('unauthenticated', 'Please sign in');
    if (!can(actor.role, permission)) throw new AppError('forbidden', 'Your role does not allow this');
    next();
  };
}
