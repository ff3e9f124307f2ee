import { Router, type Response } from 'express';
import { ZResponsesExportQuery, ZRollupsExportQuery } from '../../../../shared/src/api/integrations';
import { requirePermission } from '../../http/auth';
import * as exportsService from './exports.service';

/** Headers go out only once the request has passed every check, so a refusal is still problem+json. */
const csvHeaders = (res: Response, name: string) => () => {
  res.status(200);
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="${name}"`);
  res.setHeader('cache-control', 'no-store');
};

export function exportsRoutes(): Router {
  const router = Router();
  router.get('/exports/responses.csv', requirePermission('export:responses'), async (req, res) => {
    const { surveyId, bom, ...window } = ZResponsesExportQuery.parse(req.query);
    await exportsService.exportResponses(
      req.ctx,
      res,
      surveyId,
      { ...window, bom: bom === '1' },
      csvHeaders(res, `responses-${surveyId}.csv`),
    );
    res.end();
  });
  router.get('/exports/rollups.csv', requirePermission('export:rollups'), async (req, res) => {
    const { bom, ...window } = ZRollupsExportQuery.parse(req.query);
    await exportsService.exportRollups(
      req.ctx,
      res,
      { ...window, bom: bom === '1' },
      csvHeaders(res, 'rollups.csv'),
    );
    res.end();
  });
  return router;
}
