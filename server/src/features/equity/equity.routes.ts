import { Router } from 'express';
import { ZBreakdownQuery, ZInvitationsQuery, ZLeagueQuery } from '../../../../shared/src/api/equity';
import { requirePermission } from '../../http/auth';
import * as equity from './equity.service';

/** Equity figures: the board's permission, the board's scopes, the small-group rule throughout. */
export function equityRoutes(): Router {
  const router = Router();
  router.get('/equity/breakdown', requirePermission('board:read'), async (req, res) => {
    res
      .set('Cache-Control', 'no-store')
      .json(await equity.breakdown(req.ctx, ZBreakdownQuery.parse(req.query)));
  });
  router.get('/equity/league', requirePermission('board:read'), async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await equity.league(req.ctx, ZLeagueQuery.parse(req.query)));
  });
  router.get('/equity/invitations', requirePermission('board:read'), async (req, res) => {
    res
      .set('Cache-Control', 'no-store')
      .json(await equity.invitations(req.ctx, ZInvitationsQuery.parse(req.query)));
  });
  return router;
}
