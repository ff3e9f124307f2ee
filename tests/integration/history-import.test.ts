import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type {
  TResponseImport,
  TResponseImportResult,
  TResponseImportSummary,
} from '../../shared/src/api/imports';
import type { TChange } from '../../shared/src/api/org';
import type { TSurvey } from '../../shared/src/api/surveys';
import type { TSurveyDefinition } from '../../shared/src/survey/definition';
import { queryRows } from '../../server/src/db/client';
import { auditLog, outbox, responseAnswers, responseImports, responses } from '../../server/src/db/schema';
import type { TRunningWorkers } from '../../workers/src/main';
import { startTestApp, type TTestApp } from '../support/app';
import { createOrg, createStaff, uniq, type TOrgFixture } from '../support/fixtures';
import { signIn, type TClient } from '../support/http';
import { ALL_TYPES_SURVEY, FEEDBACK_SURVEY } from '../support/surveys';
import { startTestWorkers, waitFor } from '../support/workers';

type TProblemBody = { code: string; detail: string; invalid_params?: { name: string; reason: string }[] };

let app: TTestApp;
let workers: TRunningWorkers;
let org: TOrgFixture;
let elsewhere: TOrgFixture;
let admin: TClient;
let lead: TClient;

beforeAll(async () => {
  app = await startTestApp();
  workers = await startTestWorkers(app);
  org = await createOrg(app.db);
  elsewhere = await createOrg(app.db);
  const a = await createStaff(app.db, org.organisationId, 'admin');
  const l = await createStaff(app.db, org.organisationId, 'quality_lead');
  admin = await signIn(app.url, a.email, a.password);
  lead = await signIn(app.url, l.email, l.password);
});

afterAll(async () => {
  await workers?.stop();
  await app?.close();
});

/** Noon UTC `days` ago: the same calendar day in the organisation's time zone (Europe/London). */
const daysAgo = (days: number): string => {
  const d = new Date(Date.now() - days * 86_400_000);
  d.setUTCHours(12, 0, 0, 0);
  return d.toISOString();
};

async function publish(
  definition: TSurveyDefinition = ALL_TYPES_SURVEY,
): Promise<{ id: string; versionId: string }> {
  const created = await admin.request<TSurvey>('POST', '/api/v1/surveys', { definition });
  const published = await admin.request<{ id: string }>('POST', `/api/v1/surveys/${created.body.id}/publish`);
  return { id: created.body.id, versionId: published.body.id };
}

const ndjson = (rows: unknown[]): string => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

function upload<T = TResponseImportResult>(
  staff: TClient,
  surveyId: string,
  body: string,
  contentType = 'application/x-ndjson',
  query = '',
) {
  return staff.request<T & TProblemBody>(
    'POST',
    `/api/v1/surveys/${surveyId}/responses/import${query}`,
    body,
    {
      'content-type': contentType,
    },
  );
}

const storedFor = (surveyId: string) =>
  app.db.select().from(responses).where(eq(responses.surveyId, surveyId)).orderBy(responses.externalId);

