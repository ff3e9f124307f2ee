import { and, eq } from 'drizzle-orm';
import type { TBoardComments } from '../../shared/src/api/board';
import type { TQuestionResult, TResponseCounts, TSurveyResults } from '../../shared/src/api/results';
import { auditLog } from '../../server/src/db/schema';
import { createOrg, createStaff } from '../support/fixtures';
import { signIn, submitAnswers, type TClient } from '../support/http';
import { liveSuite } from '../support/live';
import { FEEDBACK_SURVEY, publishedSurveyWithLink } from '../support/surveys';
import { countAnalysed, waitFor } from '../support/workers';

const suite = liveSuite();

async function submitAll(token: string, answers: Record<string, unknown>[]): Promise<string[]> {
  const ids: string[] = [];
  for (const a of answers) ids.push(await submitAnswers(suite.app.url, token, a));
  await waitFor('the analyses', async () => (await countAnalysed(suite.app.db, ids)) === ids.length, 30_000);
  return ids;
}

const many = <T>(n: number, value: T): T[] => Array.from({ length: n }, () => value);

async function resultsOf(staff: TClient, surveyId: string, query = ''): Promise<TSurveyResults> {
  const reply = await staff.request<TSurveyResults>('GET', `/api/v1/surveys/${surveyId}/results?${query}`);
  expect(reply.status).toBe(200);
  return reply.body;
}

const question = <K extends TQuestionResult['kind']>(r: TSurveyResults, linkId: string, kind: K) => {
  const q = r.questions.find((x) => x.linkId === linkId);
  expect(q?.kind).toBe(kind);
  return q as Extract<TQuestionResult, { kind: K }>;
};

/** A ward with the feedback survey: twelve answers on Ward 7 and three on Ward 9. */
async function surveyWithAnswers() {
  const org = await createOrg(suite.app.db);
  const adminUser = await createStaff(suite.app.db, org.organisationId, 'admin');
  const leadUser = await createStaff(suite.app.db, org.organisationId, 'quality_lead', {
    level: 'unit',
    id: org.unitId,
  });
  const admin = await signIn(suite.app.url, adminUser.email, adminUser.password);
  const lead = await signIn(suite.app.url, leadUser.email, leadUser.password);
  const { survey, link } = await publishedSurveyWithLink(
    admin,
    { kind: 'open', unitId: org.unitId },
    FEEDBACK_SURVEY,
  );
  const other = await admin.request<{ token: string }>('POST', `/api/v1/surveys/${survey.id}/links`, {
    kind: 'open',
    unitId: org.otherUnitId,
  });
  const overall = [...many(5, 5), ...many(5, 4), ...many(2, 3)];
  await submitAll(
    link.token,
    overall.map((rating, i) => ({
      fft: i < 10 ? 'good' : 'poor',
      again: i < 7,
      nps: i < 6 ? 10 : 8,
      overall: rating,
      ...(i < 6 ? { good: 'The nurses were kind and caring.' } : {}),
    })),
  );
  await submitAll(other.body.token, many(3, { fft: 'good', overall: 5 }));
  return { org, admin, lead, survey };
}

