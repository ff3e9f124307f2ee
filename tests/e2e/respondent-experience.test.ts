import { eq } from 'drizzle-orm';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { responseAnswers, responses } from '../../server/src/db/schema';
import type { TLinkCreate } from '../../shared/src/api/surveys';
import type { TSurveyDefinition } from '../../shared/src/survey/definition';
import { LAPTOP, PHONE, browserSuite, screenshot, seriousAccessibilityProblems } from '../support/browser';
import { createOrg, createStaff } from '../support/fixtures';
import { signIn } from '../support/http';
import { VALID_ANSWERS, publishedSurveyWithLink } from '../support/surveys';

const suite = browserSuite();

const VIEWPORTS = [
  ['390', PHONE],
  ['1280', LAPTOP],
] as const satisfies readonly (readonly [string, BrowserContextOptions])[];

/** The little of the DOM these checks use (the tests compile without the DOM library). */
type TEl = {
  tagName: string;
  textContent: string | null;
  type?: string;
  labels?: ArrayLike<TEl>;
  closest(selector: string): TEl | null;
  getBoundingClientRect(): { left: number; right: number; width: number; height: number };
};

const YOU_SAID_WE_DID = 'https://feedback.example.org/ward-7/you-said-we-did';

/** A survey of every question type on a unit with a "You said, we did" page. */
async function surveyOnUnit(link: Omit<TLinkCreate, 'unitId'>, definition?: TSurveyDefinition) {
  const org = await createOrg(suite.app.db);
  const lead = await createStaff(suite.app.db, org.organisationId, 'admin');
  const staff = await signIn(suite.app.url, lead.email, lead.password);
  const saved = await staff.request('PATCH', `/api/v1/org/units/${org.unitId}`, {
    youSaidWeDidUrl: YOU_SAID_WE_DID,
  });
  expect(saved.status).toBe(200);
  return publishedSurveyWithLink(staff, { ...link, unitId: org.unitId }, definition);
}

/** On a phone the form moves on a step at a time; on a laptop every question is already showing. */
async function nextStep(page: Page, paged: boolean, label = 'Siguiente'): Promise<void> {
  if (paged) await page.getByRole('button', { name: label, exact: true }).click();
}

/** What the page shows as the active element: tag, type and its label's text. */
const focused = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const el = (globalThis as unknown as { document: { activeElement: TEl | null } }).document
      .activeElement as TEl | null;
    if (!el) return '';
    const label = el.labels?.[0]?.textContent ?? el.textContent ?? '';
    return `${el.tagName.toLowerCase()}|${el.type ?? ''}|${label.trim()}`;
  });

/** Presses Tab until the focused element matches, as someone with only a keyboard would. */
async function tabTo(page: Page, wanted: RegExp, limit = 30): Promise<void> {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    if (wanted.test(await focused(page))) return;
  }
  throw new Error(`Tab never reached ${wanted}; last: ${await focused(page)}`);
}

/** The focused control, or its option box, shows a visible outline. */
const focusIsVisible = (page: Page): Promise<boolean> =>
  page.evaluate(() => {
    const { document, getComputedStyle } = globalThis as unknown as {
      document: { activeElement: TEl | null };
      getComputedStyle: (el: TEl) => { outlineStyle: string; outlineWidth: string };
    };
    const el = document.activeElement;
    if (!el) return false;
    const box = el.closest('.option') ?? el;
    const style = getComputedStyle(box);
    return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  });

