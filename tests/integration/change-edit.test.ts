import { and, eq } from 'drizzle-orm';
import type { TImpact } from '../../shared/src/api/impact';
import type { TChange } from '../../shared/src/api/org';
import { auditLog, changeUnits, changes, units } from '../../server/src/db/schema';
import { startTestApp, type TTestApp } from '../support/app';
import { createOrg, createStaff, type TOrgFixture } from '../support/fixtures';
import { signIn, type TClient } from '../support/http';

let app: TTestApp;

beforeAll(async () => {
  app = await startTestApp();
}, 30_000);

afterAll(async () => {
  await app?.close();
});

type TProblem = { detail: string; invalid_params?: { name: string; reason: string }[] };
type TSetup = { org: TOrgFixture; admin: TClient; change: TChange; thirdUnitId: string };

/** An organisation with three units and a change on Ward 7 recorded by an admin. */
async function setup(): Promise<TSetup> {
  const org = await createOrg(app.db);
  const [third] = await app.db
    .insert(units)
    .values({ departmentId: org.departmentId, name: 'Ward 11' })
    .returning();
  const adminUser = await createStaff(app.db, org.organisationId, 'admin');
  const admin = await signIn(app.url, adminUser.email, adminUser.password);
  const created = await admin.request<TChange>('POST', '/api/v1/changes', {
    name: 'Bedside tablets',
    kind: 'kiosk',
    description: 'Patients check in at the bedside.',
    unitIds: [org.unitId],
    goLiveDate: '2025-03-01',
  });
  expect(created.status).toBe(201);
  return { org, admin, change: created.body, thirdUnitId: third!.id };
}

async function as(org: TOrgFixture, role: 'quality_lead' | 'viewer', unitId?: string): Promise<TClient> {
  const scope = unitId ? { level: 'unit' as const, id: unitId } : { level: 'organisation' as const };
  const user = await createStaff(app.db, org.organisationId, role, scope);
  return signIn(app.url, user.email, user.password);
}

const storedUnits = async (changeId: string): Promise<string[]> =>
  (await app.db.select().from(changeUnits).where(eq(changeUnits.changeId, changeId)))
    .map((r) => r.unitId)
    .sort();

const edits = (changeId: string) =>
  app.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.targetId, changeId), eq(auditLog.action, 'change.updated')));

describe('editing a technology change', () => {
  it('when an admin moves the go-live date and units, the change is stored and audited with before and after', async () => {
    const { org, admin, change } = await setup();
    const res = await admin.request<TChange>('PATCH', `/api/v1/changes/${change.id}`, {
      goLiveDate: '2025-04-15',
      unitIds: [org.otherUnitId, org.unitId],
      name: 'Bedside tablets',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: change.id, name: 'Bedside tablets', goLiveDate: '2025-04-15' });
    expect([...res.body.unitIds].sort()).toEqual([org.unitId, org.otherUnitId].sort());

    const [row] = await app.db.select().from(changes).where(eq(changes.id, change.id));
    expect(row!.goLiveDate).toBe('2025-04-15');
    expect(await storedUnits(change.id)).toEqual([org.unitId, org.otherUnitId].sort());

    const audit = await edits(change.id);
    expect(audit).toHaveLength(1);
    // Only what changed: the unchanged name is left out.
    expect(audit[0]!.detail).toEqual({
      before: { goLiveDate: '2025-03-01', unitIds: [org.unitId] },
      after: { goLiveDate: '2025-04-15', unitIds: [org.unitId, org.otherUnitId].sort() },
    });
  });

  it("when the go-live date moves, the change's impact windows move with it", async () => {
    const { admin, change } = await setup();
    const impact = () => admin.request<TImpact>('GET', `/api/v1/changes/${change.id}/impact`);
    const first = await impact();
    expect(first.status).toBe(200);
    expect(first.body.goLiveDate).toBe('2025-03-01');

    const moved = await admin.request('PATCH', `/api/v1/changes/${change.id}`, { goLiveDate: '2025-06-01' });
    expect(moved.status).toBe(200);
    const second = await impact();
    expect(second.status).toBe(200);
    expect(second.body.goLiveDate).toBe('2025-06-01');
    expect(second.body.windows.after.from > first.body.windows.after.from).toBe(true);
    expect(second.body.windows.before.to > first.body.windows.before.to).toBe(true);
  });

  it('a lead scoped to one unit can neither edit a change touching another unit nor move theirs outside their unit (404)', async () => {
    const { org, admin, change, thirdUnitId } = await setup();
    const lead = await as(org, 'quality_lead', org.unitId);
    const wide = await admin.request<TChange>('PATCH', `/api/v1/changes/${change.id}`, {
      unitIds: [org.unitId, org.otherUnitId],
    });
    expect(wide.status).toBe(200);

    const touching = await lead.request<TProblem>('PATCH', `/api/v1/changes/${change.id}`, {
      name: 'Mine now',
    });
    expect(touching.status).toBe(404);

    const own = await lead.request<TChange>('POST', '/api/v1/changes', {
      name: 'Ward 7 kiosk',
      kind: 'kiosk',
      unitIds: [org.unitId],
      goLiveDate: '2025-05-01',
    });
    expect(own.status).toBe(201);
    const away = await lead.request('PATCH', `/api/v1/changes/${own.body.id}`, { unitIds: [thirdUnitId] });
    expect(away.status).toBe(404);
    const renamed = await lead.request<TChange>('PATCH', `/api/v1/changes/${own.body.id}`, {
      description: 'Kiosk by the ward entrance.',
    });
    expect(renamed.status).toBe(200);

    expect(await storedUnits(own.body.id)).toEqual([org.unitId]);
    const [row] = await app.db.select().from(changes).where(eq(changes.id, change.id));
    expect(row!.name).toBe('Bedside tablets');
    expect(await edits(own.body.id)).toHaveLength(1);
  });

  it('a viewer may not edit a change (403)', async () => {
    const { org, change } = await setup();
    const viewer = await as(org, 'viewer');
    const res = await viewer.request('PATCH', `/api/v1/changes/${change.id}`, { name: 'Renamed' });
    expect(res.status).toBe(403);
  });

  it.each([
    ['an empty body', {}, 'body'],
    ['a date that does not exist', { goLiveDate: '2025-02-30' }, 'goLiveDate'],
    ['no units', { unitIds: [] }, 'unitIds'],
  ])('answers %s with 400 problem+json naming the field', async (_, body, name) => {
    const { admin, change } = await setup();
    const res = await admin.request<TProblem>('PATCH', `/api/v1/changes/${change.id}`, body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.invalid_params?.map((p) => p.name)).toContain(name);
    expect(await edits(change.id)).toHaveLength(0);
  });
});
