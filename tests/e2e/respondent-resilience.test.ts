import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Page, Request, Route } from 'playwright-core';
import { responseAnswers, responses } from '../../server/src/db/schema';
import type { TLink, TLinkCreate, TSurvey } from '../../shared/src/api/surveys';
import type { TSurveyDefinition } from '../../shared/src/survey/definition';
import { PHONE, browserSuite, screenshot, seriousAccessibilityProblems } from '../support/browser';
import { createOrg, createStaff, type TOrgFixture } from '../support/fixtures';
import { client, signIn, type TClient } from '../support/http';
import { publishedSurveyWithLink } from '../support/surveys';

const suite = browserSuite();

const t = (en: string, es: string) => ({ en, es });

const STAY: TSurveyDefinition = {
  title: t('Your stay', 'Su estancia'),
  defaultLocale: 'en',
  locales: ['en', 'es'],
  audience: 'patient',
  items: [
    {
      linkId: 'overall',
      type: 'choice',
      required: true,
      text: t('How was your stay?', '¿Cómo fue su estancia?'),
      answerOption: [
        { code: 'good', text: t('Good', 'Buena') },
        { code: 'poor', text: t('Poor', 'Mala') },
      ],
    },
    {
      linkId: 'better',
      type: 'text',
      intent: 'improvement',
      text: t('What could we do better?', '¿Qué podríamos mejorar?'),
    },
  ],
};

const NOT_SENT = 'Your answers have not been sent yet.';
const DAY_MS = 86_400_000;

type TSetup = { org: TOrgFixture; staff: TClient; survey: TSurvey; versionId: string; link: TLink };

async function surveyWithLink(link: Omit<TLinkCreate, 'unitId'>): Promise<TSetup> {
  const org = await createOrg(suite.app.db);
  const lead = await createStaff(suite.app.db, org.organisationId, 'quality_lead');
  const staff = await signIn(suite.app.url, lead.email, lead.password);
  const made = await publishedSurveyWithLink(staff, { ...link, unitId: org.unitId }, STAY);
  return { org, staff, ...made };
}

const isSubmit = (url: URL): boolean => /\/api\/v1\/public\/surveys\/[^/]+\/responses$/.test(url.pathname);

/** The request reaches the server and is stored; the reply never reaches the page. */
async function loseReplies(page: Page): Promise<void> {
  await page.route(isSubmit, async (route: Route) => {
    await route.fetch();
    await route.abort('connectionreset');
  });
}

/** The request never leaves the phone. */
async function dropRequests(page: Page): Promise<void> {
  await page.route(isSubmit, (route: Route) => route.abort('internetdisconnected'));
}

const storedFor = (link: TLink) => suite.app.db.select().from(responses).where(eq(responses.linkId, link.id));

/** The page's localStorage, typed here because the tests compile without the DOM library. */
type TBrowserStorage = {
  localStorage: Record<string, string> & { setItem(key: string, value: string): void };
};

const storedKeys = (page: Page): Promise<string[]> =>
  page.evaluate(() => Object.keys((globalThis as unknown as TBrowserStorage).localStorage));
const draftKeys = async (page: Page): Promise<string[]> =>
  (await storedKeys(page)).filter((key) => key.startsWith('careloop.draft.'));

async function openSurvey(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('group', { name: /How was your stay\?/ }).waitFor();
}

/** On a phone the form shows one question at a time: move on, in whichever language is showing. */
async function nextStep(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^(Next|Siguiente)$/ }).click();
}

async function answer(page: Page, comment: string): Promise<void> {
  await page.getByRole('radio', { name: 'Good' }).check();
  await nextStep(page);
  await page.getByLabel('What could we do better?').fill(comment);
}

/** The radio for `value`, whether or not its step is the one showing. */
const radio = (page: Page, value: string) => page.locator(`input[type="radio"][value="${value}"]`);

const send = (page: Page) => page.getByRole('button', { name: 'Send my answers' }).click();
const thanks = (page: Page) => page.getByRole('heading', { level: 1, name: 'Thank you' }).waitFor();

