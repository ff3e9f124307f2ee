import { sql } from 'drizzle-orm';
import { ZMyReports, type TAction } from '../../shared/src/api/actions';
import { ZImpact, type TImpact } from '../../shared/src/api/impact';
import { queryRows } from '../../server/src/db/client';
import { addDays } from '../../server/src/features/impact/impact.windows';
import { createOrg, createStaff, type TOrgFixture } from '../support/fixtures';
import { signIn, type TClient } from '../support/http';
import { importHistory } from '../support/impact-history';
import { rebuildRollups } from '../../server/src/features/analysis/analysis.service';
import { startTestApp, type TTestApp } from '../support/app';
import { FRICTION_SURVEY, publishedSurveyWithLink } from '../support/surveys';

/**
 * What reads analyses: impact figures come from rollups, theme links from comment analyses. The
 * analyses are stored here as the worker stores them and the rollups rebuilt with the worker's own
 * statement (`npm run rollups:rebuild`), so these tests do not depend on the analysis model (tested
 * in the pipeline's own tests).
 */
const suite = (() => {
  const s = { app: undefined as unknown as TTestApp };
  beforeAll(async () => {
    s.app = await startTestApp();
  });
  afterAll(async () => {
    await s.app?.close();
  });
  return s;
})();

/** Marks responses analysed (they have no comments) and rebuilds the rollups from them. */
async function analysedWithoutComments(ids: string[]): Promise<void> {
  for (const id of ids) {
    await suite.app.db.execute(
      sql`INSERT INTO response_analyses (response_id, model_version) VALUES (${id}, 'fixture') ON CONFLICT DO NOTHING`,
    );
  }
  await rebuildRollups(suite.app.db);
}

type TSetup = TOrgFixture & { admin: TClient };

async function setup(): Promise<TSetup> {
  const org = await createOrg(suite.app.db);
  const admin = await createStaff(suite.app.db, org.organisationId, 'admin');
  return { ...org, admin: await signIn(suite.app.url, admin.email, admin.password) };
}

const createAction = (c: TClient, body: object) => c.request<TAction>('POST', '/api/v1/actions', body);

