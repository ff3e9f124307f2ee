import { sql } from 'drizzle-orm';
import type {
  TAnalysisQuality,
  TCommentAnalysisView,
  TNotAnalysedCount,
  TReviewList,
} from '../../shared/src/api/analysis-trust';
import type { TCommentAnalysis } from '../../shared/src/analysis/contract';
import { queryRows } from '../../server/src/db/client';
import {
  rebuildRollups,
  snapshotRollups,
  storeAnalysis,
} from '../../server/src/features/analysis/analysis.service';
import { readModelCard } from '../../server/src/features/analysis/model-card';
import { currentModelVersion } from '../../workers/src/analysis/analyse-comment';
import { analyseResponse } from '../../workers/src/processors/analyse-feedback.processor';
import { startTestApp, type TTestApp } from '../support/app';
import { createOrg, createStaff, type TOrgFixture } from '../support/fixtures';
import { signIn, submitAnswers, type TClient } from '../support/http';
import { FEEDBACK_SURVEY, publishedSurveyWithLink } from '../support/surveys';

let app: TTestApp;
let org: TOrgFixture;
let lead: TClient;
let viewer: TClient;
let otherUnitLead: TClient;
let stranger: TClient;
let leadId: string;
let token: string;
let surveyId: string;

beforeAll(async () => {
  app = await startTestApp({ RATE_LIMIT_SUBMIT_PER_IP: '100000', RATE_LIMIT_SUBMIT_PER_LINK: '100000' });
  org = await createOrg(app.db);
  const l = await createStaff(app.db, org.organisationId, 'quality_lead');
  leadId = l.id;
  lead = await signIn(app.url, l.email, l.password);
  const v = await createStaff(app.db, org.organisationId, 'viewer');
  viewer = await signIn(app.url, v.email, v.password);
  const o = await createStaff(app.db, org.organisationId, 'quality_lead', {
    level: 'unit',
    id: org.otherUnitId,
  });
  otherUnitLead = await signIn(app.url, o.email, o.password);
  await app.db.execute(
    sql`UPDATE organisations SET min_group_size = 3, min_comment_group_size = 3 WHERE id = ${org.organisationId}`,
  );
  const elsewhere = await createOrg(app.db);
  const s = await createStaff(app.db, elsewhere.organisationId, 'admin');
  stranger = await signIn(app.url, s.email, s.password);
  const { link, survey } = await publishedSurveyWithLink(
    lead,
    { kind: 'open', unitId: org.unitId },
    FEEDBACK_SURVEY,
  );
  token = link.token;
  surveyId = survey.id;
});

afterAll(async () => {
  await app?.close();
});

const submit = (good: string, better = '') =>
  submitAnswers(app.url, token, {
    fft: 'good',
    nps: 8,
    ...(good ? { good } : {}),
    ...(better ? { better } : {}),
  });

async function analysesOf(client: TClient, responseId: string) {
  return client.request<{ items: TCommentAnalysisView[] }>(
    'GET',
    `/api/v1/comments/analyses?responseId=${responseId}`,
  );
}

/** The rollup row of this survey's day: the figures boards read. */
async function dayFigures() {
  const [row] = await queryRows<{
    comments: number;
    negative_comments: number;
    positive_comments: number;
    neutral_comments: number;
    urgent_comments: number;
    not_analysed_comments: number;
    not_analysed_commenters: number;
  }>(
    app.db,
    sql`SELECT comments, negative_comments, positive_comments, neutral_comments, urgent_comments,
          not_analysed_comments, not_analysed_commenters
        FROM rollup_responses WHERE span = 'day' AND survey_id = ${surveyId}`,
  );
  return row!;
}

async function expectRollupsEqualARebuild() {
  const incremental = await snapshotRollups(app.db, org.organisationId);
  await rebuildRollups(app.db);
  expect(await snapshotRollups(app.db, org.organisationId)).toEqual(incremental);
}

/** A model answer made to order, stored as the worker stores one. */
function modelAnswer(over: Partial<TCommentAnalysis>): TCommentAnalysis {
  return {
    redactedText: 'A comment',
    redactions: [],
    sentiment: { label: 'neutral', score: 0 },
    themes: [],
    frictionThemes: [],
    urgent: false,
    urgency: 'none',
    urgencyReasons: [],
    language: 'en',
    notAnalysed: null,
    sentimentConfidence: 0.9,
    lowConfidence: false,
    ...over,
  };
}