describe('a patient whose phone loses the reply to their answers', () => {
  it('on a single-use link, reloading re-sends the same answers, shows thank you, and one response is stored', async () => {
    const { link } = await surveyWithLink({ kind: 'single_use' });
    const page = await suite.browser.newPage(PHONE);
    await openSurvey(page, link.url);
    await answer(page, 'Quieter nights please');
    await loseReplies(page);
    await send(page);
    await page.getByText(NOT_SENT).waitFor();
    expect(await storedFor(link)).toHaveLength(1);
    // The link is used now: asking for the survey says closed, which is what the page used to show.
    const read = await client(suite.app.url).request('GET', `/api/v1/public/surveys/${link.token}`);
    expect(read.status).toBe(410);

    await page.unroute(isSubmit);
    await page.reload();
    await thanks(page);
    await page.screenshot(screenshot('resilience-thanks-after-reload-390'));
    expect(await page.getByText('This survey is no longer open').count()).toBe(0);
    expect(await storedFor(link)).toHaveLength(1);
    expect(await draftKeys(page)).toEqual([]);
  }, 60_000);

  it('after staff republish the survey, reloading still stores the answers once, against the version answered', async () => {
    const { link, staff, survey, versionId } = await surveyWithLink({ kind: 'open' });
    const page = await suite.browser.newPage(PHONE);
    await openSurvey(page, link.url);
    await answer(page, 'More pillows');
    await loseReplies(page);
    await send(page);
    await page.getByText(NOT_SENT).waitFor();
    expect(await storedFor(link)).toHaveLength(1);

    const current = await staff.request<TSurvey>('GET', `/api/v1/surveys/${survey.id}`);
    const edited = { ...current.body.draft, title: t('Your stay on the ward', 'Su estancia en la planta') };
    const saved = await staff.request('PUT', `/api/v1/surveys/${survey.id}`, {
      definition: edited,
      revision: current.body.revision,
    });
    expect(saved.status).toBe(200);
    const republished = await staff.request<{ id: string }>('POST', `/api/v1/surveys/${survey.id}/publish`);
    expect(republished.status).toBe(201);
    expect(republished.body.id).not.toBe(versionId);

    await page.unroute(isSubmit);
    await page.reload();
    await thanks(page);
    const stored = await storedFor(link);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.surveyVersionId).toBe(versionId);
    expect(await draftKeys(page)).toEqual([]);
  }, 60_000);
});

describe('a patient whose phone is offline when they send', () => {
  it('is told the answers are not sent yet, keeps them on the page, and sends them once when the network is back', async () => {
    const { link } = await surveyWithLink({ kind: 'open' });
    const page = await suite.browser.newPage(PHONE);
    await openSurvey(page, link.url);
    await answer(page, 'Warmer food');
    await dropRequests(page);
    await send(page);
    await page.getByText(NOT_SENT).waitFor();
    await page.getByText(/We could not reach our server/).waitFor();
    await page.getByText(/this page will keep trying to send them/).waitFor();
    await page.getByRole('button', { name: 'Try again' }).waitFor();
    expect(await radio(page, 'good').isChecked()).toBe(true);
    expect(await page.getByLabel('What could we do better?').inputValue()).toBe('Warmer food');
    // Changed answers would need a new key, and the first ones may have arrived: they wait unchanged.
    expect(await page.getByLabel('What could we do better?').isDisabled()).toBe(true);
    await page.screenshot(screenshot('resilience-offline-390'));
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    expect(await storedFor(link)).toHaveLength(0);

    await page.unroute(isSubmit);
    await send(page);
    await thanks(page);
    expect(await storedFor(link)).toHaveLength(1);
    expect(await draftKeys(page)).toEqual([]);
  }, 60_000);

  it('gives up on a connection that hangs, says so, and a retry stores the answers once', async () => {
    const { link } = await surveyWithLink({ kind: 'open' });
    const page = await suite.browser.newPage(PHONE);
    await openSurvey(page, link.url);
    await answer(page, 'Faster discharge');
    const held: Request[] = [];
    await page.route(isSubmit, (route: Route) => {
      held.push(route.request());
    });
    await send(page);
    await page.getByRole('button', { name: 'Sending…' }).waitFor();
    await page.getByText(NOT_SENT).waitFor({ timeout: 30_000 });
    expect(held).toHaveLength(1);
    expect(await page.getByRole('button', { name: 'Send my answers' }).isEnabled()).toBe(true);

    await page.unroute(isSubmit);
    await page.getByRole('button', { name: 'Try again' }).click();
    await thanks(page);
    expect(await storedFor(link)).toHaveLength(1);
  }, 60_000);
});

