import type { Page } from 'playwright-core';
import type { TTaxonomyVersion } from '../../shared/src/api/taxonomies';
import {
  browserSuite,
  LAPTOP,
  newPage,
  PHONE,
  screenshot,
  seriousAccessibilityProblems,
  signInAs,
} from '../support/browser';
import { createOrg, createStaff } from '../support/fixtures';
import { signIn, type TClient } from '../support/http';

const suite = browserSuite();
// A whole editing session in the browser: on a busy two-core machine it takes longer than the default.
jest.setTimeout(120_000);

type TVersions = { items: { version: number; createdBy: string; createdAt: string }[] };

async function openFrictionThemes(page: Page): Promise<void> {
  // On a phone the navigation is folded behind the Menu button.
  const menu = page.getByRole('button', { name: 'Menu' });
  if (await menu.isVisible()) await menu.click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Friction themes' }).click();
  await page.getByRole('heading', { level: 1, name: 'Friction themes' }).waitFor();
}

async function currentTaxonomy(asStaff: TClient): Promise<TTaxonomyVersion> {
  const reply = await asStaff.request<TTaxonomyVersion>('GET', '/api/v1/taxonomies/friction');
  expect(reply.status).toBe(200);
  return reply.body;
}

const focusedId = async (page: Page): Promise<string> =>
  (await page.locator(':focus').getAttribute('id')) ?? '';

