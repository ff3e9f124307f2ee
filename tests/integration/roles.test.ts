import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { TRole, TScope } from '../../shared/src/api/auth';
import type { TOrgTree } from '../../shared/src/api/org';
import type { TLink, TSurvey, TSurveySummary, TVersionInfo } from '../../shared/src/api/surveys';
import type { TProblem } from '../../shared/src/errors';
import { links, sites, surveyVersions, surveys, users } from '../../server/src/db/schema';
import { startTestApp, type TTestApp } from '../support/app';
import { createOrg, createStaff, uniq, type TOrgFixture } from '../support/fixtures';
import { client, signIn, type TClient, type TReply } from '../support/http';

let app: TTestApp;

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app.close();
});

type TWorld = { org: TOrgFixture; admin: TClient; surveyId: string };

/** An organisation with an admin who has created and published an NPS survey. */
async function organisationWithPublishedSurvey(): Promise<TWorld> {
  const org = await createOrg(app.db);
  const adminStaff = await createStaff(app.db, org.organisationId, 'admin');
  const admin = await signIn(app.url, adminStaff.email, adminStaff.password);
  const created = await admin.request<TSurvey>('POST', '/api/v1/surveys', { templateId: 'nps' });
  expect(created.status).toBe(201);
  const published = await admin.request<TVersionInfo>('POST', `/api/v1/surveys/${created.body.id}/publish`);
  expect(published.status).toBe(201);
  return { org, admin, surveyId: created.body.id };
}

async function signedInAs(org: TOrgFixture, role: TRole, scope?: TScope): Promise<TClient> {
  const staff = await createStaff(app.db, org.organisationId, role, scope);
  return signIn(app.url, staff.email, staff.password);
}

/** A problem body without the parts that differ on every request. */
const shapeOf = (problem: TProblem) => {
  const { requestId: _requestId, ...rest } = problem;
  return rest;
};

const countSurveys = async (organisationId: string) =>
  (await app.db.select().from(surveys).where(eq(surveys.organisationId, organisationId))).length;
const countVersions = async (surveyId: string) =>
  (await app.db.select().from(surveyVersions).where(eq(surveyVersions.surveyId, surveyId))).length;
const countLinks = async (surveyId: string) =>
  (await app.db.select().from(links).where(eq(links.surveyId, surveyId))).length;

type TAction = {
  name: string;
  allowed: readonly TRole[];
  run(c: TClient, w: TWorld): Promise<TReply>;
  /** How many rows the action adds when it succeeds, so a refusal can be shown to change nothing. */
  rows(w: TWorld): Promise<number>;
};

const ACTIONS: TAction[] = [
  {
    name: 'create a survey',
    allowed: ['admin', 'quality_lead'],
    run: (c) => c.request('POST', '/api/v1/surveys', { templateId: 'nhs-fft' }),
    rows: (w) => countSurveys(w.org.organisationId),
  },
  {
    name: 'publish a survey',
    allowed: ['admin', 'quality_lead'],
    async run(c, w) {
      // A fresh draft edit, so that a permitted publish mints a new version.
      const current = await w.admin.request<TSurvey>('GET', `/api/v1/surveys/${w.surveyId}`);
      const edited = { ...current.body.draft, title: { en: 'Edited', es: 'Editado' } };
      const saved = await w.admin.request('PUT', `/api/v1/surveys/${w.surveyId}`, {
        definition: edited,
        revision: current.body.revision,
      });
      expect(saved.status).toBe(200);
      return c.request('POST', `/api/v1/surveys/${w.surveyId}/publish`);
    },
    rows: (w) => countVersions(w.surveyId),
  },
  {
    name: 'create a survey link',
    allowed: ['admin', 'quality_lead'],
    run: (c, w) =>
      c.request('POST', `/api/v1/surveys/${w.surveyId}/links`, { kind: 'open', unitId: w.org.unitId }),
    rows: (w) => countLinks(w.surveyId),
  },
  {
    name: 'add a site to the organisation',
    allowed: ['admin'],
    run: (c) => c.request('POST', '/api/v1/org/sites', { name: `Annex ${uniq()}` }),
    rows: async (w) =>
      (await app.db.select().from(sites).where(eq(sites.organisationId, w.org.organisationId))).length,
  },
  {
    name: 'create a staff account',
    allowed: ['admin'],
    run: (c) =>
      c.request('POST', '/api/v1/users', {
        email: `made.${uniq()}@example.org`,
        name: 'Made Here',
        password: `long-enough-${uniq()}`,
        role: 'viewer',
        scope: { level: 'organisation' },
      }),
    rows: async (w) =>
      (await app.db.select().from(users).where(eq(users.organisationId, w.org.organisationId))).length,
  },
];

