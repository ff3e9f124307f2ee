import { Router } from 'express';
import { z } from 'zod';
import { ZWebhookCreate } from '../../../../shared/src/api/integrations';
import { requirePermission } from '../../http/auth';
import * as hooks from './webhooks.service';

const ZHookParams = z.object({ id: z.uuid() }).strict();

/** Webhooks (admins): register, list, disable, and read the delivery log. */
export function webhooksRoutes(): Router {
  const router = Router();
  router.get('/webhooks', requirePermission('users:manage'), async (req, res) => {
    res.json({ items: await hooks.listWebhooks(req.ctx) });
  });
  router.post('/webhooks', requirePermission('users:manage'), async (req, res) => {
    const hook = await hooks.createWebhook(req.ctx, ZWebhookCreate.parse(req.body));
    res.status(201).location(`/api/v1/webhooks/${hook.id}`).json(hook);
  });
  router.delete('/webhooks/:id', requirePermission('users:manage'), async (req, res) => {
    await hooks.disableWebhook(req.ctx, ZHookParams.parse(req.params).id);
    res.status(204).end();
  });
  router.get('/webhooks/:id/deliveries', requirePermission('users:manage'), async (req, res) => {
    res.json({ items: await hooks.listDeliveries(req.ctx, ZHookParams.parse(req.params).id) });
  });
  return router;
}
