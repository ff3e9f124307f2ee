import { inArray, sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { responses } from '../../server/src/db/schema';
import { rebuildRollups } from '../../server/src/features/analysis/analysis.service';
import type { TSurveyDefinition } from '../../shared/src/survey/definition';
import type { TRunningWorkers } from '../../workers/src/main';
import type { Browser } from 'playwright-core';
import { startTestApp, type TTestApp } from '../support/app';
import {
  launchBrowser,
  LAPTOP,
  newPage,
  PHONE,
  screenshot,
  seriousAccessibilityProblems,
  signInAs,
} from '../support/browser';
import { createOrg, createStaff } from '../support/fixtures';
import { signIn, submitAnswers } from '../support/http';
import { IMPACT_SURVEY } from '../support/impact-history';
import { publishedSurveyWithLink, publishedTemplateWithLink } from '../support/surveys';
import { countAnalysed, startTestWorkers, waitFor } from '../support/workers';

// The browser suite's app, with room for the answers these boards need from one address.
const suite = {} as { app: TTestApp; browser: Browser };
let workers: TRunningWorkers;

beforeAll(async () => {
  suite.app = await startTestApp({
    RATE_LIMIT_SUBMIT_PER_IP: '100000',
    RATE_LIMIT_SUBMIT_PER_LINK: '100000',
  });
  suite.browser = await launchBrowser();
  workers = await startTestWorkers(suite.app);
}, 60_000);

afterAll(async () => {
  await workers?.stop();
  await suite.browser?.close();
  await suite.app?.close();
});

const WALL = { viewport: { width: 1920, height: 1080 }, bypassCSP: true };
const SIZES = [
  ['1920', WALL],
  ['1280', LAPTOP],
  ['390', PHONE],
] as const;

const SURVEY: TSurveyDefinition = {
  ...IMPACT_SURVEY,
  items: [
    ...IMPACT_SURVEY.items.filter((item) => item.type !== 'text'),
    { linkId: 'comment', type: 'text', intent: 'general', text: { en: 'Tell us more' } },
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
const FRICTION = [
  'I keep getting logged out and the smartcard login takes ages',
  'The password and smartcard sign in fails every morning, and the system is slow',
  'Too many clicks to order a simple test',
];

async function respond(token: string, answers: Record<string, unknown>[]): Promise<string[]> {
  const ids: string[] = [];
  for (const a of answers) ids.push(await submitAnswers(suite.app.url, token, a));
  await waitFor('the analysis', async () => (await countAnalysed(suite.app.db, ids)) === ids.length, 30_000);
  return ids;
}

const patient = (n: number) => ({
  fft: n % 4 === 3 ? 'poor' : n % 2 === 0 ? 'very_good' : 'good',
  nps: [9, 10, 7, 4, 8, 10][n % 6],
  overall: [5, 4, 3, 2, 4, 5][n % 6],
  comment: COMMENTS[n % COMMENTS.length],
});
const clinician = (n: number) => ({
  change: 'ehr_module',
  effect_time: [1, 2, 2, 3, 1][n % 5],
  effect_safety: [3, 3, 2, 3, 4][n % 5],
  effect_workload: [2, 1, 2, 2, 1][n % 5],
  friction: FRICTION[n % FRICTION.length],
});

/** Spreads responses over the last weeks, as if they had come in then. */
async function spreadOverWeeks(ids: string[], weeks: number): Promise<void> {
  for (const [i, id] of ids.entries()) {
    await suite.app.db
      .update(responses)
      .set({ submittedAt: sql`submitted_at - make_interval(days => ${(i % weeks) * 7})` })
      .where(inArray(responses.id, [id]));
  }
  await rebuildRollups(suite.app.db);
}

/** A ward where patients answer the FFT survey and clinicians a change pulse. */
async function setUp() {
  const org = await createOrg(suite.app.db);
  const lead = await createStaff(suite.app.db, org.organisationId, 'quality_lead');
  const admin = await createStaff(suite.app.db, org.organisationId, 'admin');
  const asLead = await signIn(suite.app.url, lead.email, lead.password);
  const asAdmin = await signIn(suite.app.url, admin.email, admin.password);
  await asAdmin.request('PUT', '/api/v1/org/privacy', { minGroupSize: 5, minCommentGroupSize: 5 });
  const fft = await publishedSurveyWithLink(asLead, { kind: 'open', unitId: org.unitId }, SURVEY);
  const pulse = await publishedTemplateWithLink(asLead, 'change-pulse', {
    kind: 'open',
    unitId: org.otherUnitId,
  });
  const patientIds = await respond(
    fft.link.token,
    Array.from({ length: 24 }, (_, i) => patient(i)),
  );
  const clinicianIds = await respond(
    pulse.link.token,
    Array.from({ length: 15 }, (_, i) => clinician(i)),
  );
  // Three weeks: eight patients and five clinicians a week, so every week's point shows.
  await spreadOverWeeks([...patientIds, ...clinicianIds], 3);
  return { org, lead, fft, pulse };
}

/** Nothing inside a table is cut: every cell shows its whole text, and no chart's table hides a column. */
const clippedCells = (page: Page) =>
  page.evaluate<string[]>(
    `[...document.querySelectorAll('table th, table td, .chart-table')]
      .filter((c) => c.offsetParent !== null && c.scrollWidth > c.clientWidth + 1)
      .map((c) => c.textContent ?? '')`,
  );

describe('results people can read, and a board that fits what was asked', () => {
  it('a quality lead reads a pulse survey aspect by aspect on its results page, at every size, with no figure from a small group', async () => {
    const { lead, pulse } = await setUp();
    for (const [size, options] of SIZES) {
      const page = await newPage(suite.browser, options, 15_000);
      await signInAs(page, suite.app.url, lead);
      // The survey list counts the responses and links to the results.
      const row = page.getByRole('row').filter({ hasText: 'Change pulse' });
      await row.getByText('15', { exact: true }).waitFor();
      await row.getByRole('link', { name: /Results/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Results: Change pulse' }).waitFor();
      expect(page.url()).toContain(`#/surveys/${pulse.survey.id}/results`);
      const time = page.getByRole('region', { name: /time your work takes/ });
      await time.getByText('Answered by 15 people.').waitFor();
      // 1 ×6 and 2 ×6, 3 ×3 (k = 5): hidden, and 1 with it so that the total cannot give it away.
      await time.getByText('Mean').waitFor();
      await time.getByText(/40% · 6 people/).waitFor();
      await time.getByText('fewer than 5').first().waitFor();
      if (size === '1280') {
        await time.getByRole('button', { name: 'Table' }).click();
        expect(await time.getByRole('table').getByRole('columnheader').allTextContents()).toEqual([
          'Answer',
          'People',
          'Share of people who answered',
        ]);
        const comments = page.getByRole('region', { name: 'What gets in the way?' });
        await comments.getByRole('button', { name: 'Read example comments' }).click();
        await comments.locator('.comment').first().waitFor();
      }
      await page.screenshot(screenshot(`results-pulse-${size}`));
      expect(await clippedCells(page)).toEqual([]);
      expect(await seriousAccessibilityProblems(page)).toEqual([]);
      await page.close();
    }
  }, 240_000);

  it('a pulse-only ward shows each aspect and no FFT card; a ward with both has an audience switch; the wall fills 1920×1080', async () => {
    const { org, lead } = await setUp();
    const page = await newPage(suite.browser, LAPTOP, 15_000);
    await signInAs(page, suite.app.url, lead);
    await page.goto(`${suite.app.url}/#/board?level=unit&id=${org.otherUnitId}&period=90d`);
    await page.locator('[data-figure="responses"] .figure-value').filter({ hasText: /^15$/ }).waitFor();
    expect(await page.locator('[data-figure="fft"]').count()).toBe(0);
    expect(await page.locator('[data-figure="nps"]').count()).toBe(0);
    await page
      .locator('[data-figure="aspect-effect_time"]')
      .getByText(/time your work takes/)
      .waitFor();
    await page.locator('.theme-name').getByText('Sign-in and access').first().waitFor();
    expect(await page.getByRole('group', { name: 'Who answered' }).isHidden()).toBe(true);
    await page.screenshot(screenshot('board-pulse-1280'));
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.close();

    for (const [size, options] of SIZES) {
      const board = await newPage(suite.browser, options, 15_000);
      await signInAs(board, suite.app.url, lead);
      await board.goto(`${suite.app.url}/#/board?level=organisation&period=90d`);
      await board.locator('[data-figure="responses"] .figure-value').filter({ hasText: /^24$/ }).waitFor();
      const who = board.getByRole('group', { name: 'Who answered' });
      await who.getByLabel('Patients').waitFor();
      expect(await who.getByLabel('Patients').isChecked()).toBe(true);
      await board.locator('[data-figure="fft"]').waitFor();
      // Every chart labels its dates, in the 13-week view too.
      const labels = await board
        .locator('.chart-canvas .uplot')
        .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-date-labels') ?? 0)));
      expect(labels.length).toBeGreaterThanOrEqual(4);
      expect(labels.every((n) => n >= 2)).toBe(true);
      await board.locator('.comment').nth(5).waitFor();
      if (size === '1920') {
        await board.screenshot({ ...screenshot('board-wall-both-1920'), fullPage: false });
        // The charts use the width, and at least six comments show without scrolling.
        const widths = await board
          .locator('.board-chart')
          .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width));
        expect(Math.min(...widths)).toBeGreaterThan(300);
        const inView = await board.evaluate<number>(
          `(() => {
            const bottom = Math.min(document.querySelector('.comment-area').getBoundingClientRect().bottom, 1080);
            return [...document.querySelectorAll('.comment')].filter((e) => e.getBoundingClientRect().bottom <= bottom + 1).length;
          })()`,
        );
        expect(inView).toBeGreaterThanOrEqual(6);
        expect(await board.evaluate<number>('document.documentElement.scrollHeight')).toBeLessThanOrEqual(
          1080,
        );
      } else {
        await board.screenshot({ ...screenshot(`board-both-${size}`), fullPage: true });
        await board.screenshot({ ...screenshot(`board-both-${size}-top`), fullPage: false });
        await board.getByRole('heading', { name: 'Trends' }).scrollIntoViewIfNeeded();
        await board.screenshot({ ...screenshot(`board-both-${size}-trends`), fullPage: false });
      }
      for (const chart of await board.locator('.board-chart').all()) {
        await chart.getByRole('button', { name: 'Table' }).click();
      }
      expect(await clippedCells(board)).toEqual([]);
      if (size === '1920')
        await board.screenshot({ ...screenshot('board-wall-tables-1920'), fullPage: false });
      // Clinicians: their aspects, never added to the patients' figures.
      await who.getByLabel('Clinicians').check();
      await board.locator('[data-figure="responses"] .figure-value').filter({ hasText: /^15$/ }).waitFor();
      expect(await board.locator('[data-figure="fft"]').count()).toBe(0);
      await board.locator('[data-figure="aspect-effect_safety"]').waitFor();
      expect(board.url()).toContain('audience=clinician');
      await board.screenshot({ ...screenshot(`board-clinicians-${size}`), fullPage: size !== '1920' });
      expect(await seriousAccessibilityProblems(board)).toEqual([]);
      await board.close();
    }
  }, 300_000);

  it('a board with no survey says there are no answers yet instead of drawing empty charts', async () => {
    const org = await createOrg(suite.app.db);
    const viewer = await createStaff(suite.app.db, org.organisationId, 'viewer');
    const page = await newPage(suite.browser, LAPTOP, 15_000);
    await signInAs(page, suite.app.url, viewer);
    await page.goto(`${suite.app.url}/#/board?level=organisation&period=30d`);
    await page.getByText(/No survey collects answers here yet/).waitFor();
    expect(await page.getByRole('heading', { name: 'Trends' }).isHidden()).toBe(true);
    await page.screenshot(screenshot('board-empty-1280'));
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.close();
  }, 60_000);
});
