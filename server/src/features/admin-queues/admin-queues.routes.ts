import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Queue } from 'bullmq';
import { Router, type NextFunction, type Request, type Response } from 'express';
import {
  JOB_FEEDBACK_ANALYSE,
  JOB_RETENTION_APPLY,
  JOB_SPC_DETECT,
  JOB_WEBHOOK_DELIVER,
  queuePrefix,
} from '../../../../shared/src/jobs';
import { AppError } from '../../http/app-error';
import { sessionIdFromCookies, isSameOrigin } from '../../http/auth';
import type { TAppDeps } from '../../http/context';
import { principalFromSession } from '../auth/auth.service';
import { can } from '../auth/permissions';

export const ADMIN_QUEUES_PATH = '/admin/queues';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/**
 * bull-board's page sets `<base href>` (the app's policy says `base-uri 'none'`) and inline styles;
 * everything else stays same-origin only. Its web fonts from another origin are refused (it falls
 * back to system fonts).
 */
const BOARD_CSP = [
  "default-src 'self'",
  "base-uri 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/**
 * Admins only, by the staff session cookie (no API tokens: this is a page for people). bull-board's
 * own UI cannot send our CSRF header, so its writes (retry, clean, pause) must come with an Origin
 * header of this site: browsers always send one on cross-site and same-site POST/PUT/DELETE, so a
 * missing Origin on a write is refused too, unlike the API's rule.
 */
function requireAdminSession(req: Request, res: Response, next: NextFunction): void {
  void (async () => {
    const sessionId = sessionIdFromCookies(req.headers.cookie);
    const actor = sessionId ? await principalFromSession(req.ctx, sessionId) : null;
    if (!actor) throw new AppError('unauthenticated', 'Please sign in');
    if (!can(actor.role, 'ops:read')) throw new AppError('forbidden', 'Your role does not allow this');
    if (!SAFE_METHODS.has(req.method)) {
      const origin = req.get('origin');
      if (!origin || !isSameOrigin(origin, req.ctx.config.publicUrl, req.get('host'))) {
        throw new AppError('forbidden', 'Cross-site request refused');
      }
    }
    req.ctx.actor = actor;
    res.setHeader('Content-Security-Policy', BOARD_CSP);
  })().then(() => next(), next);
}

/** bull-board at `/admin/queues`: every queue of the app, on the app's Redis connection. */
export function adminQueuesRoutes(deps: TAppDeps): { router: Router; close(): Promise<void> } {
  const prefix = queuePrefix(deps.config.REDIS_PREFIX);
  const queues = [JOB_FEEDBACK_ANALYSE, JOB_SPC_DETECT, JOB_WEBHOOK_DELIVER, JOB_RETENTION_APPLY].map(
    (name) => {
      const q = new Queue(name, { connection: deps.redis, prefix });
      q.on('error', () => undefined);
      return q;
    },
  );
  const adapter = new ExpressAdapter();
  adapter.setBasePath(ADMIN_QUEUES_PATH);
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q)),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: 'CareLoop queues' } },
  });
  const board = adapter.getRouter() as Router;
  const router = Router();
  // Called through a function, not mounted as a sub-router: the route table (tests/security) lists
  // the API's routes, and bull-board's own are all behind this one guard.
  router.use(ADMIN_QUEUES_PATH, requireAdminSession, (req, res, next) => board(req, res, next));
  return { router, close: async () => void (await Promise.all(queues.map((q) => q.close()))) };
}
