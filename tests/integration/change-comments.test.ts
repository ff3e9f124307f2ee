import { and, eq } from 'drizzle-orm';
import type { TBoardComments } from '../../shared/src/api/board';
import { auditLog } from '../../server/src/db/schema';
import type { TRunningWorkers } from '../../workers/src/main';
import { startTestApp, type TTestApp } from '../support/app';
import { createOrg, createStaff, type TOrgFixture } from '../support/fixtures';
import { signIn, type TClient } from '../support/http';
import { daysAgo, importHistory, type TWindowAnswers } from '../support/impact-history';
import { countAnalysed, startTestWorkers, waitFor } from '../support/workers';

let app: TTestApp;
let workers: TRunningWorkers;

beforeAll(async () => {
  app = await startTestApp();
  workers = await startTestWorkers(app);
}, 30_000);

afterAll(async () => {
  await workers?.stop();
  await app?.close();
});

const WORSE = ['The wait was far too long and nobody told us why', 'Waiting for hours in the corridor'];
const BEFORE = ['Staff were kind and caring'];
const ELSEWHERE = ['The parking was impossible to find'];

/** Go-live 40 days ago; with these windows the before window is days 68–41 ago, the after 40–27. */
const WINDOWS = 'before=28&after=14&settle=0';

type TSetup = { org: TOrgFixture; lead: TClient; changeId: string };

/**
 * A change on Ward 7 and history imported without the change's id, as a trust's old answers and a
 * ward's everyday links come in; the comment threshold is 5 people.
 */
async function changeWithHistory(history: (org: TOrgFixture) => TWindowAnswers[]): Promise<TSetup> {
  const org = await createOrg(app.db);
  const [leadUser, adminUser] = await Promise.all([
    createStaff(app.db, org.organisationId, 'quality_lead'),
    createStaff(app.db, org.organisationId, 'admin'),
  ]);
  const lead = await signIn(app.url, leadUser.email, leadUser.password);
  const admin = await signIn(app.url, adminUser.email, adminUser.password);
  const privacy = { minGroupSize: 5, minCommentGroupSize: 5 };
  expect((await admin.request('PUT', '/api/v1/org/privacy', privacy)).status).toBe(200);
  const change = await lead.request<{ id: string }>('POST', '/api/v1/changes', {
    name: 'AI scribe',
    kind: 'ai_tool',
    unitIds: [org.unitId],
    goLiveDate: daysAgo(40).slice(0, 10),
  });
  expect(change.status).toBe(201);
  const ids = await importHistory(app, lead, history(org));
  await waitFor('the analyses', async () => (await countAnalysed(app.db, ids)) === ids.length, 30_000);
  return { org, lead, changeId: change.body.id };
}

const viewed = (organisationId: string) =>
  app.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.organisationId, organisationId), eq(auditLog.action, 'comments.viewed')));

describe("a change's example comments", () => {
  let setup: TSetup;

  beforeAll(async () => {
    setup = await changeWithHistory((org) => [
      // Six people commented on Ward 7 in the after window, five in the before window.
      { unitId: org.unitId, count: 12, fromDaysAgo: 38, toDaysAgo: 29, good: 0.5, comments: WORSE },
      { unitId: org.unitId, count: 10, fromDaysAgo: 60, toDaysAgo: 45, good: 1, comments: BEFORE },
      { unitId: org.otherUnitId, count: 12, fromDaysAgo: 38, toDaysAgo: 29, good: 1, comments: ELSEWHERE },
    ]);
  }, 60_000);

  it("returns untagged comments from the change's units in the after window, none from before it or other units, and audits the read", async () => {
    const { org, lead, changeId } = setup;
    const res = await lead.request<TBoardComments>('GET', `/api/v1/changes/${changeId}/comments?${WINDOWS}`);
    expect(res.status).toBe(200);
    expect(res.body.k).toBe(5);
    const comments = res.body.comments!;
    expect(comments).toHaveLength(6);
    for (const c of comments) {
      expect(WORSE).toContain(c.redactedText);
      expect(c.unitName).toBe('Ward 7');
      expect(c.question).toBe('What could we do better?');
      expect(c.submittedAt >= daysAgo(39) && c.submittedAt <= daysAgo(28)).toBe(true);
    }
    const rows = await viewed(org.organisationId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ targetType: 'change', targetId: changeId });
    expect(rows[0]!.detail).toMatchObject({ scope: 'change', side: 'after', filtered: false });
    expect(new Set((rows[0]!.detail as { responseIds: string[] }).responseIds)).toEqual(
      new Set(comments.map((c) => c.responseId)),
    );
    expect(JSON.stringify(rows[0]!.detail)).not.toContain('corridor');
  });

  it('reads the before window when asked, and narrows to a theme the comments carry', async () => {
    const { lead, changeId } = setup;
    const base = `/api/v1/changes/${changeId}/comments?${WINDOWS}`;
    const before = await lead.request<TBoardComments>('GET', `${base}&side=before`);
    expect(before.body.comments?.map((c) => c.redactedText)).toEqual(Array(5).fill(BEFORE[0]));

    const after = await lead.request<TBoardComments>('GET', `${base}&limit=1`);
    expect(after.body.comments).toHaveLength(1);
    const theme = after.body.comments![0]!.themes[0];
    expect(theme).toBeDefined();
    const themed = await lead.request<TBoardComments>('GET', `${base}&theme=${encodeURIComponent(theme!)}`);
    expect(themed.status).toBe(200);
    // Ward 9's comments never join the set, so a theme they share cannot lift it over the threshold.
    for (const c of themed.body.comments ?? []) {
      expect(c.themes).toContain(theme);
      expect(c.unitName).toBe('Ward 7');
    }
  });

  it("a viewer scoped to another unit gets 404 for the change's comments, and nothing is audited", async () => {
    const { org, changeId } = setup;
    const before = (await viewed(org.organisationId)).length;
    const viewerUser = await createStaff(app.db, org.organisationId, 'viewer', {
      level: 'unit',
      id: org.otherUnitId,
    });
    const viewer = await signIn(app.url, viewerUser.email, viewerUser.password);
    const res = await viewer.request('GET', `/api/v1/changes/${changeId}/comments?${WINDOWS}`);
    expect(res.status).toBe(404);
    expect(await viewed(org.organisationId)).toHaveLength(before);
  });

  it('refuses a bad query with 400 before anything is read', async () => {
    const { lead, changeId } = setup;
    for (const query of ['side=during', 'after=3', 'limit=0', 'comparison=none', 'sentiment=angry']) {
      const res = await lead.request('GET', `/api/v1/changes/${changeId}/comments?${query}`);
      expect(res.status).toBe(400);
    }
  });
});

it('when fewer than the comment k people wrote in the after window, no text is shown and nothing is audited', async () => {
  const { org, lead, changeId } = await changeWithHistory((o) => [
    { unitId: o.unitId, count: 8, fromDaysAgo: 38, toDaysAgo: 29, good: 0.5, comments: WORSE },
  ]);
  const res = await lead.request<TBoardComments>('GET', `/api/v1/changes/${changeId}/comments?${WINDOWS}`);
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ comments: null, k: 5 });
  expect(await viewed(org.organisationId)).toHaveLength(0);
}, 60_000);
