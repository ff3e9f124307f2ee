import { and, eq, inArray, sql } from 'drizzle-orm';
import type { TAlert, TBoardComments, TBoardSummary } from '../../shared/src/api/board';
import { alerts } from '../../server/src/db/analysis.schema';
import { auditLog, responses } from '../../server/src/db/schema';
import { rebuildRollups } from '../../server/src/features/analysis/analysis.service';
import { createOrg, createStaff, type TOrgFixture } from '../support/fixtures';
import { signIn, submitAnswers, type TClient } from '../support/http';
import { liveSuite, record } from '../support/live';
import { FEEDBACK_SURVEY, publishedSurveyWithLink, publishedTemplateWithLink } from '../support/surveys';
import { countAnalysed, waitFor } from '../support/workers';

const suite = liveSuite();

type TWard = { org: TOrgFixture; admin: TClient; lead: TClient; token: string };

async function ward(): Promise<TWard> {
  const org = await createOrg(suite.app.db);
  const adminUser = await createStaff(suite.app.db, org.organisationId, 'admin');
  const leadUser = await createStaff(suite.app.db, org.organisationId, 'quality_lead', {
    level: 'unit',
    id: org.unitId,
  });
  const admin = await signIn(suite.app.url, adminUser.email, adminUser.password);
  const lead = await signIn(suite.app.url, leadUser.email, leadUser.password);
  const { link } = await publishedTemplateWithLink(admin, 'nhs-fft', { kind: 'open', unitId: org.unitId });
  return { org, admin, lead, token: link.token };
}

async function submitAll(token: string, answers: Record<string, unknown>[]): Promise<string[]> {
  const ids: string[] = [];
  for (const a of answers) ids.push(await submitAnswers(suite.app.url, token, a));
  await waitFor('the analyses', async () => (await countAnalysed(suite.app.db, ids)) === ids.length, 20_000);
  return ids;
}

const summaryOf = async (staff: TClient, query: string) => {
  const reply = await staff.request<TBoardSummary>('GET', `/api/v1/board/summary?${query}`);
  expect(reply.status).toBe(200);
  return reply.body;
};

const auditRows = (organisationId: string, action: string) =>
  suite.app.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.organisationId, organisationId), eq(auditLog.action, action)));