describe('importing history as NDJSON', () => {
  it('stores each row as a live submission is stored, dated by submittedAt, with an outbox row for analysis', async () => {
    const survey = await publish();
    const change = await admin.request<TChange>('POST', '/api/v1/changes', {
      name: 'Kiosk',
      kind: 'kiosk',
      goLiveDate: daysAgo(30).slice(0, 10),
      unitIds: [org.unitId],
    });
    const rows = [
      { externalId: 'a-1', submittedAt: daysAgo(400), unitId: org.unitId, answers: { overall: 4 } },
      {
        externalId: 'a-2',
        submittedAt: '2025-03-02T09:30:00+01:00',
        unitId: org.unitId,
        changeId: change.body.id,
        locale: 'es',
        answers: { overall: 2, helped: ['kind', 'clear'], first_visit: false, why_not_first: ' Good care ' },
      },
    ];
    const res = await upload(lead, survey.id, ndjson(rows));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rows: 2, imported: 2, duplicates: 0, rejected: 0, errors: [] });

    const stored = await storedFor(survey.id);
    expect(stored).toEqual([
      expect.objectContaining({
        externalId: 'a-1',
        linkId: null,
        unitId: org.unitId,
        changeId: null,
        locale: 'en',
        importId: res.body.importId,
        surveyVersionId: survey.versionId,
        submittedAt: new Date(rows[0]!.submittedAt),
      }),
      expect.objectContaining({
        externalId: 'a-2',
        changeId: change.body.id,
        locale: 'es',
        submittedAt: new Date('2025-03-02T08:30:00Z'),
      }),
    ]);
    const answers = await app.db
      .select()
      .from(responseAnswers)
      .where(eq(responseAnswers.responseId, stored[1]!.id));
    const byId = Object.fromEntries(answers.map((a) => [a.linkId, a]));
    expect(byId.overall!.valueNumber).toBe(2);
    expect(byId.helped!.valueCodes).toEqual(['kind', 'clear']);
    expect(byId.first_visit!.valueBoolean).toBe(false);
    expect(byId.why_not_first).toMatchObject({ valueText: 'Good care', textIntent: 'general' });
    const queued = await app.db
      .select()
      .from(outbox)
      .where(
        inArray(
          outbox.aggregateId,
          stored.map((s) => s.id),
        ),
      );
    expect(queued.map((q) => q.topic)).toEqual(['feedback.analyse', 'feedback.analyse']);
  });

  it('the same file imported again stores nothing new: every row is a duplicate, as is a repeated externalId', async () => {
    const survey = await publish();
    const row = (externalId: string, overall: number) => ({
      externalId,
      submittedAt: daysAgo(3),
      unitId: org.unitId,
      answers: { overall },
    });
    const file = ndjson([row('d-1', 5), row('d-2', 4), row('d-1', 1)]);
    const first = await upload(lead, survey.id, file);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ imported: 2, duplicates: 1, rejected: 0 });
    const again = await upload(lead, survey.id, file);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ imported: 0, duplicates: 3, rejected: 0 });
    const stored = await storedFor(survey.id);
    expect(stored.map((s) => s.externalId)).toEqual(['d-1', 'd-2']);
    const [first1] = await app.db
      .select()
      .from(responseAnswers)
      .where(eq(responseAnswers.responseId, stored[0]!.id));
    expect(first1!.valueNumber).toBe(5);
  });

  it('refuses bad rows one by one, with their line and every reason (207), and stores the good ones', async () => {
    const survey = await publish();
    const other = await admin.request<TChange>('POST', '/api/v1/changes', {
      name: 'Scribe',
      kind: 'ai_tool',
      goLiveDate: daysAgo(10).slice(0, 10),
      unitIds: [org.otherUnitId],
    });
    const ok = { submittedAt: daysAgo(5), unitId: org.unitId, answers: { overall: 3 } };
    const lines = [
      JSON.stringify({ ...ok, externalId: 'good-1' }),
      JSON.stringify({
        ...ok,
        externalId: 'future',
        submittedAt: new Date(Date.now() + 3_600_000).toISOString(),
      }),
      JSON.stringify({ ...ok, externalId: 'old', submittedAt: daysAgo(11 * 366) }),
      '',
      JSON.stringify({ ...ok, externalId: 'elsewhere', unitId: elsewhere.unitId }),
      JSON.stringify({ ...ok, externalId: 'option', answers: { overall: 3, seen_by: 'surgeon' } }),
      JSON.stringify({ ...ok, externalId: 'required', answers: { seen_by: 'nurse' } }),
      JSON.stringify({ ...ok, externalId: 'change', changeId: other.body.id }),
      '{not json',
      JSON.stringify({ ...ok, externalId: 'no-date', submittedAt: '2024-13-01' }),
      JSON.stringify({ ...ok, externalId: 'good-2' }),
    ];
    const res = await upload(lead, survey.id, lines.join('\r\n'));
    expect(res.status).toBe(207);
    expect(res.body).toMatchObject({ rows: 10, imported: 2, duplicates: 0, rejected: 8 });
    expect(res.body.errors).toEqual([
      { line: 2, problems: [{ name: 'submittedAt', reason: 'is in the future' }] },
      {
        line: 3,
        problems: [{ name: 'submittedAt', reason: expect.stringContaining('more than 10 years ago') }],
      },
      { line: 5, problems: [{ name: 'unitId', reason: 'is not a unit of your organisation in your scope' }] },
      { line: 6, problems: [{ name: 'answers.seen_by', reason: '"surgeon" is not one of the options' }] },
      { line: 7, problems: [{ name: 'answers.overall', reason: 'is required' }] },
      { line: 8, problems: [{ name: 'changeId', reason: 'does not touch this unit' }] },
      { line: 9, problems: [{ name: 'row', reason: 'is not a JSON object' }] },
      { line: 10, problems: [{ name: 'submittedAt', reason: expect.any(String) }] },
    ]);
    expect((await storedFor(survey.id)).map((s) => s.externalId)).toEqual(['good-1', 'good-2']);
  });

  it('a body that is not NDJSON or CSV at all is refused whole with a 400 problem, and nothing is stored', async () => {
    const survey = await publish();
    const row = { externalId: 'x', submittedAt: daysAgo(1), unitId: org.unitId, answers: { overall: 3 } };
    const notLines = await upload(lead, survey.id, JSON.stringify([row, row], null, 2));
    expect(notLines.status).toBe(400);
    expect(notLines.headers.get('content-type')).toContain('application/problem+json');
    expect(notLines.body).toMatchObject({ code: 'validation_failed', invalid_params: [{ name: 'body' }] });
    const wrongType = await upload(lead, survey.id, ndjson([row]), 'text/plain');
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.invalid_params).toEqual([{ name: 'Content-Type', reason: expect.any(String) }]);
    const empty = await upload(lead, survey.id, '\n\n');
    expect(empty.status).toBe(400);
    const badHeader = await upload(
      lead,
      survey.id,
      'external_id,submitted_at,mood\nx,2024-01-01T00:00:00Z,3\n',
      'text/csv',
    );
    expect(badHeader.status).toBe(400);
    expect(badHeader.body.invalid_params).toEqual([
      { name: 'mood', reason: expect.stringContaining('not a column') },
      { name: 'unit_id', reason: 'is a required column' },
    ]);
    expect(await storedFor(survey.id)).toEqual([]);
    expect(
      await app.db.select().from(responseImports).where(eq(responseImports.surveyId, survey.id)),
    ).toEqual([]);
  });
});

