import { and, eq } from 'drizzle-orm';
import type { TConcernContact, TOrgTree } from '../../shared/src/api/org';
import type { TPublicSurvey } from '../../shared/src/api/public';
import type { TProblem } from '../../shared/src/errors';
import { auditLog, responseAnswers, responses } from '../../server/src/db/schema';
import { startTestApp, type TTestApp } from '../support/app';
import { createOrg, createStaff, type TOrgFixture } from '../support/fixtures';
import { client, signIn, submitAnswers, type TClient } from '../support/http';
import { publishedTemplateWithLink } from '../support/surveys';

let app: TTestApp;

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app?.close();
});

type TProblemBody = TProblem & { invalid_params?: { name: string; reason: string }[] };

async function staffOf(org: TOrgFixture, role: 'admin' | 'viewer', unitId?: string): Promise<TClient> {
  const staff = await createStaff(
    app.db,
    org.organisationId,
    role,
    unitId ? { level: 'unit', id: unitId } : undefined,
  );
  return signIn(app.url, staff.email, staff.password);
}

const auditOf = (org: TOrgFixture, action: string) =>
  app.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.organisationId, org.organisationId), eq(auditLog.action, action)));

const tree = async (who: TClient) => (await who.request<TOrgTree>('GET', '/api/v1/org')).body;
const unitIn = (t: TOrgTree, id: string) =>
  t.sites.flatMap((s) => s.departments.flatMap((d) => d.units)).find((u) => u.id === id);

