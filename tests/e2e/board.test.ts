import { inArray, sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { responses } from '../../server/src/db/schema';
import { rebuildRollups } from '../../server/src/features/analysis/analysis.service';
import type { TSurveyDefinition } from '../../shared/src/survey/definition';
import type { TRunningWorkers } from '../../workers/src/main';
import {
  browserSuite,
  LAPTOP,
  newPage,
  PHONE,
  screenshot,
  seriousAccessibilityProblems,
  signInAs,
} from '../support/browser';
import { createOrg, createStaff, type TOrgFixture, type TStaffFixture } from '../support/fixtures';
import { signIn, submitAnswers, type TClient } from '../support/http';
import { IMPACT_SURVEY } from '../support/impact-history';
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

const t = (en: string) => ({ en });

/** A patient survey with every board measure: the impact tests' survey, with a general comment question. */
const BOARD_SURVEY: TSurveyDefinition = {
  ...IMPACT_SURVEY,
  items: [
    ...IMPACT_SURVEY.items.filter((item) => item.type !== 'text'),
    { linkId: 'comment', type: 'text', intent: 'general', text: t('Tell us more') },
  ],
};

const COMMENTS = [
  'The nurses were kind and explained everything clearly',
  'Parking was expensive and hard to find',
  'Food was cold and the ward was noisy at night',
  'Lovely staff, very caring and quick to help',
  'The wait in clinic was long but the doctor was thorough',
  'Really clean ward and friendly doctors',
];

/** Submits answers through the public API and waits until the workers have analysed them all. */
async function respond(token: string, count: number, offset = 0): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = i + offset;
    ids.push(
      await submitAnswers(suite.app.url, token, {
        fft: n % 4 === 3 ? 'poor' : n % 2 === 0 ? 'very_good' : 'good',
        nps: [9, 10, 7, 4, 8, 10][n % 6],
        overall: [5, 4, 3, 2, 4, 5][n % 6],
        comment: COMMENTS[n % COMMENTS.length],
      }),
    );
  }
  await waitFor('the analysis', async () => (await countAnalysed(suite.app.db, ids)) === ids.length, 20_000);
  return ids;
}

/** Moves responses back in time and recomputes the rollups, as if they had come in then. */
async function backdate(ids: string[], days: number): Promise<void> {
  await suite.app.db
    .update(responses)
    .set({ submittedAt: sql`submitted_at - make_interval(days => ${days})` })
    .where(inArray(responses.id, ids));
  await rebuildRollups(suite.app.db);
}

const figure = (page: Page, key: string) => page.locator(`[data-figure="${key}"] .figure-value`);

/** Waits until a headline figure reads exactly `text`. */
const figureReads = (page: Page, key: string, text: string, timeout?: number) =>
  figure(page, key)
    .filter({ hasText: new RegExp(`^${text}$`) })
    .waitFor(timeout ? { timeout } : {});

type TSetup = { org: TOrgFixture; lead: TStaffFixture; asLead: TClient; token: string; otherToken: string };

async function setUp(): Promise<TSetup> {
  const org = await createOrg(suite.app.db);
  const lead = await createStaff(suite.app.db, org.organisationId, 'quality_lead');
  const admin = await createStaff(suite.app.db, org.organisationId, 'admin');
  const asLead = await signIn(suite.app.url, lead.email, lead.password);
  const asAdmin = await signIn(suite.app.url, admin.email, admin.password);
  // Comments show from 5 people here, so that a handful of test responses shows them.
  const privacy = await asAdmin.request('PUT', '/api/v1/org/privacy', {
    minGroupSize: 5,
    minCommentGroupSize: 5,
  });
  expect(privacy.status).toBe(200);
  const goLive = new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10);
  const change = await asLead.request('POST', '/api/v1/changes', {
    name: 'Bedside check-in kiosk',
    kind: 'kiosk',
    unitIds: [org.unitId],
    goLiveDate: goLive,
  });
  expect(change.status).toBe(201);
  const { link } = await publishedSurveyWithLink(asLead, { kind: 'open', unitId: org.unitId }, BOARD_SURVEY);
  const other = await publishedSurveyWithLink(
    asLead,
    { kind: 'open', unitId: org.otherUnitId },
    BOARD_SURVEY,
  );
  return { org, lead, asLead, token: link.token, otherToken: other.link.token };
}