const ROLES: TRole[] = ['admin', 'quality_lead', 'clinician', 'viewer'];
const article = (role: TRole) => (role === 'admin' ? 'an' : 'a');
const MATRIX = ROLES.flatMap((role) =>
  ACTIONS.map((action) => ({
    role,
    action,
    title: `${article(role)} ${role} ${action.allowed.includes(role) ? 'can' : 'cannot'} ${action.name}`,
  })),
);

describe('role matrix', () => {
  it.each(ROLES)('%s staff can list and read surveys', async (role) => {
    const world = await organisationWithPublishedSurvey();
    const session = await signedInAs(world.org, role);

    const list = await session.request<{ items: TSurveySummary[] }>('GET', '/api/v1/surveys');
    const one = await session.request<TSurvey>('GET', `/api/v1/surveys/${world.surveyId}`);
    const tree = await session.request<TOrgTree>('GET', '/api/v1/org');

    expect(list.status).toBe(200);
    expect(list.body.items.map((s) => s.id)).toEqual([world.surveyId]);
    expect(one.status).toBe(200);
    expect(one.body.status).toBe('published');
    expect(tree.status).toBe(200);
  });

  it.each(MATRIX)('$title', async ({ role, action }) => {
    const world = await organisationWithPublishedSurvey();
    const session = await signedInAs(world.org, role);
    const before = await action.rows(world);

    const reply = await action.run(session, world);

    if (action.allowed.includes(role)) {
      expect(reply.status).toBe(201);
      expect(await action.rows(world)).toBe(before + 1);
    } else {
      expect(reply.status).toBe(403);
      expect((reply.body as TProblem).code).toBe('forbidden');
      expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await action.rows(world)).toBe(before);
    }
  });

  it.each(['clinician', 'viewer'] as const)('a %s cannot edit or archive a survey', async (role) => {
    const world = await organisationWithPublishedSurvey();
    const session = await signedInAs(world.org, role);
    const current = await session.request<TSurvey>('GET', `/api/v1/surveys/${world.surveyId}`);

    const edit = await session.request('PUT', `/api/v1/surveys/${world.surveyId}`, {
      definition: { ...current.body.draft, title: { en: 'Mine now', es: 'Mío' } },
      revision: current.body.revision,
    });
    const archive = await session.request('POST', `/api/v1/surveys/${world.surveyId}/archive`);

    expect(edit.status).toBe(403);
    expect(archive.status).toBe(403);
    const [row] = await app.db.select().from(surveys).where(eq(surveys.id, world.surveyId));
    expect(row!.status).toBe('published');
    expect(row!.revision).toBe(current.body.revision);
  });

  it('a quality lead cannot list staff accounts or add units', async () => {
    const world = await organisationWithPublishedSurvey();
    const lead = await signedInAs(world.org, 'quality_lead');

    expect((await lead.request('GET', '/api/v1/users')).status).toBe(403);
    expect(
      (await lead.request('POST', '/api/v1/org/units', { departmentId: world.org.departmentId, name: 'X' }))
        .status,
    ).toBe(403);
  });
});

