import { Router } from 'express';
import { z } from 'zod';
import { ZResultsCommentsQuery, ZResultsQuery } from '../../../../shared/src/api/results';
import { requirePermission } from '../../http/auth';
import * as results from './results.service';

const ZIdParams = z.object({ id: z.uuid() });

export function resultsRoutes(): Router {
  const router = Router();
  router.get('/surveys/:id/results', requirePermission('board:read'), async (req, res) => {
    const { id } = ZIdParams.parse(req.params);
    res
      .set('Cache-Control', 'no-store')
      .json(await results.surveyResults(req.ctx, id, ZResultsQuery.parse(req.query)));
  });
  router.get('/surveys/:id/results/comments', requirePermission('comments:read'), async (req, res) => {
    const { id } = ZIdParams.parse(req.params);
    res
      .set('Cache-Control', 'no-store')
      .json(await results.resultsComments(req.ctx, id, ZResultsCommentsQuery.parse(req.query)));
  });
  router.get('/results/response-counts', requirePermission('board:read'), async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await results.responseCounts(req.ctx));
  });
  return router;
}
