import fs from 'node:fs';
import path from 'node:path';
import type { TRunningWorkers } from '../../workers/src/main';
import {
  browserSuite,
  SCREENSHOTS,
  LAPTOP,
  newPage,
  screenshot,
  seriousAccessibilityProblems,
  signInAs,
} from '../support/browser';
import { createOrg, createStaff } from '../support/fixtures';
import { signIn, submitAnswers } from '../support/http';
import { daysAgo, IMPACT_SURVEY, importHistory } from '../support/impact-history';
import { publishedSurveyWithLink } from '../support/surveys';
import { countAnalysed, startTestWorkers, waitFor } from '../support/workers';

const suite = browserSuite();
let workers: TRunningWorkers;

beforeAll(async () => {
  workers = await startTestWorkers(suite.app);
}, 30_000);

afterAll(async () => {
  await workers?.stop();
});

const WALL = { viewport: { width: 1920, height: 1080 }, bypassCSP: true };

const WORSE = ['The wait was far too long and nobody told us why', 'Waiting for hours in the corridor'];
const BETTER = ['Staff were kind and caring', 'The nurses explained everything clearly'];

/**
 * Ward 7 took the AI scribe 120 days ago and patients rated it lower after; Ward 9 did not and
 * stayed level. Loaded through the import API, analysed by the real workers.
 */
async function wardWithHistory() {
  const org = await createOrg(suite.app.db);
  const lead = await createStaff(suite.app.db, org.organisationId, 'quality_lead');
  const admin = await createStaff(suite.app.db, org.organisationId, 'admin');
  const asLead = await signIn(suite.app.url, lead.email, lead.password);
  const asAdmin = await signIn(suite.app.url, admin.email, admin.password);
  const privacy = { minGroupSize: 5, minCommentGroupSize: 5 };
  expect((await asAdmin.request('PUT', '/api/v1/org/privacy', privacy)).status).toBe(200);
  const change = await asLead.request<{ id: string }>('POST', '/api/v1/changes', {
    name: 'AI scribe',
    kind: 'ai_tool',
    unitIds: [org.unitId],
    goLiveDate: daysAgo(120).slice(0, 10),
  });
  expect(change.status).toBe(201);
  const ids = await importHistory(suite.app, asLead, [
    { unitId: org.unitId, count: 90, fromDaysAgo: 203, toDaysAgo: 121, good: 0.92, comments: BETTER },
    {
      unitId: org.unitId,
      count: 90,
      fromDaysAgo: 105,
      toDaysAgo: 23,
      good: 0.6,
      comments: WORSE,
      changeId: change.body.id,
    },
    { unitId: org.otherUnitId, count: 60, fromDaysAgo: 203, toDaysAgo: 121, good: 0.85, comments: BETTER },
    { unitId: org.otherUnitId, count: 60, fromDaysAgo: 105, toDaysAgo: 23, good: 0.83, comments: BETTER },
  ]);
  await waitFor('the analyses', async () => (await countAnalysed(suite.app.db, ids)) === ids.length, 60_000);
  return { org, lead, asLead, changeId: change.body.id };
}

describe('the change impact page', () => {
  it('a quality lead opens a change from the list, reads the verdict first, switches a chart to its table, and the page passes axe', async () => {
    const { org, lead, asLead, changeId } = await wardWithHistory();
    const page = await newPage(suite.browser, LAPTOP, 15_000);
    await signInAs(page, suite.app.url, lead);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Technology changes' })
      .click();
    await page.getByRole('link', { name: 'AI scribe' }).click();
    await page.getByRole('heading', { level: 1, name: /^AI scribe, live since / }).waitFor();
    expect(page.url()).toContain(`#/changes/${changeId}`);

    const verdict = page.locator('.verdict-line');
    await verdict.waitFor();
    expect(await verdict.textContent()).toMatch(
      /^Patients rate Ward 7 lower since AI scribe went live: \d+ points fewer rated it good or very good \(95% CI \d+ to \d+\), against .+ on comparison units; (very likely|probably) not chance\.$/,
    );
    const table = page.getByRole('table', { name: /Every measure before and after go-live/ });
    await table.waitFor();
    const fftRow = table.getByRole('row', { name: /FFT: very good or good/ });
    expect(await fftRow.textContent()).toContain('Worse');

    // A chart's table view: the same figures as text.
    const card = page.getByRole('region', { name: /FFT: very good or good, week by week/ });
    await card.getByRole('button', { name: 'Table' }).click();
    await card
      .getByRole('region', { name: /as a table/ })
      .getByRole('table')
      .waitFor();
    expect(await card.getByRole('button', { name: 'Table' }).getAttribute('aria-pressed')).toBe('true');

    // Themes that moved, with redacted example comments (enough people wrote them).
    await page.getByRole('heading', { level: 2, name: 'Themes that moved most' }).waitFor();
    await page.locator('.theme-examples blockquote').first().waitFor();

    // The report links carry the windows the page shows.
    const pdf = page.getByRole('link', { name: 'PDF' });
    expect(await pdf.getAttribute('href')).toBe(
      `/api/v1/changes/${changeId}/report.pdf?before=84&after=84&settle=14&comparison=auto`,
    );

    const report = await page.request.get(`${suite.app.url}${await pdf.getAttribute('href')}`);
    expect(report.status()).toBe(200);
    const body = await report.body();
    expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    fs.writeFileSync(path.join(SCREENSHOTS, 'change-impact-report.pdf'), body);

    await page.waitForLoadState('networkidle');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.screenshot(screenshot('change-impact-laptop'));

    // A new answer on the change's ward moves its figures, even through a link that does not name
    // the change (a ward's everyday poster): the open page rereads them.
    const before = await page.locator('.impact-as-of').textContent();
    await page.waitForTimeout(1100);
    const { link } = await publishedSurveyWithLink(
      asLead,
      { kind: 'open', unitId: org.unitId },
      IMPACT_SURVEY,
    );
    await submitAnswers(suite.app.url, link.token, { fft: 'poor', nps: 3, overall: 2 });
    await page
      .locator('.impact-as-of')
      .filter({ hasNotText: before ?? '' })
      .waitFor({ timeout: 30_000 });

    // Another window: the form refetches and the address keeps it.
    await page.getByLabel('Days after').fill('60');
    await page.getByRole('button', { name: 'Show these windows' }).click();
    await page.waitForURL(/after=60/);
    await page.locator('.impact-dates').filter({ hasText: 'After:' }).waitFor();
    await page.close();

    const wall = await newPage(suite.browser, WALL, 15_000);
    await signInAs(wall, suite.app.url, lead);
    await wall.goto(`${suite.app.url}/#/changes/${changeId}`);
    await wall.locator('.verdict-line').waitFor();
    await wall.locator('.theme-examples blockquote').first().waitFor();
    await wall.waitForLoadState('networkidle');
    expect(await seriousAccessibilityProblems(wall)).toEqual([]);
    await wall.screenshot(screenshot('change-impact-wall'));
    await wall.close();
  }, 120_000);

  it("the board's go-live marker links to the change page", async () => {
    const { lead, changeId } = await wardWithHistory();
    const page = await newPage(suite.browser, LAPTOP, 15_000);
    await signInAs(page, suite.app.url, lead);
    await page.goto(`${suite.app.url}/#/board?level=change&id=${changeId}&period=365d`);
    const marker = page.locator('.board-changes').getByRole('link', { name: 'AI scribe' });
    await marker.click();
    await page.getByRole('heading', { level: 1, name: /^AI scribe, live since / }).waitFor();
    await page.close();
  }, 120_000);
});