describe('importing history as CSV', () => {
  it('reads each cell by its question’s type: numbers, yes/no, codes joined by |, dates, quoted text', async () => {
    const survey = await publish();
    const csv = [
      'external_id,submitted_at,unit_id,change_id,overall,seen_by,helped,first_visit,why_not_first,wait_minutes,temperature,visit_date,better',
      `c-1,${daysAgo(20)},${org.unitId},,5,nurse,kind|quick,no,"Came back, again",15,36.6,2025-11-20,"Line one`,
      `line two"`,
      `c-2,${daysAgo(21)},${org.unitId},,3,,,yes,,,,,`,
      `c-3,${daysAgo(22)},${org.unitId},,six,doctor,,maybe,,,,,`,
      `c-4,${daysAgo(22)},${org.unitId}`,
    ].join('\n');
    const res = await upload(lead, survey.id, csv, 'text/csv; charset=utf-8');
    expect(res.status).toBe(207);
    expect(res.body).toMatchObject({ rows: 4, imported: 2, rejected: 2 });
    expect(res.body.errors).toEqual([
      {
        line: 5,
        problems: [
          { name: 'answers.overall', reason: 'must be a whole number from 1 to 5' },
          { name: 'answers.first_visit', reason: 'must be true or false' },
        ],
      },
      { line: 6, problems: [{ name: 'row', reason: 'has 3 cells where the header has 13' }] },
    ]);
    const [c1] = await storedFor(survey.id);
    const answers = await app.db.select().from(responseAnswers).where(eq(responseAnswers.responseId, c1!.id));
    const byId = Object.fromEntries(answers.map((a) => [a.linkId, a]));
    expect(byId.overall!.valueNumber).toBe(5);
    expect(byId.seen_by!.valueCodes).toEqual(['nurse']);
    expect(byId.helped!.valueCodes).toEqual(['kind', 'quick']);
    expect(byId.first_visit!.valueBoolean).toBe(false);
    expect(byId.why_not_first!.valueText).toBe('Came back, again');
    expect(byId.temperature!.valueNumber).toBe(36.6);
    expect(byId.visit_date!.valueDate).toBe('2025-11-20');
    expect(byId.better!.valueText).toBe('Line one\nline two');
  });

  it('an import that fails part-way is marked failed; the batches already stored stay, and a retry completes it', async () => {
    const survey = await publish(FEEDBACK_SURVEY);
    const header = 'external_id,submitted_at,unit_id,nps';
    const body = Array.from({ length: 1500 }, (_, i) => `f-${i},${daysAgo(2)},${org.unitId},${i % 11}`);
    const broken = [header, ...body, 'f-x,"unclosed'].join('\n');
    const res = await upload(lead, survey.id, broken, 'text/csv');
    expect(res.status).toBe(400);
    expect(res.body.detail).toBe('The CSV file cannot be read');
    const [record] = await app.db
      .select()
      .from(responseImports)
      .where(eq(responseImports.surveyId, survey.id));
    expect(record).toMatchObject({ status: 'failed', imported: 1000, rows: 1000 });
    expect(record!.finishedAt).not.toBeNull();

    const retry = await upload(lead, survey.id, [header, ...body].join('\n'), 'text/csv');
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ imported: 500, duplicates: 1000 });
  });
});