describe('the board summary API', () => {
  it('answers FFT % positive, sentiment, themes and change go-live dates for a unit from the rollups', async () => {
    const { org, admin, token } = await ward();
    const today = new Date().toISOString().slice(0, 10);
    const change = await admin.request<{ id: string }>('POST', '/api/v1/changes', {
      name: 'New e-prescribing module',
      kind: 'ehr_module',
      unitIds: [org.unitId],
      goLiveDate: today,
    });
    expect(change.status).toBe(201);
    await submitAll(token, [
      ...Array.from({ length: 6 }, () => ({
        fft: 'very_good',
        fft_reason: 'The nurses were kind and caring.',
      })),
      ...Array.from({ length: 2 }, () => ({ fft: 'poor', fft_reason: 'I waited four hours to be seen.' })),
      { fft: 'dont_know' },
    ]);

    const s = await summaryOf(admin, `level=unit&id=${org.unitId}&period=30d`);
    expect(s.scopeName).toBe('Ward 7');
    expect(s.bucket).toBe('day');
    expect(s.trend).toHaveLength(30);
    expect(s.totals.responses).toEqual({ value: 9, n: 9, hidden: null });
    // NHS definition: very good + good over every FFT answer, "don't know" included.
    expect(s.totals.fftPositive).toEqual({ value: 66.7, n: 9, hidden: null });
    expect(s.totals.comments).toEqual({ value: 8, n: 8, hidden: null });
    // Two negative comments are hidden; so is the positive count, else 8 comments minus 6 positive
    // minus 0 neutral would give them away. The neutral zero describes nobody and stays.
    expect(s.totals.sentiment).toEqual({
      positive: { value: null, n: null, hidden: 'complement' },
      neutral: { value: 0, n: 0, hidden: null },
      negative: { value: null, n: null, hidden: 'small' },
    });
    expect(s.changes).toEqual([{ id: change.body.id, name: 'New e-prescribing module', goLiveDate: today }]);
    expect(s.themes.length).toBeGreaterThan(0);
    expect(s.themes[0]).toMatchObject({ current: { hidden: null } });
    expect(s.totals.responseRate).toBeNull();
  });

  it('hides a day from fewer than k respondents, and another day with it so the total cannot give it away', async () => {
    const { org, admin, token } = await ward();
    const ids = await submitAll(
      token,
      Array.from({ length: 9 }, () => ({ fft: 'good' })),
    );
    // Two of them answered yesterday: move them, and rebuild the rollups from raw rows.
    await suite.app.db
      .update(responses)
      .set({ submittedAt: sql`submitted_at - interval '1 day'` })
      .where(inArray(responses.id, ids.slice(0, 2)));
    await rebuildRollups(suite.app.db);

    const s = await summaryOf(admin, `level=unit&id=${org.unitId}&period=7d`);
    expect(s.totals.responses.value).toBe(9);
    // The period's figures count everyone over both days.
    expect(s.totals.fftPositive).toEqual({ value: 100, n: 9, hidden: null });
    const [yesterday, today] = s.trend.slice(-2);
    expect(yesterday!.responses).toEqual({ value: null, n: null, hidden: 'small' });
    expect(today!.responses).toEqual({ value: null, n: null, hidden: 'complement' });
    expect(s.trend.slice(0, -2).every((p) => p.responses.value === 0)).toBe(true);
  });

  it('counts the people behind a period’s NPS and mean rating over every day, not the busiest day', async () => {
    const { org, admin } = await ward();
    const { link } = await publishedSurveyWithLink(
      admin,
      { kind: 'open', unitId: org.unitId },
      FEEDBACK_SURVEY,
    );
    const ids = await submitAll(
      link.token,
      Array.from({ length: 6 }, () => ({ nps: 10, overall: 4 })),
    );
    await suite.app.db
      .update(responses)
      .set({ submittedAt: sql`submitted_at - interval '1 day'` })
      .where(inArray(responses.id, ids.slice(0, 3)));
    await rebuildRollups(suite.app.db);

    const s = await summaryOf(admin, `level=unit&id=${org.unitId}&period=7d`);
    expect(s.totals.nps).toEqual({ value: 100, n: 6, hidden: null });
    expect(s.totals.meanRating).toEqual({ value: 4, n: 6, hidden: null });
    expect(s.ratingScale).toEqual({ min: 1, max: 5 });
    // Three a day: each day hidden, the period shown.
    expect(s.trend.slice(-2).map((p) => p.nps.hidden)).toEqual(['small', 'small']);
  });

  it('exports the same figures as CSV, hidden cells in words, and audits the export', async () => {
    const { org, admin, token } = await ward();
    await submitAll(token, [{ fft: 'good' }, { fft: 'poor' }]);
    const res = await fetch(
      `${suite.app.url}/api/v1/board/summary.csv?level=unit&id=${org.unitId}&period=7d`,
      {
        headers: { cookie: admin.cookie! },
      },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="?careloop-board-\d{4}-\d\d-\d\d-to-/,
    );
    const csv = await res.text();
    expect(csv).toContain('total,,responses,fewer than 5,');
    expect(csv).not.toMatch(/,responses,2,/);
    expect(await auditRows(org.organisationId, 'board.exported')).toHaveLength(1);
  });

  it('refuses scopes outside the user’s, and a missing id', async () => {
    const { org, lead } = await ward();
    expect((await lead.request('GET', '/api/v1/board/summary?level=organisation')).status).toBe(403);
    expect((await lead.request('GET', `/api/v1/board/summary?level=unit&id=${org.otherUnitId}`)).status).toBe(
      404,
    );
    expect((await lead.request('GET', '/api/v1/board/summary?level=unit')).status).toBe(400);
    expect(
      (await lead.request('GET', `/api/v1/board/summary?level=unit&id=${org.unitId}&period=2d`)).status,
    ).toBe(400);
  });
});

describe('comments on boards', () => {
  it('shows no comments until k.comments respondents wrote matching ones; then redacted text, audited', async () => {
    const { org, admin, token } = await ward();
    await submitAll(
      token,
      Array.from({ length: 9 }, (_, i) => ({
        fft: 'good',
        fft_reason: `Dr Shah was wonderful, thank you (${i}).`,
      })),
    );
    const url = `/api/v1/board/comments?level=unit&id=${org.unitId}&period=7d`;
    expect((await admin.request<TBoardComments>('GET', url)).body).toEqual({
      comments: null,
      k: 10,
    });

    await submitAll(token, [{ fft: 'good', fft_reason: 'Dr Shah was wonderful, call me on 07700 900123.' }]);
    const shown = await admin.request<TBoardComments>('GET', `${url}&limit=5`);
    expect(shown.body.comments).toHaveLength(5);
    const newest = shown.body.comments![0]!;
    expect(newest.redactedText).toContain('[PHONE]');
    expect(newest.redactedText).not.toMatch(/Shah|07700/);
    expect(newest.question).toBe('Please can you tell us why you gave your answer?');
    const [audit] = await auditRows(org.organisationId, 'comments.viewed');
    expect(audit!.detail).toMatchObject({
      scope: 'unit',
      responseIds: expect.arrayContaining([newest.responseId]),
    });
    expect(JSON.stringify(audit!.detail)).not.toContain('wonderful');

    const negative = await admin.request<TBoardComments>('GET', `${url}&sentiment=negative`);
    expect(negative.body.comments).toBeNull();
  });
});

