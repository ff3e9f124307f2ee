import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import type { TAction } from '../../shared/src/api/actions';
import { alerts } from '../../server/src/db/analysis.schema';
import { units } from '../../server/src/db/schema';
import {
  LAPTOP,
  PHONE,
  SCREENSHOTS,
  browserSuite,
  newPage,
  screenshot,
  seriousAccessibilityProblems,
  signInAs,
} from '../support/browser';
import { createOrg, createStaff } from '../support/fixtures';
import { signIn, submitAnswers, type TClient } from '../support/http';
import { FEEDBACK_SURVEY, FRICTION_SURVEY, publishedSurveyWithLink } from '../support/surveys';

const suite = browserSuite();

async function leadOrg() {
  const org = await createOrg(suite.app.db);
  const lead = await createStaff(suite.app.db, org.organisationId, 'quality_lead');
  const api = await signIn(suite.app.url, lead.email, lead.password);
  return { org, lead, api };
}

const publicIdOf = async (unitId: string) =>
  (await suite.app.db.select({ publicId: units.publicId }).from(units).where(eq(units.id, unitId)))[0]!
    .publicId;

const createAction = async (api: TClient, body: object): Promise<TAction> => {
  const res = await api.request<TAction>('POST', '/api/v1/actions', body);
  if (res.status !== 201) throw new Error(`action create failed: ${JSON.stringify(res.body)}`);
  return res.body;
};

