import { Router } from 'express';
import { z } from 'zod';
import { requirePermission } from '../../http/auth';
import * as tokens from './api-tokens.service';

const ZTokenParams = z.object({ id: z.uuid() }).strict();

/** Listing and revoking API tokens (admins); issuing one is `POST /users/{id}/api-tokens`. */
export function apiTokensRoutes(): Router {
  const router = Router();
  router.get('/api-tokens', requirePermission('users:manage'), async (req, res) => {
    res.json({ items: await tokens.listApiTokens(req.ctx) });
  });
  router.delete('/api-tokens/:id', requirePermission('users:manage'), async (req, res) => {
    await tokens.revokeApiToken(req.ctx, ZTokenParams.parse(req.params).id);
    res.status(204).end();
  });
  return router;
}