describe('the survey results API', () => {
  it('gives each question its counts, shares, mean and median, hiding small options and their complement', async () => {
    const { org, admin, survey } = await surveyWithAnswers();
    const r = await resultsOf(admin, survey.id, `unitId=${org.unitId}`);
    expect(r.unit).toEqual({ id: org.unitId, name: 'Ward 7' });
    expect(r.responses).toEqual({ value: 12, n: 12, hidden: null });

    // Two said poor: hidden, and good with it, else 12 minus good would give them away.
    const fft = question(r, 'fft', 'choice');
    expect(fft.answered.value).toBe(12);
    expect(fft.options.map((o) => [o.code, o.count.hidden])).toEqual([
      ['good', 'complement'],
      ['poor', 'small'],
    ]);
    expect(fft.options.every((o) => o.share === null)).toBe(true);

    const again = question(r, 'again', 'boolean');
    expect(again.options.map((o) => [o.label, o.count.value, o.share])).toEqual([
      ['Yes', 7, 58.3],
      ['No', 5, 41.7],
    ]);

    const overall = question(r, 'overall', 'rating');
    expect(overall.mean).toEqual({ value: 4.25, n: 12, hidden: null });
    expect(overall.median).toEqual({ value: 4, n: 12, hidden: null });
    expect(overall.options.map((o) => [o.code, o.count.value, o.count.hidden])).toEqual([
      ['1', 0, null],
      ['2', 0, null],
      ['3', null, 'small'],
      ['4', null, 'complement'],
      ['5', 5, null],
    ]);
    expect(overall.options[4]!.share).toBe(41.7);

    const nps = question(r, 'nps', 'rating');
    expect(nps.nps).toEqual({ value: 50, n: 12, hidden: null });
    expect(nps.median.value).toBe(9);

    const good = question(r, 'good', 'text');
    expect(good.answered.value).toBe(6);
    const sentiments = Object.values(good.sentiment);
    expect(sentiments.reduce((n, f) => n + (f.value ?? 0), 0)).toBeLessThanOrEqual(6);
    expect(sentiments.filter((f) => f.hidden !== null).length).not.toBe(1);
  });

  it('narrows by unit, change and days, and hides a unit answered by fewer than k people', async () => {
    const { org, admin, survey } = await surveyWithAnswers();
    expect((await resultsOf(admin, survey.id)).responses.value).toBe(15);

    const small = await resultsOf(admin, survey.id, `unitId=${org.otherUnitId}`);
    expect(small.responses).toEqual({ value: null, n: null, hidden: 'small' });
    const fft = question(small, 'fft', 'choice');
    expect(fft.answered.hidden).toBe('small');
    expect(fft.options.every((o) => o.count.value === null)).toBe(true);
    expect(question(small, 'overall', 'rating').mean.value).toBeNull();

    const yesterday = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    const before = await resultsOf(admin, survey.id, `from=${yesterday}&to=${yesterday}`);
    expect(before.responses).toEqual({ value: 0, n: 0, hidden: null });

    const today = new Date().toISOString().slice(0, 10);
    const change = await admin.request<{ id: string }>('POST', '/api/v1/changes', {
      name: 'Bedside tablets',
      kind: 'other',
      unitIds: [org.unitId],
      goLiveDate: today,
    });
    expect(change.status).toBe(201);
    const link = await admin.request<{ token: string }>('POST', `/api/v1/surveys/${survey.id}/links`, {
      kind: 'open',
      unitId: org.unitId,
      changeId: change.body.id,
    });
    await submitAll(link.body.token, many(5, { fft: 'poor', overall: 2 }));
    const byChange = await resultsOf(admin, survey.id, `changeId=${change.body.id}`);
    expect(byChange.change).toEqual({ id: change.body.id, name: 'Bedside tablets' });
    expect(byChange.responses.value).toBe(5);
    expect(question(byChange, 'overall', 'rating').median.value).toBe(2);

    const bad = await admin.request(
      'GET',
      `/api/v1/surveys/${survey.id}/results?from=2026-02-02&to=2026-01-01`,
    );
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
  });

  it('shows staff only the units in their scope, answers not found elsewhere, and audits every read', async () => {
    const { org, admin, lead, survey } = await surveyWithAnswers();
    expect((await resultsOf(lead, survey.id)).responses.value).toBe(12);
    const outside = await lead.request(
      'GET',
      `/api/v1/surveys/${survey.id}/results?unitId=${org.otherUnitId}`,
    );
    expect(outside.status).toBe(404);

    const stranger = await createOrg(suite.app.db);
    const strangerAdmin = await createStaff(suite.app.db, stranger.organisationId, 'admin');
    const them = await signIn(suite.app.url, strangerAdmin.email, strangerAdmin.password);
    expect((await them.request('GET', `/api/v1/surveys/${survey.id}/results`)).status).toBe(404);

    await resultsOf(admin, survey.id, `unitId=${org.unitId}`);
    const rows = await suite.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.organisationId, org.organisationId), eq(auditLog.action, 'results.viewed')));
    expect(rows.length).toBe(2);
    expect(rows.every((a) => a.targetId === survey.id)).toBe(true);
    expect(rows.map((a) => (a.detail as { unitId: string | null }).unitId).sort()).toEqual(
      [null, org.unitId].sort(),
    );
  });

  it('gives example comments only through the audited comment read, and counts responses per survey', async () => {
    const { org, admin, survey } = await surveyWithAnswers();
    const path = `/api/v1/surveys/${survey.id}/results/comments?linkId=good&unitId=${org.unitId}`;
    const hidden = await admin.request<TBoardComments>('GET', path);
    expect(hidden.body).toEqual({ comments: null, k: 10 });

    expect(
      (await admin.request('PUT', '/api/v1/org/privacy', { minGroupSize: 5, minCommentGroupSize: 5 })).status,
    ).toBe(200);
    const shown = await admin.request<TBoardComments>('GET', path);
    expect(shown.body.comments).toHaveLength(6);
    expect(shown.body.comments!.every((c) => c.linkId === 'good' && c.unitName === 'Ward 7')).toBe(true);
    const audits = await suite.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.organisationId, org.organisationId), eq(auditLog.action, 'comments.viewed')));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.targetId).toBe(survey.id);

    const counts = await admin.request<TResponseCounts>('GET', '/api/v1/results/response-counts');
    expect(counts.body.items).toEqual([
      { surveyId: survey.id, responses: { value: 15, n: 15, hidden: null } },
    ]);
  });
});
