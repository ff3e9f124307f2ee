import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import type { TOrgTree } from '../../shared/src/api/org';
import { changeUnits, changes, departments, sites, units, users } from '../../server/src/db/schema';
import { browserSuite, LAPTOP, screenshot, seriousAccessibilityProblems, signInAs } from '../support/browser';
import { createOrg, createStaff, uniq } from '../support/fixtures';
import { signIn } from '../support/http';

const suite = browserSuite();

const focusedText = (page: Page) => page.locator(':focus').textContent();

describe('an administrator sets up the organisation in the browser', () => {
  it('adds a site, a department and a unit, records a change there and adds a quality lead who sees only that unit', async () => {
    const org = await createOrg(suite.app.db);
    const admin = await createStaff(suite.app.db, org.organisationId, 'admin');
    const page = await suite.browser.newPage(LAPTOP);
    await signInAs(page, suite.app.url, admin);
    const nav = page.getByRole('navigation', { name: 'Main' });

    await nav.getByRole('link', { name: 'Organisation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Organisation' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Organisation' }).getAttribute('aria-current')).toBe('page');
    await page.getByLabel('Site name').fill('North Hospital');
    await page.getByRole('button', { name: 'Add site' }).click();
    await page.getByRole('heading', { level: 3, name: 'North Hospital' }).waitFor();
    expect(await focusedText(page)).toBe('North Hospital');
    await page.getByLabel('Department name').fill('Cardiology');
    await page.getByRole('button', { name: 'Add department' }).click();
    await page.getByRole('status').getByText('Department “Cardiology” added.').waitFor();
    expect(await focusedText(page)).toBe('Cardiology');
    await page.getByRole('button', { name: 'Add unit' }).click();
    await page.getByText('Enter the name of the unit.').waitFor();
    expect(await page.getByLabel('Unit name').getAttribute('aria-invalid')).toBe('true');
    await page.screenshot(screenshot('admin-organisation-problem-1280'));
    await page.getByLabel('Unit name').fill('Ward 12');
    await page.getByRole('button', { name: 'Add unit' }).click();
    await page.getByRole('status').getByText('Unit “Ward 12” added.').waitFor();
    expect(await focusedText(page)).toBe('Ward 12');
    await page.screenshot(screenshot('admin-organisation-1280'));
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    await nav.getByRole('link', { name: 'Technology changes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Technology changes' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Remote heart monitoring');
    await page.getByLabel('Kind').selectOption({ label: 'Telehealth' });
    await page.getByLabel('Go-live date').fill('2026-03-02');
    await page.getByLabel('Description (optional)').fill('Patients send readings from home.');
    await page.getByRole('button', { name: 'Record change' }).click();
    await page.getByText('Choose at least one unit.').waitFor();
    await page.screenshot(screenshot('admin-changes-problem-1280'));
    await page
      .getByRole('group', { name: 'North Hospital › Cardiology' })
      .getByRole('checkbox', { name: 'Ward 12' })
      .check();
    await page.getByRole('button', { name: 'Record change' }).click();
    await page.getByRole('status').getByText('Change “Remote heart monitoring” recorded.').waitFor();
    const changeRow = page.getByRole('row', { name: /Remote heart monitoring/ });
    expect(await changeRow.textContent()).toContain('North Hospital › Cardiology › Ward 12');
    expect(await focusedText(page)).toBe('Remote heart monitoring');
    await page.screenshot(screenshot('admin-changes-1280'));
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    const leadEmail = `lead.${uniq()}@example.org`;
    const leadPassword = `heart-${uniq()}-${uniq()}`;
    await nav.getByRole('link', { name: 'Staff' }).click();
    await page.getByRole('heading', { level: 1, name: 'Staff' }).waitFor();
    await page
      .getByRole('region', { name: 'Add a staff member' })
      .getByLabel('Name', { exact: true })
      .fill('Asha Patel');
    await page.getByLabel('Email address').fill(leadEmail);
    await page.getByRole('radio', { name: 'Quality lead' }).check();
    await page
      .getByLabel('Access', { exact: true })
      .selectOption({ label: 'North Hospital › Cardiology › Ward 12' });
    await page.getByLabel('Password').fill('too-short');
    await page.getByRole('button', { name: 'Add staff member' }).click();
    // The length rule is the server's: its invalid_params reason shows by the password field.
    await page.getByText('must be at least 12 characters').waitFor();
    expect(await page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(':focus').getAttribute('id')).toBe('user-password');
    await page.screenshot(screenshot('admin-staff-problem-1280'));
    await page.getByLabel('Password').fill(leadPassword);
    await page.getByRole('button', { name: 'Add staff member' }).click();
    await page.getByRole('status').getByText('Asha Patel can now sign in as Quality lead.').waitFor();
    expect(await page.getByRole('row', { name: /Asha Patel/ }).textContent()).toContain('Ward 12');
    expect(await focusedText(page)).toBe('Asha Patel');
    await page.screenshot(screenshot('admin-staff-1280'));
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    const [site] = await suite.app.db
      .select()
      .from(sites)
      .where(and(eq(sites.organisationId, org.organisationId), eq(sites.name, 'North Hospital')));
    const [department] = await suite.app.db
      .select()
      .from(departments)
      .where(eq(departments.siteId, site!.id));
    expect(department!.name).toBe('Cardiology');
    const [unit] = await suite.app.db.select().from(units).where(eq(units.departmentId, department!.id));
    expect(unit!.name).toBe('Ward 12');
    const [change] = await suite.app.db
      .select()
      .from(changes)
      .where(eq(changes.organisationId, org.organisationId));
    expect(change).toMatchObject({
      name: 'Remote heart monitoring',
      kind: 'telehealth',
      goLiveDate: '2026-03-02',
      description: 'Patients send readings from home.',
      ownerUserId: admin.id,
    });
    const changed = await suite.app.db.select().from(changeUnits).where(eq(changeUnits.changeId, change!.id));
    expect(changed.map((row) => row.unitId)).toEqual([unit!.id]);
    const [lead] = await suite.app.db.select().from(users).where(eq(users.email, leadEmail));
    expect(lead).toMatchObject({
      organisationId: org.organisationId,
      name: 'Asha Patel',
      role: 'quality_lead',
      scopeLevel: 'unit',
      scopeId: unit!.id,
    });

    const asLead = await signIn(suite.app.url, leadEmail, leadPassword);
    const tree = await asLead.request<TOrgTree>('GET', '/api/v1/org');
    expect(tree.status).toBe(200);
    expect(tree.body.sites).toEqual([
      {
        id: site!.id,
        name: 'North Hospital',
        departments: [
          {
            id: department!.id,
            name: 'Cardiology',
            siteId: site!.id,
            units: [{ id: unit!.id, name: 'Ward 12', departmentId: department!.id }],
          },
        ],
      },
    ]);

    const leadPage = await suite.browser.newPage(LAPTOP);
    await signInAs(leadPage, suite.app.url, { email: leadEmail, password: leadPassword });
    const leadNav = leadPage.getByRole('navigation', { name: 'Main' });
    expect(await leadNav.getByRole('link').allTextContents()).toEqual([
      'Surveys',
      'Board',
      'Organisation',
      'Technology changes',
      'Actions',
      'Fair comparisons',
      'Friction themes',
      'Review',
      'Analysis quality',
    ]);
    await leadNav.getByRole('link', { name: 'Organisation' }).click();
    await leadPage.getByRole('heading', { level: 3, name: 'North Hospital' }).waitFor();
    expect(await leadPage.getByRole('button', { name: 'Add site' }).count()).toBe(0);
    await leadPage.screenshot(screenshot('admin-organisation-quality-lead-1280'));
  }, 90_000);
});
