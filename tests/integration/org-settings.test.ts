import { and, eq } from 'drizzle-orm';
import type { TResponseImportResult } from '../../shared/src/api/imports';
import type { TAnalysisSettings } from '../../shared/src/api/org';
import type { TSurvey } from '../../shared/src/api/surveys';
import { auditLog, organisations } from '../../server/src/db/schema';
import { startTestApp, type TTestApp } from '../support/app';
import { createOrg, createStaff, type TOrgFixture } from '../support/fixtures';
import { signIn, type TClient } from '../support/http';
import { FEEDBACK_SURVEY } from '../support/surveys';

type TProblemBody = { code: string; invalid_params?: { name: string; reason: string }[] };

let app: TTestApp;
let org: TOrgFixture;
let admin: TClient;
let viewer: TClient;
let wardLead: TClient;

beforeAll(async () => {
  app = await startTestApp();
  org = await createOrg(app.db);
  const a = await createStaff(app.db, org.organisationId, 'admin');
  const v = await createStaff(app.db, org.organisationId, 'viewer');
  const l = await createStaff(app.db, org.organisationId, 'quality_lead', { level: 'unit', id: org.unitId });
  admin = await signIn(app.url, a.email, a.password);
  viewer = await signIn(app.url, v.email, v.password);
  wardLead = await signIn(app.url, l.email, l.password);
});

afterAll(async () => {
  await app?.close();
});

const yearsAgo = (years: number, days = 0): string => {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString();
};

const ndjson = (rows: unknown[]): string => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

describe('change-analysis settings', () => {
  it('an administrator reads the defaults, changes them, and the change is audited and stored', async () => {
    const defaults = await admin.request<TAnalysisSettings>('GET', '/api/v1/org/analysis');
    expect(defaults.status).toBe(200);
    expect(defaults.body).toEqual({ historyYears: 10, impactMinEffect: 10 });
    expect((await viewer.request('GET', '/api/v1/org/analysis')).body).toEqual(defaults.body);

    const saved = await admin.request<TAnalysisSettings>('PUT', '/api/v1/org/analysis', {
      historyYears: 3,
      impactMinEffect: 5,
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ historyYears: 3, impactMinEffect: 5 });
    expect((await viewer.request('GET', '/api/v1/org/analysis')).body).toEqual({
      historyYears: 3,
      impactMinEffect: 5,
    });
    const [row] = await app.db
      .select({ historyYears: organisations.historyYears, impactMinEffect: organisations.impactMinEffect })
      .from(organisations)
      .where(eq(organisations.id, org.organisationId));
    expect(row).toEqual({ historyYears: 3, impactMinEffect: 5 });
    const audit = await app.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.organisationId, org.organisationId), eq(auditLog.action, 'org.analysis_updated')),
      );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      targetType: 'organisation',
      detail: { historyYears: 3, impactMinEffect: 5 },
    });
  });

  it('refuses values outside 1 to 50, fractions and unknown fields as problem+json naming each field', async () => {
    const bad = await admin.request<TProblemBody>('PUT', '/api/v1/org/analysis', {
      historyYears: 0,
      impactMinEffect: 2.5,
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.code).toBe('validation_failed');
    expect(bad.body.invalid_params!.map((p) => p.name).sort()).toEqual(['historyYears', 'impactMinEffect']);

    const tooMany = await admin.request<TProblemBody>('PUT', '/api/v1/org/analysis', {
      historyYears: 51,
      impactMinEffect: 10,
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.invalid_params!.map((p) => p.name)).toEqual(['historyYears']);

    const extra = await admin.request<TProblemBody>('PUT', '/api/v1/org/analysis', {
      historyYears: 5,
      impactMinEffect: 10,
      minGroupSize: 3,
    });
    expect(extra.status).toBe(400);
    expect((await admin.request('PUT', '/api/v1/org/analysis', { historyYears: 5 })).status).toBe(400);
  });

  it('only organisation-wide administrators may change them: a viewer and a ward’s lead get 403', async () => {
    const before = (await admin.request<TAnalysisSettings>('GET', '/api/v1/org/analysis')).body;
    const change = { historyYears: 20, impactMinEffect: 20 };
    const asViewer = await viewer.request<TProblemBody>('PUT', '/api/v1/org/analysis', change);
    expect(asViewer.status).toBe(403);
    expect(asViewer.headers.get('content-type')).toContain('application/problem+json');
    expect((await wardLead.request('PUT', '/api/v1/org/analysis', change)).status).toBe(403);
    expect((await admin.request('GET', '/api/v1/org/analysis')).body).toEqual(before);
  });

  it('after the history limit is shortened, an import refuses rows older than the new limit', async () => {
    const created = await admin.request<TSurvey>('POST', '/api/v1/surveys', { definition: FEEDBACK_SURVEY });
    expect((await admin.request('POST', `/api/v1/surveys/${created.body.id}/publish`)).status).toBe(201);
    const row = (externalId: string, submittedAt: string) => ({
      externalId,
      submittedAt,
      unitId: org.unitId,
      answers: { fft: 'good' },
    });
    const upload = (rows: unknown[]) =>
      admin.request<TResponseImportResult>(
        'POST',
        `/api/v1/surveys/${created.body.id}/responses/import`,
        ndjson(rows),
        { 'content-type': 'application/x-ndjson' },
      );

    const rows = [row('recent', yearsAgo(1)), row('four-years', yearsAgo(4))];
    expect(
      (await admin.request('PUT', '/api/v1/org/analysis', { historyYears: 5, impactMinEffect: 10 })).status,
    ).toBe(200);
    const under5 = await upload(rows);
    expect(under5.status).toBe(200);
    expect(under5.body).toMatchObject({ imported: 2, errors: [] });

    expect(
      (await admin.request('PUT', '/api/v1/org/analysis', { historyYears: 2, impactMinEffect: 10 })).status,
    ).toBe(200);
    const under2 = await upload([row('three-years', yearsAgo(3)), row('last-month', yearsAgo(0, 30))]);
    expect(under2.status).toBe(207);
    expect(under2.body).toMatchObject({
      imported: 1,
      errors: [
        {
          line: 1,
          problems: [{ name: 'submittedAt', reason: expect.stringContaining('more than 2 years ago') }],
        },
      ],
    });
  });
});
