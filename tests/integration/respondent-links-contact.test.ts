import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { responses } from '../../server/src/db/schema';
import type { TPublicSurvey } from '../../shared/src/api/public';
import type { TLink } from '../../shared/src/api/surveys';
import { startTestApp, type TTestApp } from '../support/app';
import { createOrg, createStaff, type TOrgFixture } from '../support/fixtures';
import { client, signIn, type TClient } from '../support/http';
import { publishedSurveyWithLink, publishedTemplateWithLink } from '../support/surveys';

type TProblemBody = { code: string; detail?: string; invalid_params?: { name: string; reason: string }[] };

let app: TTestApp;
let org: TOrgFixture;
let lead: TClient;
let admin: TClient;
let anon: TClient;

beforeAll(async () => {
  app = await startTestApp({ RATE_LIMIT_SUBMIT_PER_IP: '1000' });
  org = await createOrg(app.db);
  const leadUser = await createStaff(app.db, org.organisationId, 'quality_lead');
  const adminUser = await createStaff(app.db, org.organisationId, 'admin');
  lead = await signIn(app.url, leadUser.email, leadUser.password);
  admin = await signIn(app.url, adminUser.email, adminUser.password);
  anon = client(app.url);
});
afterAll(() => app.close());

const publicSurvey = (token: string) =>
  anon.request<TPublicSurvey & TProblemBody>('GET', `/api/v1/public/surveys/${token}`);

const submitAs = (who: TClient, token: string, body: unknown, key: string = randomUUID()) =>
  who.request<TProblemBody & { id: string }>('POST', `/api/v1/public/surveys/${token}/responses`, body, {
    'idempotency-key': key,
  });

const paramNames = (body: TProblemBody): string[] => (body.invalid_params ?? []).map((p) => p.name);

describe('a link’s kiosk idle time and language', () => {
  it('are stored as staff set them, listed, and given to the respondent page', async () => {
    const made = await publishedSurveyWithLink(lead, {
      kind: 'open',
      unitId: org.unitId,
      kiosk: true,
      kioskIdleSeconds: 45,
      locale: 'es',
    });
    expect(made.link).toMatchObject({ kiosk: true, kioskIdleSeconds: 45, locale: 'es' });
    const listed = await lead.request<{ items: TLink[] }>('GET', `/api/v1/surveys/${made.survey.id}/links`);
    expect(listed.body.items.find((l) => l.id === made.link.id)).toMatchObject({
      kioskIdleSeconds: 45,
      locale: 'es',
    });
    const page = await publicSurvey(made.link.token);
    expect(page.status).toBe(200);
    expect(page.body.link).toEqual({
      kind: 'open',
      kiosk: true,
      kioskIdleSeconds: 45,
      locale: 'es',
      unitName: 'Ward 7',
    });
  });

  it('default to two minutes and the browser’s language when not given', async () => {
    const { link } = await publishedSurveyWithLink(lead, { kind: 'open', unitId: org.unitId });
    expect(link).toMatchObject({ kioskIdleSeconds: 120, locale: null });
    const page = await publicSurvey(link.token);
    expect(page.body.link).toEqual({ kind: 'open', kiosk: false, unitName: 'Ward 7' });
  });

  it('are refused, naming the field, when out of range, not for a kiosk, or not a language of the survey', async () => {
    const { survey } = await publishedSurveyWithLink(lead, { kind: 'open', unitId: org.unitId });
    const create = (body: object) =>
      lead.request<TProblemBody>('POST', `/api/v1/surveys/${survey.id}/links`, {
        kind: 'open',
        unitId: org.unitId,
        ...body,
      });
    const tooShort = await create({ kiosk: true, kioskIdleSeconds: 5 });
    expect(tooShort.status).toBe(400);
    expect(paramNames(tooShort.body)).toEqual(['kioskIdleSeconds']);
    const notKiosk = await create({ kioskIdleSeconds: 60 });
    expect(notKiosk.status).toBe(400);
    expect(paramNames(notKiosk.body)).toEqual(['kioskIdleSeconds']);
    const french = await create({ locale: 'fr' });
    expect(french.status).toBe(400);
    expect(paramNames(french.body)).toEqual(['locale']);
    expect(french.body.invalid_params![0]!.reason).toMatch(/en, es/);
  });
});