describe('a patient whose answers cannot be sent as they are', () => {
  it('when the answers are too large, asks to shorten them, keeps them editable, and stores the shorter ones once', async () => {
    const { link } = await surveyWithLink({ kind: 'open' });
    const page = await suite.browser.newPage(PHONE);
    await openSurvey(page, link.url);
    await answer(page, 'The ward was noisy at night');
    // Padded past the server's body limit on the way out, so the real server answers 413.
    await page.route(isSubmit, async (route: Route) => {
      const body = route.request().postDataJSON() as { answers: Record<string, unknown> };
      await route.continue({
        postData: JSON.stringify({ ...body, answers: { ...body.answers, better: 'x'.repeat(300_000) } }),
      });
    });
    await send(page);
    await page.getByText(/Your answers are too long to send. Please shorten your longest answers/).waitFor();
    await page.screenshot(screenshot('resilience-too-large-390'));
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    const comment = page.getByLabel('What could we do better?');
    expect(await comment.inputValue()).toBe('The ward was noisy at night');
    expect(await comment.isEditable()).toBe(true);
    expect(await storedFor(link)).toHaveLength(0);

    await page.unroute(isSubmit);
    await comment.fill('Noisy nights');
    await send(page);
    await thanks(page);
    const stored = await storedFor(link);
    expect(stored).toHaveLength(1);
    const answers = await suite.app.db
      .select()
      .from(responseAnswers)
      .where(eq(responseAnswers.responseId, stored[0]!.id));
    expect(answers.find((a) => a.linkId === 'better')!.valueText).toBe('Noisy nights');
  }, 60_000);

  it('when the single-use link was used meanwhile, says the survey is closed and keeps nothing on the phone', async () => {
    const { link, versionId } = await surveyWithLink({ kind: 'single_use' });
    const page = await suite.browser.newPage(PHONE);
    await openSurvey(page, link.url);
    await answer(page, 'Nothing');
    expect(await draftKeys(page)).toHaveLength(1);
    const elsewhere = await client(suite.app.url).request(
      'POST',
      `/api/v1/public/surveys/${link.token}/responses`,
      { versionId, answers: { overall: 'poor' } },
      { 'Idempotency-Key': randomUUID() },
    );
    expect(elsewhere.status).toBe(201);

    await send(page);
    await page.getByRole('heading', { level: 1, name: 'This survey is no longer open' }).waitFor();
    expect(await draftKeys(page)).toEqual([]);
    expect(await storedFor(link)).toHaveLength(1);
  }, 60_000);
});

