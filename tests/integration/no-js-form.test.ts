import { count, eq } from 'drizzle-orm';
import { links, responseAnswers, responses } from '../../server/src/db/schema';
import type { TSurveyDefinition } from '../../shared/src/survey/definition';
import { startTestApp, type TTestApp } from '../support/app';
import { createOrg, createStaff, type TOrgFixture } from '../support/fixtures';
import { signIn, type TClient } from '../support/http';
import { ALL_TYPES_SURVEY, publishedSurveyWithLink } from '../support/surveys';

let app: TTestApp;
let org: TOrgFixture;
let staff: TClient;

beforeAll(async () => {
  // Many posts from one address in this file; the per-IP limit has a test of its own app.
  app = await startTestApp({ RATE_LIMIT_SUBMIT_PER_IP: '1000', RATE_LIMIT_PUBLIC_READ_PER_IP: '1000' });
  org = await createOrg(app.db);
  const lead = await createStaff(app.db, org.organisationId, 'quality_lead');
  staff = await signIn(app.url, lead.email, lead.password);
});
afterAll(() => app.close());

type TPage = { status: number; html: string; headers: Headers };
type TFields = [string, string][];

async function getForm(
  token: string,
  query = '',
  headers: Record<string, string> = {},
  base = app.url,
): Promise<TPage> {
  const res = await fetch(`${base}/s/${token}?form=basic${query}`, { headers });
  return { status: res.status, html: await res.text(), headers: res.headers };
}

