import type { Page } from 'playwright-core';
import type { TChange } from '../../shared/src/api/org';
import type { TSurvey } from '../../shared/src/api/surveys';
import {
  browserSuite,
  LAPTOP,
  newPage,
  PHONE,
  screenshot,
  seriousAccessibilityProblems,
  signInAs,
} from '../support/browser';
import { createOrg, createStaff, type TOrgFixture } from '../support/fixtures';
import { signIn, type TClient } from '../support/http';
import { publishedTemplateWithLink } from '../support/surveys';

const suite = browserSuite();
const WALL = { viewport: { width: 1920, height: 1080 }, bypassCSP: true };
const SIZES = [
  ['1920', WALL],
  ['1280', LAPTOP],
  ['390', PHONE],
] as const;

async function adminOf(org: TOrgFixture): Promise<{ email: string; password: string; api: TClient }> {
  const staff = await createStaff(suite.app.db, org.organisationId, 'admin');
  return { ...staff, api: await signIn(suite.app.url, staff.email, staff.password) };
}

/**
 * A screenshot, of the whole page or of the part under test (the survey editor is many screens
 * long; its part is what there is to look at), then axe over the whole page.
 */
async function checked(page: Page, name: string, part?: string): Promise<void> {
  const shot = screenshot(name);
  if (part) await page.locator(part).screenshot({ path: shot.path, timeout: 30_000 });
  else await page.screenshot({ ...shot, timeout: 30_000 });
  expect(await seriousAccessibilityProblems(page)).toEqual([]);
}

