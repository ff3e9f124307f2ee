import { Router } from 'express';
import { ZChangeCreate } from '../../../../shared/src/api/org';
import { requirePermission } from '../../http/auth';
import * as changes from './changes.service';

export function changesRoutes(): Router {
  const router = Router();
  router.get('/changes', requirePermission('org:read'), async (req, res) => {
    res.json({ items: await changes.listChanges(req.ctx) });
  });
  router.post('/changes', requirePermission('changes:write'), async (req, res) => {
    const change = await changes.createChange(req.ctx, ZChangeCreate.parse(req.body));
    res.status(201).location(`/api/v1/changes/${change.id}`).json(change);
  });
  return router;
}
