import { randomUUID } from 'node:crypto';
import type { TRole } from '../../shared/src/api/auth';
import { ZBoardScope, type TBoardScope, type TBoardScopeLevel } from '../../shared/src/api/board';
import type { TSurvey } from '../../shared/src/api/surveys';
import { createApp } from '../../server/src/app';
import { startTestApp, type TTestApp } from '../support/app';
import { createOrg, createStaff, type TOrgFixture } from '../support/fixtures';
import { signIn, type TClient } from '../support/http';
import { connectBoard, subscribe } from '../support/live';
import { publishedSurveyWithLink } from '../support/surveys';
import { appRoutes } from './route-walk';

/**
 * Who may call what: every route the app registers, for every staff role, in one table (and the live
 * socket's board scopes in another, below). A route or scope level that is added without a row here
 * fails the first test of its table, so a new route is always a decision.
 *
 * - `public`: no sign-in needed (respondents, health checks, the published "you said, we did" pages).
 * - a list of roles: the roles allowed; every other role gets 403, and anyone not signed in 401.
 * - `scoped`: the route reads or changes one unit's records. A quality lead whose scope is another
 *   unit is refused (403 or 404: the record is not theirs to know of).
 */
const A: TRole = 'admin';
const Q: TRole = 'quality_lead';
const V: TRole = 'viewer';
const C: TRole = 'clinician';
const STAFF = [A, Q, V, C];
const BOARD = [A, Q, V];
const MANAGE = [A, Q];
const ADMIN = [A];
/** `body`: what allowed callers send (a valid request, so that scope, not validation, decides). */
type TPolicy = { allow: 'public' | TRole[]; scoped?: true; body?: Record<string, unknown> };