describe('answers kept on the phone', () => {
  it('are restored after a reload before sending', async () => {
    const { link } = await surveyWithLink({ kind: 'open' });
    const page = await suite.browser.newPage(PHONE);
    await openSurvey(page, link.url);
    await answer(page, 'Kinder porters');
    await page.reload();
    await page.getByText('We kept the answers you started earlier on this device.').waitFor();
    // Back on the step that was showing, with the earlier one's answer kept.
    await page.getByText('Question 2 of 2').waitFor();
    expect(await radio(page, 'good').isChecked()).toBe(true);
    expect(await page.getByLabel('What could we do better?').inputValue()).toBe('Kinder porters');
    expect(await page.getByLabel('What could we do better?').isEditable()).toBe(true);
    await page.screenshot(screenshot('resilience-restored-390'));
    expect(await storedFor(link)).toHaveLength(0);
  }, 60_000);

  it('are removed from the phone once stale, for every link and not only the one opened', async () => {
    const { link } = await surveyWithLink({ kind: 'open' });
    const page = await suite.browser.newPage(PHONE);
    await openSurvey(page, link.url);
    await page.evaluate(
      ({ stale, fresh }) => {
        const draft = (savedAt: number) =>
          JSON.stringify({ versionId: 'v', answers: { overall: 'good' }, pending: null, savedAt });
        const { localStorage } = globalThis as unknown as TBrowserStorage;
        localStorage.setItem('careloop.draft.another-link', draft(stale));
        localStorage.setItem('careloop.draft.a-recent-link', draft(fresh));
        localStorage.setItem('careloop.draft.broken', '{');
      },
      { stale: Date.now() - 15 * DAY_MS, fresh: Date.now() - DAY_MS },
    );
    await page.reload();
    await page.getByRole('group', { name: /How was your stay\?/ }).waitFor();
    expect(await draftKeys(page)).toEqual(['careloop.draft.a-recent-link']);
  }, 60_000);
});

describe('a kiosk in a waiting room', () => {
  it('keeps nothing on the device while answering, and gives the next person the kiosk’s own language', async () => {
    const { link } = await surveyWithLink({ kind: 'open', kiosk: true });
    const page = await suite.browser.newPage(PHONE);
    await openSurvey(page, link.url);
    await page.getByLabel('Language').selectOption('es');
    await page.getByRole('group', { name: /¿Cómo fue su estancia\?/ }).waitFor();
    expect(new URL(page.url()).searchParams.get('lang')).toBe('es');
    await page.getByRole('radio', { name: 'Buena' }).check();
    await nextStep(page);
    await page.getByLabel('¿Qué podríamos mejorar?').fill('Más sillas');
    expect(await storedKeys(page)).toEqual([]);
    await page.screenshot(screenshot('resilience-kiosk-es-390'));

    await page.getByRole('button', { name: 'Enviar mis respuestas' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gracias' }).waitFor();
    expect(await storedKeys(page)).toEqual([]);
    await page.getByRole('button', { name: 'Empezar una nueva respuesta' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your stay' }).waitFor();
    expect(new URL(page.url()).searchParams.has('lang')).toBe(false);
    expect(await page.getByRole('radio', { name: 'Good' }).isChecked()).toBe(false);
    expect(await storedFor(link)).toHaveLength(1);
  }, 60_000);
});

describe('the thank-you page and the survey header', () => {
  it('promise only what is done with the answers, and a clinician survey names the unit without calling it a visit', async () => {
    const { link } = await surveyWithLink({ kind: 'open' });
    const page = await suite.browser.newPage(PHONE);
    await openSurvey(page, link.url);
    await page.getByText('About your visit to: Ward 7').waitFor();
    await answer(page, 'Clearer signs');
    await send(page);
    await thanks(page);
    await page.getByText(/no address of your device is stored with them/).waitFor();
    await page.getByText(/Please do not write names or other personal details in comments/).waitFor();
    await page.getByText(/This form is not checked for urgent problems/).waitFor();
    expect(await page.getByText(/removed before staff read/).count()).toBe(0);

    const org = await createOrg(suite.app.db);
    const lead = await createStaff(suite.app.db, org.organisationId, 'quality_lead');
    const staff = await signIn(suite.app.url, lead.email, lead.password);
    const pulse = await staff.request<{ id: string }>('POST', '/api/v1/surveys', {
      templateId: 'change-pulse',
    });
    await staff.request('POST', `/api/v1/surveys/${pulse.body.id}/publish`);
    const pulseLink = await staff.request<TLink>('POST', `/api/v1/surveys/${pulse.body.id}/links`, {
      kind: 'open',
      unitId: org.unitId,
    });
    const clinician = await suite.browser.newPage(PHONE);
    await clinician.goto(pulseLink.body.url);
    await clinician.getByText('About: Ward 7').waitFor();
    expect(await clinician.getByText(/About your visit/).count()).toBe(0);
  }, 60_000);
});