const auditRows = (action: string, targetId?: string) =>
  queryRows<{ actor_user_id: string; detail: Record<string, unknown>; at: string }>(
    app.db,
    sql`SELECT actor_user_id, detail, at FROM audit_log
        WHERE action = ${action} AND organisation_id = ${org.organisationId}
        ${targetId ? sql`AND target_id = ${targetId}` : sql``} ORDER BY at`,
  );

describe('staff corrections of the analysis', () => {
  it('a quality lead’s correction replaces the model’s answer in the figures and rollups at once, audited before and after', async () => {
    const id = await submit('Dr Patel was kind and caring, thank you so much');
    await analyseResponse(app.db, id);
    const before = await dayFigures();
    const [comment] = (await analysesOf(lead, id)).body.items;
    expect(comment!.model.sentiment).toBe('positive');
    expect(comment!.redactedText).not.toContain('Patel');

    const corrected = await lead.request<TCommentAnalysisView>(
      'PUT',
      `/api/v1/comments/${comment!.analysisId}/correction`,
      { sentiment: 'negative', themes: ['Parking'], urgency: 'review' },
    );
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({
      sentiment: 'negative',
      themes: ['Parking'],
      urgency: 'review',
      model: { sentiment: 'positive' },
      correction: {
        sentiment: 'negative',
        themes: ['Parking'],
        urgency: 'review',
        correctedBy: 'Test quality_lead',
      },
    });
    const after = await dayFigures();
    expect(after.negative_comments).toBe(before.negative_comments + 1);
    expect(after.positive_comments).toBe(before.positive_comments - 1);
    expect(after.comments).toBe(before.comments);
    const [themes] = await queryRows<{ n: string }>(
      app.db,
      sql`SELECT sum(comments) AS n FROM rollup_themes WHERE survey_id = ${surveyId} AND theme = 'Parking'
            AND sentiment = 'negative'`,
    );
    expect(Number(themes!.n)).toBe(1);
    await expectRollupsEqualARebuild();

    const [audit] = await auditRows('comment.corrected', comment!.analysisId);
    expect(audit!.actor_user_id).toBe(leadId);
    expect(audit!.at).toBeTruthy();
    expect(audit!.detail).toMatchObject({
      before: { sentiment: 'positive', urgency: 'none' },
      after: { sentiment: 'negative', themes: ['Parking'], urgency: 'review' },
    });
    expect(JSON.stringify(audit!.detail)).not.toMatch(/kind and caring/);
  });

  it('a correction is kept when the model is re-run, and the rollups still equal a rebuild', async () => {
    const id = await submit('Lovely food and friendly nurses');
    await analyseResponse(app.db, id);
    const [comment] = (await analysesOf(lead, id)).body.items;
    await lead.request('PUT', `/api/v1/comments/${comment!.analysisId}/correction`, { sentiment: 'neutral' });
    // A model change: the response is analysed again.
    await app.db.execute(sql`UPDATE response_analyses SET model_version = 'older' WHERE response_id = ${id}`);
    expect(await analyseResponse(app.db, id)).not.toBeNull();
    const [again] = (await analysesOf(lead, id)).body.items;
    expect(again!.analysisId).toBe(comment!.analysisId);
    expect(again!.sentiment).toBe('neutral');
    expect(again!.model.sentiment).toBe('positive');
    expect(again!.correction?.sentiment).toBe('neutral');
    await expectRollupsEqualARebuild();

    // Taking the correction back lets the model's answer count again.
    const undone = await lead.request<TCommentAnalysisView>(
      'PUT',
      `/api/v1/comments/${comment!.analysisId}/correction`,
      { sentiment: null },
    );
    expect(undone.body).toMatchObject({ sentiment: 'positive', correction: null });
    await expectRollupsEqualARebuild();
  });

  it('correcting a comment to urgent raises its alert; correcting it away resolves the alert', async () => {
    const id = await submit('The corridor lights were flickering all night');
    await analyseResponse(app.db, id);
    const [comment] = (await analysesOf(lead, id)).body.items;
    await lead.request('PUT', `/api/v1/comments/${comment!.analysisId}/correction`, { urgency: 'urgent' });
    const alerts = () =>
      queryRows<{ status: string }>(app.db, sql`SELECT status FROM alerts WHERE response_id = ${id}`);
    expect(await alerts()).toEqual([{ status: 'open' }]);
    expect((await dayFigures()).urgent_comments).toBeGreaterThan(0);
    await lead.request('PUT', `/api/v1/comments/${comment!.analysisId}/correction`, { urgency: 'none' });
    expect(await alerts()).toEqual([{ status: 'resolved' }]);
    await expectRollupsEqualARebuild();
  });

  it('is refused to viewers (403), to staff of other units and other organisations (404, as if missing)', async () => {
    const id = await submit('Parking was impossible');
    await analyseResponse(app.db, id);
    const [comment] = (await analysesOf(lead, id)).body.items;
    const path = `/api/v1/comments/${comment!.analysisId}/correction`;
    const viewerTry = await viewer.request<{ code: string }>('PUT', path, { sentiment: 'negative' });
    expect(viewerTry.status).toBe(403);
    expect(viewerTry.headers.get('content-type')).toContain('application/problem+json');
    expect((await otherUnitLead.request('PUT', path, { sentiment: 'negative' })).status).toBe(404);
    expect((await stranger.request('PUT', path, { sentiment: 'negative' })).status).toBe(404);
    expect((await stranger.request('GET', `/api/v1/comments/analyses?responseId=${id}`)).body).toEqual({
      items: [],
    });
    expect((await otherUnitLead.request('GET', `/api/v1/comments/analyses?responseId=${id}`)).body).toEqual({
      items: [],
    });
    const bad = await lead.request<{ invalid_params: unknown[] }>('PUT', path, { sentiment: 'furious' });
    expect(bad.status).toBe(400);
    expect(bad.body.invalid_params.length).toBeGreaterThan(0);
    expect((await viewer.request('GET', '/api/v1/corrections/export')).status).toBe(403);
  });

  it('export gives one JSON line per corrected comment, redacted text and corrected fields only, audited', async () => {
    const id = await submit('Call me on 07700 900123, the wait was long');
    await analyseResponse(app.db, id);
    const [comment] = (await analysesOf(lead, id)).body.items;
    await lead.request('PUT', `/api/v1/comments/${comment!.analysisId}/correction`, {
      themes: ['Timeliness of care'],
    });
    const res = await fetch(`${app.url}/api/v1/corrections/export`, { headers: { cookie: lead.cookie! } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const mine = lines.find((l) => String(l.text).includes('[PHONE]'));
    expect(mine).toEqual({ text: comment!.redactedText, themes: ['Timeliness of care'] });
    expect(
      lines.every((l) => Object.keys(l).every((k) => ['text', 'sentiment', 'themes', 'urgency'].includes(k))),
    ).toBe(true);
    expect(JSON.stringify(lines)).not.toContain('07700');
    const [audit] = await auditRows('corrections.exported');
    expect(audit!.detail).toEqual({ lines: lines.length });
  });
});

describe('urgency tiers and languages', () => {
  it('a review-tier comment raises no alert and waits on the review list until a quality lead marks it reviewed', async () => {
    const id = await submit('x');
    await storeAnalysis(app.db, {
      responseId: id,
      modelVersion: currentModelVersion(),
      taxonomyVersion: null,
      comments: [
        {
          linkId: 'good',
          ...modelAnswer({
            redactedText: 'Quieter ward at night.',
            urgency: 'review',
            urgencyReasons: ['safeguarding'],
          }),
        },
      ],
    });
    const [alerts] = await queryRows<{ n: string }>(
      app.db,
      sql`SELECT count(*) AS n FROM alerts WHERE response_id = ${id}`,
    );
    expect(Number(alerts!.n)).toBe(0);

    const list = await lead.request<TReviewList>('GET', `/api/v1/reviews?level=unit&id=${org.unitId}`);
    expect(list.status).toBe(200);
    const item = list.body.items.find((i) => i.responseId === id)!;
    expect(item).toMatchObject({
      urgency: 'review',
      redactedText: 'Quieter ward at night.',
      reviewedAt: null,
    });
    expect(list.body.waiting).toBeGreaterThanOrEqual(1);
    expect((await auditRows('reviews.viewed')).length).toBeGreaterThan(0);
    // Another unit's list does not hold it; a viewer may not see the list.
    const other = await lead.request<TReviewList>('GET', `/api/v1/reviews?level=unit&id=${org.otherUnitId}`);
    expect(other.body.items.some((i) => i.responseId === id)).toBe(false);
    expect((await viewer.request('GET', `/api/v1/reviews?level=unit&id=${org.unitId}`)).status).toBe(403);
    expect((await otherUnitLead.request('POST', `/api/v1/reviews/${item.analysisId}/reviewed`)).status).toBe(
      404,
    );

    const marked = await lead.request<TCommentAnalysisView>(
      'POST',
      `/api/v1/reviews/${item.analysisId}/reviewed`,
    );
    expect(marked.status).toBe(200);
    expect(marked.body.reviewedBy).toBe('Test quality_lead');
    const waiting = await lead.request<TReviewList>('GET', `/api/v1/reviews?level=unit&id=${org.unitId}`);
    expect(waiting.body.items.some((i) => i.responseId === id)).toBe(false);
    const done = await lead.request<TReviewList>(
      'GET',
      `/api/v1/reviews?level=unit&id=${org.unitId}&status=reviewed`,
    );
    expect(done.body.items.some((i) => i.responseId === id)).toBe(true);
    expect((await auditRows('comment.reviewed', item.analysisId)).length).toBe(1);
  });

  it('comments not analysed for their language are counted apart and kept out of the sentiment figures', async () => {
    const before = await dayFigures();
    const ids = [
      await submit('x'),
      await submit('x'),
      await submit('x'),
      await submit('x'),
      await submit('x'),
    ];
    for (const id of ids) {
      await storeAnalysis(app.db, {
        responseId: id,
        modelVersion: currentModelVersion(),
        taxonomyVersion: null,
        comments: [
          {
            linkId: 'good',
            ...modelAnswer({
              redactedText: 'La comida estaba fría',
              language: 'es',
              notAnalysed: 'language',
            }),
          },
        ],
      });
    }
    const after = await dayFigures();
    expect(after.not_analysed_comments - before.not_analysed_comments).toBe(5);
    expect(after.comments).toBe(before.comments);
    expect(after.neutral_comments).toBe(before.neutral_comments);
    await expectRollupsEqualARebuild();

    const count = await lead.request<TNotAnalysedCount>(
      'GET',
      `/api/v1/analysis/not-analysed?level=unit&id=${org.unitId}`,
    );
    expect(count.status).toBe(200);
    expect(count.body.comments).toBe(after.not_analysed_comments);
    const [view] = (await analysesOf(viewer, ids[0]!)).body.items;
    expect(view).toMatchObject({ notAnalysed: 'language', language: 'es' });

    // A person who gives its sentiment has analysed it: it counts in the figures from then on.
    await lead.request('PUT', `/api/v1/comments/${view!.analysisId}/correction`, { sentiment: 'negative' });
    const corrected = await dayFigures();
    expect(corrected.not_analysed_comments).toBe(after.not_analysed_comments - 1);
    expect(corrected.negative_comments).toBe(after.negative_comments + 1);
    await expectRollupsEqualARebuild();
  });

  it('hides the not-analysed count when fewer respondents than the comment threshold wrote them', async () => {
    await app.db.execute(
      sql`UPDATE organisations SET min_comment_group_size = 50 WHERE id = ${org.organisationId}`,
    );
    const res = await lead.request<TNotAnalysedCount>(
      'GET',
      `/api/v1/analysis/not-analysed?level=unit&id=${org.unitId}`,
    );
    await app.db.execute(
      sql`UPDATE organisations SET min_comment_group_size = 3 WHERE id = ${org.organisationId}`,
    );
    expect(res.body).toEqual({ comments: null, k: 50 });
  });
});

describe('how good is the analysis', () => {
  it('shows the model card’s figures (or says plainly it is missing) and correction rates per label', async () => {
    const res = await viewer.request<TAnalysisQuality>('GET', '/api/v1/analysis/quality');
    expect(res.status).toBe(200);
    const card = await readModelCard();
    expect(res.body.modelCard === null).toBe(card.card === null);
    expect(res.body.correctedComments).toBeGreaterThanOrEqual(3);
    const negative = res.body.corrections.sentiment.find((s) => s.label === 'negative')!;
    expect(negative.added).toBeGreaterThanOrEqual(1);
    const positive = res.body.corrections.sentiment.find((s) => s.label === 'positive')!;
    expect(positive.removed).toBeGreaterThanOrEqual(1);
    expect(positive.rate).toBeCloseTo((positive.removed + positive.added) / positive.model, 3);
    expect(res.body.corrections.themes.find((t) => t.label === 'Parking')?.added).toBeGreaterThanOrEqual(1);

    const missing = await readModelCard('/nonexistent/model-card.json');
    expect(missing).toEqual({ card: null, problem: expect.stringContaining('No model card') });
  });
});
