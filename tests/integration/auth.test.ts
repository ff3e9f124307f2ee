import { createHash, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { TSessionInfo } from '../../shared/src/api/auth';
import type { TApiTokenCreate } from '../../shared/src/api/org';
import type { TSurvey } from '../../shared/src/api/surveys';
import type { TProblem } from '../../shared/src/errors';
import { apiTokens, auditLog, surveys, users } from '../../server/src/db/schema';
import { startTestApp, type TTestApp } from '../support/app';
import { createOrg, createStaff, uniq, type TStaffFixture } from '../support/fixtures';
import { client, signIn, type TReply } from '../support/http';

const LOGIN = '/api/v1/auth/login';
const ME = '/api/v1/auth/me';

let app: TTestApp;

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app.close();
});

type TCreatedToken = { id: string; name: string; token: string };

function login(url: string, email: string, password: string, headers: Record<string, string> = {}) {
  return client(url).request<TSessionInfo & TProblem>('POST', LOGIN, { email, password }, headers);
}

/** The session cookie's `name=value` pair and its attributes, lower-cased, from a Set-Cookie header. */
function sessionCookieOf(reply: TReply): { pair: string; attributes: string[] } {
  const header = reply.headers.get('set-cookie') ?? '';
  const [pair, ...attributes] = header.split(';').map((part) => part.trim());
  return { pair: pair ?? '', attributes: attributes.map((a) => a.toLowerCase()) };
}

/** A problem body without the parts that differ on every request. */
const shapeOf = (problem: TProblem) => {
  const { requestId: _requestId, ...rest } = problem;
  return rest;
};

async function staffIn(
  role: 'admin' | 'quality_lead' | 'viewer',
): Promise<TStaffFixture & { organisationId: string }> {
  const org = await createOrg(app.db);
  return { ...(await createStaff(app.db, org.organisationId, role)), organisationId: org.organisationId };
}

async function surveysOf(organisationId: string) {
  return app.db.select().from(surveys).where(eq(surveys.organisationId, organisationId));
}

