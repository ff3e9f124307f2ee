/**
 * The submit path reads links from a short-lived per-process cache and stores a submission in one
 * statement. These cases are what a stale cache must never change: a link closed elsewhere, a newer
 * version, a used single-use link.
 */
import { randomUUID } from 'node:crypto';
import { count, eq, sql } from 'drizzle-orm';
import { links, responses } from '../../server/src/db/schema';
import { startTestApp, type TTestApp } from '../support/app';
import { createOrg, createStaff, type TOrgFixture } from '../support/fixtures';
import { client, signIn, type TClient } from '../support/http';
import { ALL_TYPES_SURVEY, publishedSurveyWithLink } from '../support/surveys';

type TBody = { id: string; code: string };

let app: TTestApp;
let org: TOrgFixture;
let staff: TClient;

beforeAll(async () => {
  app = await startTestApp({ RATE_LIMIT_SUBMIT_PER_IP: '1000' });
  org = await createOrg(app.db);
  const lead = await createStaff(app.db, org.organisationId, 'quality_lead');
  staff = await signIn(app.url, lead.email, lead.password);
});
afterAll(() => app.close());

const submit = (token: string, answers: Record<string, unknown>, key: string = randomUUID()) =>
  client(app.url).request<TBody>(
    'POST',
    `/api/v1/public/surveys/${token}/responses`,
    { answers },
    { 'idempotency-key': key },
  );

async function countWhere(linkId: string): Promise<number> {
  const [row] = await app.db.select({ n: count() }).from(responses).where(eq(responses.linkId, linkId));
  return row!.n;
}

describe('submit path with a cached link', () => {
  it('a link closed by another server process refuses the next submission at once', async () => {
    const { link } = await publishedSurveyWithLink(staff, { kind: 'open', unitId: org.unitId });
    const key = randomUUID();
    expect((await submit(link.token, { overall: 5 }, key)).status).toBe(201);
    // As another process closes it: straight in the database, so this process's cache still says open.
    await app.db
      .update(links)
      .set({ expiresAt: sql`${links.createdAt}` })
      .where(eq(links.id, link.id));
    const refused = await submit(link.token, { overall: 4 });
    expect(refused.status).toBe(410);
    // The retry of the stored submission still gets its answer.
    expect((await submit(link.token, { overall: 5 }, key)).status).toBe(201);
    expect(await countWhere(link.id)).toBe(1);
  });

  it('a submission that names no version answers the version published a moment ago', async () => {
    const {
      survey,
      link,
      versionId: v1,
    } = await publishedSurveyWithLink(staff, {
      kind: 'open',
      unitId: org.unitId,
    });
    expect((await submit(link.token, { overall: 5 })).status).toBe(201);
    const extra = {
      linkId: 'extra',
      type: 'text' as const,
      required: true,
      text: { en: 'More?', es: '¿Más?' },
    };
    const current = await staff.request<{ revision: number }>('GET', `/api/v1/surveys/${survey.id}`);
    const put = await staff.request('PUT', `/api/v1/surveys/${survey.id}`, {
      definition: { ...ALL_TYPES_SURVEY, items: [...ALL_TYPES_SURVEY.items, extra] },
      revision: current.body.revision,
    });
    expect(put.status).toBe(200);
    const v2 = await staff.request<{ id: string }>('POST', `/api/v1/surveys/${survey.id}/publish`);
    expect(v2.body.id).not.toBe(v1);
    // Checked against v2 at once: its new required question is missing.
    expect((await submit(link.token, { overall: 4 })).status).toBe(400);
    const stored = await submit(link.token, { overall: 4, extra: 'yes' });
    expect(stored.status).toBe(201);
    const [row] = await app.db.select().from(responses).where(eq(responses.id, stored.body.id));
    expect(row!.surveyVersionId).toBe(v2.body.id);
  });

  it('a used single-use link refuses a second submission though the cache read it unused', async () => {
    const { link } = await publishedSurveyWithLink(staff, { kind: 'single_use', unitId: org.unitId });
    // Load it into the cache with a refused body, then use it.
    expect((await submit(link.token, { overall: 'five' })).status).toBe(400);
    expect((await submit(link.token, { overall: 3 })).status).toBe(201);
    expect((await submit(link.token, { overall: 3 })).status).toBe(410);
    expect(await countWhere(link.id)).toBe(1);
  });
});
