import { eq } from 'drizzle-orm';
import type { BrowserContextOptions, Page, Route } from 'playwright-core';
import { responses } from '../../server/src/db/schema';
import type { TLink } from '../../shared/src/api/surveys';
import { LAPTOP, PHONE, browserSuite, screenshot, seriousAccessibilityProblems } from '../support/browser';
import { createOrg, createStaff } from '../support/fixtures';
import { signIn } from '../support/http';
import { publishedSurveyWithLink } from '../support/surveys';

const suite = browserSuite();

const VIEWPORTS = [
  ['390', PHONE],
  ['1280', LAPTOP],
] as const satisfies readonly (readonly [string, BrowserContextOptions])[];

async function openLink(): Promise<TLink> {
  const org = await createOrg(suite.app.db);
  const lead = await createStaff(suite.app.db, org.organisationId, 'quality_lead');
  const staff = await signIn(suite.app.url, lead.email, lead.password);
  return (await publishedSurveyWithLink(staff, { kind: 'open', unitId: org.unitId })).link;
}

const storedFor = (link: TLink) => suite.app.db.select().from(responses).where(eq(responses.linkId, link.id));

type TBrowserStorage = {
  localStorage: { getItem(key: string): string | null; key(i: number): string | null; length: number };
};

/** The draft this page keeps for `token`, as stored. */
const draftOf = (page: Page, token: string) =>
  page.evaluate((key) => {
    const raw = (globalThis as unknown as TBrowserStorage).localStorage.getItem(key);
    return raw === null
      ? null
      : (JSON.parse(raw) as { pending: { key: string } | null; step: string | null });
  }, `careloop.draft.${token}`);

const draftKeys = (page: Page) =>
  page.evaluate(() => {
    const { localStorage } = globalThis as unknown as TBrowserStorage;
    const keys: string[] = [];
    for (let i = 0; i < localStorage.length; i += 1) keys.push(localStorage.key(i) ?? '');
    return keys.filter((k) => k.startsWith('careloop.draft.'));
  });

const isSubmit = (url: URL): boolean => /\/api\/v1\/public\/surveys\/[^/]+\/responses$/.test(url.pathname);

/** Answers the first three questions, and on a phone the steps to the last one. */
async function answerSome(page: Page, paged: boolean): Promise<void> {
  await page.getByRole('radio', { name: '2' }).check();
  if (paged) await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('radio', { name: 'A nurse' }).check();
  if (paged) await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('checkbox', { name: 'Kindness' }).check();
}

async function toTheEnd(page: Page, paged: boolean): Promise<void> {
  if (!paged) return;
  const next = page.getByRole('button', { name: 'Next' });
  while (await next.isVisible()) await next.click();
}

describe.each(VIEWPORTS)('a patient whose device goes offline, at %s px wide', (width, device) => {
  const paged = device === PHONE;

  it('is told plainly that the answers wait on the device, and they are sent once, under the same key, when it is back online', async () => {
    const link = await openLink();
    const context = await suite.browser.newContext(device);
    const page = await context.newPage();
    await page.goto(link.url);
    await page.getByRole('group', { name: /How was your visit\?/ }).waitFor();
    await context.setOffline(true);
    await page.getByText('You are offline. You can keep answering').waitFor();
    await answerSome(page, paged);
    await toTheEnd(page, paged);
    await page.getByLabel('What could we do better?').fill('Quieter nights');
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.getByText(/You are offline, so your answers have not been sent yet/).waitFor();
    await page
      .getByText(/You can close this page: they will be sent the next time you open this link/)
      .waitFor();
    expect(await page.getByLabel('What could we do better?').isDisabled()).toBe(true);
    await page.screenshot(screenshot(`nothing-lost-offline-${width}`));
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    const queued = await draftOf(page, link.token);
    expect(queued?.pending?.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(await storedFor(link)).toHaveLength(0);

    const sent: string[] = [];
    page.on('request', (request) => {
      if (isSubmit(new URL(request.url()))) sent.push(request.headers()['idempotency-key'] ?? '');
    });
    await context.setOffline(false);
    await page.getByRole('heading', { level: 1, name: 'Thank you' }).waitFor();
    expect(sent).toEqual([queued!.pending!.key]);
    expect(await storedFor(link)).toHaveLength(1);
    expect(await draftKeys(page)).toEqual([]);
    await context.close();
  }, 60_000);

  it('keeps the answers through a busy server (429) and sends them by itself when told to retry', async () => {
    const link = await openLink();
    const page = await suite.browser.newPage(device);
    await page.goto(link.url);
    await answerSome(page, paged);
    await toTheEnd(page, paged);
    let refused = 0;
    await page.route(isSubmit, async (route: Route) => {
      if (refused++ > 0) return route.continue();
      return route.fulfill({
        status: 429,
        headers: { 'content-type': 'application/problem+json', 'retry-after': '1' },
        body: JSON.stringify({
          type: 'about:blank',
          title: 'Too many requests',
          status: 429,
          code: 'rate_limited',
        }),
      });
    });
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.getByText(/A lot of answers are arriving right now. We will try again in 1 seconds/).waitFor();
    await page.getByRole('heading', { level: 1, name: 'Thank you' }).waitFor({ timeout: 10_000 });
    expect(refused).toBe(2);
    expect(await storedFor(link)).toHaveLength(1);
  }, 60_000);
});

describe.each(VIEWPORTS)('a patient who closes the tab part-way, at %s px wide', (width, device) => {
  const paged = device === PHONE;

  it('comes back to the same question with every answer, and drafts stay with their own link', async () => {
    const link = await openLink();
    const other = await openLink();
    const context = await suite.browser.newContext(device);
    let page = await context.newPage();
    await page.goto(link.url);
    await answerSome(page, paged);
    await page.close();

    page = await context.newPage();
    await page.goto(other.url);
    await page.getByRole('group', { name: /How was your visit\?/ }).waitFor();
    expect(await page.getByText('We kept the answers you started earlier').count()).toBe(0);
    expect(await page.locator('input[value="2"]').isChecked()).toBe(false);

    await page.goto(link.url);
    await page.getByText('We kept the answers you started earlier on this device.').waitFor();
    if (paged) {
      // Back on the question it was left at.
      await page.getByText('Question 3 of 8').waitFor();
      expect(await page.getByRole('checkbox', { name: 'Kindness' }).isChecked()).toBe(true);
      await page.screenshot(screenshot(`nothing-lost-resumed-${width}`));
      await page.getByRole('button', { name: 'Back' }).click();
      await page.getByRole('button', { name: 'Back' }).click();
      await page.getByText('Question 1 of 8').waitFor();
    } else {
      expect(await page.getByRole('checkbox', { name: 'Kindness' }).isChecked()).toBe(true);
      await page.screenshot(screenshot(`nothing-lost-resumed-${width}`));
    }
    expect(await page.getByRole('radio', { name: '2' }).isChecked()).toBe(true);
    await page.reload();
    await page.getByText('We kept the answers you started earlier on this device.').waitFor();
    expect(await page.locator('input[value="nurse"]').isChecked()).toBe(true);
    expect(await storedFor(link)).toHaveLength(0);
    await context.close();
  }, 60_000);
});
