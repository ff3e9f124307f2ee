import { addDays } from '../../server/src/features/impact/impact.windows';
import {
  browserSuite,
  LAPTOP,
  newPage,
  PHONE,
  screenshot,
  seriousAccessibilityProblems,
  signInAs,
} from '../support/browser';
import { aboutYou, EQUITY_SURVEY, importRows, outcomeAnswers, seeded } from '../support/equity-history';
import { createOrg, createStaff } from '../support/fixtures';
import { hasAboutYou } from '../../shared/src/survey/about-you';
import type { TSurveyDefinition } from '../../shared/src/survey/definition';
import { signIn } from '../support/http';
import { publishedSurveyWithLink } from '../support/surveys';

const suite = browserSuite();

const TODAY = new Date().toISOString().slice(0, 10);
const GO_LIVE = addDays(TODAY, -105);

/**
 * A self check-in kiosk that helped most patients on Ward 7 and left those aged 75 and over worse
 * off (70% → 40% rating it good), imported through the API. The equity figures read the answers
 * themselves, so the page shows them without waiting for the comment analysis.
 */
async function kioskWard() {
  const org = await createOrg(suite.app.db);
  const lead = await createStaff(suite.app.db, org.organisationId, 'quality_lead');
  const asLead = await signIn(suite.app.url, lead.email, lead.password);
  const { survey } = await publishedSurveyWithLink(asLead, { kind: 'open' }, EQUITY_SURVEY);
  const change = await asLead.request<{ id: string }>('POST', '/api/v1/changes', {
    name: 'Self check-in kiosk',
    kind: 'kiosk',
    unitIds: [org.unitId],
    goLiveDate: GO_LIVE,
  });
  expect(change.status).toBe(201);
  const random = seeded(5);
  const rows: object[] = [];
  const mix = {
    age: { '16-24': 0.1, '25-34': 0.1, '35-44': 0.1, '45-54': 0.1, '55-64': 0.15, '65-74': 0.15, '75+': 0.3 },
    englishFirst: 0.8,
  };
  for (const [side, from] of [
    ['before', addDays(GO_LIVE, -84)],
    ['after', addDays(GO_LIVE, 14)],
  ] as const) {
    for (let i = 0; i < 400; i++) {
      const about = aboutYou(random, mix);
      const p = side === 'before' ? 0.7 : about.about_age === '75+' ? 0.4 : 0.88;
      rows.push({
        externalId: `k-${rows.length}`,
        submittedAt: `${addDays(from, i % 84)}T12:00:00Z`,
        unitId: org.unitId,
        answers: { ...outcomeAnswers(random, random() < p), ...about },
      });
    }
  }
  await importRows(suite.app.db, asLead, survey.id, rows, false);
  return { lead, changeId: change.body.id };
}

