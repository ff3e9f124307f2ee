import { count, eq } from 'drizzle-orm';
import { responseAnswers, responses } from '../../server/src/db/schema';
import { LAPTOP, PHONE, browserSuite, screenshot, seriousAccessibilityProblems } from '../support/browser';
import { createOrg, createStaff } from '../support/fixtures';
import { signIn } from '../support/http';
import type { TSurveyDefinition } from '../../shared/src/survey/definition';
import { ALL_TYPES_SURVEY, publishedSurveyWithLink } from '../support/surveys';

const suite = browserSuite();

async function responsesFor(linkId: string): Promise<number> {
  const [row] = await suite.app.db.select({ n: count() }).from(responses).where(eq(responses.linkId, linkId));
  return row!.n;
}

async function newLink(
  kind: 'open' | 'single_use' = 'single_use',
  definition = ALL_TYPES_SURVEY,
  locale?: string,
) {
  const org = await createOrg(suite.app.db);
  const lead = await createStaff(suite.app.db, org.organisationId, 'quality_lead');
  const staff = await signIn(suite.app.url, lead.email, lead.password);
  const options = { kind, unitId: org.unitId, ...(locale ? { locale } : {}) };
  return (await publishedSurveyWithLink(staff, options, definition)).link;
}

const t = (en: string, es: string) => ({ en, es });

/** Every question type, plus display text and a conditional group holding an NPS and a Likert scale. */
const WITH_GROUPS: TSurveyDefinition = {
  ...ALL_TYPES_SURVEY,
  items: [
    { linkId: 'intro', type: 'display', text: t('This takes about two minutes.', 'Dura unos dos minutos.') },
    ...ALL_TYPES_SURVEY.items,
    {
      linkId: 'more',
      type: 'group',
      text: t('About coming back', 'Sobre volver'),
      enableWhen: [{ question: 'first_visit', operator: 'exists', answer: true }],
      items: [
        {
          linkId: 'nps',
          type: 'rating',
          min: 0,
          max: 10,
          text: t('How likely are you to recommend us?', '¿Nos recomendaría?'),
          labels: [
            { value: 0, text: t('Not at all likely', 'Nada probable') },
            { value: 10, text: t('Extremely likely', 'Muy probable') },
          ],
        },
        {
          linkId: 'kind',
          type: 'rating',
          min: 1,
          max: 3,
          helpText: t('Think of everyone you met.', 'Piense en todas las personas.'),
          text: t('Were you treated kindly?', '¿Le trataron con amabilidad?'),
          labels: [
            { value: 1, text: t('No', 'No') },
            { value: 2, text: t('Partly', 'En parte') },
            { value: 3, text: t('Yes', 'Sí') },
          ],
        },
      ],
    },
  ],
};

