import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { TPublicSurvey } from '../../shared/src/api/public';
import type { TLink, TSurvey, TTemplateId, TVersionInfo } from '../../shared/src/api/surveys';
import type { TProblem } from '../../shared/src/errors';
import type { TSurveyDefinition } from '../../shared/src/survey/definition';
import { TEMPLATES } from '../../shared/src/survey/templates';
import { auditLog, links, surveyVersions, surveys } from '../../server/src/db/schema';
import { startTestApp, type TTestApp } from '../support/app';
import { createOrg, createStaff, type TOrgFixture } from '../support/fixtures';
import { client, signIn, type TClient } from '../support/http';

let app: TTestApp;

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app.close();
});

type TAuthor = { org: TOrgFixture; lead: TClient; leadId: string };

async function qualityLead(): Promise<TAuthor> {
  const org = await createOrg(app.db);
  const staff = await createStaff(app.db, org.organisationId, 'quality_lead');
  return { org, lead: await signIn(app.url, staff.email, staff.password), leadId: staff.id };
}

async function createFromTemplate(lead: TClient, templateId: TTemplateId = 'nps'): Promise<TSurvey> {
  const reply = await lead.request<TSurvey>('POST', '/api/v1/surveys', { templateId });
  expect(reply.status).toBe(201);
  return reply.body;
}

async function publish(lead: TClient, surveyId: string): Promise<TVersionInfo> {
  const reply = await lead.request<TVersionInfo>('POST', `/api/v1/surveys/${surveyId}/publish`);
  expect(reply.status).toBe(201);
  return reply.body;
}

async function publishedSurvey(): Promise<TAuthor & { survey: TSurvey; version: TVersionInfo }> {
  const author = await qualityLead();
  const survey = await createFromTemplate(author.lead);
  return { ...author, survey, version: await publish(author.lead, survey.id) };
}

async function createLink(lead: TClient, surveyId: string, body: Record<string, unknown>): Promise<TLink> {
  const reply = await lead.request<TLink>('POST', `/api/v1/surveys/${surveyId}/links`, body);
  expect(reply.status).toBe(201);
  return reply.body;
}

const readPublic = (token: string) =>
  client(app.url).request<TPublicSurvey & TProblem>('GET', `/api/v1/public/surveys/${token}`);

const versionRows = (surveyId: string) =>
  app.db
    .select()
    .from(surveyVersions)
    .where(eq(surveyVersions.surveyId, surveyId))
    .orderBy(surveyVersions.version);

const en = (s: string) => ({ en: s });

/** A small patient survey; the tests below break it in particular ways. */
const soundDefinition = (): TSurveyDefinition => ({
  title: en('Clinic visit'),
  defaultLocale: 'en',
  locales: ['en'],
  audience: 'patient',
  items: [
    {
      linkId: 'overall',
      type: 'choice',
      required: true,
      text: en('How was your visit?'),
      answerOption: [
        { code: 'good', text: en('Good') },
        { code: 'poor', text: en('Poor') },
      ],
    },
    { linkId: 'why', type: 'text', text: en('Why?') },
  ],
});

