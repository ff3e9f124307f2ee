import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import express, { Router, type Request } from 'express';
import type { TPublicSurvey } from '../../../shared/src/api/public';
import { ERROR_STATUS, type TProblem } from '../../../shared/src/errors';
import { getPublicSurvey } from '../features/responses/responses.service';
import { AppError } from './app-error';
import { loggableError } from './error-handler';
import type { TLimiter } from './rate-limit';

/** What the respondent page needs beyond the built files: the JSON route's per-IP read budget. */
export type TClientPagesDeps = { readPerIp: TLimiter };

/** The element the respondent page reads its survey from (client/src/respondent/load-survey.ts). */
const SURVEY_BLOCK_ID = 'careloop-survey';

/**
 * Serves the Vite-built client: hashed assets cached for a year, the respondent page at /s/{token},
 * and the staff app for every other page path.
 */
export function clientPages(distDir: string, deps: TClientPagesDeps): Router {
  const router = Router();
  const dir = path.resolve(distDir);
  const page = (name: string) => path.join(dir, name);
  // Built once: reading and hashing the bundle per request would cost every respondent. Retried while
  // the build is missing, as the page used to be found per request.
  let respondent = readRespondentPage(dir);
  router.use(
    '/assets',
    express.static(path.join(dir, 'assets'), { immutable: true, maxAge: '365d', index: false }),
  );
  router.get('/s/:token', async (req, res, next) => {
    respondent ??= readRespondentPage(dir);
    if (!respondent) return next();
    const block = await surveyBlock(req, deps);
    // The token is in the URL: never send it on to other sites (Referrer-Policy, set for every answer).
    res.set({
      'Cache-Control': 'no-store',
      'Content-Security-Policy': contentSecurityPolicy(respondent.scriptHashes),
    });
    res.type('html').send(respondent.beforeSurvey + block + respondent.afterSurvey);
  });
  router.get(/^\/(?!api\/|assets\/).*/, (_req, res, next) => {
    if (!fs.existsSync(page('index.html'))) return next();
    res.set('Cache-Control', 'no-cache').sendFile(page('index.html'));
  });
  return router;
}

type TRespondentPage = {
  /** The built s.html, split where the survey block goes (just before `</body>`). */
  beforeSurvey: string;
  afterSurvey: string;
  /** base64 SHA-256 of each inline script, for the page's CSP. */
  scriptHashes: string[];
};

/**
 * The respondent page with its script and styles inlined, so that one round trip brings everything
 * the first question needs (on a 560 ms mobile link each extra one is most of the wait). An asset is
 * left as a reference, as built, when its file is missing or inlining could change what it does.
 */
function readRespondentPage(dir: string): TRespondentPage | null {
  let html: string;
  try {
    html = fs.readFileSync(path.join(dir, 's.html'), 'utf8');
  } catch {
    return null;
  }
  const read = (ref: string): string | null => {
    try {
      return fs.readFileSync(path.join(dir, ref), 'utf8');
    } catch {
      return null;
    }
  };
  const scriptHashes: string[] = [];
  // A preloaded chunk means the entry imports it by a relative URL, which an inline script would
  // resolve against /s/{token}. client/vite.config.mts builds the page without one.
  const selfContained = !/<link\b[^>]*\brel="modulepreload"/.test(html);
  html = html.replace(
    /<script\b[^>]*\btype="module"[^>]*\bsrc="(\/assets\/[^"]+\.js)"[^>]*><\/script>/g,
    (tag, ref: string) => {
      const js = read(ref);
      if (!selfContained || js === null || !inlineSafeScript(js)) return tag;
      scriptHashes.push(createHash('sha256').update(js, 'utf8').digest('base64'));
      return `<script type="module">${js}</script>`;
    },
  );
  html = html.replace(
    /<link\b[^>]*\brel="stylesheet"[^>]*\bhref="(\/assets\/[^"]+\.css)"[^>]*>/g,
    (tag, ref: string) => {
      const css = read(ref);
      // Relative url()s would resolve against /s/{token} instead of /assets/.
      if (css === null || /<\/style|url\(\s*["']?(?![a-z]+:|\/)/i.test(css)) return tag;
      return `<style>${css}</style>`;
    },
  );
  const at = html.lastIndexOf('</body>');
  const split = at < 0 ? html.length : at;
  return { beforeSurvey: html.slice(0, split), afterSurvey: html.slice(split), scriptHashes };
}

/**
 * Whether a module can move from its file into the page unchanged: nothing in it that ends or
 * re-parses a script element, and no import (relative specifiers and import.meta.url would resolve
 * against the page's URL instead of /assets/).
 */
function inlineSafeScript(js: string): boolean {
  return !/<\/script|<!--|<script/i.test(js) && !/\bimport\s*[("'`{*.]|\bfrom\s*["'`]/.test(js);
}

/** A problem as the page shows it: what the JSON route would have answered, without the envelope. */
type TEmbeddedProblem = Pick<TProblem, 'status' | 'code' | 'detail'>;

/**
 * The survey as `GET /api/v1/public/surveys/{token}` gives it, through the same service and read
 * budget, in a data block (never executed, so the CSP allows it); for a closed or unknown link (or a
 * spent budget) the problem instead. An unexpected failure leaves the block out: the page then asks
 * the API itself and offers a retry, as it always did.
 */
async function surveyBlock(req: Request, deps: TClientPagesDeps): Promise<string> {
  let body: TPublicSurvey | TEmbeddedProblem;
  try {
    await deps.readPerIp.consume(req.ip ?? 'unknown');
    body = await getPublicSurvey(req.ctx, String(req.params.token));
  } catch (error) {
    if (!(error instanceof AppError)) {
      req.ctx.log.error({ err: loggableError(error) }, 'survey not embedded in the respondent page');
      return '';
    }
    body = { status: ERROR_STATUS[error.code], code: error.code, detail: error.message };
  }
  return `<script type="application/json" id="${SURVEY_BLOCK_ID}">${jsonForScript(body)}</script>`;
}

/**
 * JSON that staff-written text cannot break out of: `<`, `>` and `&` (so no `</script>` or `<!--`)
 * and U+2028/2029 become \u escapes, which JSON.parse reads back as the same characters.
 */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The app needs nothing from other origins; a page may add the hashes of its own inline scripts. */
function contentSecurityPolicy(scriptHashes: readonly string[] = []): string {
  const scriptSrc = ["'self'", ...scriptHashes.map((hash) => `'sha256-${hash}'`)].join(' ');
  return `default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src ${scriptSrc}; frame-ancestors 'none'; base-uri 'none'; form-action 'self'`;
}

const DEFAULT_CSP = contentSecurityPolicy();

/**
 * Conservative headers for every answer; the client needs nothing from other origins. HSTS only in
 * production, where the app sits behind HTTPS.
 */
export function securityHeaders(hsts: boolean) {
  return (_req: express.Request, res: express.Response, next: express.NextFunction): void => {
    if (hsts) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Content-Security-Policy', DEFAULT_CSP);
    next();
  };
}
