import { Router } from 'express';
import { z } from 'zod';
import {
  ZAnalysisSettings,
  ZConcernContact,
  ZDepartmentCreate,
  ZPlaceUpdate,
  ZSiteCreate,
  ZUnitCreate,
  ZUnitUpdate,
} from '../../../../shared/src/api/org';
import { ZPrivacySettings } from '../../../../shared/src/api/board';
import { requirePermission } from '../../http/auth';
import * as org from './org.service';

const ZIdParams = z.object({ id: z.uuid() });

export function orgRoutes(): Router {
  const router = Router();
  router.get('/org', requirePermission('org:read'), async (req, res) => {
    res.json(await org.getTree(req.ctx));
  });
  router.post('/org/sites', requirePermission('org:write'), async (req, res) => {
    res.status(201).json(await org.createSite(req.ctx, ZSiteCreate.parse(req.body)));
  });
  router.post('/org/departments', requirePermission('org:write'), async (req, res) => {
    res.status(201).json(await org.createDepartment(req.ctx, ZDepartmentCreate.parse(req.body)));
  });
  router.post('/org/units', requirePermission('org:write'), async (req, res) => {
    res.status(201).json(await org.createUnit(req.ctx, ZUnitCreate.parse(req.body)));
  });
  router.patch('/org/units/:id', requirePermission('org:write'), async (req, res) => {
    const { id } = ZIdParams.parse(req.params);
    res.json(await org.updateUnit(req.ctx, id, ZUnitUpdate.parse(req.body)));
  });
  router.patch('/org/sites/:id', requirePermission('org:write'), async (req, res) => {
    const { id } = ZIdParams.parse(req.params);
    res.json(await org.updatePlace(req.ctx, 'site', id, ZPlaceUpdate.parse(req.body)));
  });
  router.patch('/org/departments/:id', requirePermission('org:write'), async (req, res) => {
    const { id } = ZIdParams.parse(req.params);
    res.json(await org.updatePlace(req.ctx, 'department', id, ZPlaceUpdate.parse(req.body)));
  });
  router.get('/org/concern-contact', requirePermission('org:read'), async (req, res) => {
    res.json(await org.getConcernContact(req.ctx));
  });
  router.put('/org/concern-contact', requirePermission('org:write'), async (req, res) => {
    res.json(await org.updateConcernContact(req.ctx, ZConcernContact.parse(req.body)));
  });
  router.get('/org/privacy', requirePermission('org:read'), async (req, res) => {
    res.json(await org.getPrivacy(req.ctx));
  });
  router.put('/org/privacy', requirePermission('org:write'), async (req, res) => {
    res.json(await org.updatePrivacy(req.ctx, ZPrivacySettings.parse(req.body)));
  });
  router.get('/org/analysis', requirePermission('org:read'), async (req, res) => {
    res.json(await org.getAnalysis(req.ctx));
  });
  router.put('/org/analysis', requirePermission('org:write'), async (req, res) => {
    res.json(await org.updateAnalysis(req.ctx, ZAnalysisSettings.parse(req.body)));
  });
  return router;
}
