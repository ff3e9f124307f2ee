import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type Redis from 'ioredis';
import type { TRole, TScope } from '../../../shared/src/api/auth';
import type { TConfig } from '../config';
import type { Db } from '../db/client';
import type { TLogger } from '../logger';

/** Who is acting: a signed-in staff member (cookie) or an integration (bearer token). */
export type TPrincipal = {
  userId: string;
  organisationId: string;
  role: TRole;
  scope: TScope;
  via: 'session' | 'api_token';
  /** The session's hashed id, for sign-out. */
  sessionKey?: string;
  csrfToken?: string;
  /** An API token's scopes (migration 0011); null or absent: not a token, or one acting fully as its user. */
  tokenScopes?: readonly string[] | null;
};

/** What every service call receives. Services never see express objects. */
export type TCtx = {
  db: Db;
  redis: Redis;
  config: TConfig;
  log: TLogger;
  requestId: string;
  actor: TPrincipal | null;
};

export type TAppDeps = { db: Db; redis: Redis; config: TConfig; log: TLogger };

declare module 'express-serve-static-core' {
  interface Request {
    ctx: TCtx;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * Gives each request a context and a child logger; honours and echoes x-request-id. The child logger
 * is made on first use: most requests never log beyond the one line below, which is skipped below
 * the info level.
 */
export function requestContext(deps: TAppDeps) {
  return (req: Request, res: Response, next: NextFunction) => {
    const incoming = req.get('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', requestId);
    let log: TLogger | undefined;
    req.ctx = {
      ...deps,
      requestId,
      actor: null,
      get log() {
        return (log ??= deps.log.child({ requestId }));
      },
    };
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      if (!deps.log.isLevelEnabled('info')) return;
      // Method, route pattern and status only: paths can hold link tokens.
      req.ctx.log.info(
        {
          method: req.method,
          route: req.route?.path ?? null,
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'request',
      );
    });
    next();
  };
}

export function actorOf(ctx: TCtx): TPrincipal {
  if (!ctx.actor) throw new Error('route reached without authentication');
  return ctx.actor;
}
