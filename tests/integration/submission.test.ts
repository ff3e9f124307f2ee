import { randomUUID } from 'node:crypto';
import { count, eq, sql } from 'drizzle-orm';
import { links, outbox, responseAnswers, responses } from '../../server/src/db/schema';
import { startTestApp, type TTestApp } from '../support/app';
import { createOrg, createStaff, type TOrgFixture } from '../support/fixtures';
import { client, signIn, type TClient } from '../support/http';
import { ALL_TYPES_SURVEY, VALID_ANSWERS, publishedSurveyWithLink } from '../support/surveys';

type TProblemBody = { code: string; invalid_params?: { name: string; reason: string }[] };

let app: TTestApp;
let org: TOrgFixture;
let staff: TClient;
let anon: TClient;

beforeAll(async () => {
  // Many submissions from one address in this file: the per-IP limit has its own tests.
  app = await startTestApp({ RATE_LIMIT_SUBMIT_PER_IP: '1000' });
  org = await createOrg(app.db);
  const lead = await createStaff(app.db, org.organisationId, 'quality_lead');
  staff = await signIn(app.url, lead.email, lead.password);
  anon = client(app.url);
});
afterAll(() => app.close());

async function responsesFor(linkId: string): Promise<number> {
  const [row] = await app.db.select({ n: count() }).from(responses).where(eq(responses.linkId, linkId));
  return row!.n;
}

const submit = (token: string, body: unknown, key: string = randomUUID()) =>
  anon.request<TProblemBody & { id: string }>('POST', `/api/v1/public/surveys/${token}/responses`, body, {
    'idempotency-key': key,
  });

describe('a respondent submission', () => {
  it('is stored with typed answers and an outbox row, against the version it answered', async () => {
    const { link, versionId } = await publishedSurveyWithLink(staff, { kind: 'open', unitId: org.unitId });
    const res = await submit(link.token, { versionId, locale: 'es', answers: VALID_ANSWERS });
    expect(res.status).toBe(201);
    const [stored] = await app.db.select().from(responses).where(eq(responses.id, res.body.id));
    expect(stored).toMatchObject({
      surveyVersionId: versionId,
      unitId: org.unitId,
      locale: 'es',
      linkId: link.id,
    });
    // Nothing about the device is kept: no column could hold it, and no value does.
    const columns = await app.db.execute(
      sql`SELECT column_name FROM information_schema.columns WHERE table_name IN ('responses', 'response_answers')`,
    );
    const names = (columns as unknown as { rows: { column_name: string }[] }).rows.map((r) => r.column_name);
    expect(names.filter((n) => /ip|address|agent|device|name|email/i.test(n))).toEqual([]);
    expect(JSON.stringify(stored)).not.toContain('127.0.0.1');
    const answers = await app.db
      .select()
      .from(responseAnswers)
      .where(eq(responseAnswers.responseId, res.body.id));
    const byId = Object.fromEntries(answers.map((a) => [a.linkId, a]));
    expect(byId.overall!.valueNumber).toBe(4);
    expect(byId.helped!.valueCodes).toEqual(['kind', 'clear']);
    expect(byId.first_visit!.valueBoolean).toBe(false);
    expect(byId.visit_date!.valueDate).toBe('2026-11-20');
    expect(byId.better).toMatchObject({ valueText: 'Shorter waits', textIntent: 'improvement' });
    const queued = await app.db.select().from(outbox).where(eq(outbox.aggregateId, res.body.id));
    expect(queued).toEqual([expect.objectContaining({ topic: 'feedback.analyse', publishedAt: null })]);
  });

  it('is accepted as a FHIR QuestionnaireResponse too', async () => {
    const { link } = await publishedSurveyWithLink(staff, { kind: 'open', unitId: org.unitId });
    const qr = {
      resourceType: 'QuestionnaireResponse',
      status: 'completed',
      language: 'en',
      item: [
        { linkId: 'overall', answer: [{ valueInteger: 5 }] },
        { linkId: 'helped', answer: [{ valueCoding: { code: 'quick' } }, { valueCoding: { code: 'kind' } }] },
        { linkId: 'better', answer: [{ valueString: 'Nothing, all good' }] },
      ],
    };
    const res = await anon.request<{ id: string }>(
      'POST',
      `/api/v1/public/surveys/${link.token}/responses`,
      JSON.stringify(qr),
      { 'content-type': 'application/fhir+json', 'idempotency-key': randomUUID() },
    );
    expect(res.status).toBe(201);
    const answers = await app.db
      .select()
      .from(responseAnswers)
      .where(eq(responseAnswers.responseId, res.body.id));
    expect(answers.find((a) => a.linkId === 'helped')!.valueCodes).toEqual(['quick', 'kind']);
  });
});