describe.each(VIEWPORTS)('a patient answering in Spanish at %s px wide', (width, device) => {
  const paged = device === PHONE;

  it('answers every kind of question, with conditional ones coming and going, and is thanked in Spanish', async () => {
    // The phone's browser asks for Spanish; the laptop's link was set up in Spanish by staff.
    const { link, versionId } = await surveyOnUnit(paged ? { kind: 'open' } : { kind: 'open', locale: 'es' });
    const context = await suite.browser.newContext({ ...device, locale: paged ? 'es-ES' : 'en-GB' });
    const page = await context.newPage();
    await page.goto(link.url);
    await page.getByRole('group', { name: /¿Cómo fue su visita\? \(obligatoria\)/ }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    const progress = page.getByText(/^Pregunta \d+ de \d+$/);
    if (paged) {
      expect(await progress.textContent()).toBe('Pregunta 1 de 8');
      expect(await page.getByRole('progressbar', { name: 'Pregunta 1 de 8' }).count()).toBe(1);
      // One question at a time: the next one is not on screen yet.
      expect(await page.getByRole('group', { name: /¿A quién vio\?/ }).count()).toBe(0);
      // Moving on without the required answer names the problem and links to the question.
      await nextStep(page, paged);
      await page.getByRole('heading', { name: 'Revise sus respuestas' }).waitFor();
      await page.getByRole('link', { name: /¿Cómo fue su visita\?: Responda a esta pregunta/ }).waitFor();
      expect(await seriousAccessibilityProblems(page)).toEqual([]);
      await page.screenshot(screenshot(`experience-es-error-${width}`));
    } else {
      expect(await progress.isVisible()).toBe(false);
      await page.getByRole('group', { name: /¿A quién vio\?/ }).waitFor();
    }

    await page.getByRole('radio', { name: '4' }).check();
    await nextStep(page, paged);
    await page.getByRole('radio', { name: 'Una enfermera' }).check();
    await nextStep(page, paged);
    await page.getByRole('checkbox', { name: 'Amabilidad' }).check();
    await page.getByRole('checkbox', { name: 'Información clara' }).check();
    await nextStep(page, paged);
    const firstVisit = page.getByRole('group', { name: /¿Era su primera visita\?/ });
    await firstVisit.getByRole('radio', { name: 'No' }).check();
    if (paged) expect(await progress.textContent()).toBe('Pregunta 4 de 9');
    await nextStep(page, paged);
    const why = page.getByLabel('¿Qué le hizo volver?');
    await why.fill('La enfermera fue muy amable');
    if (paged) await page.getByRole('button', { name: 'Atrás' }).click();
    // "Yes" hides the follow-up; "No" brings it back with what was typed.
    await firstVisit.getByRole('radio', { name: 'Sí' }).check();
    await why.waitFor({ state: 'hidden' });
    if (paged) expect(await progress.textContent()).toBe('Pregunta 4 de 8');
    await firstVisit.getByRole('radio', { name: 'No' }).check();
    await nextStep(page, paged);
    expect(await why.inputValue()).toBe('La enfermera fue muy amable');
    await nextStep(page, paged);
    await page.getByLabel('Minutos de espera').fill('20');
    await nextStep(page, paged);
    // Spanish writes decimals with a comma.
    await page.getByLabel('Su temperatura').fill('36,6');
    await nextStep(page, paged);
    await page.getByLabel('Fecha de la visita').fill('2026-11-20');
    await nextStep(page, paged);
    await page.getByLabel('¿Qué podríamos mejorar?').fill('Shorter waits');
    if (paged) expect(await progress.textContent()).toBe('Pregunta 9 de 9');
    await page.screenshot(screenshot(`experience-es-last-${width}`));
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    await page.getByRole('button', { name: 'Enviar mis respuestas' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gracias' }).waitFor();
    await page.getByText(/El personal lee las opiniones junto con las de otras personas/).waitFor();
    const yswd = page.getByRole('link', { name: /Vea lo que ha cambiado gracias a las opiniones/ });
    expect(await yswd.getAttribute('href')).toBe(YOU_SAID_WE_DID);
    await page.screenshot(screenshot(`experience-es-thanks-${width}`));
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    const [stored] = await suite.app.db.select().from(responses).where(eq(responses.linkId, link.id));
    expect(stored).toMatchObject({ locale: 'es', surveyVersionId: versionId, contactUserId: null });
    const answers = await suite.app.db
      .select()
      .from(responseAnswers)
      .where(eq(responseAnswers.responseId, stored!.id));
    expect(answers.map((a) => a.linkId).sort()).toEqual(Object.keys(VALID_ANSWERS).sort());
    expect(answers.find((a) => a.linkId === 'temperature')!.valueNumber).toBeCloseTo(36.6);
    await context.close();
  }, 90_000);

  it('can switch language on the page without losing answers', async () => {
    const { link } = await surveyOnUnit({ kind: 'open' });
    const page = await suite.browser.newPage(device);
    await page.goto(`${link.url}?lang=es`);
    await page.getByRole('radio', { name: '5' }).check();
    await page.getByLabel('Idioma').selectOption('en');
    await page.getByRole('group', { name: /How was your visit\? \(required\)/ }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('radio', { name: '5' }).isChecked()).toBe(true);
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
  }, 60_000);
});

describe.each(VIEWPORTS)('someone using only a keyboard at %s px wide', (width, device) => {
  it('answers and sends the survey with Tab, arrows, Space and Enter, always seeing where focus is', async () => {
    const { link } = await surveyOnUnit({ kind: 'open' });
    const page = await suite.browser.newPage(device);
    await page.goto(link.url);
    await page.getByRole('group', { name: /How was your visit\?/ }).waitFor();

    await tabTo(page, /^input\|radio\|1/);
    expect(await focusIsVisible(page)).toBe(true);
    // Arrow keys move through a radio group and choose as they go.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('radio', { name: '3' }).isChecked()).toBe(true);
    await page.screenshot(screenshot(`keyboard-focus-${width}`));
    if (device === PHONE) {
      await tabTo(page, /^button\|submit\|Next/);
      expect(await focusIsVisible(page)).toBe(true);
      await page.keyboard.press('Enter');
      await page.getByText('Question 2 of 8').waitFor();
    }
    await tabTo(page, /^input\|radio\|A doctor/);
    await page.keyboard.press('Space');
    expect(await page.getByRole('radio', { name: 'A doctor' }).isChecked()).toBe(true);
    if (device === PHONE) {
      // Enter in a question moves on, like the Next button.
      await page.keyboard.press('Enter');
      await page.getByText('Question 3 of 8').waitFor();
    }
    await tabTo(page, /^input\|checkbox\|Speed/);
    await page.keyboard.press('Space');
    expect(await page.getByRole('checkbox', { name: 'Speed' }).isChecked()).toBe(true);
    if (device === PHONE) {
      for (let step = 4; step <= 8; step += 1) {
        await tabTo(page, /^button\|submit\|Next/);
        await page.keyboard.press('Enter');
        await page.getByText(`Question ${step} of 8`).waitFor();
      }
    }
    await tabTo(page, /^textarea\|textarea\|What could we do better\?/);
    expect(await focusIsVisible(page)).toBe(true);
    await page.keyboard.type('More chairs in the waiting room');
    await tabTo(page, /^button\|submit\|Send my answers/);
    expect(await focusIsVisible(page)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Thank you' }).waitFor();
    // Focus goes to the heading, so the result is read out.
    expect(await focused(page)).toMatch(/^h1\|\|Thank you/);
    const [stored] = await suite.app.db.select().from(responses).where(eq(responses.linkId, link.id));
    const answers = await suite.app.db
      .select()
      .from(responseAnswers)
      .where(eq(responseAnswers.responseId, stored!.id));
    expect(
      Object.fromEntries(answers.map((a) => [a.linkId, a.valueNumber ?? a.valueCodes ?? a.valueText])),
    ).toEqual({
      overall: 3,
      seen_by: ['doctor'],
      helped: ['quick'],
      better: 'More chairs in the waiting room',
    });
  }, 90_000);
});

describe.each(VIEWPORTS)('the survey page at %s px wide', (width, device) => {
  it('has no serious accessibility problems, 44 px touch targets, and survives text at 200 %', async () => {
    const { link } = await surveyOnUnit({ kind: 'open' });
    const page = await suite.browser.newPage(device);
    await page.goto(link.url);
    await page.getByRole('group', { name: /How was your visit\?/ }).waitFor();
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    const small = await page.evaluate(() => {
      const { document } = globalThis as unknown as { document: { querySelectorAll(s: string): TEl[] } };
      const targets = document.querySelectorAll(
        'button, select, textarea, input[type="text"], input[type="date"], .option, .standalone-link',
      );
      return [...targets]
        .map((el) => ({ el, box: el.getBoundingClientRect() }))
        .filter(({ box }) => box.width > 0 && box.height > 0)
        .filter(({ box }) => box.width < 44 || box.height < 44)
        .map(({ el, box }) => `${el.tagName} ${el.textContent?.trim()} ${box.width}×${box.height}`);
    });
    expect(small).toEqual([]);

    await page.evaluate(() => {
      const { document } = globalThis as unknown as {
        document: { documentElement: { style: { fontSize: string } } };
      };
      document.documentElement.style.fontSize = '200%';
    });
    // Nothing runs off either side of the screen: no sideways scrolling, no cut-off words.
    const clipped = await page.evaluate(() => {
      const { document, innerWidth } = globalThis as unknown as {
        document: { documentElement: { scrollWidth: number }; querySelectorAll(s: string): TEl[] };
        innerWidth: number;
      };
      const outside = [...document.querySelectorAll('#app *')]
        .map((el) => ({ el, box: el.getBoundingClientRect() }))
        .filter(({ box }) => box.width > 0 && (box.left < -1 || box.right > innerWidth + 1))
        .map(({ el }) => `${el.tagName} ${el.textContent?.trim().slice(0, 30)}`);
      return { overflow: document.documentElement.scrollWidth - innerWidth, outside };
    });
    expect(clipped).toEqual({ overflow: 0, outside: [] });
    await page.getByRole('group', { name: /How was your visit\?/ }).waitFor();
    await page.screenshot(screenshot(`experience-text-200-${width}`));
  }, 60_000);
});

const t3 = (en: string, ar: string) => ({ en, ar });

const ARABIC_SURVEY: TSurveyDefinition = {
  title: t3('Your visit', 'زيارتك'),
  defaultLocale: 'ar',
  locales: ['ar', 'en'],
  audience: 'patient',
  items: [
    {
      linkId: 'overall',
      type: 'choice',
      required: true,
      text: t3('How was your visit?', 'كيف كانت زيارتك؟'),
      answerOption: [
        { code: 'good', text: t3('Good', 'جيدة') },
        { code: 'poor', text: t3('Poor', 'سيئة') },
      ],
    },
    { linkId: 'better', type: 'text', text: t3('What could we do better?', 'ما الذي يمكننا تحسينه؟') },
  ],
};

describe.each(VIEWPORTS)('a patient reading Arabic at %s px wide', (width, device) => {
  it('gets a right-to-left page: text starts on the right and answer boxes sit before their labels', async () => {
    const { link } = await surveyOnUnit({ kind: 'open', locale: 'ar' }, ARABIC_SURVEY);
    const page = await suite.browser.newPage(device);
    await page.goto(link.url);
    const question = page.getByRole('group', { name: /كيف كانت زيارتك؟ \(إلزامي\)/ });
    await question.waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('html').getAttribute('lang')).toBe('ar');
    const option = await page.locator('.option').first().boundingBox();
    const radio = await page.getByRole('radio', { name: 'جيدة' }).boundingBox();
    // In right-to-left, the radio is at the right-hand edge of its box, before the label.
    expect(radio!.x + radio!.width).toBeGreaterThan(option!.x + option!.width - 40);
    const heading = await page.getByRole('heading', { level: 1 }).boundingBox();
    const viewport = page.viewportSize()!;
    expect(heading!.x + heading!.width).toBeGreaterThan(viewport.width / 2);
    await page.screenshot(screenshot(`experience-ar-${width}`));
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await question.getByRole('radio', { name: 'جيدة' }).check();
    await nextStep(page, device === PHONE, 'التالي');
    await page.getByRole('button', { name: 'إرسال إجاباتي' }).click();
    await page.getByRole('heading', { level: 1, name: 'شكرًا لك' }).waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
  }, 60_000);
});
