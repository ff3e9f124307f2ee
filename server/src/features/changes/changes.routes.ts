import { Router } from 'express';
import { z } from 'zod';
import { ZChangeCreate, ZChangeUpdate } from '../../../../shared/src/api/org';
import { requirePermission } from '../../http/auth';
import * as changes from './changes.service';

const ZIdParams = z.object({ id: z.uuid() });

export function changesRoutes(): Router {
  const router = Router();
  router.get('/changes', requirePermission('org:read'), async (req, res) => {
    res.json({ items: await changes.listChanges(req.ctx) });
  });
  router.post('/changes', requirePermission('changes:write'), async (req, res) => {
    const change = await changes.createChange(req.ctx, ZChangeCreate.parse(req.body));
    res.status(201).location(`/api/v1/changes/${change.id}`).json(change);
  });
  router.patch('/changes/:id', requirePermission('changes:write'), async (req, res) => {
    const { id } = ZIdParams.parse(req.params);
    res.json(await changes.updateChange(req.ctx, id, ZChangeUpdate.parse(req.body)));
  });
  return router;
}
