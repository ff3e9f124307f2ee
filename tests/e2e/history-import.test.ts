import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TSurvey } from '../../shared/src/api/surveys';
import type { TRunningWorkers } from '../../workers/src/main';
import {
  browserSuite,
  LAPTOP,
  newPage,
  screenshot,
  seriousAccessibilityProblems,
  signInAs,
} from '../support/browser';
import { createOrg, createStaff } from '../support/fixtures';
import { signIn } from '../support/http';
import { FEEDBACK_SURVEY } from '../support/surveys';
import { startTestWorkers } from '../support/workers';

const suite = browserSuite();
let workers: TRunningWorkers;
beforeAll(async () => {
  workers = await startTestWorkers(suite.app);
});
afterAll(() => workers?.stop());

describe('a quality lead imports past responses in the browser', () => {
  it('uploads a CSV file, sees the rows stored and analysed, and the refused row with its line, field and reason', async () => {
    const org = await createOrg(suite.app.db);
    const lead = await createStaff(suite.app.db, org.organisationId, 'quality_lead');
    const api = await signIn(suite.app.url, lead.email, lead.password);
    const created = await api.request<TSurvey>('POST', '/api/v1/surveys', { definition: FEEDBACK_SURVEY });
    await api.request('POST', `/api/v1/surveys/${created.body.id}/publish`);
    const day = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'careloop-import-')), 'history.csv');
    fs.writeFileSync(
      file,
      [
        'external_id,submitted_at,unit_id,fft,nps,good',
        `h-1,${day}T10:00:00Z,${org.unitId},good,9,"Kind staff, quick care"`,
        `h-2,${day}T11:00:00Z,${org.unitId},great,11,`,
        `h-3,${day}T12:00:00Z,${org.unitId},poor,3,Long wait`,
      ].join('\n'),
    );

    const page = await newPage(suite.browser, LAPTOP, 20_000);
    await signInAs(page, suite.app.url, lead);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Import history' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Import past responses' }).waitFor();
    await page.getByLabel('Survey').selectOption({ label: 'After your visit (v1)' });
    await page.getByLabel('File', { exact: true }).setInputFiles(file);
    await page.getByRole('button', { name: 'Import' }).click();

    await page.getByText('2 rows imported, 0 already there, 1 refused.').waitFor();
    const problems = page.getByRole('table', { name: 'Refused rows: line, field and reason' });
    expect(await problems.getByRole('row').allTextContents()).toEqual([
      'LineFieldReason',
      '3answers.fft"great" is not one of the options',
      '3answers.npsmust be a whole number from 0 to 10',
    ]);
    await page.getByText('2 of 2', { exact: true }).waitFor();
    expect(await page.locator('#import-sent').getAttribute('value')).not.toBe('0');
    await page.screenshot(screenshot('history-import-1280'));
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  }, 60_000);
});