describe('records people can fix, in the browser', () => {
  it('an admin retires a unit and sets a concern contact on the Organisation page; the link form then hides the unit, lists only covering changes and shows the server’s reason by its field', async () => {
    const org = await createOrg(suite.app.db);
    const admin = await adminOf(org);
    const change = await admin.api.request<TChange>('POST', '/api/v1/changes', {
      name: 'Video clinics',
      kind: 'telehealth',
      unitIds: [org.otherUnitId],
      goLiveDate: '2026-01-05',
    });
    const survey = await admin.api.request<TSurvey>('POST', '/api/v1/surveys', { templateId: 'nhs-fft' });
    await admin.api.request('POST', `/api/v1/surveys/${survey.body.id}/publish`);

    for (const [size, options] of SIZES) {
      const page = await newPage(suite.browser, options);
      await signInAs(page, suite.app.url, admin);
      await page.goto(`${suite.app.url}/#/organisation`);
      await page.getByRole('heading', { level: 1, name: 'Organisation' }).waitFor();
      const edit = page.getByRole('form', { name: 'Rename or retire' });
      await edit.waitFor();
      if (size === '1920') {
        await edit
          .getByLabel('Site, department or unit')
          .selectOption({ label: 'General › Medicine › Ward 7' });
        expect(await edit.getByLabel('Name').inputValue()).toBe('Ward 7');
        await edit.getByLabel('Retired').check();
        await edit.getByRole('button', { name: 'Save' }).click();
        await page.getByText('“Ward 7” saved, retired.').waitFor();
        await page.locator('.org-units').getByText('retired', { exact: true }).waitFor();

        const concern = page.getByRole('form', { name: 'Raising a concern now' });
        await concern.getByLabel('For').selectOption({ label: 'General › Medicine › Ward 9' });
        await concern.getByLabel('Phone number').fill('call the ward');
        await concern.getByRole('button', { name: 'Save contact' }).click();
        // The server's own reason, by the field it names.
        await concern.locator('#concern-phone-error').waitFor();
        expect(await concern.locator('#concern-phone-error').textContent()).toContain(
          'Must be a phone number',
        );
        await checked(page, `org-concern-problem-${size}`);
        await concern.getByLabel('Phone number').fill('0161 555 0100');
        await concern.getByRole('button', { name: 'Save contact' }).click();
        await page.getByText('Contact for raising a concern saved.').waitFor();
      }
      await checked(page, `org-retired-${size}`);

      await page.goto(`${suite.app.url}/#/surveys/${survey.body.id}`);
      const unit = page.getByLabel('Unit', { exact: true });
      await unit.waitFor();
      const units = await unit.locator('option').allTextContents();
      expect(units).toContain('Ward 9');
      expect(units).not.toContain('Ward 7');
      await unit.selectOption({ label: 'Ward 9' });
      const changes = page.getByLabel('Technology change (optional)');
      expect(await changes.locator('option').allTextContents()).toEqual(['None', 'Video clinics']);
      await page.getByLabel('Kiosk mode').check();
      await page.getByLabel('Start again after this many idle seconds').fill('5');
      await page.getByRole('button', { name: 'Create link' }).click();
      await page.locator('#link-kiosk-idle-error').waitFor();
      expect(await page.locator('#link-kiosk-idle-error').textContent()).not.toBe('');
      expect(
        await page.getByLabel('Start again after this many idle seconds').getAttribute('aria-invalid'),
      ).toBe('true');
      await checked(page, `link-form-problem-${size}`, 'section.links');
      await page.close();
    }
    expect(change.status).toBe(201);
  }, 300_000);

  it('on a phone the staff navigation folds behind a Menu button that says whether it is open', async () => {
    const org = await createOrg(suite.app.db);
    const admin = await adminOf(org);
    const page = await newPage(suite.browser, PHONE);
    await signInAs(page, suite.app.url, admin);
    const menu = page.getByRole('button', { name: 'Menu' });
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await nav.isVisible()).toBe(false);
    await checked(page, 'staff-nav-closed-390');
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await nav.getByRole('link', { name: 'Organisation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Organisation' }).waitFor();
    expect(await nav.isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Menu' }).click();
    await checked(page, 'staff-nav-open-390');

    const wide = await newPage(suite.browser, WALL);
    await signInAs(wide, suite.app.url, admin);
    expect(await wide.getByRole('button', { name: 'Menu' }).isVisible()).toBe(false);
    expect(await wide.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(true);
    await checked(wide, 'staff-nav-1920');
    await page.close();
    await wide.close();
  }, 180_000);

  it('a respondent asking for Arabic on an English and Spanish survey gets an Arabic page, English questions and a notice; an urgent comment brings the concern contact, never a claim it was read', async () => {
    const org = await createOrg(suite.app.db);
    const admin = await adminOf(org);
    await admin.api.request('PATCH', `/api/v1/org/units/${org.unitId}`, {
      concernPhone: '0161 555 0100',
      concernUrl: 'https://example.org/pals',
    });
    const { link } = await publishedTemplateWithLink(admin.api, 'nhs-fft', {
      kind: 'open',
      unitId: org.unitId,
    });
    for (const [size, options] of SIZES) {
      const page = await newPage(suite.browser, options);
      await page.goto(`${link.url}?lang=ar`);
      await page.locator('.questions').waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('ar');
      expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
      expect(await page.locator('.questions').getAttribute('lang')).toBe('en');
      await page.getByText('لا تتوفر نسخة من هذا الاستبيان').waitFor();
      await page.getByText('Overall, how was your experience of our service?').first().waitFor();
      await checked(page, `respondent-lang-missing-${size}`);

      await page.getByRole('radio', { name: 'Very poor' }).check();
      const reason = page.getByRole('textbox').first();
      if (!(await reason.isVisible()))
        await page
          .getByRole('button')
          .filter({ hasText: /التالي|Next/ })
          .first()
          .click();
      await page
        .getByRole('textbox')
        .first()
        .fill('My father fell out of bed and nobody came for an hour. He was given the wrong medication.');
      while (!(await page.getByRole('button', { name: 'إرسال' }).isVisible())) {
        await page.getByRole('button', { name: 'التالي' }).click();
      }
      await page.getByRole('button', { name: 'إرسال' }).click();
      const concern = page.getByRole('region', { name: 'إذا كنت بحاجة إلى الإبلاغ عن مشكلة الآن' });
      await concern.waitFor();
      expect(await concern.getByRole('link', { name: 'الهاتف 0161 555 0100' }).getAttribute('href')).toBe(
        'tel:01615550100',
      );
      expect(await concern.getByRole('link', { name: 'كيفية الإبلاغ عن مشكلة' }).getAttribute('href')).toBe(
        'https://example.org/pals',
      );
      await checked(page, `respondent-concern-${size}`);
      await page.close();
    }
  }, 300_000);

  it('a pulse link naming a change skips “which change”, asks contact once; the editor offers Arabic and marks what is missing', async () => {
    const org = await createOrg(suite.app.db);
    const admin = await adminOf(org);
    const change = await admin.api.request<TChange>('POST', '/api/v1/changes', {
      name: 'AI scribe',
      kind: 'ai_tool',
      unitIds: [org.unitId],
      goLiveDate: '2026-01-05',
    });
    const { survey, link } = await publishedTemplateWithLink(admin.api, 'change-pulse', {
      kind: 'open',
      unitId: org.unitId,
      changeId: change.body.id,
    });
    const pulse = await newPage(suite.browser, LAPTOP);
    await pulse.goto(link.url);
    await pulse.getByText('What effect has this change had on the time your work takes?').waitFor();
    expect(await pulse.getByText('Which change are you reporting on?').count()).toBe(0);
    expect(await pulse.getByText(/May we contact you/).count()).toBe(0);
    expect(await pulse.getByRole('checkbox', { name: /happy to be contacted/ }).count()).toBe(1);
    await checked(pulse, 'pulse-change-named-1280');

    for (const [size, options] of SIZES) {
      const page = await newPage(suite.browser, options);
      await signInAs(page, suite.app.url, admin);
      await page.goto(`${suite.app.url}/#/surveys/${survey.id}`);
      const arabic = page.getByRole('checkbox', { name: 'Arabic (ar)' });
      await arabic.waitFor();
      await arabic.check();
      await page.getByLabel('Title (Arabic)').waitFor();
      expect(await page.getByLabel('Title (Arabic)').getAttribute('dir')).toBe('rtl');
      const summary = page.getByText(/Arabic: \d+ texts missing/);
      const before = Number(/(\d+)/.exec((await summary.textContent()) ?? '')?.[1]);
      await page.getByLabel('Title (Arabic)').fill('نبض التغيير');
      // The count follows what is typed.
      await page.getByText(`Arabic: ${before - 1} texts missing`, { exact: false }).waitFor();
      await checked(page, `editor-arabic-${size}`, 'section.settings');
      await page.close();
    }
    await pulse.close();
  }, 300_000);
});