describe('the live quality board', () => {
  it("a signed-in quality lead's board changes with no reload when a patient answers on another page", async () => {
    const { org, lead, token, otherToken } = await setUp();
    await backdate(await respond(token, 5), 8);
    await respond(token, 5, 5);
    // Ward 9 has two responses: fewer than k = 5, so its figures are hidden.
    await respond(otherToken, 2);

    const board = await newPage(suite.browser, LAPTOP, 10_000);
    await signInAs(board, suite.app.url, lead);
    await board.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Board' }).click();
    await board.getByRole('heading', { level: 1, name: 'Quality board' }).waitFor();
    await board.getByLabel('Show', { exact: true }).selectOption({ label: 'General › Medicine › Ward 7' });
    await figureReads(board, 'responses', '10');
    await board.getByRole('status').getByText('Live').waitFor();
    expect(board.url()).toContain(`level=unit&id=${org.unitId}&period=30d`);
    await board
      .getByRole('region', { name: 'Trends' })
      .getByText('Bedside check-in kiosk', { exact: true })
      .waitFor();
    await board.getByText('Fewer than 5 people').or(board.locator('.comment').first()).waitFor();
    // A mark that a reload would wipe out.
    await board.evaluate(() => Object.assign(globalThis, { boardNotReloaded: true }));

    // A patient answers on another page, in another browser context.
    const patient = await newPage(suite.browser, LAPTOP, 10_000);
    await patient.goto(`${suite.app.url}/s/${token}`);
    await patient.getByRole('radio', { name: 'Very good' }).check();
    await patient.getByLabel('Tell us more').fill('The physio team got me walking again, thank you');
    await patient.getByRole('button', { name: /Send|Submit/ }).click();
    await patient.getByRole('heading', { name: /Thank you/ }).waitFor();
    await patient.close();

    await figureReads(board, 'responses', '11', 20_000);
    expect(await board.evaluate(() => (globalThis as { boardNotReloaded?: boolean }).boardNotReloaded)).toBe(
      true,
    );
    await board.getByText(/^Last updated /).waitFor();
    await board.screenshot(screenshot('board-ward-1280'));
    // Top themes follows urgent alerts directly, however long the comments beside them run.
    const alertsBox = await board.getByRole('region', { name: 'Urgent alerts', exact: true }).boundingBox();
    const themesBox = await board.getByRole('region', { name: 'Top themes', exact: true }).boundingBox();
    expect(themesBox!.y - (alertsBox!.y + alertsBox!.height)).toBeLessThan(24);

    // Each chart has a table of the same figures.
    const fft = board.getByRole('region', { name: 'Friends and Family Test, % positive', exact: true });
    await fft.getByRole('button', { name: 'Table' }).click();
    expect(await fft.getByRole('button', { name: 'Table' }).getAttribute('aria-pressed')).toBe('true');
    const table = fft.getByRole('table');
    await table.waitFor();
    expect(await table.locator('caption').textContent()).toContain('Friends and Family Test');
    expect(await table.getByRole('columnheader').allTextContents()).toEqual([
      'Day',
      'Friends and Family Test, % positive',
      'People',
    ]);
    expect(await fft.getByRole('img').isHidden()).toBe(true);
    const chartLabel = await board
      .getByRole('img', { name: /^Net Promoter Score by day/ })
      .getAttribute('aria-label');
    expect(chartLabel).toContain('Bedside check-in kiosk went live');
    expect(await seriousAccessibilityProblems(board)).toEqual([]);

    // A small group: Ward 9's figures say "fewer than 5", never 2 or 0.
    await board.getByLabel('Show', { exact: true }).selectOption({ label: 'General › Medicine › Ward 9' });
    await board.locator('.board-scope').getByText('Ward 9', { exact: true }).waitFor();
    expect(await figure(board, 'responses').textContent()).toBe('fewer than 5');
    expect(await figure(board, 'nps').textContent()).toBe('fewer than 5');
    await board
      .getByText('Fewer than 5 people wrote comments matching this, so they are not shown.')
      .waitFor();
    await board.screenshot(screenshot('board-small-group-1280'));

    // The address keeps the choice: a reload shows Ward 9 again.
    await board.reload();
    await board.locator('.board-scope').getByText('Ward 9', { exact: true }).waitFor();
    expect(await board.getByLabel('Show', { exact: true }).inputValue()).toBe(`unit:${org.otherUnitId}`);
    await board.close();
  }, 120_000);

  it('an urgent comment raises an alert on the board, announced, that the lead acknowledges', async () => {
    const { token, lead } = await setUp();
    await respond(token, 5);

    const wall = await newPage(suite.browser, WALL, 10_000);
    await signInAs(wall, suite.app.url, lead);
    await wall.goto(`${suite.app.url}/#/board?level=organisation&period=30d`);
    await wall.getByRole('status').getByText('Live').waitFor();
    await figureReads(wall, 'responses', '5');
    await wall.getByRole('heading', { name: 'Urgent alerts' }).waitFor();
    await wall.getByText('No open alerts. Nothing needs action now.').waitFor();

    await submitAnswers(suite.app.url, token, {
      fft: 'very_poor',
      comment: 'They gave my mum the wrong medication and nobody came for hours when she fell',
    });
    const alerts = wall.getByRole('region', { name: 'Urgent alerts', exact: true });
    await alerts.getByText('New urgent comment').waitFor({ timeout: 20_000 });
    const item = alerts.locator('.alert-item').first();
    await item.getByText(/wrong medication/).waitFor();
    await figureReads(wall, 'responses', '6', 20_000);
    await wall.screenshot(screenshot('board-wall-1920'));
    await wall.screenshot({ ...screenshot('board-wall-1920-screen'), fullPage: false });
    // A wall screen that nobody scrolls shows the whole board.
    expect(await wall.evaluate<number>('document.documentElement.scrollHeight')).toBeLessThanOrEqual(1080);
    expect(await seriousAccessibilityProblems(wall)).toEqual([]);

    await item.getByRole('button', { name: 'Acknowledge' }).click();
    await item.getByText(/^Received .*Acknowledged/).waitFor();
    expect(await item.getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);
    await item.getByRole('button', { name: 'Resolve' }).click();
    await alerts.getByText('No open alerts. Nothing needs action now.').waitFor();
    await wall.close();

    const phone = await newPage(suite.browser, PHONE, 10_000);
    await signInAs(phone, suite.app.url, lead);
    await phone.goto(`${suite.app.url}/#/board?level=organisation&period=90d`);
    await figureReads(phone, 'responses', '6');
    await phone.screenshot({ ...screenshot('board-390'), fullPage: false });
    await phone.getByRole('heading', { name: 'Trends' }).scrollIntoViewIfNeeded();
    await phone.screenshot({ ...screenshot('board-trends-390'), fullPage: false });
    expect(await seriousAccessibilityProblems(phone)).toEqual([]);
    await phone.close();
  }, 120_000);

  it('a board that loses its connection catches up when it is back, with no reload', async () => {
    const { lead, token } = await setUp();
    await respond(token, 5);
    const context = await suite.browser.newContext(LAPTOP);
    const board = await context.newPage();
    board.setDefaultTimeout(10_000);
    await signInAs(board, suite.app.url, lead);
    await board.goto(`${suite.app.url}/#/board?level=organisation&period=30d`);
    await figureReads(board, 'responses', '5');
    await board.getByRole('status').getByText('Live').waitFor();
    await board.evaluate(() => Object.assign(globalThis, { boardNotReloaded: true }));

    await context.setOffline(true);
    await board
      .getByRole('status')
      .getByText(/Reconnecting|Offline/)
      .waitFor({ timeout: 60_000 });
    // A patient answers while the board is cut off.
    await respond(token, 1, 5);
    expect(await figure(board, 'responses').textContent()).toBe('5');
    await context.setOffline(false);

    await board.getByRole('status').getByText('Live').waitFor({ timeout: 30_000 });
    await figureReads(board, 'responses', '6', 20_000);
    expect(await board.evaluate(() => (globalThis as { boardNotReloaded?: boolean }).boardNotReloaded)).toBe(
      true,
    );
    await context.close();
  }, 120_000);

  it('an administrator sets the privacy thresholds on the organisation page; a viewer reads them and gets no alerts', async () => {
    const org = await createOrg(suite.app.db);
    const admin = await createStaff(suite.app.db, org.organisationId, 'admin');
    const viewer = await createStaff(suite.app.db, org.organisationId, 'viewer');

    const page = await newPage(suite.browser, LAPTOP, 10_000);
    await signInAs(page, suite.app.url, admin);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organisation' }).click();
    const privacy = page.getByRole('region', { name: 'Privacy on boards' });
    await privacy.getByText('Boards and downloads hide any figure drawn from fewer than 5 people').waitFor();
    await privacy.getByLabel('Smallest group for figures').fill('6');
    await privacy.getByLabel('Smallest group for comments').fill('4');
    await privacy.getByRole('button', { name: 'Save privacy settings' }).click();
    await privacy.getByText('Make this at least the smallest group for figures').waitFor();
    expect(await privacy.getByLabel('Smallest group for comments').getAttribute('aria-invalid')).toBe('true');
    await privacy.getByLabel('Smallest group for comments').fill('12');
    await privacy.getByRole('button', { name: 'Save privacy settings' }).click();
    await privacy.getByText('Privacy settings saved.').waitFor();
    await privacy.getByText('fewer than 6 people, and show comments only when at least 12 people').waitFor();
    await page.screenshot(screenshot('organisation-privacy-1280'));
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.close();

    const asViewer = await newPage(suite.browser, LAPTOP, 10_000);
    await signInAs(asViewer, suite.app.url, viewer);
    await asViewer
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Organisation' })
      .click();
    await asViewer.getByText('fewer than 6 people, and show comments only when at least 12 people').waitFor();
    expect(await asViewer.getByRole('button', { name: 'Save privacy settings' }).count()).toBe(0);
    await asViewer.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Board' }).click();
    await figureReads(asViewer, 'responses', '0');
    await asViewer.getByRole('heading', { name: 'Latest comments' }).waitFor();
    expect(await asViewer.getByRole('heading', { name: 'Urgent alerts' }).count()).toBe(0);
    await asViewer.close();
  });
});