describe('FHIR QuestionnaireResponse submissions', () => {
  const postFhir = (token: string, qr: Record<string, unknown>) =>
    anon.request<TProblemBody & { id: string }>(
      'POST',
      `/api/v1/public/surveys/${token}/responses`,
      JSON.stringify({ resourceType: 'QuestionnaireResponse', status: 'completed', ...qr }),
      { 'content-type': 'application/fhir+json', 'idempotency-key': randomUUID() },
    );

  it('a regional language tag falls back to the survey’s language (en-GB answers an en survey)', async () => {
    const { link } = await publishedSurveyWithLink(staff, { kind: 'open', unitId: org.unitId });
    const res = await postFhir(link.token, {
      language: 'en-GB',
      item: [{ linkId: 'overall', answer: [{ valueInteger: 3 }] }],
    });
    expect(res.status).toBe(201);
    const [stored] = await app.db.select().from(responses).where(eq(responses.id, res.body.id));
    expect(stored!.locale).toBe('en');
  });

  it('a questionnaire canonical ending in |<version> is judged by that version, and an unknown one is refused', async () => {
    const { survey, link } = await publishedSurveyWithLink(staff, { kind: 'open', unitId: org.unitId });
    const v2 = { ...ALL_TYPES_SURVEY, items: ALL_TYPES_SURVEY.items.slice(1) };
    const current = await staff.request<{ revision: number }>('GET', `/api/v1/surveys/${survey.id}`);
    await staff.request('PUT', `/api/v1/surveys/${survey.id}`, {
      definition: v2,
      revision: current.body.revision,
    });
    await staff.request('POST', `/api/v1/surveys/${survey.id}/publish`);
    const item = [{ linkId: 'overall', answer: [{ valueInteger: 4 }] }];
    const canonical = `${app.url}/api/v1/surveys/${survey.id}/fhir`;

    expect((await postFhir(link.token, { questionnaire: `${canonical}|1`, item })).status).toBe(201);
    const onLatest = await postFhir(link.token, { item });
    expect(onLatest.status).toBe(400);
    expect(onLatest.body.invalid_params!.map((p) => p.name)).toEqual(['answers.overall']);
    const unknown = await postFhir(link.token, { questionnaire: `${canonical}|99`, item });
    expect(unknown.status).toBe(400);
    expect(unknown.body.invalid_params!.map((p) => p.name)).toEqual(['questionnaire']);
  });

  it('a value of the wrong kind for its question is refused', async () => {
    const { link } = await publishedSurveyWithLink(staff, { kind: 'open', unitId: org.unitId });
    const res = await postFhir(link.token, {
      item: [
        { linkId: 'overall', answer: [{ valueInteger: 3 }] },
        { linkId: 'visit_date', answer: [{ valueString: '2026-11-20' }] },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.invalid_params!.map((p) => p.name)).toEqual(['answers.visit_date']);
  });

  it('a response that is not completed, or nested beyond reason, is refused with 400', async () => {
    const { link } = await publishedSurveyWithLink(staff, { kind: 'open', unitId: org.unitId });
    const draft = await postFhir(link.token, { status: 'in-progress', item: [] });
    expect(draft.status).toBe(400);
    let deep: Record<string, unknown> = { linkId: 'x' };
    for (let i = 0; i < 500; i++) deep = { linkId: `l${i}`, item: [deep] };
    const nested = await postFhir(link.token, { item: [deep] });
    expect(nested.status).toBe(400);
  });
});

describe('bad input is refused with every problem named, and nothing is stored', () => {
  let token: string;
  let linkId: string;
  let versionId: string;
  beforeAll(async () => {
    const made = await publishedSurveyWithLink(staff, { kind: 'open', unitId: org.unitId });
    token = made.link.token;
    linkId = made.link.id;
    versionId = made.versionId;
  });

  const cases: [string, Record<string, unknown>, string[]][] = [
    ['a rating given as text', { overall: 'four' }, ['answers.overall']],
    ['a rating out of range', { overall: 6 }, ['answers.overall']],
    ['a rating that is not whole', { overall: 3.5 }, ['answers.overall']],
    ['a missing required answer', { seen_by: 'nurse' }, ['answers.overall']],
    ['an unknown option', { overall: 3, seen_by: 'surgeon' }, ['answers.seen_by']],
    ['a list for a single choice', { overall: 3, seen_by: ['nurse'] }, ['answers.seen_by']],
    ['an unknown option in a multiple choice', { overall: 3, helped: ['kind', 'magic'] }, ['answers.helped']],
    ['a repeated option in a multiple choice', { overall: 3, helped: ['kind', 'kind'] }, ['answers.helped']],
    [
      'a question that does not exist',
      { overall: 3, favourite_colour: 'blue' },
      ['answers.favourite_colour'],
    ],
    [
      'an answer to a question not asked',
      { overall: 3, first_visit: true, why_not_first: 'x' },
      ['answers.why_not_first'],
    ],
    [
      'text over its length limit',
      { overall: 3, first_visit: false, why_not_first: 'x'.repeat(201) },
      ['answers.why_not_first'],
    ],
    ['a whole number that is not whole', { overall: 3, wait_minutes: 2.5 }, ['answers.wait_minutes']],
    ['a number below its minimum', { overall: 3, wait_minutes: -1 }, ['answers.wait_minutes']],
    ['a decimal above its maximum', { overall: 3, temperature: 99 }, ['answers.temperature']],
    ['an impossible date', { overall: 3, visit_date: '2026-02-30' }, ['answers.visit_date']],
    ['a date in year 0', { overall: 3, visit_date: '0000-01-01' }, ['answers.visit_date']],
    ['a yes/no given as text', { overall: 3, first_visit: 'yes' }, ['answers.first_visit']],
    [
      'several problems at once',
      { overall: 9, seen_by: 'surgeon', wait_minutes: 'long' },
      ['answers.overall', 'answers.seen_by', 'answers.wait_minutes'],
    ],
  ];

  it.each(cases)('%s', async (_name, answers, names) => {
    const res = await submit(token, { versionId, answers });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.invalid_params!.map((p) => p.name).sort()).toEqual([...names].sort());
    expect(await responsesFor(linkId)).toBe(0);
  });

  it('a locale the survey does not offer', async () => {
    const res = await submit(token, { versionId, locale: 'fr', answers: { overall: 3 } });
    expect(res.status).toBe(400);
    expect(res.body.invalid_params!.map((p) => p.name)).toEqual(['locale']);
  });

  it('a version that is not one of this survey', async () => {
    const res = await submit(token, { versionId: randomUUID(), answers: { overall: 3 } });
    expect(res.status).toBe(400);
    expect(res.body.invalid_params!.map((p) => p.name)).toEqual(['versionId']);
  });

  it('fields the contract does not know', async () => {
    const res = await submit(token, { versionId, answers: { overall: 3 }, name: 'Jane Patient' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
  });

  it('a body that is not JSON', async () => {
    const res = await fetch(`${app.url}/api/v1/public/surveys/${token}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"answers": {',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as TProblemBody).code).toBe('validation_failed');
  });

  it('text holding a NUL character, which the database cannot store', async () => {
    const res = await submit(token, { versionId, answers: { overall: 3, better: 'a\u0000b' } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
  });

  it('a malformed Idempotency-Key', async () => {
    const res = await submit(token, { versionId, answers: { overall: 3 } }, 'short');
    expect(res.status).toBe(400);
    expect(res.body.invalid_params!.map((p) => p.name)).toEqual(['Idempotency-Key']);
  });

  it('a body over the size limit gets 413', async () => {
    const res = await submit(token, { versionId, answers: { overall: 3, better: 'x'.repeat(300_000) } });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('payload_too_large');
  });

  afterAll(async () => {
    expect(await responsesFor(linkId)).toBe(0);
  });
});

describe('links that no longer take answers', () => {
  it('an unknown token answers 404', async () => {
    const res = await submit('x'.repeat(43), { answers: { overall: 3 } });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
  });

  it('an expired link answers 410 to a submission and stores nothing', async () => {
    const { link } = await publishedSurveyWithLink(staff, { kind: 'open', unitId: org.unitId });
    await app.db
      .update(links)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(links.id, link.id));
    const res = await submit(link.token, { answers: { overall: 3 } });
    expect(res.status).toBe(410);
    expect(res.body.code).toBe('gone');
    expect(await responsesFor(link.id)).toBe(0);
  });

  it('an archived survey answers 410 and stores nothing', async () => {
    const { survey, link } = await publishedSurveyWithLink(staff, { kind: 'open', unitId: org.unitId });
    expect((await staff.request('POST', `/api/v1/surveys/${survey.id}/archive`)).status).toBe(200);
    const res = await submit(link.token, { answers: { overall: 3 } });
    expect(res.status).toBe(410);
    expect(await responsesFor(link.id)).toBe(0);
  });

  it('a page showing an older version is judged by that version; without one, by the latest', async () => {
    const {
      survey,
      link,
      versionId: v1,
    } = await publishedSurveyWithLink(staff, { kind: 'open', unitId: org.unitId });
    const v2 = { ...ALL_TYPES_SURVEY, items: ALL_TYPES_SURVEY.items.slice(1) };
    const current = await staff.request<{ revision: number }>('GET', `/api/v1/surveys/${survey.id}`);
    await staff.request('PUT', `/api/v1/surveys/${survey.id}`, {
      definition: v2,
      revision: current.body.revision,
    });
    const published = await staff.request<{ version: number }>(
      'POST',
      `/api/v1/surveys/${survey.id}/publish`,
    );
    expect(published.body.version).toBe(2);

    const onV1 = await submit(link.token, { versionId: v1, answers: { overall: 3 } });
    expect(onV1.status).toBe(201);
    const [stored] = await app.db.select().from(responses).where(eq(responses.id, onV1.body.id));
    expect(stored!.surveyVersionId).toBe(v1);

    const onLatest = await submit(link.token, { answers: { overall: 3 } });
    expect(onLatest.status).toBe(400);
    expect(onLatest.body.invalid_params!.map((p) => p.name)).toEqual(['answers.overall']);
  });
});
