import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestApp, type TTestApp } from './app';

export const SCREENSHOTS = path.resolve('test-results/screenshots');

/** Debian's Chromium, headless, with no background traffic (the machine has no outside network). */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync('client/dist/index.html')) {
    throw new Error('client/dist is missing: run `npm run build:client` before the browser tests');
  }
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
}

export const PHONE = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
  bypassCSP: true,
};
// bypassCSP lets the tests inject axe-core; the app's own pages never need it.
export const LAPTOP = { viewport: { width: 1280, height: 800 }, bypassCSP: true };

/**
 * A browser suite: the real app and Chromium for the whole file, closed after it. Read `app` and
 * `browser` inside tests (they exist once beforeAll has run).
 */
export function browserSuite(): { readonly app: TTestApp; readonly browser: Browser } {
  const suite = {} as { app: TTestApp; browser: Browser };
  beforeAll(async () => {
    suite.app = await startTestApp();
    suite.browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.app?.close();
  });
  return suite;
}

/** Signs a staff member in through the sign-in page and waits for the first page after it. */
export async function signInAs(
  page: Page,
  url: string,
  staff: { email: string; password: string },
): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Email').fill(staff.email);
  await page.getByLabel('Password').fill(staff.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Surveys' }).waitFor();
}

/** A page whose waits give up well before the test's own timeout, so a failure names the step. */
export async function newPage(browser: Browser, options: object, timeoutMs = 8_000): Promise<Page> {
  const page = await browser.newPage(options);
  page.setDefaultTimeout(timeoutMs);
  return page;
}

export const screenshot = (name: string) => ({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

type TAxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/**
 * Runs axe-core (WCAG 2.1 A and AA rules) on the page and returns the serious and critical
 * violations, in a form that reads well in a failed assertion. The page's context needs
 * `bypassCSP: true`: axe is injected as an inline script, which the app's CSP rightly refuses.
 */
export async function seriousAccessibilityProblems(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as { axe: { run(o: object): Promise<{ violations: TAxeViolation[] }> } }
    ).axe;
    const result = await axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