describe('actions, "You said, we did" and My reports in the browser', () => {
  it('a quality lead records an action from a theme, marks it done; the unit’s public page and A4 poster show it', async () => {
    const { org, lead, api } = await leadOrg();
    const { link } = await publishedSurveyWithLink(
      api,
      { kind: 'open', unitId: org.unitId },
      { ...FEEDBACK_SURVEY, locales: ['en', 'es'] },
    );
    const page = await newPage(suite.browser, LAPTOP);
    await signInAs(page, suite.app.url, lead);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Actions' }).click();
    await page.getByRole('heading', { level: 1, name: 'Actions' }).waitFor();
    await page.getByLabel('What is it about?').selectOption('theme');
    await page.getByLabel('Theme', { exact: true }).selectOption('Timeliness of care');
    await page.getByLabel('Title').fill('Evening blood-test slots');
    await page
      .getByLabel('What we did, for the public')
      .fill('We added blood tests on weekday evenings, so fewer people wait in the morning.');
    await page.getByRole('checkbox', { name: 'Ward 7' }).check();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Record action' }).click();
    await page.getByText('Action “Evening blood-test slots” recorded').waitFor();
    await page.screenshot(screenshot('actions-page-1280'));

    await page.getByRole('link', { name: 'Evening blood-test slots' }).click();
    await page.getByRole('heading', { level: 1, name: 'Evening blood-test slots' }).waitFor();
    await page.getByLabel('Status').selectOption('done');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved: done.').waitFor();
    await page.getByRole('heading', { name: 'Did it help?' }).waitFor();
    await page.locator('.impact-table, section[aria-labelledby="action-impact-heading"] p').first().waitFor();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.screenshot(screenshot('action-detail-1280'));

    // The public page, on a phone, signed out.
    const publicId = await publicIdOf(org.unitId);
    const phone = await newPage(suite.browser, PHONE);
    await phone.goto(`${suite.app.url}/u/${publicId}`);
    await phone.getByRole('heading', { level: 1, name: 'You said, we did' }).waitFor();
    await phone.getByText('We added blood tests on weekday evenings').waitFor();
    await phone.getByText('Feedback about timeliness of care.').waitFor();
    expect(await phone.content()).not.toMatch(/Evening blood-test slots|Test quality_lead/);
    expect(await seriousAccessibilityProblems(phone)).toEqual([]);
    await phone.screenshot(screenshot('you-said-we-did-390'));
    await phone.getByRole('link', { name: 'Español' }).click();
    await phone.getByRole('heading', { level: 1, name: 'Ustedes dijeron, nosotros hicimos' }).waitFor();
    expect(await seriousAccessibilityProblems(phone)).toEqual([]);
    await phone.screenshot(screenshot('you-said-we-did-es-390'));

    // The poster, printed to A4 PDF by the browser and looked at as an image.
    const print = await newPage(suite.browser, LAPTOP);
    await print.goto(`${suite.app.url}/u/${publicId}/poster`);
    await print.getByRole('img', { name: `QR code: ${link.url}` }).waitFor();
    expect(await seriousAccessibilityProblems(print)).toEqual([]);
    const pdfPath = path.join(SCREENSHOTS, 'you-said-we-did-poster.pdf');
    await print.pdf({ path: pdfPath, format: 'A4', printBackground: true, preferCSSPageSize: true });
    const info = execFileSync('pdfinfo', [pdfPath]).toString();
    expect(info).toMatch(/Pages:\s+1\n/);
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-singlefile',
      pdfPath,
      path.join(SCREENSHOTS, 'you-said-we-did-poster'),
    ]);
    expect(fs.statSync(path.join(SCREENSHOTS, 'you-said-we-did-poster.png')).size).toBeGreaterThan(10_000);
    await Promise.all([page.close(), phone.close(), print.close()]);
  }, 120_000);

  it('a quality lead records an action from an alert; the board and the change page list it', async () => {
    const { org, lead, api } = await leadOrg();
    const { link, survey } = await publishedSurveyWithLink(
      api,
      { kind: 'open', unitId: org.unitId },
      FEEDBACK_SURVEY,
    );
    const responseId = await submitAnswers(suite.app.url, link.token, {
      fft: 'poor',
      better: 'Nobody came when I rang.',
    });
    // An urgent comment's analysis and alert as the worker writes them (the analysis itself is tested elsewhere).
    await suite.app.db
      .execute(sql`INSERT INTO comment_analyses (response_id, link_id, redacted_text, redactions,
        sentiment, sentiment_score, themes, friction_themes, urgent, urgency_reasons)
      VALUES (${responseId}, 'better', 'Nobody came when I rang.', '{}', 'negative', -0.5, '[]'::jsonb, '[]'::jsonb,
        true, ARRAY['care_failure'])`);
    const [alert] = await suite.app.db
      .insert(alerts)
      .values({
        organisationId: org.organisationId,
        unitId: org.unitId,
        surveyId: survey.id,
        responseId,
        linkId: 'better',
        reasons: ['care_failure'],
      })
      .returning();
    const change = await api.request<{ id: string }>('POST', '/api/v1/changes', {
      name: 'Call bell pagers',
      kind: 'device',
      unitIds: [org.unitId],
      goLiveDate: new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10),
    });

    const page = await newPage(suite.browser, LAPTOP);
    await signInAs(page, suite.app.url, lead);
    await page.goto(`${suite.app.url}/#/actions`);
    await page.getByLabel('What is it about?').selectOption('alert');
    await page.getByLabel('Alert', { exact: true }).selectOption(alert!.id);
    // Choosing the alert ticks its unit.
    expect(await page.getByRole('checkbox', { name: 'Ward 7' }).isChecked()).toBe(true);
    await page.getByLabel('Title').fill('Call bell response audit');
    await page
      .getByLabel('What we did, for the public')
      .fill('We check every week how quickly call bells are answered.');
    await page.getByRole('button', { name: 'Record action' }).click();
    await page.getByText('Action “Call bell response audit” recorded').waitFor();
    const [stored] = (await api.request<{ items: TAction[] }>('GET', '/api/v1/actions')).body.items;
    expect(stored!.source).toEqual({ kind: 'alert', alertId: alert!.id });

    await page.goto(`${suite.app.url}/#/board?level=unit&id=${org.unitId}&period=30d`);
    const card = page.getByRole('region', { name: 'Actions', exact: true });
    await card.getByRole('link', { name: 'Call bell response audit' }).waitFor();
    await card.screenshot({ path: path.join(SCREENSHOTS, 'board-actions-card-1280.png') });

    await page.goto(`${suite.app.url}/#/changes/${change.body.id}`);
    const changeCard = page.getByRole('region', { name: 'Actions', exact: true });
    await changeCard.getByRole('link', { name: 'Call bell response audit' }).waitFor();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.close();
  }, 120_000);

  it('a clinician who asked to be contacted follows the actions on their report in My reports', async () => {
    const { org, api } = await leadOrg();
    const clinician = await createStaff(suite.app.db, org.organisationId, 'clinician');
    const asClinician = await signIn(suite.app.url, clinician.email, clinician.password);
    const { link, versionId } = await publishedSurveyWithLink(
      api,
      { kind: 'open', unitId: org.unitId },
      FRICTION_SURVEY,
    );
    const sent = await asClinician.request<{ id: string }>(
      'POST',
      `/api/v1/public/surveys/${link.token}/responses`,
      { versionId, answers: { ease: 1, friction: 'Too many clicks to order bloods.' }, contact: true },
      { 'idempotency-key': crypto.randomUUID() },
    );
    expect(sent.status).toBe(201);
    await createAction(api, {
      title: 'One-screen blood orders',
      publicDescription: 'Blood orders now fit on one screen.',
      status: 'in_progress',
      dueDate: '2030-01-31',
      unitIds: [org.unitId],
      source: { kind: 'comments', responseIds: [sent.body.id] },
    });

    for (const [width, device] of [
      ['390', PHONE],
      ['1280', LAPTOP],
    ] as const) {
      const page = await newPage(suite.browser, device);
      await signInAs(page, suite.app.url, clinician);
      await page.goto(`${suite.app.url}/#/my-reports`);
      await page.getByRole('heading', { level: 1, name: 'My reports' }).waitFor();
      await page.getByText('One-screen blood orders').waitFor();
      await page.getByText('In progress').waitFor();
      expect(await page.content()).not.toContain('Too many clicks');
      expect(await seriousAccessibilityProblems(page)).toEqual([]);
      await page.screenshot(screenshot(`my-reports-${width}`));
      await page.close();
    }
  }, 120_000);
});
