import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../server/src/db/schema';
import type { TRunningWorkers } from '../../workers/src/main';
import { startTestApp, type TTestApp } from '../support/app';
import { createOrg, createStaff, type TOrgFixture } from '../support/fixtures';
import { signIn, submitAnswers, type TClient } from '../support/http';
import { FEEDBACK_SURVEY, publishedSurveyWithLink } from '../support/surveys';
import { countAnalysed, startTestWorkers, waitFor } from '../support/workers';

let app: TTestApp;
let workers: TRunningWorkers;
let org: TOrgFixture;
let admin: TClient;
let surveyId: string;
const ids: string[] = [];

/** The CSV body as text, and its rows split naively (the test's cells hold no commas or newlines unless quoted). */
async function getCsv(
  who: TClient,
  path: string,
): Promise<{ status: number; text: string; type: string | null }> {
  const res = await fetch(`${app.url}${path}`, { headers: { cookie: who.cookie! } });
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
}

beforeAll(async () => {
  app = await startTestApp({ RATE_LIMIT_SUBMIT_PER_IP: '100000', RATE_LIMIT_SUBMIT_PER_LINK: '100000' });
  workers = await startTestWorkers(app);
  org = await createOrg(app.db);
  const a = await createStaff(app.db, org.organisationId, 'admin');
  admin = await signIn(app.url, a.email, a.password);
  const { survey, link } = await publishedSurveyWithLink(
    admin,
    { kind: 'open', unitId: org.unitId },
    FEEDBACK_SURVEY,
  );
  const other = await admin.request<{ token: string }>('POST', `/api/v1/surveys/${survey.id}/links`, {
    kind: 'open',
    unitId: org.otherUnitId,
  });
  surveyId = survey.id;
  ids.push(
    await submitAnswers(app.url, link.token, {
      fft: 'poor',
      nps: 3,
      better: 'Call me on 07700 900123, the wait was awful',
      good: '=HYPERLINK("http://evil.example","click")',
    }),
  );
  for (let i = 0; i < 5; i += 1)
    ids.push(await submitAnswers(app.url, link.token, { fft: 'good', nps: 9, again: true }));
  for (let i = 0; i < 2; i += 1)
    ids.push(await submitAnswers(app.url, other.body.token, { fft: 'good', nps: 10 }));
  await waitFor('analysis', async () => (await countAnalysed(app.db, ids)) === ids.length, 60_000);
}, 90_000);
afterAll(async () => {
  await workers?.stop();
  await app?.close();
});

describe('CSV export of responses', () => {
  it('gives one row per response, a column per question, redacted and formula-safe text and the analysis', async () => {
    const csv = await getCsv(admin, `/api/v1/exports/responses.csv?surveyId=${surveyId}`);
    expect(csv.status).toBe(200);
    expect(csv.type).toBe('text/csv; charset=utf-8');
    expect(csv.text.charCodeAt(0)).not.toBe(0xfeff);
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'response_id,submitted_at,survey_version,unit_id,change_id,locale,fft,again,nps,overall,good,better,sentiment,sentiment_score,themes,urgency',
    );
    expect(lines).toHaveLength(1 + ids.length);
    const first = lines.find((l) => l.startsWith(ids[0]!))!;
    expect(first).toContain('[PHONE]');
    expect(first).not.toContain('07700 900123');
    // The formula is defused with a leading apostrophe (and quoted, as it holds quotes and a comma).
    expect(first).toContain(`"'=HYPERLINK(""[URL]"",""click"")"`);
    expect(first).toMatch(/,poor,,3,,/);
    expect(first).toMatch(/,negative,-?0\.\d{3},[^,]*,(none|review|urgent)$/);
    const plain = lines.find((l) => l.startsWith(ids[1]!))!;
    expect(plain).toMatch(/,good,yes,9,,,,,,,$/);
  });

  it('starts with a byte order mark when asked (?bom=1), for Excel', async () => {
    const res = await fetch(`${app.url}/api/v1/exports/responses.csv?surveyId=${surveyId}&bom=1`, {
      headers: { cookie: admin.cookie! },
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('is audited with the count of rows only', async () => {
    const rows = await app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'export.responses'), eq(auditLog.targetId, surveyId)));
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows[0]!.detail).toEqual({ rows: ids.length, from: null, to: null });
  });

  it("is refused to quality leads (403) and answers 404 for another organisation's survey", async () => {
    const l = await createStaff(app.db, org.organisationId, 'quality_lead');
    const lead = await signIn(app.url, l.email, l.password);
    expect((await getCsv(lead, `/api/v1/exports/responses.csv?surveyId=${surveyId}`)).status).toBe(403);
    const other = await createOrg(app.db);
    const s = await createStaff(app.db, other.organisationId, 'admin');
    const stranger = await signIn(app.url, s.email, s.password);
    const refused = await getCsv(stranger, `/api/v1/exports/responses.csv?surveyId=${surveyId}`);
    expect(refused.status).toBe(404);
    expect(refused.type).toContain('application/problem+json');
  });
});

describe('CSV export of rollups', () => {
  it('shows groups of at least k and suppresses smaller ones, as the board does', async () => {
    const csv = await getCsv(admin, '/api/v1/exports/rollups.csv');
    expect(csv.status).toBe(200);
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'week,survey_id,unit_id,change_id,suppressed,responses,comments,urgent_comments,positive_commenters,neutral_commenters,negative_commenters',
    );
    const big = lines.filter((l) => l.includes(org.unitId));
    const small = lines.filter((l) => l.includes(org.otherUnitId));
    expect(big.length).toBeGreaterThanOrEqual(1);
    expect(small.length).toBeGreaterThanOrEqual(1);
    const total = big.reduce((s, l) => s + Number(l.split(',')[5] || 0), 0);
    expect(total).toBe(6);
    // One commenter: below k, so the comment counts are blank, never "1".
    expect(big[0]).toMatch(/,no,6,,,,,$/);
    for (const l of small) expect(l).toMatch(/,yes,,,,,,$/);
  });

  it("gives a quality lead only their own units' rows", async () => {
    const l = await createStaff(app.db, org.organisationId, 'quality_lead', {
      level: 'unit',
      id: org.otherUnitId,
    });
    const lead = await signIn(app.url, l.email, l.password);
    const csv = await getCsv(lead, '/api/v1/exports/rollups.csv');
    expect(csv.status).toBe(200);
    const rows = csv.text.trimEnd().split('\r\n').slice(1);
    expect(rows.length).toBeGreaterThanOrEqual(1);
    for (const r of rows) expect(r).toContain(org.otherUnitId);
    const audit = await app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'export.rollups'), eq(auditLog.actorUserId, l.id)));
    expect(audit[0]!.detail).toMatchObject({ rows: rows.length, suppressed: rows.length });
  });
});
