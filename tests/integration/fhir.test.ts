import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { TLink, TSurvey } from '../../shared/src/api/surveys';
import type { TProblem } from '../../shared/src/errors';
import { commentAnalyses } from '../../server/src/db/analysis.schema';
import { auditLog } from '../../server/src/db/schema';
import { startTestApp, type TTestApp } from '../support/app';
import { FHIR_DATA, FHIR_FIXTURES, fhirSchemaValidator, readJson } from '../support/fhir-schema';
import { createOrg, createStaff, type TOrgFixture } from '../support/fixtures';
import { client, signIn, type TClient } from '../support/http';
import { redact } from '../../workers/src/analysis/redaction';

type TImported = TSurvey & { unsupported: { path: string; reason: string }[] };
type TBundle = {
  resourceType: string;
  type: string;
  total: number;
  entry: { resource: Record<string, unknown> }[];
};

let app: TTestApp;
let org: TOrgFixture;
let lead: TClient;
let viewer: TClient;

const FHIR_JSON = { 'content-type': 'application/fhir+json' };
const official = (name: string) => readJson(path.join(FHIR_DATA, name));
const fixture = (name: string) => readJson(path.join(FHIR_FIXTURES, name));

beforeAll(async () => {
  // Compiling the official schema takes seconds of CPU: before the app, so no request waits on it.
  fhirSchemaValidator('Questionnaire');
  fhirSchemaValidator('Bundle');
  app = await startTestApp();
  org = await createOrg(app.db);
  const l = await createStaff(app.db, org.organisationId, 'quality_lead');
  const v = await createStaff(app.db, org.organisationId, 'viewer');
  lead = await signIn(app.url, l.email, l.password);
  viewer = await signIn(app.url, v.email, v.password);
});

afterAll(async () => {
  await app?.close();
});

const importForm = (as: TClient, body: unknown) =>
  as.request<TImported & Pick<TProblem, 'invalid_params'>>(
    'POST',
    '/api/v1/surveys/import',
    JSON.stringify(body),
    FHIR_JSON,
  );

async function publishWithLink(surveyId: string): Promise<TLink> {
  expect((await lead.request('POST', `/api/v1/surveys/${surveyId}/publish`)).status).toBe(201);
  const link = await lead.request<TLink>('POST', `/api/v1/surveys/${surveyId}/links`, {
    kind: 'open',
    unitId: org.unitId,
  });
  expect(link.status).toBe(201);
  return link.body;
}

const submitFhir = (token: string, qr: Record<string, unknown>) =>
  client(app.url).request<{ id: string } & TProblem>(
    'POST',
    `/api/v1/public/surveys/${token}/responses`,
    JSON.stringify({ resourceType: 'QuestionnaireResponse', status: 'completed', ...qr }),
    { ...FHIR_JSON, 'idempotency-key': randomUUID() },
  );