describe('creating surveys', () => {
  it.each(Object.keys(TEMPLATES) as TTemplateId[])(
    'a survey created from the %s template is a draft copy of it',
    async (templateId) => {
      const { org, lead, leadId } = await qualityLead();

      const reply = await lead.request<TSurvey>('POST', '/api/v1/surveys', { templateId });

      expect(reply.status).toBe(201);
      expect(reply.headers.get('location')).toBe(`/api/v1/surveys/${reply.body.id}`);
      expect(reply.body).toMatchObject({
        status: 'draft',
        revision: 0,
        latestVersion: null,
        hasUnpublishedChanges: true,
      });
      expect(reply.body.draft).toEqual(TEMPLATES[templateId].definition);
      const [row] = await app.db.select().from(surveys).where(eq(surveys.id, reply.body.id));
      expect(row).toMatchObject({ organisationId: org.organisationId, status: 'draft', createdBy: leadId });
      const [audit] = await app.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'survey.created'), eq(auditLog.targetId, reply.body.id)));
      expect(audit!.detail).toEqual({ templateId });
    },
  );

  it('an unknown template is refused 400', async () => {
    const { org, lead } = await qualityLead();

    const reply = await lead.request<TProblem>('POST', '/api/v1/surveys', { templateId: 'made-up' });

    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('validation_failed');
    expect((reply.body.invalid_params ?? []).length).toBeGreaterThan(0);
    expect(
      await app.db.select().from(surveys).where(eq(surveys.organisationId, org.organisationId)),
    ).toHaveLength(0);
  });

  it('a survey can be created from a whole definition', async () => {
    const { lead } = await qualityLead();

    const reply = await lead.request<TSurvey>('POST', '/api/v1/surveys', { definition: soundDefinition() });

    expect(reply.status).toBe(201);
    expect(reply.body.draft).toEqual(soundDefinition());
    expect(reply.body.title).toBe('Clinic visit');
  });

  it('a definition with several problems is refused 400 with every problem listed in invalid_params', async () => {
    const { org, lead } = await qualityLead();
    const definition: TSurveyDefinition = {
      ...soundDefinition(),
      items: [
        {
          linkId: 'overall',
          type: 'choice',
          text: en('How was your visit?'),
          // Depends on a question that comes later.
          enableWhen: [{ question: 'why', operator: 'exists', answer: true }],
          answerOption: [{ code: 'good', text: en('Good') }],
        },
        { linkId: 'why', type: 'text', text: en('Why?') },
        // The same linkId a second time.
        { linkId: 'why', type: 'text', text: en('Why, again?') },
        // A condition on a question nobody wrote.
        {
          linkId: 'follow_up',
          type: 'boolean',
          text: en('May we call you?'),
          enableWhen: [{ question: 'ghost', operator: 'exists', answer: true }],
        },
        // A choice with nothing to choose.
        { linkId: 'ward', type: 'choice', text: en('Which ward?'), answerOption: [] },
      ],
    };

    const reply = await lead.request<TProblem>('POST', '/api/v1/surveys', { definition });

    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(reply.body).toMatchObject({ code: 'validation_failed', status: 400 });
    const names = (reply.body.invalid_params ?? []).map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'definition.items.0.enableWhen.0.question',
        'definition.items.2.linkId',
        'definition.items.3.enableWhen.0.question',
        'definition.items.4.answerOption',
      ]),
    );
    expect(names).toHaveLength(4);
    for (const param of reply.body.invalid_params ?? []) expect(param.reason.length).toBeGreaterThan(0);
    expect(
      await app.db.select().from(surveys).where(eq(surveys.organisationId, org.organisationId)),
    ).toHaveLength(0);
  });

  it('a structurally wrong definition is refused 400 with the offending fields named', async () => {
    const { lead } = await qualityLead();
    const definition = { ...soundDefinition(), locales: [], items: [] };

    const reply = await lead.request<TProblem>('POST', '/api/v1/surveys', { definition });

    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(reply.body.code).toBe('validation_failed');
    expect((reply.body.invalid_params ?? []).length).toBeGreaterThan(0);
  });

  it('a body that is not JSON is refused 400 as problem+json', async () => {
    const { lead } = await qualityLead();

    const reply = await lead.request<TProblem>('POST', '/api/v1/surveys', '{"templateId":', {
      'content-type': 'application/json',
    });

    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('validation_failed');
  });
});

