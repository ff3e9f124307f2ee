import { eq } from 'drizzle-orm';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { responses } from '../../server/src/db/schema';
import type { TLink } from '../../shared/src/api/surveys';
import { LAPTOP, PHONE, browserSuite, screenshot, seriousAccessibilityProblems } from '../support/browser';
import { createOrg, createStaff, type TStaffFixture } from '../support/fixtures';
import { signIn } from '../support/http';
import { publishedTemplateWithLink } from '../support/surveys';

const suite = browserSuite();

const VIEWPORTS = [
  ['390', PHONE],
  ['1280', LAPTOP],
] as const satisfies readonly (readonly [string, BrowserContextOptions])[];

/** The change friction pulse on an open link, as printed on a QR poster in a staff room. */
async function pulseLink(): Promise<{ link: TLink; clinician: TStaffFixture }> {
  const org = await createOrg(suite.app.db);
  const lead = await createStaff(suite.app.db, org.organisationId, 'quality_lead');
  const clinician = await createStaff(suite.app.db, org.organisationId, 'clinician');
  const staff = await signIn(suite.app.url, lead.email, lead.password);
  const { link } = await publishedTemplateWithLink(staff, 'change-pulse', {
    kind: 'open',
    unitId: org.unitId,
  });
  return { link, clinician };
}

const storedFor = (link: TLink) => suite.app.db.select().from(responses).where(eq(responses.linkId, link.id));

/** Answers the pulse from its first question to its last step. */
async function answerPulse(page: Page, paged: boolean): Promise<void> {
  await page.getByRole('radio', { name: 'A new or changed electronic health record module' }).check();
  if (paged) await page.getByRole('button', { name: 'Next' }).click();
  await page
    .getByRole('group', { name: /time your work takes/ })
    .getByRole('radio')
    .first()
    .check();
  if (paged) {
    const next = page.getByRole('button', { name: 'Next' });
    while (await next.isVisible()) {
      if (await page.getByLabel('What gets in the way?').isVisible()) break;
      await next.click();
    }
  }
  await page.getByLabel('What gets in the way?').fill('Ordering bloods takes six clicks');
  if (paged) {
    const next = page.getByRole('button', { name: 'Next' });
    while (await next.isVisible()) await next.click();
  }
}

describe.each(VIEWPORTS)('a clinician who scans the pulse poster, at %s px wide', (width, device) => {
  const paged = device === PHONE;

  it('sees the first question at once (the second tap answers it), and answers anonymously by default', async () => {
    const { link } = await pulseLink();
    const page = await suite.browser.newPage(device);
    // Tap one: the QR code opens the link itself.
    await page.goto(link.url);
    const first = page.getByRole('radio', { name: 'A new or changed electronic health record module' });
    await first.waitFor();
    // No intro, no scrolling: the answer is on the first screen.
    const box = (await first.boundingBox())!;
    expect(box.y + box.height).toBeLessThan(page.viewportSize()!.height);
    await page.screenshot({ ...screenshot(`pulse-first-screen-${width}`), fullPage: false });
    // Tap two.
    await first.check();

    await answerPulse(page, paged);
    const consent = page.getByRole('checkbox', { name: /I’m happy to be contacted about this/ });
    expect(await consent.isChecked()).toBe(false);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thank you' }).waitFor();
    await page.getByText(/Your answers are anonymous/).waitFor();
    const [stored] = await storedFor(link);
    expect(stored!.contactUserId).toBeNull();
  }, 60_000);

  it('who is happy to be contacted signs in from the form, comes back to their answers, and is stored as the contact', async () => {
    const { link, clinician } = await pulseLink();
    const context = await suite.browser.newContext(device);
    const page = await context.newPage();
    await page.goto(link.url);
    await answerPulse(page, paged);
    await page.getByRole('checkbox', { name: /I’m happy to be contacted about this/ }).check();
    const signInLink = page.getByRole('link', { name: 'Sign in to CareLoop' });
    await signInLink.waitFor();
    await page.screenshot(screenshot(`pulse-contact-sign-in-${width}`));
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    // Sending now says what is needed, and sends nothing.
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.getByText(/To be contacted, please sign in first/).waitFor();
    expect(await storedFor(link)).toHaveLength(0);

    await signInLink.click();
    await page.getByText('then you will go back to your feedback').waitFor();
    await page.getByLabel('Email').fill(clinician.email);
    await page.getByLabel('Password').fill(clinician.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === `/s/${link.token}`);
    await page.getByText('Signed in as Test clinician.').waitFor();
    expect(await page.getByRole('checkbox', { name: /I’m happy to be contacted/ }).isChecked()).toBe(true);
    expect(await page.getByLabel('What gets in the way?').inputValue()).toBe(
      'Ordering bloods takes six clicks',
    );
    await page.screenshot(screenshot(`pulse-contact-signed-in-${width}`));

    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thank you' }).waitFor();
    await page.getByText(/You asked to be contacted: your name is stored with these answers/).waitFor();
    const [stored] = await storedFor(link);
    expect(stored!.contactUserId).toBe(clinician.id);
    await context.close();
  }, 60_000);
});

describe('the staff sign-in page’s return address', () => {
  it('goes back only to survey pages of this site', async () => {
    const org = await createOrg(suite.app.db);
    const lead = await createStaff(suite.app.db, org.organisationId, 'quality_lead');
    const page = await suite.browser.newPage(LAPTOP);
    await page.goto(`${suite.app.url}/?next=${encodeURIComponent('//evil.example/s/x')}#/sign-in`);
    await page.getByLabel('Email').fill(lead.email);
    await page.getByLabel('Password').fill(lead.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(new URL(page.url()).origin).toBe(suite.app.url);
    expect(new URL(page.url()).pathname).toBe('/');
  }, 60_000);
});
