import { and, eq } from 'drizzle-orm';
import type { TLink } from '../../shared/src/api/surveys';
import type { TProblem } from '../../shared/src/errors';
import { auditLog, responses } from '../../server/src/db/schema';
import { startTestApp, type TTestApp } from '../support/app';
import { createOrg, createStaff, type TOrgFixture } from '../support/fixtures';
import { client, signIn, submitAnswers, type TClient } from '../support/http';
import { ALL_TYPES_SURVEY, publishedSurveyWithLink, VALID_ANSWERS } from '../support/surveys';

let app: TTestApp;

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app.close();
});

async function staffOf(org: TOrgFixture, role: 'admin' | 'quality_lead' | 'viewer', unitId?: string) {
  const staff = await createStaff(
    app.db,
    org.organisationId,
    role,
    unitId ? { level: 'unit', id: unitId } : undefined,
  );
  return signIn(app.url, staff.email, staff.password);
}

const closeLink = (who: TClient, linkId: string) =>
  who.request<TLink & TProblem>('POST', `/api/v1/links/${linkId}/close`);

const anon = () => client(app.url);

describe('closing a link', () => {
  it('when a lead closes a link, its page says closed, a submission is refused and earlier responses stay', async () => {
    const org = await createOrg(app.db);
    const lead = await staffOf(org, 'quality_lead');
    const { survey, link } = await publishedSurveyWithLink(
      lead,
      { kind: 'open', unitId: org.unitId },
      ALL_TYPES_SURVEY,
    );
    const earlier = await submitAnswers(app.url, link.token, VALID_ANSWERS);

    const closed = await closeLink(lead, link.id);
    expect(closed.status).toBe(200);
    expect(closed.body.closed).toBe(true);

    const page = await anon().request<TProblem>('GET', `/api/v1/public/surveys/${link.token}`);
    expect(page.status).toBe(410);
    expect(page.body.detail).toBe('This survey link has been closed');
    const submit = await anon().request<TProblem>(
      'POST',
      `/api/v1/public/surveys/${link.token}/responses`,
      { answers: VALID_ANSWERS },
      { 'idempotency-key': crypto.randomUUID() },
    );
    expect(submit.status).toBe(410);
    expect(submit.body.detail).toBe('This survey link has been closed');

    const stored = await app.db.select().from(responses).where(eq(responses.linkId, link.id));
    expect(stored.map((r) => r.id)).toEqual([earlier]);
    const listed = await lead.request<{ items: TLink[] }>('GET', `/api/v1/surveys/${survey.id}/links`);
    expect(listed.body.items.find((l) => l.id === link.id)?.closed).toBe(true);
  });

  it('records who closed the link in the audit trail, once even when closed twice', async () => {
    const org = await createOrg(app.db);
    const admin = await staffOf(org, 'admin');
    const { link } = await publishedSurveyWithLink(admin, { kind: 'single_use' });
    expect((await closeLink(admin, link.id)).status).toBe(200);
    expect((await closeLink(admin, link.id)).status).toBe(200);
    const rows = await app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'link.closed'), eq(auditLog.targetId, link.id)));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.organisationId).toBe(org.organisationId);
    expect(rows[0]!.actorUserId).not.toBeNull();
  });

  it("answers 404 for a link outside the actor's scope or organisation, and leaves it open", async () => {
    const org = await createOrg(app.db);
    const admin = await staffOf(org, 'admin');
    const { link: otherUnitLink } = await publishedSurveyWithLink(admin, {
      kind: 'open',
      unitId: org.otherUnitId,
    });
    const { link: orgWideLink } = await publishedSurveyWithLink(admin, { kind: 'open' });
    const wardLead = await staffOf(org, 'quality_lead', org.unitId);
    const stranger = await staffOf(await createOrg(app.db), 'admin');

    for (const [who, link] of [
      [wardLead, otherUnitLink],
      [wardLead, orgWideLink],
      [stranger, otherUnitLink],
    ] as const) {
      const refused = await closeLink(who, link.id);
      expect(refused.status).toBe(404);
      expect(refused.body.code).toBe('not_found');
    }
    expect((await closeLink(admin, crypto.randomUUID())).status).toBe(404);
    const page = await anon().request('GET', `/api/v1/public/surveys/${otherUnitLink.token}`);
    expect(page.status).toBe(200);
  });

  it('refuses a viewer (403), as for creating links', async () => {
    const org = await createOrg(app.db);
    const admin = await staffOf(org, 'admin');
    const { link } = await publishedSurveyWithLink(admin, { kind: 'open' });
    const viewer = await staffOf(org, 'viewer');
    expect((await closeLink(viewer, link.id)).status).toBe(403);
    expect((await anon().request('GET', `/api/v1/public/surveys/${link.token}`)).status).toBe(200);
  });
});