describe('renaming and retiring places', () => {
  it('an admin renames a unit, department and site; the tree shows the new names and each edit is audited before and after', async () => {
    const org = await createOrg(app.db);
    const admin = await staffOf(org, 'admin');
    const unit = await admin.request('PATCH', `/api/v1/org/units/${org.unitId}`, { name: 'Ward 7A' });
    expect(unit.status).toBe(200);
    expect(
      (
        await admin.request('PATCH', `/api/v1/org/departments/${org.departmentId}`, {
          name: 'Acute medicine',
        })
      ).status,
    ).toBe(200);
    expect((await admin.request('PATCH', `/api/v1/org/sites/${org.siteId}`, { name: 'North' })).status).toBe(
      200,
    );
    const t = await tree(admin);
    expect(t.sites[0]!.name).toBe('North');
    expect(t.sites[0]!.departments[0]!.name).toBe('Acute medicine');
    expect(unitIn(t, org.unitId)!.name).toBe('Ward 7A');

    const [unitAudit] = await auditOf(org, 'org.unit_updated');
    expect(unitAudit!.detail).toMatchObject({ before: { name: 'Ward 7' }, after: { name: 'Ward 7A' } });
    const [siteAudit] = await auditOf(org, 'org.site_updated');
    expect(siteAudit!.detail).toEqual({ before: { name: 'General' }, after: { name: 'North' } });
    expect((await auditOf(org, 'org.department_updated'))[0]!.detail).toEqual({
      before: { name: 'Medicine' },
      after: { name: 'Acute medicine' },
    });
  });

  it('a retired unit keeps its responses, leaves pickers (no new link), and can come back', async () => {
    const org = await createOrg(app.db);
    const admin = await staffOf(org, 'admin');
    const { survey, link } = await publishedTemplateWithLink(admin, 'nhs-fft', {
      kind: 'open',
      unitId: org.unitId,
    });
    for (let i = 0; i < 5; i += 1) await submitAnswers(app.url, link.token, { fft: 'good' });

    const retired = await admin.request('PATCH', `/api/v1/org/units/${org.unitId}`, { retired: true });
    expect(retired.status).toBe(200);
    expect(retired.body).toMatchObject({ id: org.unitId, retired: true });
    expect(unitIn(await tree(admin), org.unitId)!.retired).toBe(true);
    expect(unitIn(await tree(admin), org.otherUnitId)!.retired).toBeUndefined();

    const refused = await admin.request<TProblemBody>('POST', `/api/v1/surveys/${survey.id}/links`, {
      kind: 'open',
      unitId: org.unitId,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.invalid_params).toEqual([{ name: 'unitId', reason: 'the unit is retired' }]);

    // History stays (its figures: org-retire-figures.test.ts).
    expect(await app.db.select().from(responses).where(eq(responses.unitId, org.unitId))).toHaveLength(5);
    const [audit] = await auditOf(org, 'org.unit_updated');
    expect(audit!.detail).toMatchObject({ before: { retired: false }, after: { retired: true } });

    expect((await admin.request('PATCH', `/api/v1/org/units/${org.unitId}`, { retired: false })).status).toBe(
      200,
    );
    expect(unitIn(await tree(admin), org.unitId)!.retired).toBeUndefined();
    const again = await admin.request('POST', `/api/v1/surveys/${survey.id}/links`, {
      kind: 'open',
      unitId: org.unitId,
    });
    expect(again.status).toBe(201);
  });

  it('retiring a department retires its units for pickers too', async () => {
    const org = await createOrg(app.db);
    const admin = await staffOf(org, 'admin');
    const { survey } = await publishedTemplateWithLink(admin, 'nhs-fft', { kind: 'open' });
    const res = await admin.request('PATCH', `/api/v1/org/departments/${org.departmentId}`, {
      retired: true,
    });
    expect(res.status).toBe(200);
    const t = await tree(admin);
    expect(t.sites[0]!.departments[0]!.retired).toBe(true);
    expect(unitIn(t, org.otherUnitId)!.retired).toBe(true);
    const refused = await admin.request('POST', `/api/v1/surveys/${survey.id}/links`, {
      kind: 'open',
      unitId: org.otherUnitId,
    });
    expect(refused.status).toBe(400);
  });

  it('only organisation-wide admins rename or retire: a ward’s admin gets 403, a viewer 403, another organisation 404', async () => {
    const org = await createOrg(app.db);
    const other = await createOrg(app.db);
    const wardAdmin = await staffOf(org, 'admin', org.unitId);
    const viewer = await staffOf(org, 'viewer');
    const outsider = await staffOf(other, 'admin');
    expect((await wardAdmin.request('PATCH', `/api/v1/org/units/${org.unitId}`, { name: 'X' })).status).toBe(
      403,
    );
    expect(
      (await wardAdmin.request('PATCH', `/api/v1/org/sites/${org.siteId}`, { retired: true })).status,
    ).toBe(403);
    expect((await viewer.request('PATCH', `/api/v1/org/units/${org.unitId}`, { retired: true })).status).toBe(
      403,
    );
    expect((await outsider.request('PATCH', `/api/v1/org/units/${org.unitId}`, { name: 'X' })).status).toBe(
      404,
    );
    expect(
      (await outsider.request('PATCH', `/api/v1/org/departments/${org.departmentId}`, { name: 'X' })).status,
    ).toBe(404);
    const empty = await outsider.request<TProblemBody>('PATCH', `/api/v1/org/sites/${other.siteId}`, {});
    expect(empty.status).toBe(400);
    expect(unitIn(await tree(await staffOf(org, 'admin')), org.unitId)!.name).toBe('Ward 7');
  });
});

describe('the contact for raising a concern', () => {
  it('a ward’s admin sets their unit’s; the organisation’s covers other units; both reach the respondent page and are audited', async () => {
    const org = await createOrg(app.db);
    const admin = await staffOf(org, 'admin');
    const wardAdmin = await staffOf(org, 'admin', org.unitId);
    const contact: TConcernContact = {
      concernPhone: '0161 555 0100',
      concernUrl: 'https://example.org/pals',
    };
    const saved = await admin.request<TConcernContact>('PUT', '/api/v1/org/concern-contact', contact);
    expect(saved.status).toBe(200);
    expect((await admin.request('GET', '/api/v1/org/concern-contact')).body).toEqual(contact);
    expect((await wardAdmin.request('PUT', '/api/v1/org/concern-contact', contact)).status).toBe(403);

    const own = await wardAdmin.request('PATCH', `/api/v1/org/units/${org.unitId}`, {
      concernPhone: '+44 20 7946 0000',
    });
    expect(own.status).toBe(200);
    expect(
      (await wardAdmin.request('PATCH', `/api/v1/org/units/${org.otherUnitId}`, { concernPhone: '111' }))
        .status,
    ).toBe(404);

    const { link: wardLink } = await publishedTemplateWithLink(admin, 'nhs-fft', {
      kind: 'open',
      unitId: org.unitId,
    });
    const { link: otherLink } = await publishedTemplateWithLink(admin, 'nhs-fft', {
      kind: 'open',
      unitId: org.otherUnitId,
    });
    const page = async (token: string) =>
      (await client(app.url).request<TPublicSurvey>('GET', `/api/v1/public/surveys/${token}`)).body.link;
    // A unit with its own contact shows its own, not half of the organisation's.
    expect(await page(wardLink.token)).toMatchObject({ concernPhone: '+44 20 7946 0000' });
    expect((await page(wardLink.token)).concernUrl).toBeUndefined();
    expect(await page(otherLink.token)).toMatchObject(contact);

    const [audit] = await auditOf(org, 'org.concern_contact_updated');
    expect(audit!.detail).toEqual({ before: { concernPhone: null, concernUrl: null }, after: contact });
  });

  it('refuses a phone with letters and a page that is not https, naming each field', async () => {
    const org = await createOrg(app.db);
    const admin = await staffOf(org, 'admin');
    const res = await admin.request<TProblemBody>('PUT', '/api/v1/org/concern-contact', {
      concernPhone: 'call me',
      concernUrl: 'http://example.org',
    });
    expect(res.status).toBe(400);
    expect(res.body.invalid_params!.map((p) => p.name).sort()).toEqual(['concernPhone', 'concernUrl']);
  });
});

describe('the thank-you safety net', () => {
  it('a submission whose comment reads as urgent is answered with urgent: true, a calm one without, a retry the same', async () => {
    const org = await createOrg(app.db);
    const admin = await staffOf(org, 'admin');
    const { link } = await publishedTemplateWithLink(admin, 'nhs-fft', { kind: 'open', unitId: org.unitId });
    const send = (answers: Record<string, unknown>, key = crypto.randomUUID()) =>
      client(app.url).request<{ id: string; urgent?: boolean }>(
        'POST',
        `/api/v1/public/surveys/${link.token}/responses`,
        { answers },
        { 'idempotency-key': key },
      );
    const urgentAnswers = {
      fft: 'very_poor',
      fft_reason:
        'My mother fell out of bed last night and nobody came for an hour. She was given the wrong medication.',
    };
    const key = crypto.randomUUID();
    const urgent = await send(urgentAnswers, key);
    expect(urgent.status).toBe(201);
    expect(urgent.body.urgent).toBe(true);
    const retried = await send(urgentAnswers, key);
    expect(retried.body).toEqual(urgent.body);

    const calm = await send({ fft: 'good', fft_reason: 'The food was lovely and the nurses were kind.' });
    expect(calm.status).toBe(201);
    expect(calm.body).toEqual({ id: expect.any(String) });
  });
});

describe('the clinician pulse on a link that names a change', () => {
  it('does not ask which change, and stores the change’s kind as the answer; a link without one still asks', async () => {
    const org = await createOrg(app.db);
    const admin = await staffOf(org, 'admin');
    const change = await admin.request<{ id: string }>('POST', '/api/v1/changes', {
      name: 'Video clinics',
      kind: 'telehealth',
      unitIds: [org.unitId],
      goLiveDate: '2026-01-05',
    });
    expect(change.status).toBe(201);
    const { survey, link } = await publishedTemplateWithLink(admin, 'change-pulse', {
      kind: 'open',
      unitId: org.unitId,
      changeId: change.body.id,
    });
    const shown = await client(app.url).request<TPublicSurvey>('GET', `/api/v1/public/surveys/${link.token}`);
    const ids = shown.body.definition.items.map((i) => i.linkId);
    expect(ids).not.toContain('change');
    expect(ids).not.toContain('contact_ok');

    const id = await submitAnswers(app.url, link.token, {
      effect_time: 2,
      effect_safety: 3,
      effect_workload: 2,
    });
    const stored = await app.db.select().from(responseAnswers).where(eq(responseAnswers.responseId, id));
    expect(stored.find((a) => a.linkId === 'change')!.valueCodes).toEqual(['telehealth']);

    const plain = await admin.request<{ token: string }>('POST', `/api/v1/surveys/${survey.id}/links`, {
      kind: 'open',
      unitId: org.unitId,
    });
    const asked = await client(app.url).request<TPublicSurvey>(
      'GET',
      `/api/v1/public/surveys/${plain.body.token}`,
    );
    expect(asked.body.definition.items.map((i) => i.linkId)).toContain('change');
  });
});