const MATRIX: Record<string, TPolicy> = {
  'GET /healthz': { allow: 'public' },
  'GET /readyz': { allow: 'public' },
  'GET /api/docs': { allow: 'public' },
  'GET /s/:token': { allow: 'public' },
  'POST /s/:token': { allow: 'public' },
  'GET /api/v1/public/surveys/:token': { allow: 'public' },
  'POST /api/v1/public/surveys/:token/responses': { allow: 'public' },
  'POST /api/v1/auth/login': { allow: 'public' },
  'GET /api/v1/auth/me': { allow: STAFF },
  'POST /api/v1/auth/logout': { allow: STAFF },
  'GET /api/v1/org': { allow: STAFF },
  'POST /api/v1/org/sites': { allow: ADMIN },
  'POST /api/v1/org/departments': { allow: ADMIN },
  'POST /api/v1/org/units': { allow: ADMIN },
  'GET /api/v1/org/analysis': { allow: STAFF },
  'PUT /api/v1/org/analysis': { allow: ADMIN },
  'GET /api/v1/org/privacy': { allow: STAFF },
  'PUT /api/v1/org/privacy': { allow: ADMIN },
  'GET /api/v1/users': { allow: ADMIN },
  'POST /api/v1/users': { allow: ADMIN },
  'PATCH /api/v1/users/:id': { allow: ADMIN },
  'POST /api/v1/users/:id/api-tokens': { allow: ADMIN },
  'GET /api/v1/survey-templates': { allow: STAFF },
  'GET /api/v1/surveys': { allow: STAFF },
  'POST /api/v1/surveys': { allow: MANAGE },
  'GET /api/v1/surveys/:id': { allow: STAFF },
  'PUT /api/v1/surveys/:id': { allow: MANAGE },
  'POST /api/v1/surveys/:id/publish': { allow: MANAGE },
  'POST /api/v1/surveys/:id/archive': { allow: MANAGE },
  'GET /api/v1/surveys/:id/links': { allow: MANAGE },
  'POST /api/v1/surveys/:id/links': { allow: MANAGE },
  'POST /api/v1/links/:id/close': { allow: MANAGE, scoped: true },
  'POST /api/v1/surveys/:id/responses/import': { allow: MANAGE },
  'GET /api/v1/surveys/:id/imports': { allow: MANAGE },
  'GET /api/v1/imports/:id': { allow: MANAGE },
  'GET /api/v1/changes': { allow: STAFF },
  'POST /api/v1/changes': { allow: MANAGE },
  'PATCH /api/v1/changes/:id': {
    allow: MANAGE,
    scoped: true,
    body: { description: 'Checked by the matrix' },
  },
  'GET /api/v1/changes/:id/impact': { allow: BOARD, scoped: true },
  'GET /api/v1/changes/:id/comments': { allow: BOARD, scoped: true },
  'GET /api/v1/changes/:id/report.html': { allow: BOARD, scoped: true },
  'GET /api/v1/changes/:id/report.pdf': { allow: BOARD, scoped: true },
  'GET /api/v1/taxonomies/friction': { allow: STAFF },
  'PUT /api/v1/taxonomies/friction': { allow: MANAGE },
  'GET /api/v1/taxonomies/friction/versions': { allow: STAFF },
  'GET /api/v1/ops/metrics': { allow: ADMIN },
  'GET /api/v1/ops/pipeline': { allow: ADMIN },
  'GET /api/v1/board/summary': { allow: BOARD },
  'GET /api/v1/board/summary.csv': { allow: BOARD },
  'GET /api/v1/board/comments': { allow: BOARD },
  'GET /api/v1/alerts': { allow: MANAGE },
  'POST /api/v1/alerts/:id/:action': { allow: MANAGE },
  'GET /api/v1/spc': { allow: BOARD },
  'PATCH /api/v1/org/units/:id': { allow: ADMIN },
  'PATCH /api/v1/org/sites/:id': { allow: ADMIN },
  'PATCH /api/v1/org/departments/:id': { allow: ADMIN },
  'GET /api/v1/org/concern-contact': { allow: STAFF },
  'PUT /api/v1/org/concern-contact': { allow: ADMIN },
  'POST /api/v1/surveys/import': { allow: MANAGE },
  'GET /api/v1/surveys/:id/fhir': { allow: STAFF },
  'GET /api/v1/surveys/:id/responses.fhir': { allow: MANAGE },
  'GET /api/v1/surveys/:id/results': { allow: BOARD },
  'GET /api/v1/surveys/:id/results/comments': { allow: BOARD },
  'GET /api/v1/results/response-counts': { allow: BOARD },
  'PUT /api/v1/comments/:analysisId/correction': { allow: MANAGE },
  'GET /api/v1/comments/analyses': { allow: BOARD },
  'GET /api/v1/corrections/export': { allow: MANAGE },
  'GET /api/v1/reviews': { allow: MANAGE },
  'POST /api/v1/reviews/:analysisId/reviewed': { allow: MANAGE },
  'GET /api/v1/analysis/not-analysed': { allow: BOARD },
  'GET /api/v1/analysis/quality': { allow: BOARD },
  'GET /api/v1/equity/breakdown': { allow: BOARD },
  'GET /api/v1/equity/league': { allow: BOARD },
  'GET /api/v1/equity/invitations': { allow: BOARD },
  'GET /api/v1/actions': { allow: BOARD },
  'POST /api/v1/actions': { allow: MANAGE },
  'GET /api/v1/actions/public-pages': { allow: BOARD },
  'GET /api/v1/actions/:id': { allow: BOARD },
  'PATCH /api/v1/actions/:id': { allow: MANAGE },
  'DELETE /api/v1/actions/:id': { allow: MANAGE },
  'GET /api/v1/actions/:id/impact': { allow: BOARD },
  'GET /api/v1/me/reports': { allow: STAFF },
  'GET /u/:publicId': { allow: 'public' },
  'GET /u/:publicId/poster': { allow: 'public' },
  'GET /api/v1/exports/responses.csv': { allow: ADMIN },
  'GET /api/v1/exports/rollups.csv': { allow: MANAGE },
  'GET /api/v1/webhooks': { allow: ADMIN },
  'POST /api/v1/webhooks': { allow: ADMIN },
  'DELETE /api/v1/webhooks/:id': { allow: ADMIN },
  'GET /api/v1/webhooks/:id/deliveries': { allow: ADMIN },
  'GET /api/v1/api-tokens': { allow: ADMIN },
  'DELETE /api/v1/api-tokens/:id': { allow: ADMIN },
  'GET /api/v1/org/retention': { allow: ADMIN },
  'PUT /api/v1/org/retention': { allow: ADMIN },
};

