import { Router } from 'express';
import { z } from 'zod';
import { ZImpactQuery } from '../../../../shared/src/api/impact';
import { requirePermission } from '../../http/auth';
import * as impact from './impact.service';

const ZChangeParams = z.object({ id: z.uuid() });

export function impactRoutes(): Router {
  const router = Router();
  // Board permission: the impact is the change board's figures before and after, nothing more.
  router.get('/changes/:id/impact', requirePermission('board:read'), async (req, res) => {
    const { id } = ZChangeParams.parse(req.params);
    res
      .set('Cache-Control', 'no-store')
      .json(await impact.getChangeImpact(req.ctx, id, ZImpactQuery.parse(req.query)));
  });
  return router;
}
