import { Router } from 'express';
import { ZTaxonomyUpdate } from '../../../../shared/src/api/taxonomies';
import { requirePermission } from '../../http/auth';
import * as taxonomies from './taxonomies.service';

export function taxonomiesRoutes(): Router {
  const router = Router();
  router.get('/taxonomies/friction', requirePermission('org:read'), async (req, res) => {
    res.json(await taxonomies.getFrictionTaxonomy(req.ctx));
  });
  router.get('/taxonomies/friction/versions', requirePermission('org:read'), async (req, res) => {
    res.json({ items: await taxonomies.listFrictionTaxonomyVersions(req.ctx) });
  });
  router.put('/taxonomies/friction', requirePermission('taxonomy:write'), async (req, res) => {
    res.json(await taxonomies.saveFrictionTaxonomy(req.ctx, ZTaxonomyUpdate.parse(req.body)));
  });
  return router;
}
