import { eq } from 'drizzle-orm';
import { responseAnswers, responses } from '../../server/src/db/schema';
import { LAPTOP, PHONE, browserSuite, screenshot, seriousAccessibilityProblems } from '../support/browser';
import { createOrg, createStaff } from '../support/fixtures';
import { signIn } from '../support/http';

const suite = browserSuite();

describe('a quality lead and a patient, in the browser', () => {
  it('signs in, creates the FFT from its template, publishes, links; a patient answers on a phone and the response is stored', async () => {
    const org = await createOrg(suite.app.db);
    const lead = await createStaff(suite.app.db, org.organisationId, 'quality_lead');

    const staff = await suite.browser.newPage(LAPTOP);
    await staff.goto(suite.app.url);
    await staff.getByLabel('Email').fill(lead.email);
    await staff.getByLabel('Password').fill(lead.password);
    await staff.getByRole('button', { name: 'Sign in' }).click();
    const fromTemplate = staff.getByRole('button', { name: /New from “NHS Friends and Family Test”/ });
    await fromTemplate.waitFor();
    await staff.screenshot(screenshot('staff-surveys-1280'));
    expect(await seriousAccessibilityProblems(staff)).toEqual([]);
    await fromTemplate.click();
    await staff.getByRole('button', { name: 'Publish' }).click();
    await staff
      .getByText(/Version 1|version 1/)
      .first()
      .waitFor();
    await staff.screenshot(screenshot('staff-editor-1280'));
    await staff.getByLabel('Unit').selectOption({ label: 'Ward 7' });
    await staff.getByRole('button', { name: 'Create link' }).click();
    const linkAnchor = staff.locator('a[href*="/s/"]').first();
    await linkAnchor.waitFor();
    const linkUrl = (await linkAnchor.getAttribute('href'))!;
    await staff.screenshot(screenshot('staff-links-1280'));
    expect(await seriousAccessibilityProblems(staff)).toEqual([]);

    const phone = await suite.browser.newPage(PHONE);
    await phone.goto(linkUrl);
    await phone.getByRole('group', { name: /Overall, how was your experience of our service/ }).waitFor();
    await phone.screenshot(screenshot('respondent-first-question-390'));
    expect(await seriousAccessibilityProblems(phone)).toEqual([]);
    // Moving on before answering the required question keeps the page, names the question, and moves
    // focus to the list of problems. A phone shows one question at a time.
    await phone.getByText('Question 1 of 3').waitFor();
    await phone.getByRole('button', { name: 'Next' }).click();
    await phone.getByText('Please check your answers').waitFor();
    const problemLink = phone.getByRole('link', { name: /Overall, how was your experience/ });
    await problemLink.waitFor();
    await phone.screenshot(screenshot('respondent-problem-390'));
    expect(await seriousAccessibilityProblems(phone)).toEqual([]);
    await phone.getByRole('radio', { name: 'Very good' }).check();
    await phone.getByRole('button', { name: 'Next' }).click();
    await phone
      .getByLabel(/Please can you tell us why you gave your answer/)
      .fill('The nurses were kind and quick');
    await phone.getByRole('button', { name: 'Next' }).click();
    await phone.getByRole('button', { name: /Submit|Send/ }).click();
    await phone.getByRole('heading', { name: /Thank you/ }).waitFor();
    await phone.screenshot(screenshot('respondent-thank-you-390'));
    expect(await seriousAccessibilityProblems(phone)).toEqual([]);

    const token = linkUrl.split('/s/')[1]!;
    expect(token.length).toBeGreaterThanOrEqual(22);
    const stored = await suite.app.db.select().from(responses).where(eq(responses.unitId, org.unitId));
    expect(stored).toHaveLength(1);
    const answers = await suite.app.db
      .select()
      .from(responseAnswers)
      .where(eq(responseAnswers.responseId, stored[0]!.id));
    const byId = Object.fromEntries(answers.map((a) => [a.linkId, a]));
    expect(Object.values(byId).find((a) => a.itemType === 'choice')!.valueCodes).toEqual(['very_good']);
    expect(Object.values(byId).find((a) => a.valueText)!.valueText).toBe('The nurses were kind and quick');
  }, 60_000);
});

describe('a clinician answering the change friction pulse on a laptop, in Spanish', () => {
  it('asks which change when the link names none, asks about contact once (the tick box), and stores what was shown', async () => {
    const org = await createOrg(suite.app.db);
    const lead = await createStaff(suite.app.db, org.organisationId, 'quality_lead');
    const api = await signIn(suite.app.url, lead.email, lead.password);
    const survey = await api.request<{ id: string }>('POST', '/api/v1/surveys', {
      templateId: 'change-pulse',
    });
    await api.request('POST', `/api/v1/surveys/${survey.body.id}/publish`);
    const link = await api.request<{ url: string }>('POST', `/api/v1/surveys/${survey.body.id}/links`, {
      kind: 'open',
      unitId: org.unitId,
    });

    // A laptop shows the whole form.
    const laptop = await suite.browser.newPage(LAPTOP);
    await laptop.goto(`${link.body.url}?lang=es`);
    await laptop.getByRole('group', { name: /¿Sobre qué cambio nos informa\?/ }).waitFor();
    expect(await laptop.locator('html').getAttribute('lang')).toBe('es');
    await laptop.getByRole('radio', { name: 'Telesalud' }).check();
    await laptop.getByLabel('¿Qué obstáculos encuentra?').fill('La videollamada se corta a menudo');

    // One consent to be contacted: the page's tick box, not a question of the survey as well.
    expect(await laptop.getByRole('checkbox').count()).toBe(1);
    expect(await laptop.getByText(/¿Podemos contactarle sobre esto\?/).count()).toBe(0);
    await laptop.screenshot(screenshot('pulse-es-1280'));
    expect(await seriousAccessibilityProblems(laptop)).toEqual([]);

    await laptop.getByRole('button', { name: /Enviar/ }).click();
    await laptop.getByRole('heading', { name: /Gracias/ }).waitFor();

    const [stored] = await suite.app.db.select().from(responses).where(eq(responses.unitId, org.unitId));
    expect(stored!.locale).toBe('es');
    const answers = await suite.app.db
      .select()
      .from(responseAnswers)
      .where(eq(responseAnswers.responseId, stored!.id));
    expect(answers.map((a) => a.linkId).sort()).toEqual(['change', 'friction']);
  }, 60_000);
});
