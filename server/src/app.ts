import compression from 'compression';
import express from 'express';
import { sql } from 'drizzle-orm';
import { actionsRoutes } from './features/actions/actions.routes';
import { youSaidWeDidRoutes } from './features/actions/you-said-we-did.routes';
import { alertsRoutes } from './features/alerts/alerts.routes';
import { analysisRoutes } from './features/analysis/analysis.routes';
import { authRoutes } from './features/auth/auth.routes';
import { boardRoutes } from './features/board/board.routes';
import { changesRoutes } from './features/changes/changes.routes';
import { equityRoutes } from './features/equity/equity.routes';
import { impactReportRoutes } from './features/impact/impact-report.routes';
import { impactRoutes } from './features/impact/impact.routes';
import { importsRoutes } from './features/imports/imports.routes';
import { linksRoutes } from './features/links/links.routes';
import { opsRoutes } from './features/ops/ops.routes';
import { orgRoutes } from './features/org/org.routes';
import { basicFormRoutes } from './features/responses/basic-form.routes';
import { publicRoutes } from './features/responses/responses.routes';
import { resultsRoutes } from './features/results/results.routes';
import { spcRoutes } from './features/spc/spc.routes';
import { fhirRoutes } from './features/surveys/fhir.routes';
import { surveysRoutes } from './features/surveys/surveys.routes';
import { taxonomiesRoutes } from './features/taxonomies/taxonomies.routes';
import { usersRoutes } from './features/users/users.routes';
import { adminQueuesRoutes } from './features/admin-queues/admin-queues.routes';
import { exportsRoutes } from './features/exports/exports.routes';
import { retentionRoutes } from './features/retention/retention.routes';
import { apiTokensRoutes } from './features/users/api-tokens.routes';
import { webhooksRoutes } from './features/webhooks/webhooks.routes';
import { AppError } from './http/app-error';
import { requireStaff } from './http/auth';
import { clientPages, securityHeaders } from './http/client-pages';
import { requestContext, type TAppDeps } from './http/context';
import { errorHandler } from './http/error-handler';
import { openApiDocument } from './http/openapi';
import { jsonBody } from './http/json-body';
import { pathGuard } from './http/path-guard';
import { createLimiter } from './http/rate-limit';

const MINUTE = 60;

/** Builds the HTTP app over already-open connections; main.ts and the tests both start it this way. */
export function createApp(deps: TAppDeps): express.Express {
  const { config, redis } = deps;
  const limiter = (name: string, points: number, durationSeconds = MINUTE, blockSeconds = 0) =>
    createLimiter(redis, {
      prefix: `${config.REDIS_PREFIX}:rl:${name}`,
      points,
      durationSeconds,
      blockSeconds,
    });
  // Failed sign-ins count over the lockout window, so slow guessing is caught as well as fast.
  const lockout = config.LOGIN_LOCKOUT_MINUTES * MINUTE;

  // One set for the JSON API and the no-JavaScript form: a respondent's budget is the same either way.
  const publicLimiters = {
    readPerIp: limiter('read-ip', config.RATE_LIMIT_PUBLIC_READ_PER_IP),
    submitPerIp: limiter('submit-ip', config.RATE_LIMIT_SUBMIT_PER_IP),
    submitPerLink: limiter('submit-link', config.RATE_LIMIT_SUBMIT_PER_LINK),
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', /^\d+$/.test(config.TRUST_PROXY) ? Number(config.TRUST_PROXY) : config.TRUST_PROXY);
  app.use(securityHeaders(config.secureCookies));
  app.use(requestContext(deps));
  app.use(pathGuard);
  // Text answers only (compressible types, 1 kB and up): on a slow mobile link the respondent page's
  // HTML, script and survey are most of the wait. Images and other compressed formats pass as they are.
  // Reads only: what a write answers is a few hundred bytes, and wrapping every submission's reply
  // for nothing cost the submit path some 2% of its CPU.
  const compress = compression();
  app.use((req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') compress(req, res, next);
    else next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const [db, rd] = await Promise.allSettled([deps.db.execute(sql`SELECT 1`), redis.ping()]);
    const checks = {
      postgres: db.status === 'fulfilled' ? 'ok' : 'down',
      redis: rd.status === 'fulfilled' ? 'ok' : 'down',
    };
    const ready = checks.postgres === 'ok' && checks.redis === 'ok';
    res.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'unavailable', checks });
  });

  app.get('/api/docs', (_req, res) => {
    res.json(openApiDocument());
  });

  const api = express.Router();
  api.use(jsonBody());
  api.use(publicRoutes(publicLimiters));
  api.use(
    authRoutes({
      perAccount: limiter('login-account', config.LOGIN_MAX_FAILURES, lockout, lockout),
      perIp: limiter('login-ip', config.LOGIN_MAX_FAILURES * 4, lockout, lockout),
    }),
  );
  api.use(requireStaff);
  api.use(
    orgRoutes(),
    changesRoutes(),
    usersRoutes(),
    fhirRoutes(),
    surveysRoutes(),
    linksRoutes(),
    taxonomiesRoutes(),
    opsRoutes(),
    boardRoutes(),
    resultsRoutes(),
    alertsRoutes(),
    analysisRoutes(),
    spcRoutes(),
    impactRoutes(),
    equityRoutes(),
    impactReportRoutes(),
    importsRoutes(),
    actionsRoutes(),
    exportsRoutes(),
    webhooksRoutes(),
    apiTokensRoutes(),
    retentionRoutes(),
  );
  api.use(() => {
    throw new AppError('not_found', 'No such API path');
  });
  app.use('/api/v1', api);
  app.use(adminQueuesRoutes(deps).router);

  // Before clientPages, which serves s.html for /s/{token}: ?form=basic and form posts are answered here.
  app.use(basicFormRoutes(publicLimiters));
  app.use(youSaidWeDidRoutes(publicLimiters));
  app.use(clientPages(config.CLIENT_DIST, { readPerIp: publicLimiters.readPerIp }));
  app.use(errorHandler);
  return app;
}
