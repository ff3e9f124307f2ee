import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import type { TCommentAnalysisView } from '../../shared/src/api/analysis-trust';
import { queryRows } from '../../server/src/db/client';
import { storeAnalysis } from '../../server/src/features/analysis/analysis.service';
import type { TSurveyDefinition } from '../../shared/src/survey/definition';
import { currentModelVersion } from '../../workers/src/analysis/analyse-comment';
import type { TRunningWorkers } from '../../workers/src/main';
import {
  browserSuite,
  LAPTOP,
  newPage,
  screenshot,
  seriousAccessibilityProblems,
  signInAs,
} from '../support/browser';
import { createOrg, createStaff, type TOrgFixture, type TStaffFixture } from '../support/fixtures';
import { signIn, submitAnswers, type TClient } from '../support/http';
import { publishedSurveyWithLink } from '../support/surveys';
import { countAnalysed, startTestWorkers, waitFor } from '../support/workers';

const suite = browserSuite();
let workers: TRunningWorkers;
let org: TOrgFixture;
let lead: TStaffFixture;
let asLead: TClient;
let token: string;

const SURVEY: TSurveyDefinition = {
  title: { en: 'Your visit' },
  defaultLocale: 'en',
  locales: ['en'],
  audience: 'patient',
  items: [{ linkId: 'comment', type: 'text', intent: 'general', text: { en: 'Tell us about your visit' } }],
};

beforeAll(async () => {
  workers = await startTestWorkers(suite.app);
  org = await createOrg(suite.app.db);
  lead = await createStaff(suite.app.db, org.organisationId, 'quality_lead');
  asLead = await signIn(suite.app.url, lead.email, lead.password);
  const admin = await createStaff(suite.app.db, org.organisationId, 'admin');
  const asAdmin = await signIn(suite.app.url, admin.email, admin.password);
  expect(
    (await asAdmin.request('PUT', '/api/v1/org/privacy', { minGroupSize: 3, minCommentGroupSize: 3 })).status,
  ).toBe(200);
  ({
    link: { token },
  } = await publishedSurveyWithLink(asLead, { kind: 'open', unitId: org.unitId }, SURVEY));
}, 30_000);

afterAll(async () => {
  await workers?.stop();
});

async function respond(comments: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const comment of comments) ids.push(await submitAnswers(suite.app.url, token, { comment }));
  await waitFor('the analysis', async () => (await countAnalysed(suite.app.db, ids)) === ids.length, 20_000);
  return ids;
}

const analysisOf = async (responseId: string) =>
  (
    await asLead.request<{ items: TCommentAnalysisView[] }>(
      'GET',
      `/api/v1/comments/analyses?responseId=${responseId}`,
    )
  ).body.items[0]!;

/** Today's row of the sentiment trend's table: [day, positive, neutral, negative]. */
async function sentimentToday(page: Page): Promise<string[]> {
  const row = page.locator('[aria-labelledby="trend-sentiment-heading"] tbody tr').last();
  return (await row.locator('th, td').allInnerTexts()).map((t) => t.trim());
}

async function expectAxeClean(page: Page): Promise<void> {
  expect(await seriousAccessibilityProblems(page)).toEqual([]);
}