describe('a unit’s “You said, we did” page', () => {
  it('is set by an administrator, shown in the organisation, and given to respondents of that unit', async () => {
    const url = 'https://feedback.example.org/ward-7/you-said-we-did';
    const saved = await admin.request<{ youSaidWeDidUrl?: string }>(
      'PATCH',
      `/api/v1/org/units/${org.unitId}`,
      {
        youSaidWeDidUrl: url,
      },
    );
    expect(saved.status).toBe(200);
    expect(saved.body.youSaidWeDidUrl).toBe(url);
    const tree = await lead.request<{ sites: { departments: { units: { id: string }[] }[] }[] }>(
      'GET',
      '/api/v1/org',
    );
    const units = tree.body.sites.flatMap((s) => s.departments.flatMap((d) => d.units));
    expect(units.find((u) => u.id === org.unitId)).toMatchObject({ youSaidWeDidUrl: url });

    const { link } = await publishedSurveyWithLink(lead, { kind: 'open', unitId: org.unitId });
    expect((await publicSurvey(link.token)).body.link.youSaidWeDidUrl).toBe(url);
    const other = await publishedSurveyWithLink(lead, { kind: 'open', unitId: org.otherUnitId });
    expect((await publicSurvey(other.link.token)).body.link.youSaidWeDidUrl).toBeUndefined();

    const cleared = await admin.request<{ youSaidWeDidUrl?: string }>(
      'PATCH',
      `/api/v1/org/units/${org.unitId}`,
      {
        youSaidWeDidUrl: null,
      },
    );
    expect(cleared.status).toBe(200);
    expect(cleared.body.youSaidWeDidUrl).toBeUndefined();
    expect((await publicSurvey(link.token)).body.link.youSaidWeDidUrl).toBeUndefined();
  });

  it('must be an https address, may be set only by administrators, and only for units of their organisation', async () => {
    for (const bad of ['http://example.org/ysdw', 'javascript:alert(1)', 'not a url']) {
      const res = await admin.request<TProblemBody>('PATCH', `/api/v1/org/units/${org.unitId}`, {
        youSaidWeDidUrl: bad,
      });
      expect(res.status).toBe(400);
      expect(paramNames(res.body)).toEqual(['youSaidWeDidUrl']);
    }
    const byLead = await lead.request('PATCH', `/api/v1/org/units/${org.unitId}`, {
      youSaidWeDidUrl: 'https://example.org/',
    });
    expect(byLead.status).toBe(403);
    const elsewhere = await createOrg(app.db);
    const foreign = await admin.request('PATCH', `/api/v1/org/units/${elsewhere.unitId}`, {
      youSaidWeDidUrl: 'https://example.org/',
    });
    expect(foreign.status).toBe(404);
  });
});

describe('a clinician who is happy to be contacted', () => {
  async function pulse() {
    const made = await publishedTemplateWithLink(lead, 'change-pulse', { kind: 'open', unitId: org.unitId });
    const answers = { change: 'ehr_module', friction: 'Too many clicks to order bloods' };
    return { ...made, body: { versionId: made.versionId, answers } };
  }

  async function clinician() {
    const user = await createStaff(app.db, org.organisationId, 'clinician');
    return { user, session: await signIn(app.url, user.email, user.password) };
  }

  const storedResponse = async (id: string) =>
    (await app.db.select().from(responses).where(eq(responses.id, id)))[0]!;

  it('with a staff session and its CSRF token, is stored with the response as who to contact', async () => {
    const { link, body } = await pulse();
    const { user, session } = await clinician();
    const res = await submitAs(session, link.token, { ...body, contact: true });
    expect(res.status).toBe(201);
    expect((await storedResponse(res.body.id)).contactUserId).toBe(user.id);
  });

  it('stays anonymous when contact is not asked for, even while signed in', async () => {
    const { link, body } = await pulse();
    const { session } = await clinician();
    const res = await submitAs(session, link.token, body);
    expect(res.status).toBe(201);
    expect((await storedResponse(res.body.id)).contactUserId).toBeNull();
  });

  it('without a session, or without the CSRF token, is refused with 401 and nothing is stored', async () => {
    const { link, body } = await pulse();
    const noSession = await submitAs(anon, link.token, { ...body, contact: true });
    expect(noSession.status).toBe(401);
    expect(noSession.body.code).toBe('unauthenticated');
    expect(noSession.body.detail).toMatch(/Sign in to be contacted/);

    const { session } = await clinician();
    const cookieOnly = client(app.url);
    const noCsrf = await cookieOnly.request<TProblemBody>(
      'POST',
      `/api/v1/public/surveys/${link.token}/responses`,
      { ...body, contact: true },
      { 'idempotency-key': randomUUID(), cookie: session.cookie! },
    );
    expect(noCsrf.status).toBe(401);
    const stored = await app.db.select().from(responses).where(eq(responses.linkId, link.id));
    expect(stored).toHaveLength(0);
  });

  it('is refused on a patient survey, even with a staff session', async () => {
    const { link, versionId } = await publishedSurveyWithLink(lead, { kind: 'open', unitId: org.unitId });
    const { session } = await clinician();
    const res = await submitAs(session, link.token, { versionId, answers: { overall: 4 }, contact: true });
    expect(res.status).toBe(400);
    expect(paramNames(res.body)).toEqual(['contact']);
    expect(await app.db.select().from(responses).where(eq(responses.linkId, link.id))).toHaveLength(0);
  });

  it('is refused for staff of another organisation', async () => {
    const { link, body } = await pulse();
    const elsewhere = await createOrg(app.db);
    const stranger = await createStaff(app.db, elsewhere.organisationId, 'clinician');
    const session = await signIn(app.url, stranger.email, stranger.password);
    const res = await submitAs(session, link.token, { ...body, contact: true });
    expect(res.status).toBe(403);
  });

  it('gets the stored answer when the retry of a stored submission comes after signing out', async () => {
    const { link, body } = await pulse();
    const { session } = await clinician();
    const key = randomUUID();
    const first = await submitAs(session, link.token, { ...body, contact: true }, key);
    expect(first.status).toBe(201);
    await session.request('POST', '/api/v1/auth/logout');
    const retry = await submitAs(anon, link.token, { ...body, contact: true }, key);
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    expect(await app.db.select().from(responses).where(eq(responses.linkId, link.id))).toHaveLength(1);
  });
});
