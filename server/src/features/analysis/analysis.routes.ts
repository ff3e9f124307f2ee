import { Router } from 'express';
import { z } from 'zod';
import {
  ZCommentAnalysesQuery,
  ZCommentCorrection,
  ZReviewQuery,
} from '../../../../shared/src/api/analysis-trust';
import { ZBoardQuery } from '../../../../shared/src/api/board';
import { requirePermission } from '../../http/auth';
import * as corrections from './corrections.service';
import * as reviews from './reviews.service';

const ZAnalysisParams = z.object({ analysisId: z.uuid() }).strict();
const ZNotAnalysedQuery = ZBoardQuery.pick({ level: true, id: true, period: true }).strict();

/**
 * Corrections, the review list and the analysis' quality. Correcting, reviewing and exporting are
 * for quality leads and admins (the roles that act on alerts); reading a comment's analysis is for
 * whoever may read comments.
 */
export function analysisRoutes(): Router {
  const router = Router();
  router.put('/comments/:analysisId/correction', requirePermission('alerts:manage'), async (req, res) => {
    const { analysisId } = ZAnalysisParams.parse(req.params);
    res.json(await corrections.correctComment(req.ctx, analysisId, ZCommentCorrection.parse(req.body)));
  });
  router.get('/comments/analyses', requirePermission('comments:read'), async (req, res) => {
    const items = await corrections.commentAnalyses(req.ctx, ZCommentAnalysesQuery.parse(req.query));
    res.set('Cache-Control', 'no-store').json({ items });
  });
  router.get('/corrections/export', requirePermission('alerts:manage'), async (req, res) => {
    const lines = await corrections.exportCorrections(req.ctx);
    res
      .set('Cache-Control', 'no-store')
      .set('Content-Disposition', 'attachment; filename="corrections.jsonl"')
      .type('application/x-ndjson')
      .send(lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
  });
  router.get('/reviews', requirePermission('alerts:manage'), async (req, res) => {
    res
      .set('Cache-Control', 'no-store')
      .json(await reviews.listReviews(req.ctx, ZReviewQuery.parse(req.query)));
  });
  router.post('/reviews/:analysisId/reviewed', requirePermission('alerts:manage'), async (req, res) => {
    const { analysisId } = ZAnalysisParams.parse(req.params);
    res.json(await reviews.markReviewed(req.ctx, analysisId));
  });
  router.get('/analysis/not-analysed', requirePermission('board:read'), async (req, res) => {
    res.json(await reviews.notAnalysedCount(req.ctx, ZNotAnalysedQuery.parse(req.query)));
  });
  router.get('/analysis/quality', requirePermission('board:read'), async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await reviews.analysisQuality(req.ctx));
  });
  return router;
}
