import { and, eq, inArray, sql } from 'drizzle-orm';
import { queryRows } from '../../server/src/db/client';
import { ZAction, ZMyReports, type TAction } from '../../shared/src/api/actions';
import type { TPublicSurvey } from '../../shared/src/api/public';
import { auditLog, organisations, units } from '../../server/src/db/schema';
import { addDays } from '../../server/src/features/impact/impact.windows';
import { createOrg, createStaff, type TOrgFixture } from '../support/fixtures';
import { client, signIn, type TClient } from '../support/http';
import { importHistory } from '../support/impact-history';
import { startTestApp, type TTestApp } from '../support/app';
import { FEEDBACK_SURVEY, FRICTION_SURVEY, publishedSurveyWithLink } from '../support/surveys';

const suite = appSuite();
const TODAY = new Date().toISOString().slice(0, 10);

type TSetup = TOrgFixture & { admin: TClient; adminId: string };

async function setup(): Promise<TSetup> {
  const org = await createOrg(suite.app.db);
  const admin = await createStaff(suite.app.db, org.organisationId, 'admin');
  return { ...org, admin: await signIn(suite.app.url, admin.email, admin.password), adminId: admin.id };
}

async function staff(o: TSetup, role: 'quality_lead' | 'viewer' | 'clinician', unitId?: string) {
  const user = await createStaff(
    suite.app.db,
    o.organisationId,
    role,
    unitId ? { level: 'unit', id: unitId } : { level: 'organisation' },
  );
  return { id: user.id, client: await signIn(suite.app.url, user.email, user.password) };
}

const createAction = (c: TClient, body: object) => c.request<TAction>('POST', '/api/v1/actions', body);

const auditOf = (targetId: string) =>
  suite.app.db
    .select({ action: auditLog.action, detail: auditLog.detail, actor: auditLog.actorUserId })
    .from(auditLog)
    .where(eq(auditLog.targetId, targetId))
    .orderBy(auditLog.id);

async function publicIdOf(unitId: string): Promise<string> {
  const [row] = await suite.app.db
    .select({ publicId: units.publicId })
    .from(units)
    .where(eq(units.id, unitId));
  return row!.publicId;
}

/** Imports comments on a unit; returns the response ids (linking by id needs no analysis). */
function commentsOn(o: TSetup, unitId: string, count: number, comments: string[]): Promise<string[]> {
  return importHistory(suite.app, o.admin, [
    { unitId, count, fromDaysAgo: 30, toDaysAgo: 2, good: 0.5, comments },
  ]);
}

/** The app alone, for the whole file: these tests link reports by id, which needs no analysis. */
function appSuite(): { readonly app: TTestApp } {
  const suite = { app: undefined as unknown as TTestApp };
  beforeAll(async () => {
    suite.app = await startTestApp();
  });
  afterAll(async () => {
    await suite.app?.close();
  });
  return suite;
}

