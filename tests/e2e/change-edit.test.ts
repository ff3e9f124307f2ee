import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import type { TChange } from '../../shared/src/api/org';
import { changes } from '../../server/src/db/schema';
import { browserSuite, LAPTOP, screenshot, seriousAccessibilityProblems, signInAs } from '../support/browser';
import { createOrg, createStaff } from '../support/fixtures';
import { signIn } from '../support/http';

const suite = browserSuite();

const focusedText = (page: Page) => page.locator(':focus').textContent();

describe('a quality lead edits a technology change in the browser', () => {
  it('opens the change filled in, sees the server’s problem by its field, and saves a new go-live date and unit', async () => {
    const org = await createOrg(suite.app.db);
    const lead = await createStaff(suite.app.db, org.organisationId, 'quality_lead');
    const api = await signIn(suite.app.url, lead.email, lead.password);
    const created = await api.request<TChange>('POST', '/api/v1/changes', {
      name: 'Bedside tablets',
      kind: 'kiosk',
      description: 'Patients check in at the bedside.',
      unitIds: [org.unitId],
      goLiveDate: '2025-03-01',
    });
    expect(created.status).toBe(201);

    const page = await suite.browser.newPage(LAPTOP);
    await signInAs(page, suite.app.url, lead);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Technology changes' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Technology changes' }).waitFor();

    const editButton = page.getByRole('button', { name: 'Edit Bedside tablets' });
    await editButton.click();
    const form = page.getByRole('form', { name: 'Edit “Bedside tablets”' });
    await form.waitFor();
    expect(await focusedText(page)).toBe('Edit “Bedside tablets”');
    expect(await form.getByLabel('Name', { exact: true }).inputValue()).toBe('Bedside tablets');
    expect(await form.getByLabel('Kind').inputValue()).toBe('kiosk');
    expect(await form.getByLabel('Go-live date').inputValue()).toBe('2025-03-01');
    expect(await form.getByRole('checkbox', { name: 'Ward 7' }).isChecked()).toBe(true);
    expect(await form.getByRole('checkbox', { name: 'Ward 9' }).isChecked()).toBe(false);

    await form.getByRole('button', { name: 'Cancel' }).click();
    expect(await form.count()).toBe(0);
    expect(await page.locator(':focus').getAttribute('id')).toBe(`change-edit-button-${created.body.id}`);

    await editButton.click();
    // Too long a name passes the page's own checks; the server's reason shows by the field.
    await form.getByLabel('Name', { exact: true }).fill('x'.repeat(201));
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.locator('#change-edit-name-error').waitFor();
    expect(await form.getByLabel('Name', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(':focus').getAttribute('id')).toBe('change-edit-name');
    await page.screenshot(screenshot('change-edit-problem-1280'));
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    await form.getByLabel('Name', { exact: true }).fill('Bedside check-in tablets');
    await form.getByLabel('Go-live date').fill('2025-04-15');
    await form.getByRole('checkbox', { name: 'Ward 9' }).check();
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').getByText('Change “Bedside check-in tablets” saved.').waitFor();
    expect(await form.count()).toBe(0);
    expect(await page.getByRole('row', { name: /Bedside check-in tablets/ }).textContent()).toContain(
      'Ward 9',
    );
    expect(await focusedText(page)).toBe('Bedside check-in tablets');
    await page.screenshot(screenshot('change-edit-1280'));
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    const [row] = await suite.app.db.select().from(changes).where(eq(changes.id, created.body.id));
    expect(row).toMatchObject({ name: 'Bedside check-in tablets', goLiveDate: '2025-04-15' });
  }, 60_000);
});
