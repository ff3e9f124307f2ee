import { Router } from 'express';
import { z } from 'zod';
import { ZImpactQuery } from '../../../../shared/src/api/impact';
import { requirePermission } from '../../http/auth';
import { exportChangeReport } from './impact-report.service';

const ZChangeParams = z.object({ id: z.uuid() }).strict();

/**
 * `GET /changes/{id}/report.html` and `.pdf`: the impact as a printable board-meeting report,
 * for whoever may read the change's impact. The HTML opens in the browser to print; the PDF saves.
 */
export function impactReportRoutes(): Router {
  const router = Router();
  for (const format of ['html', 'pdf'] as const) {
    router.get(`/changes/:id/report.${format}`, requirePermission('board:read'), async (req, res) => {
      const { id } = ZChangeParams.parse(req.params);
      const file = await exportChangeReport(req.ctx, id, ZImpactQuery.parse(req.query), format);
      const disposition = format === 'html' ? 'inline' : 'attachment';
      res
        .set({
          'Cache-Control': 'no-store',
          // The name is ASCII letters, digits, hyphens and a dot (slug), so it needs no quoting rules.
          'Content-Disposition': `${disposition}; filename="${file.filename}"`,
        })
        .type(file.type)
        .send(file.body);
    });
  }
  return router;
}