describe('who may import', () => {
  it('only admins and organisation-wide quality leads: clinicians, viewers and a unit’s lead are refused', async () => {
    const survey = await publish();
    const file = ndjson([
      { externalId: uniq(), submittedAt: daysAgo(1), unitId: org.unitId, answers: { overall: 3 } },
    ]);
    const roles = [
      ['clinician', { level: 'organisation' }],
      ['viewer', { level: 'organisation' }],
      ['quality_lead', { level: 'unit', id: org.unitId }],
    ] as const;
    for (const [role, scope] of roles) {
      const user = await createStaff(app.db, org.organisationId, role, scope);
      const staff = await signIn(app.url, user.email, user.password);
      expect([role, (await upload(staff, survey.id, file)).status]).toEqual([role, 403]);
      expect([role, (await staff.request('GET', `/api/v1/surveys/${survey.id}/imports`)).status]).toEqual([
        role,
        403,
      ]);
    }
    expect((await upload(admin, survey.id, file)).status).toBe(200);
  });

  it('a survey of another organisation is not found', async () => {
    const outsider = await createStaff(app.db, elsewhere.organisationId, 'admin');
    const staff = await signIn(app.url, outsider.email, outsider.password);
    const survey = await publish();
    const res = await upload(staff, survey.id, ndjson([{ externalId: 'x' }]));
    expect(res.status).toBe(404);
  });

  it('each import is audited with its counts, never its answers or ids', async () => {
    const survey = await publish();
    const res = await upload(
      lead,
      survey.id,
      ndjson([
        {
          externalId: 'secret-id-1',
          submittedAt: daysAgo(1),
          unitId: org.unitId,
          answers: { overall: 3, better: 'Secret text' },
        },
        { externalId: 'secret-id-2', submittedAt: daysAgo(1), unitId: org.unitId, answers: { overall: 9 } },
      ]),
    );
    expect(res.status).toBe(207);
    const [entry] = await app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'responses.imported'), eq(auditLog.targetId, survey.id)));
    expect(entry!.detail).toEqual({
      importId: res.body.importId,
      status: 'done',
      rows: 2,
      imported: 1,
      duplicates: 0,
      rejected: 1,
    });
    expect(JSON.stringify(entry)).not.toMatch(/secret/i);
  });
});

describe('analysis of imported history', () => {
  it('workers analyse imported rows, the rollup of their past day counts them, and progress says how many are analysed', async () => {
    const survey = await publish(FEEDBACK_SURVEY);
    const day = daysAgo(40);
    const rows = Array.from({ length: 30 }, (_, i) => ({
      externalId: `an-${i}`,
      submittedAt: day,
      unitId: org.otherUnitId,
      answers: { fft: i % 3 === 0 ? 'poor' : 'good', nps: i % 11, good: 'The nurses were kind and quick' },
    }));
    const res = await upload(
      admin,
      survey.id,
      ndjson(rows),
      'application/x-ndjson',
      `?versionId=${survey.versionId}`,
    );
    expect(res.status).toBe(200);

    let progress: TResponseImport | undefined;
    await waitFor(
      'the imported rows to be analysed',
      async () => {
        progress = (await admin.request<TResponseImport>('GET', `/api/v1/imports/${res.body.importId}`)).body;
        return progress.analysed === 30;
      },
      60_000,
    );
    expect(progress).toMatchObject({
      id: res.body.importId,
      surveyId: survey.id,
      status: 'done',
      rows: 30,
      imported: 30,
      analysed: 30,
    });
    const rollup = await queryRows<{ day: string; responses: number; comments: number }>(
      app.db,
      sql`SELECT day::text AS day, responses, comments FROM rollup_responses
          WHERE span = 'day' AND survey_id = ${survey.id} AND unit_id = ${org.otherUnitId}`,
    );
    expect(rollup).toEqual([{ day: day.slice(0, 10), responses: 30, comments: 30 }]);

    const list = await admin.request<{ items: TResponseImportSummary[] }>(
      'GET',
      `/api/v1/surveys/${survey.id}/imports`,
    );
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: res.body.importId, status: 'done', imported: 30, format: 'ndjson' }),
    ]);
    expect((await admin.request('GET', `/api/v1/imports/${randomUUID()}`)).status).toBe(404);
  }, 90_000);
});

describe('an upload cut off part-way', () => {
  it('leaves the import failed, with the batches stored before the cut', async () => {
    const survey = await publish(FEEDBACK_SURVEY);
    const line = (i: number) =>
      JSON.stringify({
        externalId: `cut-${i}`,
        submittedAt: daysAgo(1),
        unitId: org.unitId,
        answers: { nps: 7 },
      });
    const req = http.request(`${app.url}/api/v1/surveys/${survey.id}/responses/import`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-ndjson',
        cookie: lead.cookie!,
        'x-csrf-token': lead.csrfToken!,
      },
    });
    req.on('error', () => undefined);
    req.write(Array.from({ length: 1200 }, (_, i) => line(i)).join('\n') + '\n');
    const imports = () =>
      app.db.select().from(responseImports).where(eq(responseImports.surveyId, survey.id));
    await waitFor('the first batch', async () => (await imports())[0]?.imported === 1000);
    req.destroy();
    await waitFor('the import to be marked failed', async () => (await imports())[0]?.status === 'failed');
    expect((await storedFor(survey.id)).length).toBe(1000);
  });
});