describe('editing drafts', () => {
  it('saving with the revision that was loaded bumps the revision', async () => {
    const { lead } = await qualityLead();
    const survey = await createFromTemplate(lead);

    const reply = await lead.request<TSurvey>('PUT', `/api/v1/surveys/${survey.id}`, {
      definition: soundDefinition(),
      revision: survey.revision,
    });

    expect(reply.status).toBe(200);
    expect(reply.body.revision).toBe(survey.revision + 1);
    expect(reply.body.draft).toEqual(soundDefinition());
  });

  it('saving with a stale revision is refused 409 and keeps the other author’s edit', async () => {
    const { lead } = await qualityLead();
    const survey = await createFromTemplate(lead);
    const first = await lead.request<TSurvey>('PUT', `/api/v1/surveys/${survey.id}`, {
      definition: soundDefinition(),
      revision: survey.revision,
    });
    expect(first.status).toBe(200);

    const stale = await lead.request<TProblem>('PUT', `/api/v1/surveys/${survey.id}`, {
      definition: { ...soundDefinition(), title: en('Overwritten') },
      revision: survey.revision,
    });

    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('conflict');
    expect(stale.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const [row] = await app.db.select().from(surveys).where(eq(surveys.id, survey.id));
    expect(row!.draft.title).toEqual(en('Clinic visit'));
    expect(row!.revision).toBe(survey.revision + 1);
  });

  it('an edit that introduces problems is refused 400 with every problem, and the draft is unchanged', async () => {
    const { lead } = await qualityLead();
    const survey = await createFromTemplate(lead);
    const definition: TSurveyDefinition = {
      ...soundDefinition(),
      items: [
        { linkId: 'why', type: 'text', text: en('Why?') },
        { linkId: 'why', type: 'choice', text: en('Pick'), answerOption: [] },
      ],
    };

    const reply = await lead.request<TProblem>('PUT', `/api/v1/surveys/${survey.id}`, {
      definition,
      revision: survey.revision,
    });

    expect(reply.status).toBe(400);
    expect((reply.body.invalid_params ?? []).map((p) => p.name).sort()).toEqual([
      'definition.items.1.answerOption',
      'definition.items.1.linkId',
    ]);
    const [row] = await app.db.select().from(surveys).where(eq(surveys.id, survey.id));
    expect(row!.revision).toBe(survey.revision);
    expect(row!.draft).toEqual(TEMPLATES.nps.definition);
  });
});

describe('publishing', () => {
  it('publishing a draft gives 201 with version 1 and freezes the definition', async () => {
    const { lead, leadId } = await qualityLead();
    const survey = await createFromTemplate(lead);

    const reply = await lead.request<TVersionInfo>('POST', `/api/v1/surveys/${survey.id}/publish`);

    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({ id: expect.any(String), version: 1, publishedAt: expect.any(String) });
    const rows = await versionRows(survey.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: reply.body.id, version: 1, publishedBy: leadId });
    expect(rows[0]!.definition).toEqual(TEMPLATES.nps.definition);
    const after = await lead.request<TSurvey>('GET', `/api/v1/surveys/${survey.id}`);
    expect(after.body).toMatchObject({ status: 'published', hasUnpublishedChanges: false });
    expect(after.body.latestVersion?.id).toBe(reply.body.id);
  });

  it('editing and publishing again gives version 2 and leaves version 1 exactly as it was', async () => {
    const { lead } = await qualityLead();
    const survey = await createFromTemplate(lead);
    const v1 = await publish(lead, survey.id);
    const [v1Before] = await versionRows(survey.id);
    const saved = await lead.request<TSurvey>('PUT', `/api/v1/surveys/${survey.id}`, {
      definition: soundDefinition(),
      revision: survey.revision,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.hasUnpublishedChanges).toBe(true);

    const v2 = await lead.request<TVersionInfo>('POST', `/api/v1/surveys/${survey.id}/publish`);

    expect(v2.status).toBe(201);
    expect(v2.body.version).toBe(2);
    expect(v2.body.id).not.toBe(v1.id);
    const rows = await versionRows(survey.id);
    expect(rows.map((r) => r.version)).toEqual([1, 2]);
    expect(rows[0]).toEqual(v1Before);
    expect(rows[0]!.definition).toEqual(TEMPLATES.nps.definition);
    expect(rows[1]!.definition).toEqual(soundDefinition());
  });

  it('the database itself refuses to change or delete a published version', async () => {
    const { lead } = await qualityLead();
    const survey = await createFromTemplate(lead);
    const published = await lead.request<TVersionInfo>('POST', `/api/v1/surveys/${survey.id}/publish`);

    await expect(
      app.db.update(surveyVersions).set({ version: 7 }).where(eq(surveyVersions.id, published.body.id)),
    ).rejects.toThrow();
    await expect(
      app.db.delete(surveyVersions).where(eq(surveyVersions.id, published.body.id)),
    ).rejects.toThrow();
    const [row] = await app.db.select().from(surveyVersions).where(eq(surveyVersions.id, published.body.id));
    expect(row!.version).toBe(1);
  });

  it('publishing again without an edit answers 200 with the same version and mints none', async () => {
    const { lead, survey, version } = await publishedSurvey();

    const again = await lead.request<TVersionInfo>('POST', `/api/v1/surveys/${survey.id}/publish`);

    expect(again.status).toBe(200);
    expect(again.body).toEqual(version);
    expect(await versionRows(survey.id)).toHaveLength(1);
  });

  it('an archived survey cannot be published or edited (409)', async () => {
    const { lead, survey } = await publishedSurvey();
    expect((await lead.request('POST', `/api/v1/surveys/${survey.id}/archive`)).status).toBe(200);

    const publishReply = await lead.request<TProblem>('POST', `/api/v1/surveys/${survey.id}/publish`);
    const editReply = await lead.request<TProblem>('PUT', `/api/v1/surveys/${survey.id}`, {
      definition: soundDefinition(),
      revision: survey.revision,
    });

    expect(publishReply.status).toBe(409);
    expect(editReply.status).toBe(409);
    expect(await versionRows(survey.id)).toHaveLength(1);
  });
});

describe('survey links', () => {
  it('a link to a survey that was never published is refused 409', async () => {
    const { lead } = await qualityLead();
    const survey = await createFromTemplate(lead);

    const reply = await lead.request<TProblem>('POST', `/api/v1/surveys/${survey.id}/links`, {
      kind: 'open',
    });

    expect(reply.status).toBe(409);
    expect(reply.body.code).toBe('conflict');
    expect(await app.db.select().from(links).where(eq(links.surveyId, survey.id))).toHaveLength(0);
  });

  it.each(['open', 'single_use'] as const)(
    'a new %s link has an unguessable token (≥128 random bits) and a URL ending /s/<token>',
    async (kind) => {
      const { org, lead, survey } = await publishedSurvey();

      const first = await lead.request<TLink>('POST', `/api/v1/surveys/${survey.id}/links`, {
        kind,
        unitId: org.unitId,
      });
      const second = await createLink(lead, survey.id, { kind, unitId: org.unitId });

      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ kind, unitId: org.unitId, usedAt: null });
      const { token } = first.body;
      // base64url: 6 bits a character, so 22 characters carry at least 128 bits.
      expect(token).toMatch(/^[A-Za-z0-9_-]{22,}$/);
      expect(token).not.toBe(second.token);
      expect(first.body.url).toBe(`${app.url}/s/${token}`);
      expect(new URL(first.body.url).pathname).toBe(`/s/${token}`);
      const [row] = await app.db.select().from(links).where(eq(links.id, first.body.id));
      expect(row).toMatchObject({ token, kind, surveyId: survey.id, unitId: org.unitId });
    },
  );

  it('tokens do not repeat or share a prefix across many links', async () => {
    const { lead, survey } = await publishedSurvey();

    const tokens: string[] = [];
    for (let i = 0; i < 20; i++)
      tokens.push((await createLink(lead, survey.id, { kind: 'single_use' })).token);

    expect(new Set(tokens).size).toBe(tokens.length);
    expect(new Set(tokens.map((t) => t.slice(0, 8))).size).toBe(tokens.length);
  });

  it('a link with no unit collects for the whole organisation', async () => {
    const { lead, survey } = await publishedSurvey();

    const link = await createLink(lead, survey.id, { kind: 'open' });

    expect(link.unitId).toBeNull();
    expect((await readPublic(link.token)).body.link.unitName).toBeNull();
  });

  it('an expiresAt in the past is refused 400 naming expiresAt', async () => {
    const { lead, survey } = await publishedSurvey();

    const reply = await lead.request<TProblem>('POST', `/api/v1/surveys/${survey.id}/links`, {
      kind: 'single_use',
      expiresAt: new Date(Date.now() - 60_000).toISOString(),
    });

    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('validation_failed');
    expect(reply.body.invalid_params?.map((p) => p.name)).toContain('expiresAt');
    expect(await app.db.select().from(links).where(eq(links.surveyId, survey.id))).toHaveLength(0);
  });

  it('an expiresAt in the future is kept', async () => {
    const { lead, survey } = await publishedSurvey();
    const expiresAt = new Date(Date.now() + 7 * 86_400_000);
    expiresAt.setMilliseconds(0);

    const link = await createLink(lead, survey.id, { kind: 'open', expiresAt: expiresAt.toISOString() });

    expect(new Date(link.expiresAt).getTime()).toBe(expiresAt.getTime());
  });
});

