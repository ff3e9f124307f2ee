import { randomUUID } from 'node:crypto';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { preferredLocale, UI_LOCALES } from '../../../../shared/src/i18n';
import { AppError } from '../../http/app-error';
import { assertSameOrigin } from '../../http/auth';
import { loggableError } from '../../http/error-handler';
import { findLink } from '../links/links.service';
import { FIELD, fieldValue, type TFormFields } from './basic-form.answers';
import { basicFormPath, renderClosedPage, renderProblemPage, renderThanksPage } from './basic-form.html';
import { renderFormPage } from './basic-form.render';
import { submitBasicForm, type TBasicFormLimiters } from './basic-form.submit';
import * as responses from './responses.service';

const ipOf = (req: { ip?: string | undefined }) => req.ip ?? 'unknown';
const tokenOf = (req: Request) => String(req.params.token);
const isBasic = (req: Request) => req.query.form === 'basic';

/**
 * The respondent survey without JavaScript: GET /s/{token}?form=basic renders the whole survey as
 * one HTML form, which posts to /s/{token}. The JS page (s.html) sends browsers without scripts
 * here. Submissions go through the JSON API's service and its limiters (the same instances).
 *
 * Cross-site posts are refused when the browser names another origin: anonymous answers need no
 * CSRF token, but another site must not turn its visitors into ballot stuffers. Pages set
 * `Referrer-Policy: same-origin` rather than the app's `no-referrer`, because under `no-referrer`
 * browsers send `Origin: null` with form posts, and a same-site post could not be told from a
 * sandboxed cross-site one. The page's address (with the token) is then sent only to this origin.
 */
export function basicFormRoutes(limiters: TBasicFormLimiters): Router {
  const router = Router();

  router.get('/s/:token', async (req, res, next) => {
    if (!isBasic(req)) return next();
    pageHeaders(res);
    await limiters.readPerIp.consume(ipOf(req));
    const token = tokenOf(req);
    if (req.query.done === '1') {
      const locale = pickLocale(req, UI_LOCALES);
      const found = await findLink(req.ctx, token);
      const restart = found.link.kiosk ? basicFormPath(token, { lang: locale }) : null;
      res.send(renderThanksPage(locale, { gaveContact: req.query.contact === '1', restart }));
      return;
    }
    const survey = await responses.getPublicSurvey(req.ctx, token);
    const def = survey.definition;
    res.send(
      renderFormPage({
        token,
        versionId: survey.versionId,
        definition: def,
        unitName: survey.link.unitName,
        locale: pickLocale(req, def.locales, def.defaultLocale, survey.link.locale),
        raw: new Map(),
        issues: [],
        notice: null,
        idempotencyKey: randomUUID(),
      }),
    );
  });

  router.post(
    '/s/:token',
    // Small: the longest survey's answers fit many times over. Names are kept literally (no nesting).
    express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 1000 }),
    async (req, res) => {
      pageHeaders(res);
      assertSameOrigin(req);
      if (!req.is('application/x-www-form-urlencoded')) {
        throw new AppError('validation_failed', 'Expected a form post');
      }
      const token = tokenOf(req);
      const fields = (req.body ?? {}) as TFormFields;
      const outcome = await submitBasicForm(req.ctx, token, fields, limiters, ipOf(req));
      if (outcome.kind === 'stored') {
        const done = { done: '1', lang: outcome.locale, ...(outcome.gaveContact ? { contact: '1' } : {}) };
        res.redirect(303, basicFormPath(token, done));
        return;
      }
      if (outcome.retryAfterSeconds !== undefined) res.set('Retry-After', String(outcome.retryAfterSeconds));
      res.status(outcome.status).send(renderFormPage({ ...outcome.view, idempotencyKey: randomUUID() }));
    },
  );

  router.use('/s/:token', basicFormErrors);
  return router;
}

/** No caching (the page holds a token and, after a problem, answers); the HTML pages' own referrer rule. */
function pageHeaders(res: Response): void {
  res.set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'same-origin' });
  res.type('html');
}

/**
 * As the JS page chooses: `?lang=` (or the form's own language field), then the language staff set
 * on the link, then the browser's languages, matched to what is offered.
 */
function pickLocale(req: Request, offered: readonly string[], fallback = 'en', linkLocale?: string): string {
  const wanted = [
    typeof req.query.lang === 'string' ? req.query.lang : undefined,
    req.method === 'POST' && req.body ? fieldValue(req.body as TFormFields, FIELD.lang) : undefined,
    linkLocale,
    ...req.acceptsLanguages().filter((tag) => tag !== '*'),
  ];
  return preferredLocale(wanted, offered) ?? fallback;
}

/**
 * Failures of these pages as pages, not problem+json: a closed link says so kindly, a refusal says
 * what to do. Only for this router's pages; anything else goes on to the app's error handler.
 */
function basicFormErrors(err: unknown, req: Request, res: Response, next: NextFunction): void {
  if (req.method !== 'POST' && !isBasic(req)) return next(err);
  pageHeaders(res);
  const locale = pickLocale(req, UI_LOCALES);
  const back = basicFormPath(tokenOf(req), { lang: locale });
  const code = err instanceof AppError ? err.code : bodyParserCode(err);
  const send = (status: number, html: string) => void res.status(status).send(html);
  switch (code) {
    case 'gone':
      return send(410, renderClosedPage(locale));
    case 'not_found':
      return send(404, renderClosedPage(locale));
    case 'rate_limited': {
      const seconds = (err as AppError).extra.retryAfterSeconds ?? 1;
      res.set('Retry-After', String(seconds));
      return send(
        429,
        renderProblemPage(locale, (t) => t.rateLimitedRead(seconds)),
      );
    }
    case 'forbidden':
      return send(
        403,
        renderProblemPage(locale, (t) => t.crossSite, back),
      );
    case 'payload_too_large':
      return send(
        413,
        renderProblemPage(locale, (t) => t.tooLargeGoBack),
      );
    case 'conflict':
      return send(
        409,
        renderProblemPage(locale, (t) => t.stillSavingSendAgain),
      );
    case 'validation_failed':
      return send(
        400,
        renderProblemPage(locale, (t) => t.badRequest, back),
      );
    default:
      req.ctx.log.error({ err: loggableError(err) }, 'unhandled error');
      return send(
        500,
        renderProblemPage(locale, (t) => t.serverErrorGoBack, back),
      );
  }
}

/** body-parser's refusals: too large, too many fields, unreadable, or in an unknown charset. */
function bodyParserCode(err: unknown): string | null {
  const type = (err as { type?: string } | null)?.type;
  if (type === 'entity.too.large' || type === 'parameters.too.many') return 'payload_too_large';
  const status = (err as { status?: number } | null)?.status;
  return status !== undefined && status >= 400 && status < 500 ? 'validation_failed' : null;
}