describe('the equity panel on the change page', () => {
  it('leads the change page with the group the change left behind, lists every group by measure, and passes axe', async () => {
    const { lead, changeId } = await kioskWard();
    const page = await newPage(suite.browser, LAPTOP, 15_000);
    await signInAs(page, suite.app.url, lead);
    await page.goto(`${suite.app.url}/#/changes/${changeId}`);
    await page.getByRole('heading', { level: 1, name: /^Self check-in kiosk, live since / }).waitFor();

    // The disparity leads: before the verdict, in words.
    const lead75 = page.getByRole('region', { name: 'Worse for some patients' });
    await lead75.waitFor();
    const text = (await lead75.textContent()) ?? '';
    expect(text).toMatch(
      /75\+ \(age band\): FFT: very good or good, \d+ points fewer rated it good or very good/,
    );
    expect(text).toContain('for everyone else');
    const first = page.locator('.equity-lead, .impact-verdict').first();
    expect(await first.getAttribute('class')).toContain('equity-lead');

    // Every group, one measure at a time.
    const section = page.getByRole('region', { name: 'Who the change helped or left behind' });
    const table = section.getByRole('table', { name: /FFT: very good or good by group/ });
    await table.waitFor();
    const old = table.getByRole('row', { name: /^75\+/ });
    expect(await old.textContent()).toContain('Worse');
    expect(await old.textContent()).toContain('Left behind');
    await section.getByLabel('Measure').selectOption('nps');
    await section.getByRole('table', { name: /Net Promoter Score by group/ }).waitFor();

    await page.waitForLoadState('networkidle');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.screenshot(screenshot('equity-change-page-laptop'));
    await page.close();

    const phone = await newPage(suite.browser, PHONE, 15_000);
    await signInAs(phone, suite.app.url, lead);
    await phone.goto(`${suite.app.url}/#/changes/${changeId}`);
    await phone.getByRole('region', { name: 'Worse for some patients' }).waitFor();
    await phone.getByRole('table', { name: /by group/ }).waitFor();
    expect(await seriousAccessibilityProblems(phone)).toEqual([]);
    await phone.screenshot(screenshot('equity-change-page-phone'));
    await phone.close();
  }, 120_000);

  it('the fair comparisons page shows the league table and the board splits by group, both axe-clean', async () => {
    const { lead } = await kioskWard();
    const page = await newPage(suite.browser, LAPTOP, 15_000);
    await signInAs(page, suite.app.url, lead);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Fair comparisons' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Fair comparisons' }).waitFor();
    await page.getByLabel('Period').selectOption('365d');
    await page.getByRole('table', { name: /Units by FFT % positive, raw and adjusted/ }).waitFor();
    await page.getByRole('table', { name: /Board figures by age band/ }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.screenshot(screenshot('equity-fair-comparisons'));

    await page.goto(`${suite.app.url}/#/board?level=organisation&period=365d`);
    const panel = page.getByRole('region', { name: 'Figures by group' });
    await panel.getByLabel('Split by').selectOption('first_language');
    await panel.getByRole('table', { name: /Board figures by English as first language/ }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.screenshot(screenshot('equity-board-panel'));
    await page.close();
  }, 120_000);

  it('one switch in the survey editor adds the "about you" block to an FFT survey, off by default', async () => {
    const org = await createOrg(suite.app.db);
    const lead = await createStaff(suite.app.db, org.organisationId, 'quality_lead');
    const asLead = await signIn(suite.app.url, lead.email, lead.password);
    const created = await asLead.request<{ id: string }>('POST', '/api/v1/surveys', {
      templateId: 'nhs-fft',
    });
    expect(created.status).toBe(201);
    const page = await newPage(suite.browser, LAPTOP, 15_000);
    await signInAs(page, suite.app.url, lead);
    await page.goto(`${suite.app.url}/#/surveys/${created.body.id}`);
    const toggle = page.getByLabel('Ask the optional “about you” questions');
    await toggle.waitFor();
    expect(await toggle.isChecked()).toBe(false);
    await toggle.check();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('All changes saved').waitFor();
    const survey = await asLead.request<{ draft: TSurveyDefinition }>(
      'GET',
      `/api/v1/surveys/${created.body.id}`,
    );
    expect(hasAboutYou(survey.body.draft)).toBe(true);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.close();

    // The respondent page says why it asks and that it is optional.
    expect((await asLead.request('POST', `/api/v1/surveys/${created.body.id}/publish`)).status).toBe(201);
    const link = await asLead.request<{ token: string }>('POST', `/api/v1/surveys/${created.body.id}/links`, {
      kind: 'open',
    });
    expect(link.status).toBe(201);
    const respondent = await newPage(suite.browser, LAPTOP, 15_000);
    await respondent.goto(`${suite.app.url}/s/${link.body.token}`);
    await respondent.getByText(/These questions are optional\. We ask them to check/).waitFor();
    await respondent.getByRole('radio', { name: 'Prefer not to say' }).first().waitFor();
    expect(await seriousAccessibilityProblems(respondent)).toEqual([]);
    await respondent.screenshot(screenshot('equity-respondent-about-you'));
    await respondent.close();
  }, 60_000);
});
