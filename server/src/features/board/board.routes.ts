import { Router } from 'express';
import { ZBoardQuery, ZCommentsQuery } from '../../../../shared/src/api/board';
import { requirePermission } from '../../http/auth';
import * as board from './board.service';

export function boardRoutes(): Router {
  const router = Router();
  router.get('/board/summary', requirePermission('board:read'), async (req, res) => {
    res
      .set('Cache-Control', 'no-store')
      .json(await board.boardSummary(req.ctx, ZBoardQuery.parse(req.query)));
  });
  router.get('/board/summary.csv', requirePermission('board:read'), async (req, res) => {
    const { filename, csv } = await board.summaryCsv(req.ctx, ZBoardQuery.parse(req.query));
    res.set('Cache-Control', 'no-store').attachment(filename).type('text/csv; charset=utf-8').send(csv);
  });
  router.get('/board/comments', requirePermission('comments:read'), async (req, res) => {
    res
      .set('Cache-Control', 'no-store')
      .json(await board.latestComments(req.ctx, ZCommentsQuery.parse(req.query)));
  });
  return router;
}
