import { Router, type Request } from 'express';
import { toString as qrToString } from 'qrcode';
import { z } from 'zod';
import type { TLimiter } from '../../http/rate-limit';
import { renderPoster, renderPublicPage } from './you-said-we-did.html';
import { getPublicUnitPage } from './you-said-we-did.service';

/** Public ids are 16 base64url characters (see `units.public_id`); anything else is a 404 without a query. */
const ZPublicParams = z.object({ publicId: z.string().regex(/^[A-Za-z0-9_-]{16}$/) });

const ipOf = (req: Request) => req.ip ?? 'unknown';

/** The reader's languages in order: the address's `?lang=`, then the browser's. */
function wantedLocales(req: Request): (string | undefined)[] {
  const lang = typeof req.query.lang === 'string' ? req.query.lang : undefined;
  return [lang, ...req.acceptsLanguages()];
}

/**
 * A unit's public "You said, we did" page and its A4 poster: no sign-in, no script, nothing about
 * who said what. Shared caches may keep them five minutes (they vary by language only), so a
 * poster scanned by a waiting room does not reach the database for each phone.
 */
export function youSaidWeDidRoutes(limiters: { readPerIp: TLimiter }): Router {
  const router = Router();
  const cacheable = { 'Cache-Control': 'public, max-age=300', Vary: 'Accept-Language' };

  router.get('/u/:publicId', async (req, res) => {
    const { publicId } = ZPublicParams.parse(req.params);
    await limiters.readPerIp.consume(ipOf(req));
    const page = await getPublicUnitPage(req.ctx, publicId, wantedLocales(req));
    res.set(cacheable).type('html').send(renderPublicPage(page));
  });

  router.get('/u/:publicId/poster', async (req, res) => {
    const { publicId } = ZPublicParams.parse(req.params);
    await limiters.readPerIp.consume(ipOf(req));
    const page = await getPublicUnitPage(req.ctx, publicId, wantedLocales(req));
    const target = page.surveyUrl ?? `${req.ctx.config.publicUrl}/u/${publicId}`;
    // Error correction "M" survives a crease or a smudge, as on the staff app's link posters.
    const svg = await qrToString(target, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    const labelled = svg.replace(
      '<svg ',
      `<svg role="img" aria-label="QR code: ${target.replace(/[<>&"]/g, '')}" `,
    );
    res
      .set(cacheable)
      .type('html')
      .send(renderPoster(page, { svg: labelled, url: target }));
  });
  return router;
}
