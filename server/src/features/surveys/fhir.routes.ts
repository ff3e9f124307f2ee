import { once } from 'node:events';
import { Router } from 'express';
import { z } from 'zod';
import { nestsDeeperThan } from '../../../../shared/src/fhir/questionnaire-response';
import { invalid } from '../../http/app-error';
import { requirePermission } from '../../http/auth';
import * as fhir from './fhir.service';

const ZIdParams = z.object({ id: z.uuid() });
export const ZFhirResponsesQuery = z
  .object({ unitId: z.uuid().optional(), from: z.iso.date().optional(), to: z.iso.date().optional() })
  .strict();

/** FHIR R4: Questionnaire in and out, responses out as a Bundle of QuestionnaireResponse. */
export function fhirRoutes(): Router {
  const router = Router();
  router.post('/surveys/import', requirePermission('surveys:write'), async (req, res) => {
    if (nestsDeeperThan(req.body, 64)) throw invalid([{ name: 'body', reason: 'nests too deeply' }]);
    const survey = await fhir.importSurvey(req.ctx, req.body);
    res.status(201).location(`/api/v1/surveys/${survey.id}`).json(survey);
  });
  router.get('/surveys/:id/fhir', requirePermission('surveys:read'), async (req, res) => {
    const questionnaire = await fhir.exportSurvey(req.ctx, ZIdParams.parse(req.params).id);
    res.type('application/fhir+json').send(JSON.stringify(questionnaire));
  });
  router.get('/surveys/:id/responses.fhir', requirePermission('surveys:write'), async (req, res) => {
    const { id } = ZIdParams.parse(req.params);
    const query = ZFhirResponsesQuery.parse(req.query);
    let started = false;
    await fhir.exportResponses(req.ctx, id, query, async (chunk) => {
      if (!started) {
        res.status(200).type('application/fhir+json').set('Cache-Control', 'no-store');
        started = true;
      }
      if (!res.write(chunk)) await once(res, 'drain');
    });
    res.end();
  });
  return router;
}
