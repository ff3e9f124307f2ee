import { Router } from 'express';
import { z } from 'zod';
import { ZSurveyCreate, ZSurveyUpdate } from '../../../../shared/src/api/surveys';
import { requirePermission } from '../../http/auth';
import * as surveys from './surveys.service';

const ZIdParams = z.object({ id: z.uuid() });

export function surveysRoutes(): Router {
  const router = Router();
  router.get('/survey-templates', requirePermission('surveys:read'), (_req, res) => {
    res.json({ items: surveys.listTemplates() });
  });
  router.get('/surveys', requirePermission('surveys:read'), async (req, res) => {
    res.json({ items: await surveys.listSurveys(req.ctx) });
  });
  router.post('/surveys', requirePermission('surveys:write'), async (req, res) => {
    const survey = await surveys.createSurvey(req.ctx, ZSurveyCreate.parse(req.body));
    res.status(201).location(`/api/v1/surveys/${survey.id}`).json(survey);
  });
  router.get('/surveys/:id', requirePermission('surveys:read'), async (req, res) => {
    res.json(await surveys.getSurvey(req.ctx, ZIdParams.parse(req.params).id));
  });
  router.put('/surveys/:id', requirePermission('surveys:write'), async (req, res) => {
    const { id } = ZIdParams.parse(req.params);
    res.json(await surveys.updateDraft(req.ctx, id, ZSurveyUpdate.parse(req.body)));
  });
  router.post('/surveys/:id/publish', requirePermission('surveys:write'), async (req, res) => {
    const { version, created } = await surveys.publishSurvey(req.ctx, ZIdParams.parse(req.params).id);
    res.status(created ? 201 : 200).json(version);
  });
  router.post('/surveys/:id/archive', requirePermission('surveys:write'), async (req, res) => {
    res.json(await surveys.archiveSurvey(req.ctx, ZIdParams.parse(req.params).id));
  });
  return router;
}
