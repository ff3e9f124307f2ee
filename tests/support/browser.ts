import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
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
};
export const LAPTOP = { viewport: { width: 1280, height: 800 } };

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

export const screenshot = (name: string) => ({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