async function postForm(
  token: string,
  fields: TFields,
  headers: Record<string, string> = {},
  base = app.url,
): Promise<TPage> {
  const res = await fetch(`${base}/s/${token}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, ...headers },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, html: await res.text(), headers: res.headers };
}

/** The hidden fields of a rendered form, as a browser would send them. */
function hiddenFields(html: string): TFields {
  return [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [
    m[1]!,
    m[2]!,
  ]);
}

async function responsesFor(linkId: string): Promise<number> {
  const [row] = await app.db.select({ n: count() }).from(responses).where(eq(responses.linkId, linkId));
  return row!.n;
}

async function answersOf(linkId: string) {
  const [stored] = await app.db.select().from(responses).where(eq(responses.linkId, linkId));
  const rows = await app.db.select().from(responseAnswers).where(eq(responseAnswers.responseId, stored!.id));
  return { stored: stored!, byId: Object.fromEntries(rows.map((a) => [a.linkId, a])) };
}

const t = (en: string, es: string) => ({ en, es });

/** Groups, display text, an NPS scale labelled at its ends, a Likert scale, staff text with markup. */
const LAYOUT_SURVEY: TSurveyDefinition = {
  title: t('<script>alert("title")</script> Ward feedback', 'Opinión <b>de planta</b>'),
  defaultLocale: 'en',
  locales: ['en', 'es'],
  audience: 'patient',
  items: [
    { linkId: 'intro', type: 'display', text: t('It takes <2 minutes & it helps.', 'Solo 2 minutos.') },
    {
      linkId: 'care',
      type: 'group',
      text: t('Your care', 'Su atención'),
      items: [
        {
          linkId: 'nps',
          type: 'rating',
          min: 0,
          max: 10,
          required: true,
          text: t('How likely are you to recommend us?', '¿Nos recomendaría?'),
          labels: [
            { value: 0, text: t('Not at all likely', 'Nada probable') },
            { value: 10, text: t('Extremely likely', 'Muy probable') },
          ],
        },
        {
          linkId: 'likert',
          type: 'rating',
          min: 1,
          max: 3,
          text: t('Were you treated kindly?', '¿Le trataron con amabilidad?'),
          labels: [
            { value: 1, text: t('No', 'No') },
            { value: 2, text: t('Partly', 'En parte') },
            { value: 3, text: t('Yes', 'Sí') },
          ],
        },
        {
          linkId: 'pick',
          type: 'choice',
          text: t('Which ward?', '¿Qué planta?'),
          answerOption: [{ code: 'x', text: t('<img src=x onerror=alert(1)>', 'Planta X') }],
        },
      ],
    },
  ],
};

describe('the survey without JavaScript', () => {
  it('is a real form posting to the link, with the version, a fresh idempotency key per showing and no scripts', async () => {
    const { link, versionId } = await publishedSurveyWithLink(staff, { kind: 'open', unitId: org.unitId });
    const first = await getForm(link.token);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^text\/html/);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.html).toContain(`<form method="post" action="/s/${link.token}" novalidate>`);
    expect(first.html).toContain(`<input type="hidden" name="_version" value="${versionId}">`);
    expect(first.html).not.toMatch(/<script/i);
    expect(first.html).toContain('<html lang="en" dir="ltr">');
    // Every question is a fieldset with a legend; required is said in words.
    expect(first.html).toMatch(
      /<fieldset class="question" id="q-overall">\s*<legend class="label">How was your visit\? <span class="required">\(required\)<\/span><\/legend>/,
    );
    expect(first.html).toContain('type="checkbox" id="in-helped" name="a.helped" value="kind"');
    expect(first.html).toContain('<textarea id="in-better" name="a.better"');
    expect(first.html).toContain('<input type="date" id="in-visit_date" name="a.visit_date"');
    expect(first.html).toContain('About your visit to: Ward 7');
    const second = await getForm(link.token);
    const keyOf = (html: string) => hiddenFields(html).find(([name]) => name === '_key')![1];
    expect(keyOf(first.html)).toMatch(/^[0-9a-f-]{36}$/);
    expect(keyOf(second.html)).not.toBe(keyOf(first.html));
  });

  it('shows a conditional question always, with its condition said in words', async () => {
    const { link } = await publishedSurveyWithLink(staff, { kind: 'open', unitId: org.unitId });
    const page = await getForm(link.token);
    expect(page.html).toContain('Answer this only if you answered “No” to “Was this your first visit?”.');
    const es = await getForm(link.token, '&lang=es');
    expect(es.html).toContain('Responda solo si respondió «No» a «¿Era su primera visita?».');
  });

  it('speaks the language from ?lang= or Accept-Language, offers the others as plain links, and sets dir for RTL', async () => {
    const { link } = await publishedSurveyWithLink(staff, { kind: 'open', unitId: org.unitId });
    const byQuery = await getForm(link.token, '&lang=es');
    expect(byQuery.html).toContain('<html lang="es" dir="ltr">');
    expect(byQuery.html).toContain('¿Cómo fue su visita?');
    expect(byQuery.html).toContain('Enviar mis respuestas');
    expect(byQuery.html).toContain(
      `<a href="/s/${link.token}?form=basic&amp;lang=en" lang="en" hreflang="en">English</a>`,
    );
    const byHeader = await getForm(link.token, '', { 'accept-language': 'fr-FR, es-MX;q=0.8, en;q=0.5' });
    expect(byHeader.html).toContain('<html lang="es" dir="ltr">');

    const arabic: TSurveyDefinition = {
      ...ALL_TYPES_SURVEY,
      locales: ['en', 'ar'],
      title: { en: 'Your visit', ar: 'زيارتك' },
      items: [
        { linkId: 'overall', type: 'rating', min: 1, max: 5, text: { en: 'How was it?', ar: 'كيف كانت؟' } },
      ],
    };
    const rtl = await publishedSurveyWithLink(staff, { kind: 'open' }, arabic);
    const page = await getForm(rtl.link.token, '&lang=ar');
    expect(page.html).toContain('<html lang="ar" dir="rtl">');
    expect(page.html).toContain('كيف كانت؟');
  });

  it('in Arabic, lays the form out right to left with Arabic interface text, problems and thanks', async () => {
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
          text: { en: 'How was it?', ar: 'كيف كانت؟' },
        },
      ],
    };
    const { link } = await publishedSurveyWithLink(staff, { kind: 'open' }, arabic);
    const form = await getForm(link.token, '&lang=ar');
    expect(form.html).toContain('<html lang="ar" dir="rtl">');
    expect(form.html).toContain('<button type="submit" class="primary">إرسال إجاباتي</button>');
    expect(form.html).toContain('<span class="required">(إلزامي)</span>');

    const problem = await postForm(link.token, hiddenFields(form.html));
    expect(problem.status).toBe(400);
    expect(problem.html).toContain('<html lang="ar" dir="rtl">');
    expect(problem.html).toContain('<title>خطأ: زيارتك</title>');
    expect(problem.html).toContain('<p class="error" id="err-overall">يرجى الإجابة عن هذا السؤال.</p>');

    const sent = await postForm(link.token, [...hiddenFields(form.html), ['a.overall', '5']]);
    expect(sent.headers.get('location')).toBe(`/s/${link.token}?form=basic&done=1&lang=ar`);
    const thanks = await getForm(link.token, '&done=1&lang=ar');
    expect(thanks.html).toContain('<html lang="ar" dir="rtl">');
    expect(thanks.html).toContain('<h1>شكرًا لك</h1>');
  });

  it('a link with its own language opens the form in it, before the browser’s; ?lang= still wins', async () => {
    const { link } = await publishedSurveyWithLink(staff, { kind: 'open', unitId: org.unitId, locale: 'es' });
    const english = { 'accept-language': 'en-GB, en;q=0.9' };
    const page = await getForm(link.token, '', english);
    expect(page.html).toContain('<html lang="es" dir="ltr">');
    expect(page.html).toContain('¿Cómo fue su visita?');
    expect(page.html).toContain('Enviar mis respuestas');
    expect(page.html).toContain('<input type="hidden" name="_lang" value="es">');
    const chosen = await getForm(link.token, '&lang=en', english);
    expect(chosen.html).toContain('<html lang="en" dir="ltr">');
    expect(chosen.html).toContain('Send my answers');
  });

  it('renders staff-written text inert: a <script> in a title or option is shown as text', async () => {
    const { link } = await publishedSurveyWithLink(staff, { kind: 'open' }, LAYOUT_SURVEY);
    const page = await getForm(link.token);
    expect(page.html).not.toMatch(/<script/i);
    expect(page.html).not.toContain('<img');
    expect(page.html).toContain(
      '<h1>&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; Ward feedback</h1>',
    );
    expect(page.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page.html).toContain('It takes &lt;2 minutes &amp; it helps.');
    // Groups are fieldsets; NPS points carry their end labels; Likert points read as their labels.
    expect(page.html).toMatch(/<fieldset class="group" id="q-care">\s*<legend><h2>Your care<\/h2><\/legend>/);
    expect(page.html).toContain('<span>0<span class="visually-hidden"> – Not at all likely</span></span>');
    expect(page.html).toContain('value="2"><span>Partly</span>');
  });

  it('stores one response with typed answers through the same service, and thanks the person', async () => {
    const { link, versionId } = await publishedSurveyWithLink(staff, { kind: 'open', unitId: org.unitId });
    const form = await getForm(link.token, '&lang=es');
    const posted = await postForm(link.token, [
      ...hiddenFields(form.html),
      ['a.overall', '4'],
      ['a.seen_by', 'nurse'],
      ['a.helped', 'kind'],
      ['a.helped', 'clear'],
      ['a.first_visit', 'false'],
      ['a.why_not_first', 'The nurse was lovely last time'],
      ['a.wait_minutes', '20'],
      ['a.temperature', '36,6'],
      ['a.visit_date', '2026-11-20'],
      ['a.better', '  Shorter waits  '],
    ]);
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe(`/s/${link.token}?form=basic&done=1&lang=es`);
    const { stored, byId } = await answersOf(link.id);
    expect(stored).toMatchObject({ surveyVersionId: versionId, locale: 'es', unitId: org.unitId });
    expect(byId.overall!.valueNumber).toBe(4);
    expect(byId.helped!.valueCodes).toEqual(['kind', 'clear']);
    expect(byId.first_visit!.valueBoolean).toBe(false);
    expect(byId.why_not_first!.valueText).toBe('The nurse was lovely last time');
    expect(byId.temperature!.valueNumber).toBe(36.6);
    expect(byId.visit_date!.valueDate).toBe('2026-11-20');
    expect(byId.better).toMatchObject({ valueText: 'Shorter waits', textIntent: 'improvement' });

    const thanks = await getForm(link.token, '&done=1&lang=es');
    expect(thanks.status).toBe(200);
    expect(thanks.html).toContain('<h1>Gracias</h1>');
    expect(thanks.html).toContain('El personal lee las opiniones junto con las de otras personas');
  });

  it('when a patient double-clicks or re-posts the page, one response is stored', async () => {
    const { link } = await publishedSurveyWithLink(staff, { kind: 'single_use', unitId: org.unitId });
    const form = await getForm(link.token);
    const fields: TFields = [...hiddenFields(form.html), ['a.overall', '5']];
    const [a, b] = await Promise.all([postForm(link.token, fields), postForm(link.token, fields)]);
    const again = await postForm(link.token, fields);
    expect([a.status, b.status, again.status]).toEqual([303, 303, 303]);
    expect(await responsesFor(link.id)).toBe(1);
    // The single-use link is spent: a new showing of the form says so.
    expect((await getForm(link.token)).status).toBe(410);
  });

  it('drops answers to conditional questions that end up not asked', async () => {
    const { link } = await publishedSurveyWithLink(staff, { kind: 'open', unitId: org.unitId });
    const form = await getForm(link.token);
    const posted = await postForm(link.token, [
      ...hiddenFields(form.html),
      ['a.overall', '3'],
      ['a.first_visit', 'true'],
      ['a.why_not_first', 'Written before changing my mind'],
    ]);
    expect(posted.status).toBe(303);
    const { byId } = await answersOf(link.id);
    expect(Object.keys(byId).sort()).toEqual(['first_visit', 'overall']);
  });

  it('shows problems again with the answers kept, a summary linking to each question, and stores nothing', async () => {
    const { link } = await publishedSurveyWithLink(staff, { kind: 'open', unitId: org.unitId });
    const form = await getForm(link.token);
    const firstKey = hiddenFields(form.html).find(([n]) => n === '_key')![1];
    const page = await postForm(link.token, [
      ...hiddenFields(form.html),
      ['a.helped', 'quick'],
      ['a.wait_minutes', 'twenty'],
      ['a.better', 'Tea <b>please</b>'],
    ]);
    expect(page.status).toBe(400);
    expect(await responsesFor(link.id)).toBe(0);
    expect(page.html).toContain('<title>Error: Your visit</title>');
    expect(page.html).toMatch(/<div class="error-summary" role="alert"[^>]*>/);
    expect(page.html).toContain('<a href="#q-overall">How was your visit? Please answer this question.</a>');
    expect(page.html).toContain(
      '<a href="#q-wait_minutes">Minutes waited: Enter a whole number, for example 3.</a>',
    );
    expect(page.html).toContain('<p class="error" id="err-overall">Please answer this question.</p>');
    expect(page.html).toContain('aria-describedby="err-wait_minutes" aria-invalid="true"');
    // What was sent is still there, escaped.
    expect(page.html).toContain('value="quick" checked');
    expect(page.html).toContain('value="twenty"');
    expect(page.html).toContain('>Tea &lt;b&gt;please&lt;/b&gt;</textarea>');
    const newKey = hiddenFields(page.html).find(([n]) => n === '_key')![1];
    expect(newKey).not.toBe(firstKey);

    const fixed = await postForm(link.token, [
      ...hiddenFields(page.html),
      ['a.overall', '2'],
      ['a.wait_minutes', '20'],
    ]);
    expect(fixed.status).toBe(303);
    expect(await responsesFor(link.id)).toBe(1);
  });

  it('an empty post asks for at least one answer', async () => {
    const noneRequired = { ...ALL_TYPES_SURVEY, items: [{ ...ALL_TYPES_SURVEY.items[1]! }] };
    const { link } = await publishedSurveyWithLink(staff, { kind: 'open' }, noneRequired);
    const form = await getForm(link.token);
    const page = await postForm(link.token, hiddenFields(form.html));
    expect(page.status).toBe(400);
    expect(page.html).toContain('<li>Please answer at least one question before sending.</li>');
  });

  it('explains closed, used, expired and unknown links in a plain page (410 or 404)', async () => {
    const unknown = await getForm('x'.repeat(43));
    expect(unknown.status).toBe(404);
    expect(unknown.html).toContain('This survey is no longer open');
    const { survey, link } = await publishedSurveyWithLink(staff, { kind: 'open' });
    const form = await getForm(link.token);
    expect((await staff.request('POST', `/api/v1/surveys/${survey.id}/archive`)).status).toBe(200);
    const closed = await getForm(link.token, '&lang=es');
    expect(closed.status).toBe(410);
    expect(closed.html).toContain('Esta encuesta ya no está abierta');
    const late = await postForm(link.token, [...hiddenFields(form.html), ['a.overall', '3']]);
    expect(late.status).toBe(410);
    expect(late.html).toContain('This survey is no longer open');
    expect(await responsesFor(link.id)).toBe(0);

    const expiring = await publishedSurveyWithLink(staff, { kind: 'open' });
    await app.db
      .update(links)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(links.id, expiring.link.id));
    expect((await getForm(expiring.link.token)).status).toBe(410);
  });

  it('refuses posts that another site’s page sends, and stores nothing', async () => {
    const { link } = await publishedSurveyWithLink(staff, { kind: 'open' });
    const form = await getForm(link.token);
    const fields: TFields = [...hiddenFields(form.html), ['a.overall', '3']];
    const crossSite = await postForm(link.token, fields, { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(crossSite.html).toContain('This form can only be sent from its own page.');
    const sandboxed = await postForm(link.token, fields, { origin: 'null' });
    expect(sandboxed.status).toBe(403);
    expect(await responsesFor(link.id)).toBe(0);
    // The page's own referrer rule makes browsers send the real Origin with same-site posts.
    expect(form.headers.get('referrer-policy')).toBe('same-origin');
  });

  it('refuses NUL characters (400) and bodies over 64 kB (413) with a page, and stores nothing', async () => {
    const { link } = await publishedSurveyWithLink(staff, { kind: 'open' });
    const form = await getForm(link.token);
    const nul = await postForm(link.token, [
      ...hiddenFields(form.html),
      ['a.overall', '3'],
      ['a.better', 'a\u0000b'],
    ]);
    expect(nul.status).toBe(400);
    expect(nul.html).toContain('We could not read the answers that were sent.');
    const big = await postForm(link.token, [
      ...hiddenFields(form.html),
      ['a.overall', '3'],
      ['a.better', 'x'.repeat(70_000)],
    ]);
    expect(big.status).toBe(413);
    expect(big.html).toContain('Your answers are too long to send.');
    expect(await responsesFor(link.id)).toBe(0);
  });

  it('over the per-address limit, says how long to wait and keeps the answers', async () => {
    const strict = await startTestApp({ RATE_LIMIT_SUBMIT_PER_IP: '1' });
    try {
      const { link } = await publishedSurveyWithLink(staff, { kind: 'open' });
      const form = await getForm(link.token, '', {}, strict.url);
      const fields: TFields = [...hiddenFields(form.html), ['a.overall', '3']];
      expect((await postForm(link.token, fields, {}, strict.url)).status).toBe(303);
      const next = await getForm(link.token, '', {}, strict.url);
      const refused = await postForm(
        link.token,
        [...hiddenFields(next.html), ['a.overall', '5'], ['a.better', 'Kept for later']],
        {},
        strict.url,
      );
      expect(refused.status).toBe(429);
      const wait = Number(refused.headers.get('retry-after'));
      expect(wait).toBeGreaterThan(0);
      expect(refused.html).toContain(`Please wait ${wait} seconds, then send your answers again.`);
      expect(refused.html).toContain('>Kept for later</textarea>');
      expect(refused.html).toContain('value="5" checked');
      expect(await responsesFor(link.id)).toBe(1);
    } finally {
      await strict.close();
    }
  });

  it('the JSON page’s /s/{token} without ?form=basic is left to the client pages', async () => {
    const { link } = await publishedSurveyWithLink(staff, { kind: 'open' });
    const res = await fetch(`${app.url}/s/${link.token}`);
    expect(await res.text()).not.toContain('<form method="post"');
  });
});
