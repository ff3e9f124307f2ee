import { Router } from 'express';
import { requirePermission } from '../../http/auth';
import * as ops from './ops.service';

export function opsRoutes(): Router {
  const router = Router();
  router.get('/ops/pipeline', requirePermission('ops:read'), async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await ops.pipelineHealth(req.ctx));
  });
  router.get('/ops/metrics', requirePermission('ops:read'), async (req, res) => {
    res
      .set('Cache-Control', 'no-store')
      .type('text/plain; version=0.0.4')
      .send(await ops.pipelineMetrics(req.ctx));
  });
  return router;
}