describe('a patient whose browser runs no JavaScript', () => {
  it('is sent from the link to the plain form, answers, sends, is thanked, and one response is stored', async () => {
    const link = await newLink();
    const context = await suite.browser.newContext({ ...PHONE, bypassCSP: false, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${suite.app.url}/s/${link.token}`);
      // s.html's <noscript> meta refresh lands on the server-rendered form.
      await page.waitForURL(/\?form=basic$/);
      await page.getByRole('heading', { level: 1, name: 'Your visit' }).waitFor();
      await page.screenshot(screenshot('no-js-form-390'));

      // Sending with the required question unanswered shows the problems, answers kept.
      await page.getByLabel('What could we do better?').fill('Shorter waits, please');
      await page.getByRole('button', { name: 'Send my answers' }).click();
      await page.getByRole('alert').getByText('Please check your answers').waitFor();
      await page.screenshot(screenshot('no-js-form-problem-390'));
      expect(await page.getByLabel('What could we do better?').inputValue()).toBe('Shorter waits, please');
      await page.getByRole('link', { name: /How was your visit\? Please answer this question/ }).click();
      expect(page.url()).toMatch(/#q-overall$/);

      await page
        .getByRole('group', { name: /How was your visit\?/ })
        .getByRole('radio', { name: '4' })
        .check();
      await page
        .getByRole('group', { name: 'Who did you see?' })
        .getByRole('radio', { name: 'A nurse' })
        .check();
      await page.getByRole('checkbox', { name: 'Kindness' }).check();
      await page
        .getByRole('group', { name: /first visit/ })
        .getByRole('radio', { name: 'No' })
        .check();
      await page.getByLabel('What brought you back?').fill('The nurse was lovely last time');
      await page.getByLabel('Minutes waited').fill('20');
      await page.getByLabel('Date of visit').fill('2026-11-20');
      // A double click posts the page twice; the second post replays the first.
      await page.getByRole('button', { name: 'Send my answers' }).dblclick();
      await page.getByRole('heading', { name: 'Thank you' }).waitFor();
      expect(page.url()).toMatch(/\?form=basic&done=1&lang=en$/);
      await page.getByText('Staff read the feedback together with other people’s to improve care').waitFor();
      await page.screenshot(screenshot('no-js-thank-you-390'));

      expect(await responsesFor(link.id)).toBe(1);
      const [stored] = await suite.app.db.select().from(responses).where(eq(responses.linkId, link.id));
      const answers = await suite.app.db
        .select()
        .from(responseAnswers)
        .where(eq(responseAnswers.responseId, stored!.id));
      expect(answers.map((a) => a.linkId).sort()).toEqual(
        [
          'better',
          'first_visit',
          'helped',
          'overall',
          'seen_by',
          'visit_date',
          'wait_minutes',
          'why_not_first',
        ].sort(),
      );
    } finally {
      await context.close();
    }
  });

  it('a link set to Arabic opens the plain form in Arabic, right to left, before the browser’s English', async () => {
    const arabic: TSurveyDefinition = {
      ...ALL_TYPES_SURVEY,
      locales: ['en', 'ar'],
      title: { en: 'Your visit', ar: 'زيارتك' },
      items: [
        {
          linkId: 'overall',
          type: 'rating',
          min: 1,
          max: 5,
          required: true,
          text: { en: 'How was your visit?', ar: 'كيف كانت زيارتك؟' },
        },
      ],
    };
    const link = await newLink('open', arabic, 'ar');
    const context = await suite.browser.newContext({ ...PHONE, javaScriptEnabled: false, locale: 'en-GB' });
    try {
      const page = await context.newPage();
      await page.goto(`${suite.app.url}/s/${link.token}`);
      await page.waitForURL(/\?form=basic$/);
      await page.getByRole('heading', { level: 1, name: 'زيارتك' }).waitFor();
      expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
      expect(await page.locator('html').getAttribute('lang')).toBe('ar');
      await page.screenshot(screenshot('no-js-form-ar-390'));

      await page.getByRole('button', { name: 'إرسال إجاباتي' }).click();
      await page.getByRole('alert').getByText('يرجى مراجعة إجاباتك').waitFor();
      await page
        .getByRole('group', { name: /كيف كانت زيارتك؟/ })
        .getByRole('radio', { name: '4' })
        .check();
      await page.getByRole('button', { name: 'إرسال إجاباتي' }).click();
      await page.getByRole('heading', { name: 'شكرًا لك' }).waitFor();
      expect(await responsesFor(link.id)).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('the plain form, its problems and its thank-you page have no serious accessibility problems, on a phone and a laptop', async () => {
    const link = await newLink('open', WITH_GROUPS);
    const url = `${suite.app.url}/s/${link.token}?form=basic`;
    // axe is injected as a script, so this context runs JavaScript; the page itself has none.
    for (const [device, width] of [
      [PHONE, 390],
      [LAPTOP, 1280],
    ] as const) {
      const context = await suite.browser.newContext({ ...device, javaScriptEnabled: true });
      try {
        const page = await context.newPage();
        await page.goto(url);
        expect(await seriousAccessibilityProblems(page)).toEqual([]);
        await page.screenshot(screenshot(`no-js-form-axe-${width}`));
        await page.getByRole('button', { name: 'Send my answers' }).click();
        await page.getByRole('alert').first().waitFor();
        expect(await seriousAccessibilityProblems(page)).toEqual([]);
        await page.screenshot(screenshot(`no-js-form-problem-${width}`));
        await page.goto(`${url}&done=1&lang=es`);
        await page.getByRole('heading', { name: 'Gracias' }).waitFor();
        expect(await seriousAccessibilityProblems(page)).toEqual([]);
        await page.screenshot(screenshot(`no-js-thank-you-${width}`));
      } finally {
        await context.close();
      }
    }
  });
});