describe('the respondent’s view of a link', () => {
  it('GET /public/surveys/<token> needs no sign-in and gives the published definition and its versionId', async () => {
    const { org, lead, survey, version } = await publishedSurvey();
    const link = await createLink(lead, survey.id, { kind: 'open', unitId: org.unitId });
    // An unpublished edit must not reach respondents.
    const edit = await lead.request('PUT', `/api/v1/surveys/${survey.id}`, {
      definition: soundDefinition(),
      revision: survey.revision,
    });
    expect(edit.status).toBe(200);

    const reply = await readPublic(link.token);

    expect(reply.status).toBe(200);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    expect(reply.body).toEqual({
      surveyId: survey.id,
      versionId: version.id,
      definition: TEMPLATES.nps.definition,
      link: { kind: 'open', kiosk: false, unitName: 'Ward 7' },
    });
  });

  it('after a new version is published, the same link serves the new version', async () => {
    const { lead, survey } = await publishedSurvey();
    const link = await createLink(lead, survey.id, { kind: 'open' });
    await lead.request('PUT', `/api/v1/surveys/${survey.id}`, {
      definition: soundDefinition(),
      revision: survey.revision,
    });
    const v2 = await publish(lead, survey.id);

    const reply = await readPublic(link.token);

    expect(reply.body.versionId).toBe(v2.id);
    expect(reply.body.definition).toEqual(soundDefinition());
  });

  it('an expired link answers 410', async () => {
    const { lead, survey } = await publishedSurvey();
    const link = await createLink(lead, survey.id, { kind: 'open' });
    await app.db
      .update(links)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(links.id, link.id));

    const reply = await readPublic(link.token);

    expect(reply.status).toBe(410);
    expect(reply.body.code).toBe('gone');
    expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(JSON.stringify(reply.body)).not.toContain('definition');
  });

  it('a link of an archived survey answers 410', async () => {
    const { lead, survey } = await publishedSurvey();
    const link = await createLink(lead, survey.id, { kind: 'open' });
    expect((await readPublic(link.token)).status).toBe(200);

    const archived = await lead.request<TSurvey>('POST', `/api/v1/surveys/${survey.id}/archive`);
    const reply = await readPublic(link.token);

    expect(archived.status).toBe(200);
    expect(archived.body.status).toBe('archived');
    expect(reply.status).toBe(410);
    expect(reply.body.code).toBe('gone');
  });

  it('no new link can be made for an archived survey (409)', async () => {
    const { lead, survey } = await publishedSurvey();
    await lead.request('POST', `/api/v1/surveys/${survey.id}/archive`);

    const reply = await lead.request<TProblem>('POST', `/api/v1/surveys/${survey.id}/links`, {
      kind: 'open',
    });

    expect(reply.status).toBe(409);
  });

  it('an unknown token answers 404', async () => {
    const reply = await readPublic(randomBytes(32).toString('base64url'));

    expect(reply.status).toBe(404);
    expect(reply.body.code).toBe('not_found');
    expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('an absurdly long token answers 404', async () => {
    const reply = await readPublic('a'.repeat(500));

    expect(reply.status).toBe(404);
  });
});