describe('signing in', () => {
  it('the right password gives 200, an HttpOnly SameSite=Lax session cookie and a CSRF token', async () => {
    const staff = await staffIn('quality_lead');

    const reply = await login(app.url, staff.email, staff.password);

    expect(reply.status).toBe(200);
    expect(reply.body.user).toMatchObject({ id: staff.id, email: staff.email, role: 'quality_lead' });
    expect(reply.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    const cookie = sessionCookieOf(reply);
    expect(cookie.pair).toMatch(/^careloop_sid=[A-Za-z0-9_-]{22,}$/);
    expect(cookie.attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'path=/']));
    expect(cookie.attributes.some((a) => a.startsWith('max-age='))).toBe(true);
    // The cookie is not the CSRF token: a script that can read one must not learn the other.
    expect(cookie.pair).not.toContain(reply.body.csrfToken);
  });

  it('a sign-in posted from another site is refused 403 and sets no cookie', async () => {
    const staff = await staffIn('quality_lead');

    const reply = await fetch(`${app.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ email: staff.email, password: staff.password }),
    });

    expect(reply.status).toBe(403);
    expect(reply.headers.get('set-cookie')).toBeNull();
  });

  it('in production the session cookie is also Secure, and answers carry HSTS', async () => {
    const production = await startTestApp({ NODE_ENV: 'production' });
    try {
      const org = await createOrg(production.db);
      const staff = await createStaff(production.db, org.organisationId, 'viewer');
      const reply = await login(production.url, staff.email, staff.password);
      expect(reply.status).toBe(200);
      expect(sessionCookieOf(reply).attributes).toEqual(expect.arrayContaining(['secure', 'httponly']));
      expect(reply.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    } finally {
      await production.close();
    }
  });

  it('a wrong password and an unknown e-mail both answer 401 with the same body', async () => {
    const staff = await staffIn('viewer');

    const wrongPassword = await login(app.url, staff.email, `${staff.password}-nope`);
    const unknownEmail = await login(app.url, `nobody.${uniq()}@example.org`, staff.password);

    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(wrongPassword.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(wrongPassword.body.code).toBe('unauthenticated');
    expect(shapeOf(unknownEmail.body)).toEqual(shapeOf(wrongPassword.body));
    expect(wrongPassword.headers.get('set-cookie')).toBeNull();
    expect(unknownEmail.headers.get('set-cookie')).toBeNull();
  });

  it('the e-mail is matched without regard to case', async () => {
    const staff = await staffIn('viewer');

    const reply = await login(app.url, staff.email.toUpperCase(), staff.password);

    expect(reply.status).toBe(200);
    expect(reply.body.user.id).toBe(staff.id);
  });

  it('GET /auth/me answers for a signed-in user and is 401 without the cookie', async () => {
    const staff = await staffIn('viewer');
    const session = await signIn(app.url, staff.email, staff.password);

    const me = await session.request<TSessionInfo>('GET', ME);
    const anonymous = await client(app.url).request<TProblem>('GET', ME);

    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ id: staff.id, email: staff.email, role: 'viewer' });
    expect(me.body.csrfToken).toBe(session.csrfToken);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('unauthenticated');
  });

  it('a made-up session cookie is 401', async () => {
    const reply = await client(app.url).request<TProblem>('GET', ME, undefined, {
      cookie: `careloop_sid=${uniq()}${uniq()}${uniq()}`,
    });

    expect(reply.status).toBe(401);
    expect(reply.body.code).toBe('unauthenticated');
  });

  it('signing out ends the session: the old cookie no longer works', async () => {
    const staff = await staffIn('quality_lead');
    const session = await signIn(app.url, staff.email, staff.password);
    expect((await session.request('GET', ME)).status).toBe(200);

    const logout = await session.request('POST', '/api/v1/auth/logout');

    expect(logout.status).toBe(204);
    const cleared = sessionCookieOf(logout);
    expect(cleared.pair).toBe('careloop_sid=');
    expect(cleared.attributes.some((a) => a.startsWith('expires=thu, 01 jan 1970'))).toBe(true);
    expect((await session.request<TProblem>('GET', ME)).status).toBe(401);
    const write = await session.request<TProblem>('POST', '/api/v1/surveys', { templateId: 'nps' });
    expect(write.status).toBe(401);
    expect(await surveysOf(staff.organisationId)).toHaveLength(0);
  });

  it('signing out one session leaves the same user’s other sessions signed in', async () => {
    const staff = await staffIn('viewer');
    const laptop = await signIn(app.url, staff.email, staff.password);
    const phone = await signIn(app.url, staff.email, staff.password);

    expect((await laptop.request('POST', '/api/v1/auth/logout')).status).toBe(204);

    expect((await laptop.request('GET', ME)).status).toBe(401);
    expect((await phone.request('GET', ME)).status).toBe(200);
  });

  it('a session in use still ends once its absolute lifetime has passed', async () => {
    const staff = await staffIn('viewer');
    const session = await signIn(app.url, staff.email, staff.password);
    const sessionId = session.cookie!.split('=')[1]!;
    const key = `${app.config.REDIS_PREFIX}:sess:${createHash('sha256').update(sessionId).digest('hex')}`;
    const stored = JSON.parse((await app.redis.get(key))!) as { createdAt: string };
    expect((await session.request('GET', ME)).status).toBe(200);

    const hours = app.config.SESSION_MAX_HOURS + 1;
    stored.createdAt = new Date(Date.now() - hours * 3_600_000).toISOString();
    await app.redis.set(key, JSON.stringify(stored), 'EX', 3600);

    expect((await session.request('GET', ME)).status).toBe(401);
    expect(await app.redis.exists(key)).toBe(0);
  });
});

describe('passwords', () => {
  it('a password set through the API is stored as an argon2id hash, never in clear', async () => {
    const admin = await staffIn('admin');
    const session = await signIn(app.url, admin.email, admin.password);
    const email = `new.${uniq()}@example.org`;
    const password = `a-long-password-${uniq()}`;

    const created = await session.request<{ id: string }>('POST', '/api/v1/users', {
      email,
      name: 'New Person',
      password,
      role: 'viewer',
      scope: { level: 'organisation' },
    });

    expect(created.status).toBe(201);
    const [row] = await app.db.select().from(users).where(eq(users.id, created.body.id));
    expect(row!.passwordHash.startsWith('$argon2id$')).toBe(true);
    expect(row!.passwordHash).not.toContain(password);
    expect((await login(app.url, email, password)).status).toBe(200);
  });
});

describe('lockout after repeated failures', () => {
  // A fresh app (and Redis key prefix) per test, so that one test's failures never count
  // against the per-IP limit of the next.
  let strict: TTestApp;

  beforeEach(async () => {
    strict = await startTestApp({ LOGIN_MAX_FAILURES: '3' });
  });

  afterEach(async () => {
    await strict.close();
  });

  it('after LOGIN_MAX_FAILURES wrong passwords even the right one is refused 429 with Retry-After', async () => {
    const org = await createOrg(strict.db);
    const staff = await createStaff(strict.db, org.organisationId, 'quality_lead');

    for (let i = 0; i < 3; i++) {
      expect((await login(strict.url, staff.email, `wrong-${i}`)).status).toBe(401);
    }
    const locked = await login(strict.url, staff.email, staff.password);

    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('rate_limited');
    expect(locked.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(locked.headers.get('set-cookie')).toBeNull();
  });

  it('guesses sent all at once cannot slip past the limit', async () => {
    const org = await createOrg(strict.db);
    const staff = await createStaff(strict.db, org.organisationId, 'quality_lead');

    const replies = await Promise.all(
      Array.from({ length: 12 }, (_, i) => login(strict.url, staff.email, `parallel-wrong-${i}`)),
    );
    const statuses = replies.map((r) => r.status);

    expect(statuses.filter((s) => s === 401)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(9);
    expect((await login(strict.url, staff.email, staff.password)).status).toBe(429);
  });

  it('failures count over the lockout window, and lock for its length', async () => {
    const slow = await startTestApp({ LOGIN_MAX_FAILURES: '2', LOGIN_LOCKOUT_MINUTES: '1' });
    try {
      const org = await createOrg(slow.db);
      const staff = await createStaff(slow.db, org.organisationId, 'quality_lead');
      expect((await login(slow.url, staff.email, 'wrong-1')).status).toBe(401);
      expect((await login(slow.url, staff.email, 'wrong-2')).status).toBe(401);
      const locked = await login(slow.url, staff.email, staff.password);
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(30);
    } finally {
      await slow.close();
    }
  });

  it('a locked account stays locked however many more attempts are made', async () => {
    const org = await createOrg(strict.db);
    const staff = await createStaff(strict.db, org.organisationId, 'viewer');

    for (let i = 0; i < 4; i++) await login(strict.url, staff.email, `wrong-${i}`);

    for (let i = 0; i < 2; i++) {
      const reply = await login(strict.url, staff.email, staff.password);
      expect(reply.status).toBe(429);
      expect(Number(reply.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });

  it('locking one account leaves other accounts able to sign in', async () => {
    const org = await createOrg(strict.db);
    const victim = await createStaff(strict.db, org.organisationId, 'admin');
    const colleague = await createStaff(strict.db, org.organisationId, 'admin');

    for (let i = 0; i < 4; i++) await login(strict.url, victim.email, `wrong-${i}`);
    expect((await login(strict.url, victim.email, victim.password)).status).toBe(429);

    const other = await login(strict.url, colleague.email, colleague.password);
    expect(other.status).toBe(200);
    expect(other.body.user.id).toBe(colleague.id);
  });

  it('a successful sign-in before the limit starts the failure count afresh', async () => {
    const org = await createOrg(strict.db);
    const staff = await createStaff(strict.db, org.organisationId, 'viewer');

    for (let i = 0; i < 2; i++) await login(strict.url, staff.email, `wrong-${i}`);
    expect((await login(strict.url, staff.email, staff.password)).status).toBe(200);
    for (let i = 0; i < 2; i++) await login(strict.url, staff.email, `wrong-again-${i}`);

    expect((await login(strict.url, staff.email, staff.password)).status).toBe(200);
  });
});

describe('CSRF and cross-site writes', () => {
  async function signedInLead() {
    const staff = await staffIn('quality_lead');
    const session = await signIn(app.url, staff.email, staff.password);
    return { staff, session };
  }

  it('a cookie-authenticated write without X-CSRF-Token is refused 403', async () => {
    const { staff, session } = await signedInLead();

    const reply = await client(app.url).request<TProblem>(
      'POST',
      '/api/v1/surveys',
      { templateId: 'nps' },
      { cookie: session.cookie! },
    );

    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe('forbidden');
    expect(await surveysOf(staff.organisationId)).toHaveLength(0);
  });

  it('a cookie-authenticated write with a wrong X-CSRF-Token is refused 403', async () => {
    const { staff, session } = await signedInLead();
    const wrong = `${session.csrfToken!.slice(0, -1)}${session.csrfToken!.endsWith('A') ? 'B' : 'A'}`;

    const wrongToken = await session.request<TProblem>(
      'POST',
      '/api/v1/surveys',
      { templateId: 'nps' },
      { 'x-csrf-token': wrong },
    );
    const shortToken = await session.request<TProblem>(
      'POST',
      '/api/v1/surveys',
      { templateId: 'nps' },
      { 'x-csrf-token': 'x' },
    );

    expect(wrongToken.status).toBe(403);
    expect(wrongToken.body.code).toBe('forbidden');
    expect(shortToken.status).toBe(403);
    expect(await surveysOf(staff.organisationId)).toHaveLength(0);
  });

  it('another session’s CSRF token does not authorise a write', async () => {
    const { staff, session } = await signedInLead();
    const other = await signedInLead();

    const reply = await session.request<TProblem>(
      'POST',
      '/api/v1/surveys',
      { templateId: 'nps' },
      { 'x-csrf-token': other.session.csrfToken! },
    );

    expect(reply.status).toBe(403);
    expect(await surveysOf(staff.organisationId)).toHaveLength(0);
  });

  it('a cookie-authenticated write with the session’s X-CSRF-Token is accepted', async () => {
    const { staff, session } = await signedInLead();

    const reply = await session.request<TSurvey>('POST', '/api/v1/surveys', { templateId: 'nps' });

    expect(reply.status).toBe(201);
    expect(reply.body.status).toBe('draft');
    expect(await surveysOf(staff.organisationId)).toHaveLength(1);
  });

  it('a write whose Origin is another site is refused 403 even with the right token', async () => {
    const { staff, session } = await signedInLead();

    const reply = await session.request<TProblem>(
      'POST',
      '/api/v1/surveys',
      { templateId: 'nps' },
      { origin: 'https://evil.example' },
    );

    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe('forbidden');
    expect(await surveysOf(staff.organisationId)).toHaveLength(0);
  });

  it('a write with the opaque Origin "null" (sandboxed frame, cross-site redirect) is refused 403', async () => {
    const { staff, session } = await signedInLead();

    const reply = await session.request<TProblem>(
      'POST',
      '/api/v1/surveys',
      { templateId: 'nps' },
      { origin: 'null' },
    );

    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe('forbidden');
    expect(await surveysOf(staff.organisationId)).toHaveLength(0);
  });

  it('a write whose Origin is the app itself is accepted', async () => {
    const { session } = await signedInLead();

    const reply = await session.request(
      'POST',
      '/api/v1/surveys',
      { templateId: 'nps' },
      { origin: app.url },
    );

    expect(reply.status).toBe(201);
  });
});

describe('API tokens', () => {
  async function tokenFor(role: 'quality_lead' | 'viewer') {
    const org = await createOrg(app.db);
    const admin = await createStaff(app.db, org.organisationId, 'admin');
    const integration = await createStaff(app.db, org.organisationId, role);
    const session = await signIn(app.url, admin.email, admin.password);
    const body: TApiTokenCreate = { name: 'Kiosk fleet' };
    const created = await session.request<TCreatedToken>(
      'POST',
      `/api/v1/users/${integration.id}/api-tokens`,
      body,
    );
    return { org, integration, created };
  }

  it('an admin creates a token that is shown once and stored only as a hash', async () => {
    const { integration, created } = await tokenFor('quality_lead');

    expect(created.status).toBe(201);
    expect(created.body.name).toBe('Kiosk fleet');
    expect(created.body.token.length).toBeGreaterThanOrEqual(40);
    const rows = await app.db.select().from(apiTokens).where(eq(apiTokens.userId, integration.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash.toString('utf8')).not.toContain(created.body.token);
    expect(JSON.stringify(rows[0])).not.toContain(created.body.token);
  });

  it('a bearer API token writes without a CSRF token, acting as its user', async () => {
    const { org, integration, created } = await tokenFor('quality_lead');

    const reply = await client(app.url).request<TSurvey>(
      'POST',
      '/api/v1/surveys',
      { templateId: 'nps' },
      { authorization: `Bearer ${created.body.token}` },
    );

    expect(reply.status).toBe(201);
    const rows = await surveysOf(org.organisationId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.createdBy).toBe(integration.id);
  });

  it('a wrong bearer token is 401, even with a valid session cookie alongside', async () => {
    const { org, created } = await tokenFor('quality_lead');
    const lead = await createStaff(app.db, org.organisationId, 'quality_lead');
    const session = await signIn(app.url, lead.email, lead.password);

    const alone = await client(app.url).request<TProblem>(
      'POST',
      '/api/v1/surveys',
      { templateId: 'nps' },
      { authorization: `Bearer ${created.body.token}x` },
    );
    const withCookie = await session.request<TProblem>('GET', '/api/v1/surveys', undefined, {
      authorization: 'Bearer clt_not-a-real-token',
    });

    expect(alone.status).toBe(401);
    expect(alone.body.code).toBe('unauthenticated');
    expect(withCookie.status).toBe(401);
    expect(await surveysOf(org.organisationId)).toHaveLength(0);
  });

  it('a token carries its user’s role: a viewer’s token cannot write', async () => {
    const { org, created } = await tokenFor('viewer');
    const bearer = { authorization: `Bearer ${created.body.token}` };

    const read = await client(app.url).request('GET', '/api/v1/surveys', undefined, bearer);
    const write = await client(app.url).request<TProblem>(
      'POST',
      '/api/v1/surveys',
      { templateId: 'nps' },
      bearer,
    );

    expect(read.status).toBe(200);
    expect(write.status).toBe(403);
    expect(await surveysOf(org.organisationId)).toHaveLength(0);
  });

  it('only an admin can create API tokens', async () => {
    const org = await createOrg(app.db);
    const lead = await createStaff(app.db, org.organisationId, 'quality_lead');
    const session = await signIn(app.url, lead.email, lead.password);

    const reply = await session.request<TProblem>('POST', `/api/v1/users/${lead.id}/api-tokens`, {
      name: 'Mine',
    });

    expect(reply.status).toBe(403);
    expect(await app.db.select().from(apiTokens).where(eq(apiTokens.userId, lead.id))).toHaveLength(0);
  });
});

describe('audit trail of sign-ins', () => {
  async function auditRowsOf(requestId: string) {
    return app.db.select().from(auditLog).where(eq(auditLog.requestId, requestId));
  }

  it('a sign-in writes an auth.login row naming the user, with no password or e-mail', async () => {
    const staff = await staffIn('quality_lead');
    const requestId = randomUUID();

    expect((await login(app.url, staff.email, staff.password, { 'x-request-id': requestId })).status).toBe(
      200,
    );

    const rows = await auditRowsOf(requestId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'auth.login',
      actorUserId: staff.id,
      organisationId: staff.organisationId,
    });
    const stored = JSON.stringify(rows[0]).toLowerCase();
    expect(stored).not.toContain(staff.password.toLowerCase());
    expect(stored).not.toContain(staff.email.toLowerCase());
  });

  it('a wrong password writes an auth.login_failed row, with neither the password tried nor the e-mail', async () => {
    const staff = await staffIn('viewer');
    const requestId = randomUUID();
    const tried = `guess-${uniq()}`;

    expect((await login(app.url, staff.email, tried, { 'x-request-id': requestId })).status).toBe(401);

    const rows = await auditRowsOf(requestId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'auth.login_failed', actorUserId: staff.id });
    const stored = JSON.stringify(rows[0]).toLowerCase();
    expect(stored).not.toContain(tried.toLowerCase());
    expect(stored).not.toContain(staff.email.toLowerCase());
  });

  it('an unknown e-mail writes an auth.login_failed row that does not record the e-mail', async () => {
    const requestId = randomUUID();
    const email = `stranger.${uniq()}@example.org`;
    const tried = `guess-${uniq()}`;

    expect((await login(app.url, email, tried, { 'x-request-id': requestId })).status).toBe(401);

    const rows = await app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.requestId, requestId), eq(auditLog.action, 'auth.login_failed')));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.actorUserId).toBeNull();
    const stored = JSON.stringify(rows[0]).toLowerCase();
    expect(stored).not.toContain(email.toLowerCase());
    expect(stored).not.toContain(tried.toLowerCase());
  });
});
