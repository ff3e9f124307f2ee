import { Router } from 'express';
import { z } from 'zod';
import { ZChangeCommentsQuery, ZImpactQuery } from '../../../../shared/src/api/impact';
import { requirePermission } from '../../http/auth';
import { changeComments } from './impact-comments.service';
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
  // Comment text needs the permission `/board/comments` needs (today the same roles as board:read);
  // who may see which change is the impact's rule.
  router.get('/changes/:id/comments', requirePermission('comments:read'), async (req, res) => {
    const { id } = ZChangeParams.parse(req.params);
    res
      .set('Cache-Control', 'no-store')
      .json(await changeComments(req.ctx, id, ZChangeCommentsQuery.parse(req.query)));
  });
  return router;
}
