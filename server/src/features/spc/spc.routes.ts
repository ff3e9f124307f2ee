import { Router } from 'express';
import { ZSpcQuery } from '../../../../shared/src/api/impact';
import { requirePermission } from '../../http/auth';
import * as spc from './spc.service';

/** `GET /spc`: a unit's weekly SPC chart for one metric; the same viewers as boards. */
export function spcRoutes(): Router {
  const router = Router();
  router.get('/spc', requirePermission('board:read'), async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await spc.getSpcChart(req.ctx, ZSpcQuery.parse(req.query)));
  });
  return router;
}