describe('action impact and links through analysis', () => {
  it('a done action’s impact has the change impact’s shape, anchored at its done date on its units', async () => {
    const o = await setup();
    // Worse before the action (days 180-101 ago), better after (days 99-20 ago).
    const ids = await importHistory(suite.app, o.admin, [
      { unitId: o.unitId, count: 72, fromDaysAgo: 180, toDaysAgo: 101, good: 0.5 },
      { unitId: o.unitId, count: 72, fromDaysAgo: 99, toDaysAgo: 20, good: 0.95 },
    ]);
    await analysedWithoutComments(ids);
    const [{ day }] = (await queryRows<{ day: string }>(
      suite.app.db,
      sql`SELECT to_char((now() AT TIME ZONE 'Europe/London')::date - 100, 'YYYY-MM-DD') AS day`,
    )) as [{ day: string }];
    const action = await createAction(o.admin, {
      title: 'Discharge lounge',
      publicDescription: 'We opened a discharge lounge.',
      status: 'done',
      doneDate: day,
      unitIds: [o.unitId],
      source: { kind: 'theme', theme: 'Timeliness of care' },
    });
    expect(action.status).toBe(201);
    const reply = await o.admin.request<TImpact>(
      'GET',
      `/api/v1/actions/${action.body.id}/impact?before=84&after=84&settle=0&comparison=none`,
    );
    expect(reply.status).toBe(200);
    const impact = ZImpact.parse(reply.body);
    expect(impact).toMatchObject({
      changeId: action.body.id,
      goLiveDate: day,
      unitIds: [o.unitId],
      comparisonUnitIds: [],
      windows: {
        before: { from: addDays(day, -84), to: addDays(day, -1) },
        after: { from: day, to: addDays(day, 83) },
      },
    });
    const fft = impact.metrics.find((m) => m.key === 'fft_positive')!;
    expect(fft.before.n).toBe(72);
    expect(fft.after.n).toBe(72);
    expect(fft.before.value).toBeCloseTo(36 / 72, 5);
    expect(fft.after.value).toBeCloseTo(Math.floor(72 * 0.95) / 72, 1);
    expect(fft.verdict).toBe('better');

    // Anchored 40 days later, the before window takes in the better weeks too.
    const later = await o.admin.request<TAction>('PATCH', `/api/v1/actions/${action.body.id}`, {
      doneDate: addDays(day, 40),
    });
    expect(later.body.doneDate).toBe(addDays(day, 40));
    const moved = await o.admin.request<TImpact>(
      'GET',
      `/api/v1/actions/${action.body.id}/impact?before=84&after=84&settle=0&comparison=none`,
    );
    const movedFft = moved.body.metrics.find((m) => m.key === 'fft_positive')!;
    expect(moved.body.goLiveDate).toBe(addDays(day, 40));
    expect(movedFft.before.value!).toBeGreaterThan(fft.before.value!);

    // Not done: there is nothing to anchor on.
    await o.admin.request('PATCH', `/api/v1/actions/${action.body.id}`, { status: 'in_progress' });
    const notDone = await o.admin.request<{ detail: string }>(
      'GET',
      `/api/v1/actions/${action.body.id}/impact`,
    );
    expect(notDone.status).toBe(409);
    expect(notDone.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(notDone.body.detail).toMatch(/not done yet/);
  });

  it('an action from a friction theme reaches the clinician who reported it with consent to contact', async () => {
    const o = await setup();
    const user = await createStaff(suite.app.db, o.organisationId, 'clinician');
    const clinician = await signIn(suite.app.url, user.email, user.password);
    const { link, versionId } = await publishedSurveyWithLink(
      o.admin,
      { kind: 'open', unitId: o.unitId },
      FRICTION_SURVEY,
    );
    const sent = await clinician.request<{ id: string }>(
      'POST',
      `/api/v1/public/surveys/${link.token}/responses`,
      {
        versionId,
        answers: { ease: 1, friction: 'Too many clicks to sign a discharge letter.' },
        contact: true,
      },
      { 'idempotency-key': crypto.randomUUID() },
    );
    expect(sent.status).toBe(201);
    // The analysis as the worker stores it, with the friction theme it found in the comment.
    await suite.app.db.execute(
      sql`INSERT INTO response_analyses (response_id, model_version) VALUES (${sent.body.id}, 'fixture')`,
    );
    await suite.app.db
      .execute(sql`INSERT INTO comment_analyses (response_id, link_id, redacted_text, redactions,
        sentiment, sentiment_score, themes, friction_themes, urgent, urgency_reasons)
      VALUES (${sent.body.id}, 'friction', 'Too many clicks to sign a discharge letter.', '{}', 'negative', -0.4,
        '[]'::jsonb, '[{"key": "usability-clicks", "label": "Too many clicks"}]'::jsonb, false, '{}')`);
    // The friction theme, as a quality lead picks it from the board.
    const [analysed] = await queryRows<{ key: string }>(
      suite.app.db,
      sql`SELECT f->>'key' AS key FROM comment_analyses ca, jsonb_array_elements(ca.friction_themes) f
        WHERE ca.response_id = ${sent.body.id} LIMIT 1`,
    );
    expect(analysed?.key).toBeTruthy();
    const action = await createAction(o.admin, {
      title: 'Fewer clicks',
      publicDescription: 'We removed three screens from the discharge workflow.',
      status: 'in_progress',
      unitIds: [o.unitId],
      source: { kind: 'theme', theme: analysed!.key },
    });
    expect(action.status).toBe(201);
    // On another unit the same theme links nothing of theirs.
    const elsewhere = await createAction(o.admin, {
      title: 'Elsewhere',
      publicDescription: 'Something on another ward.',
      unitIds: [o.otherUnitId],
      source: { kind: 'theme', theme: analysed!.key },
    });
    expect(elsewhere.status).toBe(201);
    const { items } = ZMyReports.parse((await clinician.request('GET', '/api/v1/me/reports')).body);
    expect(items).toHaveLength(1);
    expect(items[0]!.themes.length).toBeGreaterThan(0);
    expect(items[0]!.actions.map((a) => [a.id, a.status])).toEqual([[action.body.id, 'in_progress']]);
  });
});