describe('a quality lead edits the clinician-friction themes in the browser', () => {
  it('adds a term to a theme and a new theme, saves version 1, and finds both after a reload', async () => {
    const org = await createOrg(suite.app.db);
    const lead = await createStaff(suite.app.db, org.organisationId, 'quality_lead');
    const asLead = await signIn(suite.app.url, lead.email, lead.password);
    const seed = await currentTaxonomy(asLead);
    expect(seed.version).toBe(0);
    const first = seed.definition.themes[0]!;

    const page = await newPage(suite.browser, LAPTOP);
    await signInAs(page, suite.app.url, lead);
    await openFrictionThemes(page);
    await page.getByText('Version 0: the themes CareLoop comes with.').waitFor();
    await page.getByText('npm run reanalyse').waitFor();

    const firstTheme = page.getByRole('group', { name: first.label, exact: true });
    const firstTerms = firstTheme.getByLabel('Terms and phrases');
    expect(await firstTerms.inputValue()).toBe(first.terms.join('\n'));
    await firstTerms.fill(`${await firstTerms.inputValue()}\nwristband print*`);

    const addForm = page.getByRole('form', { name: 'Add a theme' });
    await addForm.getByRole('button', { name: 'Add theme' }).click();
    await addForm.getByText('Enter a label for the theme.').waitFor();
    await addForm.getByLabel('Theme label').fill('Printer queues');
    expect(await addForm.getByLabel('Key').inputValue()).toBe('printer-queues');
    await addForm.getByRole('button', { name: 'Add theme' }).click();
    const newTheme = page.getByRole('group', { name: 'Printer queues', exact: true });
    await newTheme.waitFor();
    expect(await focusedId(page)).toBe(await newTheme.getByLabel('Terms and phrases').getAttribute('id'));
    const newTerms = newTheme.getByLabel('Terms and phrases');

    // A theme without terms is caught before sending, and shown as the server's problems are.
    await page.getByRole('button', { name: 'Save themes' }).click();
    const alert = page.getByRole('alert');
    await alert
      .getByRole('link', { name: 'Printer queues, terms: Add at least one term or phrase' })
      .waitFor();
    expect(await newTerms.getAttribute('aria-invalid')).toBe('true');
    expect(await focusedId(page)).toBe(await newTerms.getAttribute('id'));

    // A term over the length limit is the server's rule: its reason shows by the field and in the alert.
    const tooLong = `printer ${'x'.repeat(80)}`;
    await page.keyboard.type(`printer queue\n${tooLong}`);
    await page.getByRole('button', { name: 'Save themes' }).click();
    await alert.getByText('Some fields are not valid').waitFor();
    const reason = `“${tooLong.slice(0, 39)}…”: use at most 80 characters.`;
    const problem = alert.getByRole('link', { name: `Printer queues, terms: ${reason}` });
    expect(await problem.count()).toBe(1);
    expect(await newTerms.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await newTerms.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`#${describedBy.split(' ')[0]!}`).textContent()).toBe(reason);
    expect((await currentTaxonomy(asLead)).version).toBe(0);
    await page.getByRole('button', { name: 'Save themes' }).focus();
    await problem.click();
    expect(await focusedId(page)).toBe(await newTerms.getAttribute('id'));
    await page.screenshot(screenshot('friction-themes-problem-1280'));
    // What the lead sees while editing mid-list: the Save bar stays in view.
    await page.evaluate('window.scrollTo({ top: 1200, behavior: "instant" })');
    await page.screenshot({ ...screenshot('friction-themes-editing-viewport-1280'), fullPage: false });
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    await newTerms.fill('printer queue\nwaiting to print*');
    await page.getByRole('button', { name: 'Save themes' }).click();
    await page.getByRole('status').getByText('Saved as version 1.').waitFor();
    await page.getByText(/^Version 1, saved /).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.getByRole('row', { name: /^1 / }).textContent()).toContain('You');
    await page.screenshot(screenshot('friction-themes-saved-1280'));
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Friction themes' }).waitFor();
    await page.getByText(/^Version 1, saved /).waitFor();
    expect(await firstTerms.inputValue()).toContain('wristband print*');
    expect(await newTheme.getByLabel('Terms and phrases').inputValue()).toBe(
      'printer queue\nwaiting to print*',
    );

    const saved = await currentTaxonomy(asLead);
    expect(saved.version).toBe(1);
    expect(saved.definition.themes[0]).toEqual({ ...first, terms: [...first.terms, 'wristband print*'] });
    expect(saved.definition.themes.at(-1)).toEqual({
      key: 'printer-queues',
      label: 'Printer queues',
      terms: ['printer queue', 'waiting to print*'],
    });
    expect(saved.definition.themes).toHaveLength(seed.definition.themes.length + 1);
    const versions = await asLead.request<TVersions>('GET', '/api/v1/taxonomies/friction/versions');
    expect(versions.body.items.map((v) => [v.version, v.createdBy])).toEqual([[1, lead.id]]);

    const phone = await newPage(suite.browser, PHONE);
    await signInAs(phone, suite.app.url, lead);
    await openFrictionThemes(phone);
    await phone.getByText(/^Version 1, saved /).waitFor();
    await phone.screenshot(screenshot('friction-themes-390'));
    expect(await seriousAccessibilityProblems(phone)).toEqual([]);
    await phone.close();
    await page.close();
  });

  it('removes a theme with the keyboard alone and saves without it', async () => {
    const org = await createOrg(suite.app.db);
    const admin = await createStaff(suite.app.db, org.organisationId, 'admin');
    const asAdmin = await signIn(suite.app.url, admin.email, admin.password);
    const seed = await currentTaxonomy(asAdmin);
    const [first, second] = seed.definition.themes;

    const page = await newPage(suite.browser, LAPTOP);
    await signInAs(page, suite.app.url, admin);
    await openFrictionThemes(page);
    const firstTheme = page.getByRole('group', { name: first!.label, exact: true });
    await firstTheme.getByRole('button', { name: `Remove theme “${first!.label}”` }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText(`Theme “${first!.label}” removed.`).waitFor();
    expect(await firstTheme.count()).toBe(0);
    // Focus moves to what took the removed theme's place, so the next Tab carries on from there.
    const secondTheme = page.getByRole('group', { name: second!.label, exact: true });
    expect(await focusedId(page)).toBe(await secondTheme.getByLabel('Label').getAttribute('id'));
    await page.getByRole('button', { name: 'Save themes' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('Saved as version 1.').waitFor();
    const saved = await currentTaxonomy(asAdmin);
    expect(saved.definition.themes.map((t) => t.key)).toEqual(
      seed.definition.themes.slice(1).map((t) => t.key),
    );
    await page.close();
  });

  it('when someone else saves meanwhile, the editor says so plainly and offers to load their version', async () => {
    const org = await createOrg(suite.app.db);
    const lead = await createStaff(suite.app.db, org.organisationId, 'quality_lead');
    const admin = await createStaff(suite.app.db, org.organisationId, 'admin');
    const page = await newPage(suite.browser, LAPTOP);
    await signInAs(page, suite.app.url, lead);
    await openFrictionThemes(page);
    await page.getByText('Version 0: the themes CareLoop comes with.').waitFor();

    const asAdmin = await signIn(suite.app.url, admin.email, admin.password);
    const seed = await currentTaxonomy(asAdmin);
    const theirs = {
      themes: [...seed.definition.themes, { key: 'bleeps', label: 'Bleeps', terms: ['bleep*', 'pager'] }],
    };
    const put = await asAdmin.request('PUT', '/api/v1/taxonomies/friction', {
      baseVersion: 0,
      definition: theirs,
    });
    expect(put.status).toBe(200);

    const firstTerms = page
      .getByRole('group', { name: seed.definition.themes[0]!.label, exact: true })
      .getByLabel('Terms and phrases');
    await firstTerms.fill(`${await firstTerms.inputValue()}\nmy lost edit`);
    await page.getByRole('button', { name: 'Save themes' }).click();
    const alert = page.getByRole('alert');
    await alert
      .getByText('Someone else saved a newer version of the themes while you were editing')
      .waitFor();
    await page.screenshot(screenshot('friction-themes-conflict-1280'));
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    expect(await currentTaxonomy(asAdmin)).toMatchObject({ version: 1, definition: theirs });

    await alert.getByRole('button', { name: 'Load the latest version' }).click();
    await page.getByText(/^Version 1, saved /).waitFor();
    await page.getByRole('group', { name: 'Bleeps', exact: true }).waitFor();
    expect(await firstTerms.inputValue()).not.toContain('my lost edit');
    expect(await page.getByRole('row', { name: /^1 / }).textContent()).toContain('A colleague');
    await page.close();
  });

  it('a viewer, and a quality lead who covers one unit, see the themes without edit controls', async () => {
    const org = await createOrg(suite.app.db);
    const viewer = await createStaff(suite.app.db, org.organisationId, 'viewer');
    const unitLead = await createStaff(suite.app.db, org.organisationId, 'quality_lead', {
      level: 'unit',
      id: org.unitId,
    });
    const seed = await currentTaxonomy(await signIn(suite.app.url, viewer.email, viewer.password));

    for (const [staff, options, name] of [
      [viewer, PHONE, 'friction-themes-viewer-390'],
      [unitLead, LAPTOP, 'friction-themes-unit-lead-1280'],
    ] as const) {
      const page = await newPage(suite.browser, options);
      await signInAs(page, suite.app.url, staff);
      await openFrictionThemes(page);
      await page
        .getByText('Only administrators and quality leads who cover the whole organisation')
        .waitFor();
      const first = seed.definition.themes[0]!;
      await page.getByRole('heading', { level: 3, name: first.label, exact: true }).waitFor();
      const terms = page.getByRole('list', { name: `Terms and phrases of ${first.label}` });
      expect(await terms.getByRole('listitem').allTextContents()).toEqual(first.terms);
      expect(await page.getByRole('textbox').count()).toBe(0);
      expect(await page.getByRole('button', { name: /Save|Remove|Add/ }).count()).toBe(0);
      await page.screenshot(screenshot(name));
      expect(await seriousAccessibilityProblems(page)).toEqual([]);
      await page.close();
    }
  });
});
