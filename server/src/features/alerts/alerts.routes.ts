import { Router } from 'express';
import { z } from 'zod';
import { ZAlertAction, ZAlertsQuery } from '../../../../shared/src/api/board';
import { requirePermission } from '../../http/auth';
import * as alerts from './alerts.service';

const ZAlertParams = z.object({ id: z.uuid(), action: ZAlertAction });

export function alertsRoutes(): Router {
  const router = Router();
  router.get('/alerts', requirePermission('alerts:manage'), async (req, res) => {
    const items = await alerts.listAlerts(req.ctx, ZAlertsQuery.parse(req.query));
    res.set('Cache-Control', 'no-store').json({ items });
  });
  router.post('/alerts/:id/:action', requirePermission('alerts:manage'), async (req, res) => {
    const { id, action } = ZAlertParams.parse(req.params);
    res.json(await alerts.actOnAlert(req.ctx, id, action));
  });
  return router;
}
