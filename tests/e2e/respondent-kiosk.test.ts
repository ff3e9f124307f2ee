import { eq } from 'drizzle-orm';
import type { BrowserContextOptions, Page } from 'playwright-core';
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

/** The shortest idle time a link takes; the warning counts down its last quarter (8 s). */
const IDLE_SECONDS = 30;
const WARNING_MS = 8_000;

async function kioskLink(): Promise<TLink> {
  const org = await createOrg(suite.app.db);
  const lead = await createStaff(suite.app.db, org.organisationId, 'quality_lead');
  const staff = await signIn(suite.app.url, lead.email, lead.password);
  const made = await publishedSurveyWithLink(staff, {
    kind: 'open',
    unitId: org.unitId,
    kiosk: true,
    kioskIdleSeconds: IDLE_SECONDS,
  });
  return made.link;
}

type TBrowserStorage = { localStorage: { length: number } };
const storageSize = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as TBrowserStorage).localStorage.length);

describe.each(VIEWPORTS)('a kiosk left part-answered, at %s px wide', (width, device) => {
  const paged = device === PHONE;

  it('asks “Are you still there?”, keeps the answers for someone who is, and otherwise starts again with nothing of theirs', async () => {
    const link = await kioskLink();
    const page = await suite.browser.newPage(device);
    // The page's clock is the test's to move, so that idle minutes take no time.
    await page.clock.install();
    await page.goto(link.url);
    await page.getByRole('group', { name: /How was your visit\?/ }).waitFor();
    await page.getByLabel('Language').selectOption('es');
    await page.getByRole('radio', { name: '2' }).check();
    if (paged) await page.getByRole('button', { name: 'Siguiente' }).click();
    await page.getByRole('radio', { name: 'Una enfermera' }).check();

    await page.clock.runFor((IDLE_SECONDS * 1000 - WARNING_MS) / 2);
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    await page.clock.runFor((IDLE_SECONDS * 1000 - WARNING_MS) / 2 + 500);
    const warning = page.getByRole('alertdialog', { name: '¿Sigue ahí?' });
    await warning.waitFor();
    await page.getByText(/volverá a empezar para la siguiente persona dentro de 8 segundos/).waitFor();
    await page.clock.runFor(3_000);
    await page.getByText(/dentro de 5 segundos/).waitFor();
    await page.screenshot(screenshot(`kiosk-warning-${width}`));
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    // Someone is still there: the answers stay.
    await warning.getByRole('button', { name: 'Sigo aquí' }).click();
    await warning.waitFor({ state: 'hidden' });
    expect(await page.getByRole('radio', { name: 'Una enfermera' }).isChecked()).toBe(true);

    // Nobody is: after the full idle time the kiosk starts again, in its own language, empty.
    await page.clock.runFor(IDLE_SECONDS * 1000 - WARNING_MS + 500);
    await warning.waitFor();
    await page.clock.runFor(WARNING_MS + 500);
    await page.getByRole('heading', { level: 1, name: 'Your visit' }).waitFor();
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    expect(new URL(page.url()).searchParams.has('lang')).toBe(false);
    expect(await page.locator('input:checked').count()).toBe(0);
    if (paged) await page.getByText('Question 1 of 8').waitFor();
    expect(await page.getByText('We kept the answers').count()).toBe(0);
    expect(await storageSize(page)).toBe(0);
    await page.screenshot(screenshot(`kiosk-reset-${width}`));
  }, 60_000);

  it('does not warn an untouched screen, and resets after the thank-you page', async () => {
    const link = await kioskLink();
    const page = await suite.browser.newPage(device);
    await page.clock.install();
    await page.goto(link.url);
    await page.getByRole('group', { name: /How was your visit\?/ }).waitFor();
    await page.clock.runFor(IDLE_SECONDS * 3 * 1000);
    expect(await page.getByRole('alertdialog').count()).toBe(0);

    await page.getByRole('radio', { name: '5' }).check();
    if (paged) {
      const next = page.getByRole('button', { name: 'Next' });
      while (await next.isVisible()) await next.click();
    }
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thank you' }).waitFor();
    await page.getByText('This screen will reset for the next person in a few seconds.').waitFor();
    await page.clock.runFor(21_000);
    await page.getByRole('group', { name: /How was your visit\?/ }).waitFor();
    expect(await page.locator('input:checked').count()).toBe(0);
    expect(await suite.app.db.select().from(responses).where(eq(responses.linkId, link.id))).toHaveLength(1);
  }, 60_000);
});