describe('urgent alerts', () => {
  it('raises alert:raised at once for the unit’s quality leads only; they list, acknowledge and resolve it', async () => {
    const { org, admin, lead, token } = await ward();
    const otherLeadUser = await createStaff(suite.app.db, org.organisationId, 'quality_lead', {
      level: 'unit',
      id: org.otherUnitId,
    });
    const otherLead = await signIn(suite.app.url, otherLeadUser.email, otherLeadUser.password);
    const viewerUser = await createStaff(suite.app.db, org.organisationId, 'viewer');
    const viewer = await signIn(suite.app.url, viewerUser.email, viewerUser.password);
    const [leadSocket, otherSocket, viewerSocket] = await Promise.all(
      [lead, otherLead, viewer].map(suite.board),
    );
    const raised = record(leadSocket!, 'alert:raised');
    const updated = record(leadSocket!, 'alert:updated');
    const elsewhere = [record(otherSocket!, 'alert:raised'), record(viewerSocket!, 'alert:raised')];

    await submitAll(token, [
      { fft: 'very_poor', fft_reason: 'They gave my mum the wrong medication and nobody came when she fell' },
    ]);
    await waitFor('alert:raised', async () => raised.length === 1, 10_000);
    const notice = raised[0]!.payload;
    expect(notice).toMatchObject({ unitId: org.unitId, status: 'open' });
    // Ids and reasons only: the comment is read through the audited API.
    expect(JSON.stringify(notice)).not.toMatch(/wrong|mum|fell/);
    expect(elsewhere.map((e) => e.length)).toEqual([0, 0]);

    const list = await lead.request<{ items: TAlert[] }>('GET', `/api/v1/alerts?level=unit&id=${org.unitId}`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((a) => a.id)).toEqual([notice.id]);
    expect(list.body.items[0]!.redactedText).toContain('wrong medication');
    expect(await auditRows(org.organisationId, 'alerts.viewed')).toHaveLength(1);
    expect((await viewer.request('GET', `/api/v1/alerts?level=unit&id=${org.unitId}`)).status).toBe(403);
    expect((await otherLead.request('POST', `/api/v1/alerts/${notice.id}/acknowledge`)).status).toBe(404);

    const ack = await lead.request<TAlert>('POST', `/api/v1/alerts/${notice.id}/acknowledge`);
    expect(ack.body).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'Test quality_lead' });
    await waitFor('alert:updated', async () => updated.length === 1, 10_000);
    expect(updated[0]!.payload).toMatchObject({ id: notice.id, status: 'acknowledged' });

    const resolved = await admin.request<TAlert>('POST', `/api/v1/alerts/${notice.id}/resolve`);
    expect(resolved.body.status).toBe('resolved');
    expect((await lead.request<TAlert>('POST', `/api/v1/alerts/${notice.id}/resolve`)).body.status).toBe(
      'resolved',
    );
    expect((await lead.request('POST', `/api/v1/alerts/${notice.id}/acknowledge`)).status).toBe(409);
    const [row] = await suite.app.db.select().from(alerts).where(eq(alerts.id, notice.id));
    expect(row).toMatchObject({ status: 'resolved' });
    const open = await lead.request<{ items: TAlert[] }>('GET', `/api/v1/alerts?level=unit&id=${org.unitId}`);
    expect(open.body).toEqual({ items: [] });
  });
});

describe('small-group thresholds', () => {
  it('admins set k for counts and a k for comments at least as high; boards use them', async () => {
    const { org, admin, lead, token } = await ward();
    expect((await admin.request('GET', '/api/v1/org/privacy')).body).toEqual({
      minGroupSize: 5,
      minCommentGroupSize: 10,
    });
    expect(
      (await lead.request('PUT', '/api/v1/org/privacy', { minGroupSize: 3, minCommentGroupSize: 10 })).status,
    ).toBe(403);
    const bad = await admin.request<{ invalid_params: { name: string }[] }>('PUT', '/api/v1/org/privacy', {
      minGroupSize: 8,
      minCommentGroupSize: 6,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.invalid_params.map((p) => p.name)).toEqual(['minCommentGroupSize']);

    await submitAll(
      token,
      Array.from({ length: 4 }, () => ({ fft: 'good' })),
    );
    const query = `level=unit&id=${org.unitId}&period=7d`;
    expect((await summaryOf(admin, query)).totals.responses.hidden).toBe('small');
    expect(
      (await admin.request('PUT', '/api/v1/org/privacy', { minGroupSize: 3, minCommentGroupSize: 8 })).status,
    ).toBe(200);
    const s = await summaryOf(admin, query);
    expect(s.k).toEqual({ counts: 3, comments: 8 });
    expect(s.totals.responses.value).toBe(4);
    expect(await auditRows(org.organisationId, 'org.privacy_updated')).toHaveLength(1);
  });
});
