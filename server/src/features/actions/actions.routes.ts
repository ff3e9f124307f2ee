import { Router } from 'express';
import { z } from 'zod';
import { ZActionCreate, ZActionsQuery, ZActionUpdate } from '../../../../shared/src/api/actions';
import { ZImpactQuery } from '../../../../shared/src/api/impact';
import { requirePermission } from '../../http/auth';
import { getActionImpact } from './action-impact.service';
import * as actions from './actions.service';
import { listMyReports } from './my-reports.service';

const ZIdParams = z.object({ id: z.uuid() });
const ZPublicPagesQuery = z
  .object({
    unitId: z
      .array(z.uuid())
      .max(500)
      .or(z.uuid().transform((id) => [id])),
  })
  .strict();

/**
 * Actions are recorded by those who may record changes (admins, quality leads) and read by those
 * who may see boards; "My reports" is every staff member's own.
 */
export function actionsRoutes(): Router {
  const router = Router();
  router.get('/actions', requirePermission('board:read'), async (req, res) => {
    res
      .set('Cache-Control', 'no-store')
      .json({ items: await actions.listActions(req.ctx, ZActionsQuery.parse(req.query)) });
  });
  router.post('/actions', requirePermission('changes:write'), async (req, res) => {
    const action = await actions.createAction(req.ctx, ZActionCreate.parse(req.body));
    res.status(201).location(`/api/v1/actions/${action.id}`).json(action);
  });
  router.get('/actions/public-pages', requirePermission('board:read'), async (req, res) => {
    const { unitId } = ZPublicPagesQuery.parse(req.query);
    res.json({ pages: await actions.publicPagesOf(req.ctx, unitId) });
  });
  router.get('/actions/:id', requirePermission('board:read'), async (req, res) => {
    const { id } = ZIdParams.parse(req.params);
    res.set('Cache-Control', 'no-store').json(await actions.getAction(req.ctx, id));
  });
  router.patch('/actions/:id', requirePermission('changes:write'), async (req, res) => {
    const { id } = ZIdParams.parse(req.params);
    res.json(await actions.updateAction(req.ctx, id, ZActionUpdate.parse(req.body)));
  });
  router.delete('/actions/:id', requirePermission('changes:write'), async (req, res) => {
    const { id } = ZIdParams.parse(req.params);
    await actions.deleteAction(req.ctx, id);
    res.status(204).end();
  });
  router.get('/actions/:id/impact', requirePermission('board:read'), async (req, res) => {
    const { id } = ZIdParams.parse(req.params);
    res
      .set('Cache-Control', 'no-store')
      .json(await getActionImpact(req.ctx, id, ZImpactQuery.parse(req.query)));
  });
  router.get('/me/reports', requirePermission('org:read'), async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await listMyReports(req.ctx));
  });
  return router;
}