describe('POST /surveys/import', () => {
  it('a quality lead imports the US Core PHQ-9 as a draft survey, told what was not kept, and it is audited', async () => {
    const res = await importForm(lead, official('questionnaires/uscore--Questionnaire-phq-9-example.json'));
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/api/v1/surveys/${res.body.id}`);
    expect(res.body).toMatchObject({ status: 'draft', title: 'PHQ-9 Example' });
    expect(res.body.unsupported).toContainEqual({ path: 'Questionnaire.copyright', reason: 'not kept' });
    const audit = await app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, res.body.id), eq(auditLog.action, 'survey.imported')));
    expect(audit).toHaveLength(1);
  });

  it('a viewer, who may not create surveys, may not import one', async () => {
    const res = await importForm(viewer, fixture('gad-7.questionnaire.json'));
    expect(res.status).toBe(403);
  });

  it('an import that would change the form’s meaning is refused as problem+json with every reason', async () => {
    const res = await importForm(lead, {
      resourceType: 'Questionnaire',
      status: 'active',
      item: [
        { linkId: 'at', type: 'time', text: 'What time?' },
        {
          linkId: 'why',
          type: 'string',
          text: 'Why?',
          enableWhen: [{ question: 'at', operator: 'exists', answerBoolean: true }],
        },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.invalid_params).toEqual([
      { name: 'why.enableWhen[0]', reason: expect.stringContaining('"at"') },
    ]);
  });
});

describe('GET /surveys/{id}/fhir', () => {
  it('exports the draft, then the published version under a versioned canonical; both pass the R4 schema and import back the same', async () => {
    const imported = await importForm(lead, fixture('family-history.questionnaire.json'));
    const id = imported.body.id;
    const draft = await lead.request<Record<string, unknown>>('GET', `/api/v1/surveys/${id}/fhir`);
    expect(draft.status).toBe(200);
    expect(draft.headers.get('content-type')).toContain('application/fhir+json');
    expect(draft.body).toMatchObject({ resourceType: 'Questionnaire', status: 'draft' });
    expect(draft.body).not.toHaveProperty('version');
    await publishWithLink(id);
    const published = await viewer.request<Record<string, unknown>>('GET', `/api/v1/surveys/${id}/fhir`);
    expect(published.body).toMatchObject({
      status: 'active',
      version: '1',
      url: `${app.url}/api/v1/surveys/${id}/fhir`,
    });
    const validate = fhirSchemaValidator('Questionnaire');
    expect(validate(published.body) ? [] : validate.errors).toEqual([]);
    const again = await importForm(lead, published.body);
    expect(again.status).toBe(201);
    expect(again.body.draft).toEqual(imported.body.draft);
  });
});

describe('QuestionnaireResponse submissions to an imported form', () => {
  it.each([
    ['uscore--Questionnaire-phq-9-example.json', 'uscore--QuestionnaireResponse-phq-9-example.json'],
    ['uscore--Questionnaire-AUDIT-C.json', 'uscore--QuestionnaireResponse-AUDIT-C.json'],
  ])('the official response to %s is accepted as sent', async (q, r) => {
    const imported = await importForm(lead, official(`questionnaires/${q}`));
    const link = await publishWithLink(imported.body.id);
    const res = await client(app.url).request<{ id: string }>(
      'POST',
      `/api/v1/public/surveys/${link.token}/responses`,
      JSON.stringify(official(`responses/${r}`)),
      { ...FHIR_JSON, 'idempotency-key': randomUUID() },
    );
    expect(res.status).toBe(201);
  });

  it('GAD-7’s response is stored; one that contradicts the form is refused with every problem', async () => {
    const imported = await importForm(lead, fixture('gad-7.questionnaire.json'));
    const link = await publishWithLink(imported.body.id);
    const qr = fixture('gad-7.response.json');
    expect((await submitFhir(link.token, { item: qr.item })).status).toBe(201);
    const bad = await submitFhir(link.token, {
      item: [
        {
          linkId: '/69731-8',
          item: [{ linkId: '/69725-0', answer: [{ valueCoding: { code: 'LA0000-0' } }] }],
        },
        { linkId: '/69722-7', answer: [{ valueCoding: { code: 'LA6573-5' } }] },
      ],
    });
    expect(bad.status).toBe(400);
    const names = bad.body.invalid_params!.map((p) => p.name);
    expect(names).toEqual([
      'answers./69725-0',
      'answers./68509-9',
      'answers./69733-4',
      'answers./69734-2',
      'answers./69735-9',
      'answers./69689-8',
      'answers./69736-7',
    ]);
  });
});

describe('GET /surveys/{id}/responses.fhir', () => {
  let surveyId: string;
  beforeAll(async () => {
    const imported = await importForm(lead, fixture('translated-fft.questionnaire.json'));
    surveyId = imported.body.id;
    const link = await publishWithLink(surveyId);
    const comments = ['Call me on 07700 900123, the nurse was rude', 'Lovely staff', 'Not analysed yet'];
    for (const why of comments) {
      const res = await submitFhir(link.token, {
        language: 'es',
        item: [
          {
            linkId: 'fft',
            answer: [{ valueCoding: { system: 'http://example.org/CodeSystem/fft', code: '2' } }],
          },
          { linkId: 'why', answer: [{ valueString: why }] },
          { linkId: 'about', item: [{ linkId: 'age', answer: [{ valueString: '18 to 64' }] }] },
        ],
      });
      expect(res.status).toBe(201);
      // What the analysis stores for a comment (the worker's own redaction), for all but the last.
      if (why === comments[2]) continue;
      const redacted = redact(why);
      await app.db.insert(commentAnalyses).values({
        responseId: res.body.id,
        linkId: 'why',
        redactedText: redacted.text,
        redactions: redacted.found,
        sentiment: 'neutral',
        sentimentScore: 0,
        themes: [],
        frictionThemes: [],
        urgent: false,
        urgencyReasons: [],
      });
    }
  });

  it('streams a searchset Bundle the R4 schema accepts, with free text only as redacted, and audits the read', async () => {
    const res = await lead.request<TBundle>('GET', `/api/v1/surveys/${surveyId}/responses.fhir`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/fhir+json');
    expect(res.body).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 3 });
    const validate = fhirSchemaValidator('Bundle');
    expect(validate(res.body) ? [] : validate.errors).toEqual([]);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain('07700');
    expect(text).toContain('[PHONE]');
    expect(text).not.toContain('Not analysed yet');
    expect(res.body.entry[2]!.resource.item).toContainEqual({
      linkId: 'why',
      extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'masked' }],
    });
    const first = res.body.entry[0]!.resource;
    expect(first).toMatchObject({
      resourceType: 'QuestionnaireResponse',
      questionnaire: `${app.url}/api/v1/surveys/${surveyId}/fhir|1`,
      language: 'es',
      item: [
        { linkId: 'fft', answer: [{ valueCoding: { code: '2', display: 'Good' } }] },
        { linkId: 'why' },
        { linkId: 'about', item: [{ linkId: 'age', answer: [{ valueString: '18 to 64' }] }] },
      ],
    });
    const audit = await app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, surveyId), eq(auditLog.action, 'responses.exported')));
    expect(audit.length).toBeGreaterThan(0);
  });

  it('filters by unit and by date', async () => {
    const other = await lead.request<TBundle>(
      'GET',
      `/api/v1/surveys/${surveyId}/responses.fhir?unitId=${org.otherUnitId}`,
    );
    expect(other.body).toMatchObject({ total: 0, entry: [] });
    const mine = await lead.request<TBundle>(
      'GET',
      `/api/v1/surveys/${surveyId}/responses.fhir?unitId=${org.unitId}&from=2020-01-01`,
    );
    expect(mine.body.total).toBe(3);
    const past = await lead.request<TBundle>(
      'GET',
      `/api/v1/surveys/${surveyId}/responses.fhir?from=2020-01-01&to=2020-12-31`,
    );
    expect(past.body.total).toBe(0);
  });

  it('is for admins and quality leads only', async () => {
    expect((await viewer.request('GET', `/api/v1/surveys/${surveyId}/responses.fhir`)).status).toBe(403);
  });
});

it('both FHIR paths and the response export are in /api/docs', async () => {
  const docs = await client(app.url).request<{ paths: Record<string, unknown> }>('GET', '/api/docs');
  expect(Object.keys(docs.body.paths)).toEqual(
    expect.arrayContaining(['/surveys/import', '/surveys/{id}/fhir', '/surveys/{id}/responses.fhir']),
  );
});
