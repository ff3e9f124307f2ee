import { Router } from 'express';
import { z } from 'zod';
import { ZLinkCreate } from '../../../../shared/src/api/surveys';
import { requirePermission } from '../../http/auth';
import * as links from './links.service';

const ZIdParams = z.object({ id: z.uuid() });

export function linksRoutes(): Router {
  const router = Router();
  router.get('/surveys/:id/links', requirePermission('links:write'), async (req, res) => {
    res.json({ items: await links.listLinks(req.ctx, ZIdParams.parse(req.params).id) });
  });
  router.post('/surveys/:id/links', requirePermission('links:write'), async (req, res) => {
    const link = await links.createLink(req.ctx, ZIdParams.parse(req.params).id, ZLinkCreate.parse(req.body));
    res.status(201).json(link);
  });
  router.post('/links/:id/close', requirePermission('links:write'), async (req, res) => {
    res.json(await links.closeLink(req.ctx, ZIdParams.parse(req.params).id));
  });
  return router;
}
