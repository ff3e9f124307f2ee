import { Router, type Response } from 'express';
import { SESSION_COOKIE, ZLoginRequest } from '../../../../shared/src/api/auth';
import type { TConfig } from '../../config';
import { assertSameOrigin, requireStaff } from '../../http/auth';
import * as auth from './auth.service';

function setSessionCookie(res: Response, config: TConfig, value: string, maxAgeMs: number) {
  res.cookie(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    path: '/',
    maxAge: maxAgeMs,
  });
}

export function authRoutes(limiters: auth.TLoginLimiters): Router {
  const router = Router();

  // Login from another site would sign the victim's browser into the attacker's account.
  router.post('/auth/login', async (req, res) => {
    assertSameOrigin(req);
    const input = ZLoginRequest.parse(req.body);
    const { sessionId, ...info } = await auth.login(req.ctx, input, req.ip ?? 'unknown', limiters);
    setSessionCookie(res, req.ctx.config, sessionId, req.ctx.config.SESSION_TTL_HOURS * 3600 * 1000);
    res.json(info);
  });

  router.post('/auth/logout', requireStaff, async (req, res) => {
    await auth.logout(req.ctx);
    res.clearCookie(SESSION_COOKIE, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: req.ctx.config.secureCookies,
    });
    res.status(204).end();
  });

  router.get('/auth/me', requireStaff, async (req, res) => {
    res.json(await auth.me(req.ctx));
  });

  return router;
}
