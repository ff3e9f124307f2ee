import { Router } from 'express';
import { z } from 'zod';
import { ZApiTokenCreate, ZUserCreate, ZUserUpdate } from '../../../../shared/src/api/org';
import { requirePermission } from '../../http/auth';
import * as users from './users.service';

const ZUserParams = z.object({ id: z.uuid() });

export function usersRoutes(): Router {
  const router = Router();
  router.get('/users', requirePermission('users:manage'), async (req, res) => {
    res.json({ items: await users.listUsers(req.ctx) });
  });
  router.post('/users', requirePermission('users:manage'), async (req, res) => {
    const user = await users.createUser(req.ctx, ZUserCreate.parse(req.body));
    res.status(201).location(`/api/v1/users/${user.id}`).json(user);
  });
  router.patch('/users/:id', requirePermission('users:manage'), async (req, res) => {
    const { id } = ZUserParams.parse(req.params);
    res.json(await users.updateUser(req.ctx, id, ZUserUpdate.parse(req.body)));
  });
  router.post('/users/:id/api-tokens', requirePermission('users:manage'), async (req, res) => {
    const { id } = ZUserParams.parse(req.params);
    res.status(201).json(await users.createApiToken(req.ctx, id, ZApiTokenCreate.parse(req.body)));
  });
  return router;
}
