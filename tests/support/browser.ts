import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

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