describe('actions', () => {
  it('a quality lead records an action on their units, edits it to done, deletes it; each step is audited', async () => {
    const o = await setup();
    const lead = await staff(o, 'quality_lead', o.unitId);
    const created = await createAction(lead.client, {
      title: 'Evening clinic pilot',
      publicDescription: 'We opened two evening clinics a week.',
      dueDate: addDays(TODAY, 30),
      unitIds: [o.unitId],
      source: { kind: 'theme', theme: 'Timeliness of care' },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/v1/actions/${created.body.id}`);
    expect(ZAction.parse(created.body)).toMatchObject({
      status: 'planned',
      doneDate: null,
      ownerUserId: lead.id,
      unitIds: [o.unitId],
      source: { kind: 'theme', theme: 'Timeliness of care' },
    });

    const listed = await lead.client.request<{ items: TAction[] }>(
      'GET',
      `/api/v1/actions?unitId=${o.unitId}`,
    );
    expect(listed.body.items.map((a) => a.id)).toEqual([created.body.id]);

    const done = await lead.client.request<TAction>('PATCH', `/api/v1/actions/${created.body.id}`, {
      status: 'done',
    });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('done');
    // Organisation-local today (Europe/London) may differ from UTC's by a day around midnight.
    expect(Math.abs(Date.parse(done.body.doneDate!) - Date.parse(TODAY))).toBeLessThanOrEqual(86_400_000);

    const back = await lead.client.request<TAction>('PATCH', `/api/v1/actions/${created.body.id}`, {
      status: 'in_progress',
    });
    expect(back.body).toMatchObject({ status: 'in_progress', doneDate: null });

    const removed = await lead.client.request('DELETE', `/api/v1/actions/${created.body.id}`);
    expect(removed.status).toBe(204);
    expect((await lead.client.request('GET', `/api/v1/actions/${created.body.id}`)).status).toBe(404);

    const trail = await auditOf(created.body.id);
    expect(trail.map((a) => a.action)).toEqual([
      'action.created',
      'action.updated',
      'action.updated',
      'action.deleted',
    ]);
    expect(trail.every((a) => a.actor === lead.id)).toBe(true);
    expect(trail[1]!.detail).toMatchObject({
      fields: ['status', 'doneDate'],
      before: { status: 'planned' },
      after: { status: 'done' },
    });
    // Ids, counts and states only: never the texts.
    expect(JSON.stringify(trail)).not.toMatch(/evening/i);
  });

  it('stays inside scope: other units, other organisations and other roles are refused', async () => {
    const o = await setup();
    const lead = await staff(o, 'quality_lead', o.unitId);
    const otherLead = await staff(o, 'quality_lead', o.otherUnitId);
    const viewer = await staff(o, 'viewer');
    const clinician = await staff(o, 'clinician');
    const body = {
      title: 'Quieter nights',
      publicDescription: 'We dimmed corridor lights at night.',
      unitIds: [o.unitId],
      source: { kind: 'theme', theme: 'Staff responsiveness' },
    };
    const mine = await createAction(lead.client, body);
    expect(mine.status).toBe(201);

    // Not their unit: answered as missing.
    expect((await createAction(otherLead.client, body)).status).toBe(404);
    expect((await otherLead.client.request('GET', `/api/v1/actions/${mine.body.id}`)).status).toBe(404);
    expect(
      (await otherLead.client.request('PATCH', `/api/v1/actions/${mine.body.id}`, { status: 'done' })).status,
    ).toBe(404);
    expect(
      (await otherLead.client.request<{ items: TAction[] }>('GET', '/api/v1/actions')).body.items,
    ).toEqual([]);
    // Another organisation's admin sees nothing of it.
    const stranger = await setup();
    expect((await stranger.admin.request('GET', `/api/v1/actions/${mine.body.id}`)).status).toBe(404);
    expect((await createAction(stranger.admin, body)).status).toBe(404);

    // Viewers read, clinicians do not; neither writes.
    expect((await viewer.client.request('GET', `/api/v1/actions/${mine.body.id}`)).status).toBe(200);
    expect((await createAction(viewer.client, body)).status).toBe(403);
    expect((await clinician.client.request('GET', '/api/v1/actions')).status).toBe(403);
    expect((await createAction(clinician.client, body)).status).toBe(403);

    // A source outside their scope is refused on its field.
    const alertElsewhere = await createAction(lead.client, {
      ...body,
      source: { kind: 'alert', alertId: crypto.randomUUID() },
    });
    expect(alertElsewhere.status).toBe(400);
    const unknownTheme = await createAction(lead.client, {
      ...body,
      source: { kind: 'theme', theme: 'Bogus' },
    });
    expect(unknownTheme.status).toBe(400);
    expect(alertElsewhere.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });
});

describe('actions from alerts and SPC signals', () => {
  it('link the alert’s comment, or the comments in the signal’s run on its unit, and refuse other units’', async () => {
    const o = await setup();
    const ids = await importHistory(suite.app, o.admin, [
      { unitId: o.unitId, count: 6, fromDaysAgo: 20, toDaysAgo: 15, good: 0.5, comments: ['Cold food.'] },
      { unitId: o.unitId, count: 6, fromDaysAgo: 5, toDaysAgo: 2, good: 0.5, comments: ['Noisy ward.'] },
    ]);
    // The stored analyses and the signal as the worker writes them (every other response has a comment).
    const [survey] = await queryRows<{ survey_id: string }>(
      suite.app.db,
      sql`SELECT survey_id FROM responses WHERE id = ${ids[0]!}`,
    );
    for (const id of ids) {
      await suite.app.db
        .execute(sql`INSERT INTO comment_analyses (response_id, link_id, redacted_text, redactions,
          sentiment, sentiment_score, themes, friction_themes, urgent, urgency_reasons)
        SELECT r.id, 'better', ra.value_text, '{}', 'negative', -0.3, '[]'::jsonb, '[]'::jsonb, false, '{}'
        FROM responses r JOIN response_answers ra ON ra.response_id = r.id AND ra.link_id = 'better'
        WHERE r.id = ${id}`);
    }
    const [{ week }] = (await queryRows<{ week: string }>(
      suite.app.db,
      sql`SELECT to_char(now()::date - 20, 'YYYY-MM-DD') AS week`,
    )) as [{ week: string }];
    const [signal] = await queryRows<{ id: string }>(
      suite.app.db,
      sql`INSERT INTO spc_signals (organisation_id, unit_id, metric, rule, direction, run_start, week)
        VALUES (${o.organisationId}, ${o.unitId}, 'fft_positive', 'beyond_limits', 'down', ${week}::date, ${week}::date)
        RETURNING id`,
    );
    const withComment = await queryRows<{ id: string }>(
      suite.app.db,
      sql`SELECT response_id AS id FROM comment_analyses WHERE response_id IN ${ids} ORDER BY response_id LIMIT 1`,
    );
    const [alert] = await queryRows<{ id: string }>(
      suite.app.db,
      sql`INSERT INTO alerts (organisation_id, unit_id, survey_id, response_id, link_id, reasons)
        VALUES (${o.organisationId}, ${o.unitId}, ${survey!.survey_id}, ${withComment[0]!.id}, 'better', ARRAY['care_failure'])
        RETURNING id`,
    );
    const base = {
      title: 'Food and noise',
      publicDescription: 'We changed the ward routine.',
      unitIds: [o.unitId],
    };

    const fromAlert = await createAction(o.admin, { ...base, source: { kind: 'alert', alertId: alert!.id } });
    expect(fromAlert.status).toBe(201);
    const fromSignal = await createAction(o.admin, {
      ...base,
      source: { kind: 'spc_signal', signalId: signal!.id },
    });
    expect(fromSignal.status).toBe(201);
    const linked = async (actionId: string) =>
      (
        await queryRows<{ n: string }>(
          suite.app.db,
          sql`SELECT count(*) AS n FROM action_responses WHERE action_id = ${actionId}`,
        )
      )[0]!.n;
    expect(Number(await linked(fromAlert.body.id))).toBe(1);
    // The run's week (days 20-14 ago) holds the first window's comments only: 3 of its 6 responses.
    expect(Number(await linked(fromSignal.body.id))).toBe(3);

    const otherLead = await staff(o, 'quality_lead', o.otherUnitId);
    const refused = await createAction(otherLead.client, {
      ...base,
      unitIds: [o.otherUnitId],
      source: { kind: 'spc_signal', signalId: signal!.id },
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('source.signalId');
  });
});

describe('the public "You said, we did" page', () => {
  it('lists a unit’s done actions in plain words, with no comment text, no staff names and no small counts', async () => {
    const o = await setup();
    await suite.app.db
      .update(organisations)
      .set({ minGroupSize: 5 })
      .where(eq(organisations.id, o.organisationId));
    const secret = 'The nurse Jane Smith ignored my call bell for an hour.';
    const ids = await commentsOn(o, o.unitId, 12, [secret]);
    const { link } = await publishedSurveyWithLink(
      o.admin,
      { kind: 'open', unitId: o.unitId },
      { ...FEEDBACK_SURVEY, locales: ['en', 'es'] },
    );
    // Before any done action, the thank-you page links nothing.
    const before = await client(suite.app.url).request<TPublicSurvey>(
      'GET',
      `/api/v1/public/surveys/${link.token}`,
    );
    expect(before.body.link.youSaidWeDidUrl).toBeUndefined();

    const few = await createAction(o.admin, {
      title: 'INTERNAL call bells',
      publicDescription: 'We now answer call bells within five minutes.',
      status: 'done',
      unitIds: [o.unitId],
      source: { kind: 'comments', responseIds: ids.slice(0, 3) },
    });
    const many = await createAction(o.admin, {
      title: 'INTERNAL signage',
      publicDescription: 'We put up clearer signs to the ward.',
      status: 'done',
      unitIds: [o.unitId],
      source: { kind: 'comments', responseIds: ids.slice(0, 7) },
    });
    await createAction(o.admin, {
      title: 'INTERNAL planned',
      publicDescription: 'Not done yet, so not shown.',
      unitIds: [o.unitId],
      source: { kind: 'comments', responseIds: ids.slice(0, 2) },
    });
    // Staff see fewer-than-k counts as null too.
    expect(few.body.linkedReports).toBeNull();
    expect(many.body.linkedReports).toBe(7);

    const publicId = await publicIdOf(o.unitId);
    expect(publicId).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(publicId).not.toContain(o.unitId.slice(0, 8));
    const res = await fetch(`${suite.app.url}/u/${publicId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const html = await res.text();
    expect(html).toContain('We now answer call bells within five minutes.');
    expect(html).toContain('We put up clearer signs to the ward.');
    expect(html).toContain('7 people told us about this.');
    expect(html).not.toMatch(/3 people/);
    expect(html).not.toContain('Not done yet');
    expect(html).not.toMatch(/INTERNAL|Jane|Smith|call bell for an hour|Test admin/);
    expect(html).toContain(`/s/${link.token}`);

    const es = await (await fetch(`${suite.app.url}/u/${publicId}?lang=es`)).text();
    expect(es).toContain('<html lang="es"');
    expect(es).toContain('Ustedes dijeron, nosotros hicimos');
    expect(es).toContain('We put up clearer signs to the ward.');

    const poster = await (await fetch(`${suite.app.url}/u/${publicId}/poster`)).text();
    expect(poster).toContain('<svg');
    expect(poster).toContain(`QR code: ${suite.app.url}/s/${link.token}`);
    expect(poster).not.toMatch(/INTERNAL|Jane|Smith/);

    // The thank-you page now links the unit's page; an address set by an administrator overrides it.
    const after = await client(suite.app.url).request<TPublicSurvey>(
      'GET',
      `/api/v1/public/surveys/${link.token}`,
    );
    expect(after.body.link.youSaidWeDidUrl).toBe(`/u/${publicId}`);
    await o.admin.request('PATCH', `/api/v1/org/units/${o.unitId}`, {
      youSaidWeDidUrl: 'https://example.org/yswd',
    });
    const overridden = await client(suite.app.url).request<TPublicSurvey>(
      'GET',
      `/api/v1/public/surveys/${link.token}`,
    );
    expect(overridden.body.link.youSaidWeDidUrl).toBe('https://example.org/yswd');

    // Another unit's page shows none of it; an unknown id is a 404 problem.
    const other = await (await fetch(`${suite.app.url}/u/${await publicIdOf(o.otherUnitId)}`)).text();
    expect(other).not.toContain('call bells');
    const missing = await fetch(`${suite.app.url}/u/AAAAAAAAAAAAAAAA`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });
});

describe('My reports', () => {
  it('a clinician who asked to be contacted sees the actions linked to their report; anonymous reports stay unlinked', async () => {
    const o = await setup();
    const clinician = await staff(o, 'clinician');
    const { link, versionId } = await publishedSurveyWithLink(
      o.admin,
      { kind: 'open', unitId: o.unitId },
      FRICTION_SURVEY,
    );
    const send = (c: TClient, contact: boolean) =>
      c.request<{ id: string }>(
        'POST',
        `/api/v1/public/surveys/${link.token}/responses`,
        { versionId, answers: { ease: 1, friction: 'Too many clicks to sign a discharge letter.' }, contact },
        { 'idempotency-key': crypto.randomUUID() },
      );
    const mine = await send(clinician.client, true);
    const anonymous = await send(clinician.client, false);
    expect(mine.status).toBe(201);
    const action = await createAction(o.admin, {
      title: 'One-click discharge letters',
      publicDescription: 'Discharge letters can now be signed with one click.',
      unitIds: [o.unitId],
      source: { kind: 'comments', responseIds: [mine.body.id, anonymous.body.id] },
    });
    expect(action.status).toBe(201);

    const reply = await clinician.client.request('GET', '/api/v1/me/reports');
    expect(reply.status).toBe(200);
    const { items } = ZMyReports.parse(reply.body);
    // Only the report sent with consent to contact is theirs.
    expect(items.map((r) => r.responseId)).toEqual([mine.body.id]);
    expect(items[0]!.unitName).toBe('Ward 7');
    expect(items[0]!.actions).toEqual([
      expect.objectContaining({
        id: action.body.id,
        title: 'One-click discharge letters',
        status: 'planned',
      }),
    ]);
    expect(JSON.stringify(reply.body)).not.toContain('Too many clicks');

    await o.admin.request('PATCH', `/api/v1/actions/${action.body.id}`, { status: 'done' });
    const later = ZMyReports.parse((await clinician.client.request('GET', '/api/v1/me/reports')).body);
    expect(later.items[0]!.actions[0]!.status).toBe('done');

    // Someone else's "My reports" is their own (empty), and every read is audited.
    const colleague = await staff(o, 'clinician');
    expect(
      ZMyReports.parse((await colleague.client.request('GET', '/api/v1/me/reports')).body).items,
    ).toEqual([]);
    const reads = await suite.app.db
      .select({ actor: auditLog.actorUserId })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, 'my_reports.viewed'),
          inArray(auditLog.actorUserId, [clinician.id, colleague.id]),
        ),
      );
    expect(reads).toHaveLength(3);
  });
});
