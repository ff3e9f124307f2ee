import {
  browserSuite,
  LAPTOP,
  newPage,
  screenshot,
  seriousAccessibilityProblems,
  signInAs,
} from '../support/browser';
import { createOrg, createStaff } from '../support/fixtures';
import { client } from '../support/http';

const suite = browserSuite();

describe('API tokens on the Staff page', () => {
  it('an admin issues a read-only token, sees it once, sees it listed and revokes it', async () => {
    const org = await createOrg(suite.app.db);
    const admin = await createStaff(suite.app.db, org.organisationId, 'admin');
    await createStaff(suite.app.db, org.organisationId, 'quality_lead');
    const page = await newPage(suite.browser, LAPTOP);
    await signInAs(page, suite.app.url, admin);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Staff' }).click();
    await page.getByRole('heading', { level: 2, name: 'Integrations' }).waitFor();
    await page.getByText('No API tokens yet.').waitFor();

    await page.getByLabel('Token name').fill('Kiosk fleet');
    await page.getByRole('button', { name: 'Issue token' }).click();
    const token = (await page.locator('#token-value').textContent())!;
    expect(token).toMatch(/^clt_/);
    const row = page.getByRole('row', { name: /Kiosk fleet/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('read');
    const bearer = { authorization: `Bearer ${token}` };
    expect((await client(suite.app.url).request('GET', '/api/v1/surveys', undefined, bearer)).status).toBe(
      200,
    );
    await page.screenshot(screenshot('staff-integrations-1280'));
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    await row.getByRole('button', { name: 'Revoke' }).click();
    await page.getByText('revoked: it stops working at once').waitFor();
    expect((await client(suite.app.url).request('GET', '/api/v1/surveys', undefined, bearer)).status).toBe(
      401,
    );
    await page.close();
  }, 60_000);

  it('an admin opens the queue board at /admin/queues; it renders under its own same-origin content policy', async () => {
    const org = await createOrg(suite.app.db);
    const admin = await createStaff(suite.app.db, org.organisationId, 'admin');
    const page = await newPage(suite.browser, { viewport: { width: 1280, height: 800 } });
    await signInAs(page, suite.app.url, admin);
    await page.goto(`${suite.app.url}/admin/queues`);
    await page.getByText('feedback.analyse').first().waitFor();
    await page.close();
  }, 60_000);
});
