import { randomUUID } from 'node:crypto';
import { count, eq, sql } from 'drizzle-orm';
import { auditLog, responses } from '../../server/src/db/schema';
import { startTestApp, type TTestApp } from '../support/app';
import { createOrg, createStaff, type TOrgFixture } from '../support/fixtures';
import { signIn, type TClient } from '../support/http';
import { connectBoard, type TBoardSocket } from '../support/live';
import { VALID_ANSWERS, publishedSurveyWithLink } from '../support/surveys';

let app: TTestApp;
let org: TOrgFixture;
let lead: TClient;
let token: string;
let linkId: string;

beforeAll(async () => {
  app = await startTestApp({ RATE_LIMIT_SUBMIT_PER_IP: '1000' });
  org = await createOrg(app.db);
  const staff = await createStaff(app.db, org.organisationId, 'quality_lead');
  lead = await signIn(app.url, staff.email, staff.password);
  const { link } = await publishedSurveyWithLink(lead, { kind: 'open', unitId: org.unitId });
  token = link.token;
  linkId = link.id;
});
afterAll(() => app.close());

const stored = async (): Promise<number> =>
  (await app.db.select({ n: count() }).from(responses).where(eq(responses.linkId, linkId)))[0]!.n;

describe('path parameters a probe sends', () => {
  it.each([
    '/api/v1/public/surveys/abc%00def',
    '/api/v1/public/surveys/%FF',
    '/api/v1/public/surveys/%C3%28/responses',
    '/s/%FF',
    '/s/abc%00def',
    '/api/v1/surveys/%FF',
    '/api/v1/surveys/%00',
    '/api/v1/changes/%C3%28/impact',
  ])('%s is a 4xx problem, never a 500', async (path) => {
    const res = await fetch(`${app.url}${path}`, { headers: { cookie: lead.cookie ?? '' } });
    expect([400, 404]).toContain(res.status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('answers a probe sends', () => {
  const post = (raw: Buffer | string) =>
    fetch(`${app.url}/api/v1/public/surveys/${token}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: raw,
    });
  const withBetter = (better: string) => JSON.stringify({ answers: { ...VALID_ANSWERS, better } });

  it('stores a well-formed answer (the control)', async () => {
    const before = await stored();
    expect((await post(withBetter('Kind staff, thank you 👍'))).status).toBe(201);
    expect(await stored()).toBe(before + 1);
  });

  it.each([
    [
      'invalid UTF-8 in a text answer',
      Buffer.concat([
        Buffer.from(withBetter('ok').slice(0, -3)),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('"}}'),
      ]),
    ],
    ['a lone surrogate escape', withBetter('ok').replace('"ok"', '"\\ud800 ok"')],
    [
      'a __proto__ key in answers',
      withBetter('ok').replace('"answers":{', '"answers":{"__proto__":{"x":1},'),
    ],
    [
      'a constructor key in answers',
      withBetter('ok').replace('"answers":{', '"answers":{"constructor":"x",'),
    ],
    ['a NUL in a text answer', withBetter('ok').replace('"ok"', '"o\\u0000k"')],
  ])('refuses %s with a 400 problem and stores nothing', async (_what, raw) => {
    const before = await stored();
    const res = await post(raw);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(((await res.json()) as { detail: string }).detail).toBeTruthy();
    expect(await stored()).toBe(before);
  });
});

describe('live sockets', () => {
  const ended = (socket: TBoardSocket): Promise<number> => {
    const started = Date.now();
    return new Promise((resolve) => socket.once('session:ended', () => resolve(Date.now() - started)));
  };

  it('end at once at sign-out (that session only) and when the account is deactivated', async () => {
    const person = await createStaff(app.db, org.organisationId, 'quality_lead');
    const admin = await createStaff(app.db, org.organisationId, 'admin');
    const first = await signIn(app.url, person.email, person.password);
    const second = await signIn(app.url, person.email, person.password);
    const firstSocket = await connectBoard(app.url, { cookie: first.cookie });
    const secondSocket = await connectBoard(app.url, { cookie: second.cookie });
    try {
      const firstEnded = ended(firstSocket);
      expect((await first.request('POST', '/api/v1/auth/logout')).status).toBe(204);
      // Well inside the once-a-minute re-check that was the only way out before.
      expect(await firstEnded).toBeLessThan(5_000);
      expect(secondSocket.connected).toBe(true);

      const secondEnded = ended(secondSocket);
      const signedInAdmin = await signIn(app.url, admin.email, admin.password);
      const off = await signedInAdmin.request('PATCH', `/api/v1/users/${person.id}`, { disabled: true });
      expect(off.status).toBe(200);
      expect(await secondEnded).toBeLessThan(5_000);
    } finally {
      firstSocket.close();
      secondSocket.close();
    }
  });

  it('answer long-polling with the same hardening headers as the app', async () => {
    const res = await fetch(`${app.url}/socket.io/?EIO=4&transport=polling`, {
      headers: { origin: app.url },
    });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
});

describe('the audit trail', () => {
  it("is append-only for the application's own database role: UPDATE, DELETE and TRUNCATE are refused", async () => {
    const [row] = await app.db.select().from(auditLog).limit(1);
    expect(row).toBeDefined();
    // What PostgreSQL answered (drizzle wraps it), or "stored" when the statement went through.
    const answer = (query: ReturnType<typeof sql>) =>
      app.db.execute(query).then(
        () => 'stored',
        (err: Error & { cause?: Error }) => err.cause?.message ?? err.message,
      );
    expect(await answer(sql`UPDATE audit_log SET action = 'x' WHERE id = ${row!.id}`)).toMatch(/append-only/);
    expect(await answer(sql`DELETE FROM audit_log WHERE id = ${row!.id}`)).toMatch(/append-only/);
    expect(await answer(sql`TRUNCATE audit_log`)).toMatch(/append-only/);
    const [still] = await app.db.select().from(auditLog).where(eq(auditLog.id, row!.id));
    expect(still).toEqual(row);
    // Appending still works.
    const [added] = await app.db.insert(auditLog).values({ action: 'test.append' }).returning();
    expect(added!.id).toBeGreaterThan(row!.id);
  });
});
