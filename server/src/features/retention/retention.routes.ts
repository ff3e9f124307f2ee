import { Router } from 'express';
import { ZRetentionSettings } from '../../../../shared/src/api/integrations';
import { requirePermission } from '../../http/auth';
import * as retention from './retention.service';

export function retentionRoutes(): Router {
  const router = Router();
  router.get('/org/retention', requirePermission('org:write'), async (req, res) => {
    res.json(await retention.getRetention(req.ctx));
  });
  router.put('/org/retention', requirePermission('org:write'), async (req, res) => {
    res.json(await retention.updateRetention(req.ctx, ZRetentionSettings.parse(req.body)));
  });
  return router;
}