describe('trusting the analysis, in the browser', () => {
  it('a quality lead corrects a comment on the board and the sentiment figure moves', async () => {
    const ids = await respond(
      Array.from({ length: 10 }, (_, i) => `Lovely caring staff on the ward, thank you all (${i})`),
    );
    // Every comment counts as positive, whatever this model makes of them; two are negative already.
    for (const [i, id] of ids.entries()) {
      const view = await analysisOf(id);
      await asLead.request('PUT', `/api/v1/comments/${view.analysisId}/correction`, {
        sentiment: i < 2 ? 'negative' : 'positive',
      });
    }
    const page = await newPage(suite.browser, LAPTOP, 20_000);
    await signInAs(page, suite.app.url, lead);
    await page.goto(`${suite.app.url}/#/board?level=unit&id=${org.unitId}&period=7d`);
    const chart = page.locator('[aria-labelledby="trend-sentiment-heading"]');
    await chart.getByRole('button', { name: 'Table' }).click();
    await waitFor('8 positive, 2 negative hidden', async () => {
      const cells = await sentimentToday(page);
      return cells[1] === '8';
    });
    expect((await sentimentToday(page))[3]).not.toBe('3');

    const target = page.locator('.board-comments li.comment').filter({ hasText: '(9)' });
    await target.getByRole('button', { name: 'Correct the analysis' }).click();
    await target.getByRole('form', { name: 'Correct the analysis of this comment' }).waitFor();
    await target.getByLabel('Sentiment').selectOption('negative');
    await target.getByLabel('Themes').selectOption(['Staff manner & personal attributes']);
    await page.screenshot(screenshot('analysis-trust-correction-form'));
    await expectAxeClean(page);
    await target.getByRole('button', { name: 'Save correction' }).click();
    // The correction shows at once in the list, marked, and the figure follows by the live update.
    await page
      .locator('.board-comments li.comment')
      .filter({ hasText: '(9)' })
      .getByText('Corrected', { exact: true })
      .waitFor();
    await waitFor(
      'the sentiment figures to move',
      async () => {
        const cells = await sentimentToday(page);
        return cells[1] === '7' && cells[3] === '3';
      },
      20_000,
    );
    await page.screenshot(screenshot('analysis-trust-board-corrected'));
    await expectAxeClean(page);
    await page.close();
  }, 90_000);

  it('the review list shows review-tier comments (no alert) and marks them reviewed', async () => {
    const [id] = await respond(['Quieter ward at night.']);
    await storeAnalysis(suite.app.db, {
      responseId: id!,
      modelVersion: `${currentModelVersion()}.review`,
      taxonomyVersion: null,
      comments: [
        {
          linkId: 'comment',
          redactedText: 'Quieter ward at night.',
          redactions: [],
          sentiment: { label: 'neutral', score: 0 },
          themes: [],
          frictionThemes: [],
          urgent: false,
          urgency: 'review',
          urgencyReasons: ['safeguarding'],
          language: 'en',
          notAnalysed: null,
          sentimentConfidence: 0.4,
          lowConfidence: true,
        },
      ],
    });
    const [alerts] = await queryRows<{ n: string }>(
      suite.app.db,
      sql`SELECT count(*) AS n FROM alerts WHERE response_id = ${id}`,
    );
    expect(Number(alerts!.n)).toBe(0);

    const page = await newPage(suite.browser, LAPTOP, 15_000);
    await signInAs(page, suite.app.url, lead);
    await page.getByRole('link', { name: 'Review', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Comments to review' }).waitFor();
    await page.getByLabel('Place').selectOption({ label: 'General › Medicine › Ward 7' });
    const item = page.locator('.review-item').filter({ hasText: 'Quieter ward at night.' });
    await item.getByText('Low confidence').waitFor();
    await item.getByText(/Flagged for: safeguarding/).waitFor();
    await page.screenshot(screenshot('analysis-trust-review-list'));
    await expectAxeClean(page);
    await item.getByRole('button', { name: 'Mark as reviewed' }).click();
    await page.getByText('Nothing is waiting for review here.').waitFor();
    await page.getByLabel('Show').selectOption('reviewed');
    await page
      .locator('.review-item')
      .filter({ hasText: 'Quieter ward at night.' })
      .getByText(/Reviewed by/)
      .waitFor();
    await page.close();
  }, 60_000);

  it('the "How good is the analysis?" page shows the model’s figures and the correction rates', async () => {
    const page = await newPage(suite.browser, LAPTOP, 15_000);
    await signInAs(page, suite.app.url, lead);
    await page.getByRole('link', { name: 'Analysis quality' }).click();
    await page.getByRole('heading', { level: 1, name: 'How good is the analysis?' }).waitFor();
    await page.getByRole('heading', { name: 'Corrections by your staff' }).waitFor();
    const sentiment = page.getByRole('table', { name: 'Sentiment corrections per class' });
    await sentiment.getByRole('row', { name: /negative/ }).waitFor();
    // Either the model card's figures, or a plain statement that there is none.
    await page
      .getByRole('table', { name: 'Sentiment test figures per class' })
      .or(page.getByText(/No model card|could not be read/))
      .first()
      .waitFor();
    await page.screenshot(screenshot('analysis-trust-quality'));
    await expectAxeClean(page);
    await page.close();
  }, 60_000);
});
