import { eq } from 'drizzle-orm';
import type { TApiTokenSummary } from '../../shared/src/api/integrations';
import { apiTokens, auditLog } from '../../server/src/db/schema';
import { startTestApp, type TTestApp } from '../support/app';
import { createOrg, createStaff, type TOrgFixture } from '../support/fixtures';
import { client, signIn, type TClient } from '../support/http';
import { publishedSurveyWithLink } from '../support/surveys';

let app: TTestApp;
let org: TOrgFixture;
let admin: TClient;
let leadId: string;
let surveyId: string;

beforeAll(async () => {
  app = await startTestApp();
  org = await createOrg(app.db);
  const a = await createStaff(app.db, org.organisationId, 'admin');
  admin = await signIn(app.url, a.email, a.password);
  leadId = (await createStaff(app.db, org.organisationId, 'quality_lead')).id;
  surveyId = (await publishedSurveyWithLink(admin, { kind: 'open', unitId: org.unitId })).survey.id;
});
afterAll(() => app.close());

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function issue(body: Record<string, unknown>, userId = leadId): Promise<{ id: string; token: string }> {
  const reply = await admin.request<{ id: string; token: string }>(
    'POST',
    `/api/v1/users/${userId}/api-tokens`,
    {
      name: 'integration',
      ...body,
    },
  );
  expect(reply.status).toBe(201);
  return reply.body;
}

const createLink = (token: string) =>
  client(app.url).request(
    'POST',
    `/api/v1/surveys/${surveyId}/links`,
    { kind: 'open', unitId: org.unitId },
    bearer(token),
  );

describe('API token scopes', () => {
  it('a read token reads but cannot create links, import responses or export (403)', async () => {
    const { token } = await issue({ scopes: ['read'] });
    expect((await client(app.url).request('GET', '/api/v1/surveys', undefined, bearer(token))).status).toBe(
      200,
    );
    expect((await createLink(token)).status).toBe(403);
    const imported = await client(app.url).request(
      'POST',
      `/api/v1/surveys/${surveyId}/responses/import`,
      '',
      { ...bearer(token), 'content-type': 'application/x-ndjson' },
    );
    expect(imported.status).toBe(403);
    expect(
      (await client(app.url).request('GET', '/api/v1/exports/rollups.csv', undefined, bearer(token))).status,
    ).toBe(403);
    // Writes outside every scope (creating a survey) are refused too, though the lead's role allows them.
    expect(
      (await client(app.url).request('POST', '/api/v1/surveys', { templateId: 'nps' }, bearer(token))).status,
    ).toBe(403);
  });

  it('a links:write token creates links, and reads nothing else', async () => {
    const { token } = await issue({ scopes: ['links:write'] });
    expect((await createLink(token)).status).toBe(201);
    expect((await client(app.url).request('GET', '/api/v1/surveys', undefined, bearer(token))).status).toBe(
      403,
    );
  });

  it('an export token exports rollups; the scope adds nothing to the role (a lead cannot export responses)', async () => {
    const { token } = await issue({ scopes: ['export'] });
    const rollups = await fetch(`${app.url}/api/v1/exports/rollups.csv`, { headers: bearer(token) });
    expect(rollups.status).toBe(200);
    const raw = await client(app.url).request(
      'GET',
      `/api/v1/exports/responses.csv?surveyId=${surveyId}`,
      undefined,
      bearer(token),
    );
    expect(raw.status).toBe(403);
  });

  it('an expired token is refused (401)', async () => {
    const { token } = await issue({ scopes: ['read'], expiresAt: new Date(Date.now() + 1500).toISOString() });
    expect((await client(app.url).request('GET', '/api/v1/surveys', undefined, bearer(token))).status).toBe(
      200,
    );
    await new Promise((r) => setTimeout(r, 1600));
    expect((await client(app.url).request('GET', '/api/v1/surveys', undefined, bearer(token))).status).toBe(
      401,
    );
  });

  it('is listed with its scopes, expiry and last use, and revocation takes effect on the next request', async () => {
    const { id, token } = await issue({ name: 'Kiosk fleet', scopes: ['read', 'links:write'] });
    expect((await client(app.url).request('GET', '/api/v1/surveys', undefined, bearer(token))).status).toBe(
      200,
    );
    const listed = await admin.request<{ items: TApiTokenSummary[] }>('GET', '/api/v1/api-tokens');
    const mine = listed.body.items.find((t) => t.id === id)!;
    expect(mine).toMatchObject({
      name: 'Kiosk fleet',
      userId: leadId,
      scopes: ['read', 'links:write'],
      revokedAt: null,
    });
    expect(mine.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed.body)).not.toContain(token);

    expect((await admin.request('DELETE', `/api/v1/api-tokens/${id}`)).status).toBe(204);
    expect((await client(app.url).request('GET', '/api/v1/surveys', undefined, bearer(token))).status).toBe(
      401,
    );
    const [row] = await app.db.select().from(apiTokens).where(eq(apiTokens.id, id));
    expect(row!.revokedAt).not.toBeNull();
    const audit = await app.db.select().from(auditLog).where(eq(auditLog.targetId, id));
    expect(audit.map((a) => a.action).sort()).toEqual(['api_token.created', 'api_token.revoked']);
  });

  it("another organisation's admin cannot revoke or list the token", async () => {
    const { id, token } = await issue({ scopes: ['read'] });
    const other = await createOrg(app.db);
    const stranger = await createStaff(app.db, other.organisationId, 'admin');
    const them = await signIn(app.url, stranger.email, stranger.password);
    expect((await them.request('DELETE', `/api/v1/api-tokens/${id}`)).status).toBe(404);
    const listed = await them.request<{ items: TApiTokenSummary[] }>('GET', '/api/v1/api-tokens');
    expect(listed.body.items.map((t) => t.id)).not.toContain(id);
    expect((await client(app.url).request('GET', '/api/v1/surveys', undefined, bearer(token))).status).toBe(
      200,
    );
  });

  it("deactivating the token's user stops the token at once", async () => {
    const user = await createStaff(app.db, org.organisationId, 'quality_lead');
    const { token } = await issue({ scopes: ['read'] }, user.id);
    expect((await client(app.url).request('GET', '/api/v1/surveys', undefined, bearer(token))).status).toBe(
      200,
    );
    expect((await admin.request('PATCH', `/api/v1/users/${user.id}`, { disabled: true })).status).toBe(200);
    expect((await client(app.url).request('GET', '/api/v1/surveys', undefined, bearer(token))).status).toBe(
      401,
    );
  });
});