describe('unauthenticated requests', () => {
  // Objects, not arrays: jest takes a test function with more parameters than a row as asking for `done`.
  const anonymousCalls: Array<{ method: string; path: string; body?: unknown }> = [
    { method: 'GET', path: '/api/v1/surveys' },
    { method: 'POST', path: '/api/v1/surveys', body: { templateId: 'nps' } },
    { method: 'GET', path: `/api/v1/surveys/${randomUUID()}` },
    { method: 'POST', path: `/api/v1/surveys/${randomUUID()}/publish` },
    { method: 'POST', path: `/api/v1/surveys/${randomUUID()}/links`, body: { kind: 'open' } },
    { method: 'GET', path: '/api/v1/org' },
    { method: 'POST', path: '/api/v1/org/sites', body: { name: 'Annex' } },
    { method: 'GET', path: '/api/v1/users' },
    {
      method: 'POST',
      path: '/api/v1/users',
      body: {
        email: `x.${uniq()}@example.org`,
        name: 'X',
        password: 'long-enough-pw',
        role: 'admin',
        scope: { level: 'organisation' },
      },
    },
    { method: 'GET', path: '/api/v1/changes' },
    { method: 'GET', path: '/api/v1/auth/me' },
    { method: 'POST', path: '/api/v1/auth/logout' },
  ];

  it.each(anonymousCalls)('$method $path without a session is 401', async ({ method, path, body }) => {
    const reply = await client(app.url).request<TProblem>(method, path, body);

    expect(reply.status).toBe(401);
    expect(reply.body.code).toBe('unauthenticated');
    expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});

describe('unit-scoped staff', () => {
  async function unitScopedLead() {
    const world = await organisationWithPublishedSurvey();
    const lead = await signedInAs(world.org, 'quality_lead', { level: 'unit', id: world.org.unitId });
    return { ...world, lead };
  }

  it('a unit-scoped quality lead cannot archive or publish a survey they did not write, but can their own', async () => {
    const { surveyId, lead } = await unitScopedLead();

    const archive = await lead.request<TProblem>('POST', `/api/v1/surveys/${surveyId}/archive`);
    expect(archive.status).toBe(403);
    const [row] = await app.db.select().from(surveys).where(eq(surveys.id, surveyId));
    expect(row!.status).toBe('published');

    const own = await lead.request<TSurvey>('POST', '/api/v1/surveys', { templateId: 'nps' });
    expect((await lead.request('POST', `/api/v1/surveys/${own.body.id}/publish`)).status).toBe(201);
    expect((await lead.request('POST', `/api/v1/surveys/${own.body.id}/archive`)).status).toBe(200);
  });

  it('a unit-scoped admin cannot add staff accounts or issue API tokens', async () => {
    const { org } = await unitScopedLead();
    const unitAdmin = await signedInAs(org, 'admin', { level: 'unit', id: org.unitId });
    const created = await unitAdmin.request<TProblem>('POST', '/api/v1/users', {
      email: `new.${randomUUID()}@example.org`,
      name: 'New Admin',
      password: 'a-long-enough-password',
      role: 'admin',
      scope: { level: 'organisation' },
    });
    expect(created.status).toBe(403);
    const me = await unitAdmin.request<{ user: { id: string } }>('GET', '/api/v1/auth/me');
    const token = await unitAdmin.request<TProblem>('POST', `/api/v1/users/${me.body.user.id}/api-tokens`, {
      name: 'x',
    });
    expect(token.status).toBe(403);
  });

  it('a unit-scoped quality lead sees only the technology changes that touch their unit', async () => {
    const { org, admin, lead } = await unitScopedLead();
    const mine = await admin.request<{ id: string }>('POST', '/api/v1/changes', {
      name: 'AI scribe on Ward 7',
      kind: 'ai_tool',
      unitIds: [org.unitId, org.otherUnitId],
      goLiveDate: '2026-12-01',
    });
    const theirs = await admin.request<{ id: string }>('POST', '/api/v1/changes', {
      name: 'Confidential pilot on Ward 9',
      kind: 'ehr_module',
      unitIds: [org.otherUnitId],
      goLiveDate: '2026-12-01',
    });
    const seen = await lead.request<{ items: { id: string }[] }>('GET', '/api/v1/changes');
    const ids = seen.body.items.map((c) => c.id);
    expect(ids).toContain(mine.body.id);
    expect(ids).not.toContain(theirs.body.id);
  });

  it('a unit-scoped admin cannot change the organisation’s structure or list its staff', async () => {
    const { org } = await unitScopedLead();
    const unitAdmin = await signedInAs(org, 'admin', { level: 'unit', id: org.unitId });
    expect((await unitAdmin.request('POST', '/api/v1/org/sites', { name: 'Annexe' })).status).toBe(403);
    expect(
      (await unitAdmin.request('POST', '/api/v1/org/units', { departmentId: org.departmentId, name: 'X' }))
        .status,
    ).toBe(403);
    expect((await unitAdmin.request('GET', '/api/v1/users')).status).toBe(403);
  });

  it('a unit-scoped quality lead can create a link for their own unit', async () => {
    const { org, surveyId, lead } = await unitScopedLead();

    const reply = await lead.request<TLink>('POST', `/api/v1/surveys/${surveyId}/links`, {
      kind: 'open',
      unitId: org.unitId,
    });

    expect(reply.status).toBe(201);
    expect(reply.body.unitId).toBe(org.unitId);
  });

  it('a unit-scoped quality lead cannot create a link for another unit: 404, the same as a missing unit', async () => {
    const { org, surveyId, lead } = await unitScopedLead();

    const otherUnit = await lead.request<TProblem>('POST', `/api/v1/surveys/${surveyId}/links`, {
      kind: 'open',
      unitId: org.otherUnitId,
    });
    const missingUnit = await lead.request<TProblem>('POST', `/api/v1/surveys/${surveyId}/links`, {
      kind: 'open',
      unitId: randomUUID(),
    });

    expect(otherUnit.status).toBe(404);
    expect(otherUnit.body.code).toBe('not_found');
    expect(shapeOf(otherUnit.body)).toEqual(shapeOf(missingUnit.body));
    expect(await countLinks(surveyId)).toBe(0);
  });

  it('a unit-scoped quality lead cannot create an organisation-wide link (403)', async () => {
    const { surveyId, lead } = await unitScopedLead();

    const reply = await lead.request<TProblem>('POST', `/api/v1/surveys/${surveyId}/links`, { kind: 'open' });

    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe('forbidden');
    expect(await countLinks(surveyId)).toBe(0);
  });

  it('GET /org shows a unit-scoped user only their own unit', async () => {
    const { org, lead } = await unitScopedLead();

    const reply = await lead.request<TOrgTree>('GET', '/api/v1/org');

    expect(reply.status).toBe(200);
    const unitIds = reply.body.sites.flatMap((s) => s.departments.flatMap((d) => d.units.map((u) => u.id)));
    expect(unitIds).toEqual([org.unitId]);
    expect(JSON.stringify(reply.body)).not.toContain(org.otherUnitId);
  });

  it('an organisation-wide user sees every unit in GET /org', async () => {
    const world = await organisationWithPublishedSurvey();

    const reply = await world.admin.request<TOrgTree>('GET', '/api/v1/org');

    const unitIds = reply.body.sites.flatMap((s) => s.departments.flatMap((d) => d.units.map((u) => u.id)));
    expect(unitIds.sort()).toEqual([world.org.unitId, world.org.otherUnitId].sort());
  });

  it('a unit-scoped quality lead sees only their unit’s links of a survey', async () => {
    const { org, admin, surveyId, lead } = await unitScopedLead();
    for (const body of [
      { kind: 'open', unitId: org.unitId },
      { kind: 'open', unitId: org.otherUnitId },
      { kind: 'open' },
    ]) {
      expect((await admin.request('POST', `/api/v1/surveys/${surveyId}/links`, body)).status).toBe(201);
    }

    const reply = await lead.request<{ items: TLink[] }>('GET', `/api/v1/surveys/${surveyId}/links`);

    expect(reply.status).toBe(200);
    expect(reply.body.items.map((l) => l.unitId)).toEqual([org.unitId]);
  });
});

describe('organisations are separate', () => {
  it('staff of one organisation cannot see another organisation’s survey: 404, not 403', async () => {
    const theirs = await organisationWithPublishedSurvey();
    const ours = await organisationWithPublishedSurvey();
    const id = theirs.surveyId;

    const read = await ours.admin.request<TProblem>('GET', `/api/v1/surveys/${id}`);
    const missing = await ours.admin.request<TProblem>('GET', `/api/v1/surveys/${randomUUID()}`);
    const list = await ours.admin.request<{ items: TSurveySummary[] }>('GET', '/api/v1/surveys');

    expect(read.status).toBe(404);
    expect(read.body.code).toBe('not_found');
    expect(shapeOf(read.body)).toEqual(shapeOf(missing.body));
    expect(list.body.items.map((s) => s.id)).toEqual([ours.surveyId]);
  });

  it('staff of one organisation cannot edit, publish, archive or link another organisation’s survey', async () => {
    const theirs = await organisationWithPublishedSurvey();
    const ours = await organisationWithPublishedSurvey();
    const id = theirs.surveyId;
    const own = await ours.admin.request<TSurvey>('GET', `/api/v1/surveys/${ours.surveyId}`);

    const edit = await ours.admin.request('PUT', `/api/v1/surveys/${id}`, {
      definition: own.body.draft,
      revision: 0,
    });
    const publish = await ours.admin.request('POST', `/api/v1/surveys/${id}/publish`);
    const archive = await ours.admin.request('POST', `/api/v1/surveys/${id}/archive`);
    const link = await ours.admin.request('POST', `/api/v1/surveys/${id}/links`, { kind: 'open' });
    const linkList = await ours.admin.request('GET', `/api/v1/surveys/${id}/links`);

    expect([edit.status, publish.status, archive.status, link.status, linkList.status]).toEqual([
      404, 404, 404, 404, 404,
    ]);
    const [row] = await app.db.select().from(surveys).where(eq(surveys.id, id));
    expect(row).toMatchObject({ status: 'published', revision: 0 });
    expect(await countVersions(id)).toBe(1);
    expect(await countLinks(id)).toBe(0);
  });

  it('a link cannot name another organisation’s unit', async () => {
    const theirs = await organisationWithPublishedSurvey();
    const ours = await organisationWithPublishedSurvey();

    const reply = await ours.admin.request<TProblem>('POST', `/api/v1/surveys/${ours.surveyId}/links`, {
      kind: 'open',
      unitId: theirs.org.unitId,
    });

    expect(reply.status).toBe(404);
    expect(await countLinks(ours.surveyId)).toBe(0);
  });

  it('an admin cannot issue an API token for another organisation’s user', async () => {
    const theirs = await organisationWithPublishedSurvey();
    const ours = await organisationWithPublishedSurvey();
    const stranger = await createStaff(app.db, theirs.org.organisationId, 'admin');

    const reply = await ours.admin.request<TProblem>('POST', `/api/v1/users/${stranger.id}/api-tokens`, {
      name: 'Steal',
    });

    expect(reply.status).toBe(404);
  });
});