/**
 * The live socket in the same terms. Connecting takes a staff session whose role may read boards
 * (anyone else is refused at the handshake); then each board scope a board may follow is one row,
 * with the roles that may follow it. Every scope names records, so the quality lead of another unit
 * is refused each one. A scope level added to ZBoardScope without a row here fails the first socket test.
 */
const SOCKET_CONNECT: TRole[] = BOARD;
const SOCKET_SCOPES: Record<TBoardScopeLevel, TRole[]> = {
  organisation: BOARD,
  site: BOARD,
  department: BOARD,
  unit: BOARD,
  change: BOARD,
  survey: BOARD,
};

type TWorld = {
  org: TOrgFixture;
  surveyId: string;
  linkId: string;
  token: string;
  changeId: string;
  userId: string;
  as: Record<TRole, TClient>;
  /** A quality lead whose scope is the other unit. */
  otherUnitLead: TClient;
};

let app: TTestApp;
let world: TWorld;

beforeAll(async () => {
  app = await startTestApp({ RATE_LIMIT_SUBMIT_PER_IP: '100000', RATE_LIMIT_PUBLIC_READ_PER_IP: '100000' });
  const org = await createOrg(app.db);
  const as = {} as Record<TRole, TClient>;
  for (const role of STAFF) {
    const staff = await createStaff(app.db, org.organisationId, role);
    as[role] = await signIn(app.url, staff.email, staff.password);
  }
  const lead = await createStaff(app.db, org.organisationId, 'quality_lead', {
    level: 'unit',
    id: org.otherUnitId,
  });
  const otherUnitLead = await signIn(app.url, lead.email, lead.password);
  const { survey, link } = await publishedSurveyWithLink(as.admin, { kind: 'open', unitId: org.unitId });
  const change = await as.admin.request<{ id: string }>('POST', '/api/v1/changes', {
    name: 'Kiosk',
    kind: 'kiosk',
    goLiveDate: '2026-01-05',
    unitIds: [org.unitId],
  });
  expect(change.status).toBe(201);
  const target = await createStaff(app.db, org.organisationId, 'viewer');
  world = {
    org,
    surveyId: (survey as TSurvey).id,
    linkId: link.id,
    token: link.token,
    changeId: change.body.id,
    userId: target.id,
    as,
    otherUnitLead,
  };
});
afterAll(() => app.close());

function routeKeys(): string[] {
  const config = app.config;
  const express = createApp({ db: app.db, redis: app.redis, config, log: { child: () => ({}) } as never });
  return appRoutes(express)
    .filter((r) => r.path.startsWith('/'))
    .map((r) => `${r.method} ${r.path}`)
    .filter((key, i, all) => all.indexOf(key) === i);
}

/** A concrete address for a route pattern: each parameter is one of the world's records. */
function concrete(path: string): string {
  const id = (prefix: string): string => {
    if (prefix.includes('/surveys/')) return world.surveyId;
    if (prefix.includes('/changes/')) return world.changeId;
    if (prefix.includes('/links/')) return world.linkId;
    if (prefix.includes('/users/')) return world.userId;
    if (prefix.includes('/org/units/')) return world.org.unitId;
    if (prefix.includes('/org/sites/')) return world.org.siteId;
    if (prefix.includes('/org/departments/')) return world.org.departmentId;
    return randomUUID();
  };
  return path
    .split('/')
    .map((segment, i, all) => {
      if (!segment.startsWith(':')) return segment;
      const before = `${all.slice(0, i).join('/')}/`;
      if (segment === ':token') return world.token;
      if (segment === ':action') return 'acknowledge';
      return id(before);
    })
    .join('/');
}

/** The status a caller gets for one route: signed in as `who`, or not at all. Bodies are empty objects. */
async function call(who: TClient | null, key: string, body: Record<string, unknown> = {}): Promise<number> {
  const [method, path] = key.split(' ') as [string, string];
  const res = await fetch(`${app.url}${concrete(path)}`, {
    method,
    redirect: 'manual',
    headers: {
      'idempotency-key': randomUUID(),
      ...(method === 'GET' ? {} : { 'content-type': 'application/json' }),
      ...(who?.cookie ? { cookie: who.cookie } : {}),
      ...(who?.csrfToken && method !== 'GET' ? { 'x-csrf-token': who.csrfToken } : {}),
    },
    body: method === 'GET' ? undefined : JSON.stringify(body),
  });
  await res.arrayBuffer();
  return res.status;
}

