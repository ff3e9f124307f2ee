import type { Request } from 'express';
import { Router } from 'express';
import { z } from 'zod';
import { IMPORT_CONTENT_TYPES, ZImportQuery, type TImportFormat } from '../../../../shared/src/api/imports';
import { invalid } from '../../http/app-error';
import { requirePermission } from '../../http/auth';
import * as imports from './imports.service';

const ZIdParams = z.object({ id: z.uuid() });

/** The file's format from its Content-Type; the JSON body parser leaves both types unread. */
function formatOf(req: Request): TImportFormat {
  if (req.is(IMPORT_CONTENT_TYPES.ndjson)) return 'ndjson';
  if (req.is(IMPORT_CONTENT_TYPES.csv)) return 'csv';
  throw invalid(
    [
      {
        name: 'Content-Type',
        reason: `must be ${IMPORT_CONTENT_TYPES.ndjson} or ${IMPORT_CONTENT_TYPES.csv}`,
      },
    ],
    'Send the history as NDJSON or CSV',
  );
}

/** History import: the request body is streamed into the database batch by batch, never buffered. */
export function importsRoutes(): Router {
  const router = Router();
  router.post('/surveys/:id/responses/import', requirePermission('responses:import'), async (req, res) => {
    const { id } = ZIdParams.parse(req.params);
    const { versionId } = ZImportQuery.parse(req.query);
    const result = await imports.importResponses(req.ctx, id, { format: formatOf(req), versionId }, req);
    res.status(result.rejected > 0 ? 207 : 200).json(result);
  });
  router.get('/surveys/:id/imports', requirePermission('responses:import'), async (req, res) => {
    res.json({ items: await imports.listImports(req.ctx, ZIdParams.parse(req.params).id) });
  });
  router.get('/imports/:id', requirePermission('responses:import'), async (req, res) => {
    res.json(await imports.getImport(req.ctx, ZIdParams.parse(req.params).id));
  });
  return router;
}
