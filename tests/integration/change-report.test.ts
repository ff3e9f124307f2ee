import { inflateSync } from 'node:zlib';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../server/src/db/schema';
import type { TRunningWorkers } from '../../workers/src/main';
import { startTestApp, type TTestApp } from '../support/app';
import { createOrg, createStaff, type TOrgFixture } from '../support/fixtures';
import { signIn, type TClient } from '../support/http';
import { daysAgo, importHistory } from '../support/impact-history';
import { countAnalysed, startTestWorkers, waitFor } from '../support/workers';

let app: TTestApp;
let workers: TRunningWorkers;

beforeAll(async () => {
  app = await startTestApp();
  workers = await startTestWorkers(app);
}, 30_000);

afterAll(async () => {
  await workers?.stop();
  await app?.close();
});

/**
 * The text a PDF shows, read without poppler: pdfkit writes each page's text as hex strings of
 * Windows-1252 codes inside Flate-compressed content streams, split where it kerns.
 */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1');
    } catch {
      continue;
    }
    for (const tj of content.matchAll(/\[((?:<[0-9a-fA-F]*>\s*-?[\d.]*\s*)+)\]\s*TJ/g)) {
      const hex = [...tj[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => x[1]).join('');
      lines.push(Buffer.from(hex, 'hex').toString('latin1'));
    }
  }
  return lines.join('\n');
}

type TSetup = { org: TOrgFixture; lead: TClient; changeId: string };

async function changeWithoutAnswers(name: string, goLiveDaysAgo = 20): Promise<TSetup> {
  const org = await createOrg(app.db);
  const user = await createStaff(app.db, org.organisationId, 'quality_lead');
  const lead = await signIn(app.url, user.email, user.password);
  const goLive = daysAgo(goLiveDaysAgo).slice(0, 10);
  const change = await lead.request<{ id: string }>('POST', '/api/v1/changes', {
    name,
    kind: 'ai_tool',
    unitIds: [org.unitId],
    goLiveDate: goLive,
  });
  expect(change.status).toBe(201);
  return { org, lead, changeId: change.body.id };
}

async function download(
  staff: TClient,
  path: string,
): Promise<{ status: number; headers: Headers; body: Buffer }> {
  const res = await fetch(`${app.url}${path}`, { headers: { cookie: staff.cookie ?? '' } });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

const exportsOf = (organisationId: string) =>
  app.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.organisationId, organisationId), eq(auditLog.action, 'change.report_exported')));

describe('the change impact report', () => {
  it('a change with no answers yet still gives a printable HTML page that says so, and the export is audited', async () => {
    const { org, lead, changeId } = await changeWithoutAnswers('AI scribe <pilot> & “friends”');
    const res = await download(lead, `/api/v1/changes/${changeId}/report.html?before=28&after=14&settle=0`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-disposition')).toMatch(
      /^inline; filename="careloop-ai-scribe-pilot-friends-impact-\d{4}-\d{2}-\d{2}\.html"$/,
    );
    const html = res.body.toString('utf8');
    // Staff-written names are text, never markup.
    expect(html).toContain('<h1>AI scribe &lt;pilot&gt; &amp; “friends”</h1>');
    expect(html).toContain('No answers yet from Ward 7 to compare before and after');
    expect(html).toContain('@page { size: A4');
    const rows = await exportsOf(org.organisationId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ targetType: 'change', targetId: changeId, detail: { format: 'html' } });
  });

  it('the PDF is real pages that carry the change name and headline, with a safe attachment name', async () => {
    const { org, lead, changeId } = await changeWithoutAnswers('Bedside kiosk');
    const res = await download(lead, `/api/v1/changes/${changeId}/report.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="careloop-bedside-kiosk-impact-\d{4}-\d{2}-\d{2}\.pdf"$/,
    );
    expect(res.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(res.body);
    expect(text).toContain('Bedside kiosk');
    expect(text).toContain('No answers yet from Ward 7');
    expect(text).toMatch(/page 1 of \d/);
    const rows = await exportsOf(org.organisationId);
    expect(rows.map((r) => r.detail)).toEqual([{ format: 'pdf' }]);
  });

  it('a window with fewer than k people reads "fewer than k" in both formats, never its count', async () => {
    const { org, lead, changeId } = await changeWithoutAnswers('Check-in kiosk', 40);
    const adminUser = await createStaff(app.db, org.organisationId, 'admin');
    const admin = await signIn(app.url, adminUser.email, adminUser.password);
    const privacy = { minGroupSize: 5, minCommentGroupSize: 5 };
    expect((await admin.request('PUT', '/api/v1/org/privacy', privacy)).status).toBe(200);
    const ids = await importHistory(app, lead, [
      { unitId: org.unitId, count: 3, fromDaysAgo: 70, toDaysAgo: 50, good: 1 },
      { unitId: org.unitId, count: 12, fromDaysAgo: 20, toDaysAgo: 2, good: 0.5 },
    ]);
    // The rollups the impact reads count analysed responses.
    await waitFor('the analyses', async () => (await countAnalysed(app.db, ids)) === ids.length, 20_000);
    const query = '?before=42&after=28&settle=7&comparison=none';
    const html = (await download(lead, `/api/v1/changes/${changeId}/report.html${query}`)).body.toString();
    expect(html).toContain('Net Promoter Score');
    expect(html).toMatch(/<td>fewer than 5<br><small>n fewer than 5<\/small><\/td>/);
    expect(html).not.toMatch(/n 3</);
    expect(html).toContain('Too few answers to tell yet');
    const pdf = pdfText((await download(lead, `/api/v1/changes/${changeId}/report.pdf${query}`)).body);
    expect(pdf).toContain('fewer than 5');
    expect(pdf).not.toMatch(/\bn 3\b/);
  });

  it("a viewer scoped to another unit gets 404 for the change's report, and nothing is audited", async () => {
    const { org, changeId } = await changeWithoutAnswers('Telehealth follow-ups');
    const viewerUser = await createStaff(app.db, org.organisationId, 'viewer', {
      level: 'unit',
      id: org.otherUnitId,
    });
    const viewer = await signIn(app.url, viewerUser.email, viewerUser.password);
    for (const format of ['html', 'pdf']) {
      const res = await download(viewer, `/api/v1/changes/${changeId}/report.${format}`);
      expect(res.status).toBe(404);
    }
    expect(await exportsOf(org.organisationId)).toHaveLength(0);
  });

  it('a clinician may not export reports, and bad windows are refused before anything is read', async () => {
    const { org, lead, changeId } = await changeWithoutAnswers('Voice notes');
    const clinicianUser = await createStaff(app.db, org.organisationId, 'clinician');
    const clinician = await signIn(app.url, clinicianUser.email, clinicianUser.password);
    expect((await download(clinician, `/api/v1/changes/${changeId}/report.pdf`)).status).toBe(403);
    expect((await download(lead, `/api/v1/changes/${changeId}/report.pdf?before=3`)).status).toBe(400);
    expect((await download(lead, `/api/v1/changes/not-a-uuid/report.html`)).status).toBe(400);
    expect(await exportsOf(org.organisationId)).toHaveLength(0);
  });
});