/** Sign-out ends the session it is called with: each call gets a session of its own. */
async function freshSession(role: TRole): Promise<TClient> {
  const staff = await createStaff(app.db, world.org.organisationId, role);
  return signIn(app.url, staff.email, staff.password);
}

describe('the role × route × scope matrix', () => {
  it('has a row for every route the app registers, and no row for a route that is gone', () => {
    const registered = routeKeys().filter((k) => !k.startsWith('GET /^'));
    expect(registered.filter((k) => !(k in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((k) => !registered.includes(k))).toEqual([]);
  });
});

describe.each(Object.entries(MATRIX))('%s', (key, policy) => {
  const ordered = [...STAFF].sort((a, b) => {
    // Refusals first: an allowed call may change the record (publish, archive, close).
    const allowed = (r: TRole) => (policy.allow === 'public' || policy.allow.includes(r) ? 1 : 0);
    return allowed(a) - allowed(b);
  });

  it(
    policy.allow === 'public' ? 'answers without a sign-in' : 'is refused (401) without a sign-in',
    async () => {
      const status = await call(null, key);
      if (policy.allow === 'public') expect([401, 403]).not.toContain(status);
      else expect(status).toBe(401);
      expect(status).toBeLessThan(500);
    },
  );

  it.each(ordered)('as %s', async (role) => {
    const who = key === 'POST /api/v1/auth/logout' ? await freshSession(role) : world.as[role];
    const status = await call(who, key, policy.body);
    expect(status).toBeLessThan(500);
    if (policy.allow === 'public' || policy.allow.includes(role)) expect([401, 403]).not.toContain(status);
    else expect(status).toBe(403);
  });

  if (policy.scoped) {
    it('is refused to a quality lead whose scope is another unit', async () => {
      expect([403, 404]).toContain(await call(world.otherUnitLead, key, policy.body));
    });
  }
});

/** The world's record for a scope level: the org fixture's unit and its places, the change, the survey. */
function scopeOf(level: TBoardScopeLevel): TBoardScope {
  const ids: Record<Exclude<TBoardScopeLevel, 'organisation'>, string> = {
    site: world.org.siteId,
    department: world.org.departmentId,
    unit: world.org.unitId,
    change: world.changeId,
    survey: world.surveyId,
  };
  return level === 'organisation' ? { level } : { level, id: ids[level] };
}

/** What a socket signed in as `who` gets: refused at the handshake (its code), or each scope's answer. */
async function socketAs(who: TClient | null, level?: TBoardScopeLevel): Promise<string> {
  const socket = await connectBoard(app.url, who?.cookie ? { cookie: who.cookie } : {}).catch(
    (err: { data?: { code?: string } }) => err,
  );
  if (!('emit' in socket)) return `handshake refused: ${socket.data?.code}`;
  try {
    if (!level) return 'connected';
    const ack = await subscribe(socket, scopeOf(level));
    return ack.ok ? 'following' : `refused: ${ack.error.code}`;
  } finally {
    socket.close();
  }
}

describe('the live socket', () => {
  it('has a row for every board scope level, and no row for a level that is gone', () => {
    const levels = ZBoardScope.options.map((o) => o.shape.level.value).sort();
    expect(Object.keys(SOCKET_SCOPES).sort()).toEqual(levels);
  });

  it('refuses a connection without a sign-in', async () => {
    expect(await socketAs(null)).toBe('handshake refused: unauthenticated');
  });

  it.each(STAFF)('connects as %s only where the role may read boards', async (role) => {
    expect(await socketAs(world.as[role])).toBe(
      SOCKET_CONNECT.includes(role) ? 'connected' : 'handshake refused: forbidden',
    );
  });

  describe.each(Object.entries(SOCKET_SCOPES))('board:subscribe, %s scope', (level, allow) => {
    it.each(allow)('is followed as %s', async (role) => {
      expect(await socketAs(world.as[role], level as TBoardScopeLevel)).toBe('following');
    });

    it('is refused to a quality lead whose scope is another unit', async () => {
      expect(await socketAs(world.otherUnitLead, level as TBoardScopeLevel)).toMatch(
        /^refused: (forbidden|not_found)$/,
      );
    });
  });
});
