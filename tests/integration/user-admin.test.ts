import { and, eq } from 'drizzle-orm';
import type { TStaffAccount } from '../../shared/src/api/org';
import type { TProblem } from '../../shared/src/errors';
import { auditLog } from '../../server/src/db/schema';
import { startTestApp, type TTestApp } from '../support/app';
import { createOrg, createStaff, type TOrgFixture, type TStaffFixture } from '../support/fixtures';
import { client, signIn, type TClient } from '../support/http';

let app: TTestApp;

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app.close();
});

type TWorld = { org: TOrgFixture; admin: TClient; adminId: string };

async function organisationWithAdmin(): Promise<TWorld> {
  const org = await createOrg(app.db);
  const staff = await createStaff(app.db, org.organisationId, 'admin');
  return { org, admin: await signIn(app.url, staff.email, staff.password), adminId: staff.id };
}

const updateUser = (who: TClient, id: string, body: unknown) =>
  who.request<TStaffAccount & TProblem>('PATCH', `/api/v1/users/${id}`, body);

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function issueToken(w: TWorld, user: TStaffFixture): Promise<string> {
  const issued = await w.admin.request<{ token: string }>('POST', `/api/v1/users/${user.id}/api-tokens`, {
    name: 'integration',
  });
  expect(issued.status).toBe(201);
  return issued.body.token;
}

const auditRows = (targetId: string) =>
  app.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'user.updated'), eq(auditLog.targetId, targetId)));

describe('deactivating a staff account', () => {
  it("refuses the account's existing session cookie and API token at once (401), and its next sign-in", async () => {
    const w = await organisationWithAdmin();
    const lead = await createStaff(app.db, w.org.organisationId, 'quality_lead');
    const session = await signIn(app.url, lead.email, lead.password);
    const token = await issueToken(w, lead);
    expect((await session.request('GET', '/api/v1/auth/me')).status).toBe(200);
    expect((await client(app.url).request('GET', '/api/v1/surveys', undefined, bearer(token))).status).toBe(
      200,
    );

    const done = await updateUser(w.admin, lead.id, { disabled: true });
    expect(done.status).toBe(200);
    expect(done.body.disabled).toBe(true);

    expect((await session.request('GET', '/api/v1/auth/me')).status).toBe(401);
    expect((await session.request('POST', '/api/v1/surveys', { templateId: 'nps' })).status).toBe(401);
    expect((await client(app.url).request('GET', '/api/v1/surveys', undefined, bearer(token))).status).toBe(
      401,
    );
    await expect(signIn(app.url, lead.email, lead.password)).rejects.toThrow('sign-in failed with 401');
    const listed = await w.admin.request<{ items: TStaffAccount[] }>('GET', '/api/v1/users');
    expect(listed.body.items.find((u) => u.id === lead.id)?.disabled).toBe(true);
  });

  it('keeps the old session ended after the account is reactivated; a fresh sign-in works', async () => {
    const w = await organisationWithAdmin();
    const viewer = await createStaff(app.db, w.org.organisationId, 'viewer');
    const oldSession = await signIn(app.url, viewer.email, viewer.password);
    expect((await updateUser(w.admin, viewer.id, { disabled: true })).status).toBe(200);
    const back = await updateUser(w.admin, viewer.id, { disabled: false });
    expect(back.status).toBe(200);
    expect(back.body.disabled).toBe(false);

    expect((await oldSession.request('GET', '/api/v1/auth/me')).status).toBe(401);
    const fresh = await signIn(app.url, viewer.email, viewer.password);
    expect((await fresh.request('GET', '/api/v1/auth/me')).status).toBe(200);
  });

  it('records before and after in the audit trail', async () => {
    const w = await organisationWithAdmin();
    const clinician = await createStaff(app.db, w.org.organisationId, 'clinician');
    const scope = { level: 'unit', id: w.org.unitId };
    expect((await updateUser(w.admin, clinician.id, { role: 'viewer', scope, disabled: true })).status).toBe(
      200,
    );
    const [row, ...more] = await auditRows(clinician.id);
    expect(more).toHaveLength(0);
    expect(row!.actorUserId).toBe(w.adminId);
    expect(row!.detail).toEqual({
      before: { role: 'clinician', scope: { level: 'organisation' }, disabled: false },
      after: { role: 'viewer', scope, disabled: true },
    });
  });
});

describe('what an administrator may not do', () => {
  it('cannot deactivate or demote themselves (409), and stays an active admin', async () => {
    const w = await organisationWithAdmin();
    for (const body of [
      { disabled: true },
      { role: 'quality_lead' },
      { scope: { level: 'unit', id: w.org.unitId } },
    ]) {
      const refused = await updateUser(w.admin, w.adminId, body);
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('conflict');
      expect(refused.body.detail).toMatch(/your own/);
    }
    expect((await w.admin.request('GET', '/api/v1/users')).status).toBe(200);
    expect(await auditRows(w.adminId)).toHaveLength(0);
  });

  it("answers 404 for another organisation's user and leaves them unchanged", async () => {
    const w = await organisationWithAdmin();
    const otherOrg = await createOrg(app.db);
    const stranger = await createStaff(app.db, otherOrg.organisationId, 'quality_lead');
    const strangerSession = await signIn(app.url, stranger.email, stranger.password);
    const refused = await updateUser(w.admin, stranger.id, { disabled: true });
    expect(refused.status).toBe(404);
    expect((await updateUser(w.admin, crypto.randomUUID(), { disabled: true })).status).toBe(404);
    expect((await strangerSession.request('GET', '/api/v1/auth/me')).status).toBe(200);
  });

  it('refuses non-admins (403), a scope from another organisation and an empty change (400)', async () => {
    const w = await organisationWithAdmin();
    const lead = await createStaff(app.db, w.org.organisationId, 'quality_lead');
    const leadSession = await signIn(app.url, lead.email, lead.password);
    const viewer = await createStaff(app.db, w.org.organisationId, 'viewer');
    expect((await updateUser(leadSession, viewer.id, { disabled: true })).status).toBe(403);
    const foreignUnit = (await createOrg(app.db)).unitId;
    expect((await updateUser(w.admin, viewer.id, { scope: { level: 'unit', id: foreignUnit } })).status).toBe(
      400,
    );
    expect((await updateUser(w.admin, viewer.id, {})).status).toBe(400);
    expect((await updateUser(w.admin, viewer.id, { role: 'owner' })).status).toBe(400);
  });
});

describe('changing a role or scope', () => {
  it("applies to the account's next request, in the same session", async () => {
    const w = await organisationWithAdmin();
    const viewer = await createStaff(app.db, w.org.organisationId, 'viewer');
    const session = await signIn(app.url, viewer.email, viewer.password);
    expect((await session.request('POST', '/api/v1/surveys', { templateId: 'nps' })).status).toBe(403);

    const promoted = await updateUser(w.admin, viewer.id, { role: 'quality_lead' });
    expect(promoted.status).toBe(200);
    expect(promoted.body.role).toBe('quality_lead');
    expect((await session.request('POST', '/api/v1/surveys', { templateId: 'nps' })).status).toBe(201);

    // Narrowed to one ward: the very next request sees the new scope.
    const scope = { level: 'unit', id: w.org.unitId };
    expect((await updateUser(w.admin, viewer.id, { scope })).status).toBe(200);
    const me = await session.request<{ user: { scope: unknown } }>('GET', '/api/v1/auth/me');
    expect(me.body.user.scope).toEqual(scope);
  });
});
