import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TAlert } from '../../shared/src/api/board';
import type { TImpact, TImpactGroup } from '../../shared/src/api/impact';
import { units } from '../../server/src/db/schema';
import { addDays } from '../../server/src/features/impact/impact.windows';
import {
  aboutYou,
  EQUITY_SURVEY,
  importRows,
  outcomeAnswers,
  seeded,
  type TMix,
} from '../support/equity-history';
import { createOrg, createStaff } from '../support/fixtures';
import { signIn, type TClient } from '../support/http';
import { startTestApp, type TTestApp } from '../support/app';
import { connectBoard, record, type TBoardSocket } from '../support/live';
import { publishedSurveyWithLink } from '../support/surveys';
import { waitFor } from '../support/workers';

/**
 * The app alone: the groups and the alerts read the answers themselves, not the analysis, so no
 * worker is needed; the alert's live push goes through the app's own Redis event stream.
 */
const suite = {
  app: undefined as unknown as TTestApp,
  sockets: [] as TBoardSocket[],
  async board(staff: { cookie?: string }): Promise<TBoardSocket> {
    const socket = await connectBoard(suite.app.url, { cookie: staff.cookie });
    suite.sockets.push(socket);
    return socket;
  },
};
beforeAll(async () => {
  suite.app = await startTestApp();
});
afterAll(async () => {
  for (const s of suite.sockets) s.close();
  await suite.app?.close();
});

/** Go-live 105 days ago: with the default windows (84, settle 14, 84) the after window ends 8 days ago. */
const TODAY = new Date().toISOString().slice(0, 10);
const GO_LIVE = addDays(TODAY, -105);

/** A ward with many older patients: 30% aged 75 or over. */
const MIX: TMix = {
  age: { '16-24': 0.1, '25-34': 0.1, '35-44': 0.1, '45-54': 0.1, '55-64': 0.15, '65-74': 0.15, '75+': 0.3 },
  englishFirst: 0.8,
};

type TScenario = {
  changeId: string;
  unitId: string;
  admin: TClient;
  lead: TClient & { cookie?: string };
};

/**
 * A self check-in kiosk on one ward: before it, 70% of everyone rate the service good or very good;
 * after it, 88% of everyone under 75 do, and those aged 75 and over fall to 40% (`harm`) or rise to
 * 88% with everyone else. Two comparison wards stay at 70% throughout.
 */
async function scenario(harm: boolean, seed: number): Promise<TScenario> {
  const o = await createOrg(suite.app.db);
  const [third] = await suite.app.db
    .insert(units)
    .values([{ departmentId: o.departmentId, name: 'Ward 11' }])
    .returning();
  const adminUser = await createStaff(suite.app.db, o.organisationId, 'admin');
  const leadUser = await createStaff(suite.app.db, o.organisationId, 'quality_lead', {
    level: 'unit',
    id: o.unitId,
  });
  const admin = await signIn(suite.app.url, adminUser.email, adminUser.password);
  const lead = await signIn(suite.app.url, leadUser.email, leadUser.password);
  const { survey } = await publishedSurveyWithLink(admin, { kind: 'open' }, EQUITY_SURVEY);
  const change = await admin.request<{ id: string }>('POST', '/api/v1/changes', {
    name: 'Self check-in kiosk',
    kind: 'kiosk',
    unitIds: [o.unitId],
    goLiveDate: GO_LIVE,
  });
  expect(change.status).toBe(201);

  const random = seeded(seed);
  const rows: object[] = [];
  const plans = [
    { unitId: o.unitId, perWeek: 35, changed: true },
    { unitId: o.otherUnitId, perWeek: 10, changed: false },
    { unitId: third!.id, perWeek: 10, changed: false },
  ];
  for (const plan of plans) {
    for (const [side, from] of [
      ['before', addDays(GO_LIVE, -84)],
      ['after', addDays(GO_LIVE, 14)],
    ] as const) {
      for (let day = 0; day < 84; day++) {
        const count = Math.floor(((day + 1) * plan.perWeek) / 7) - Math.floor((day * plan.perWeek) / 7);
        for (let i = 0; i < count; i++) {
          const about = aboutYou(random, MIX);
          const old = about.about_age === '75+';
          const p = side === 'before' || !plan.changed ? 0.7 : old && harm ? 0.4 : 0.88;
          rows.push({
            externalId: `e-${rows.length}`,
            submittedAt: `${addDays(from, day)}T12:00:00Z`,
            unitId: plan.unitId,
            answers: { ...outcomeAnswers(random, random() < p), ...about },
          });
        }
      }
    }
  }
  await importRows(suite.app.db, admin, survey.id, rows, false);
  return { changeId: change.body.id, unitId: o.unitId, admin, lead };
}

async function impactOf(staff: TClient, changeId: string): Promise<TImpact> {
  const reply = await staff.request<TImpact>('GET', `/api/v1/changes/${changeId}/impact`);
  expect(reply.status).toBe(200);
  return reply.body;
}

async function disparityAlerts(staff: TClient, unitId: string): Promise<TAlert[]> {
  const reply = await staff.request<{ items: TAlert[] }>('GET', `/api/v1/alerts?level=unit&id=${unitId}`);
  expect(reply.status).toBe(200);
  return reply.body.items.filter((a) => a.kind === 'disparity');
}

const describeGroup = (g: TImpactGroup) => ({
  dimension: g.dimension,
  group: g.group,
  metric: g.key,
  before: g.before,
  after: g.after,
  difference: g.difference,
  interaction: g.interaction,
  interactionP: g.interactionP,
  interactionQ: g.interactionQ,
  q: g.q,
  verdict: g.verdict,
});

describe('who a change helps: disparity alerts', () => {
  let harmed: TScenario;
  let fair: TScenario;

  beforeAll(async () => {
    [harmed, fair] = await Promise.all([scenario(true, 13), scenario(false, 13)]);
  }, 300_000);

  it('when a change helps everyone but the 75+ group, who get worse, exactly one disparity alert is raised, for that group, and pushed live to the unit’s quality lead', async () => {
    const socket = await suite.board(harmed.lead);
    const raised = record(socket, 'alert:raised');

    const impact = await impactOf(harmed.admin, harmed.changeId);
    const groups = impact.groups ?? [];
    const old = groups.find(
      (g) => g.dimension === 'age_band' && g.group === '75+' && g.key === 'fft_positive',
    )!;
    // Everyone else on the ward did better: their change is the group's minus the gap.
    const rest = old.difference!.estimate - old.interaction!.estimate;
    expect(rest).toBeGreaterThan(0.1);
    // And the ward as a whole got better: everyone answered the sex question, so its groups add up
    // to the ward.
    const sexes = groups.filter((x) => x.dimension === 'sex' && x.key === 'fft_positive');
    const share = (side: 'before' | 'after') =>
      sexes.reduce((s, g) => s + g[side].n! * g[side].value!, 0) / sexes.reduce((s, g) => s + g[side].n!, 0);
    const ward = { before: share('before'), after: share('after') };
    expect(ward.after - ward.before).toBeGreaterThan(0.05);
    expect(old.verdict).toBe('worse');
    expect(old.difference!.high).toBeLessThan(0);
    expect(old.interactionP!).toBeLessThan(0.001);
    expect(old.disparity).toBe(true);
    const flagged = groups.filter((g) => g.disparity);
    expect(new Set(flagged.map((g) => `${g.dimension}:${g.group}`))).toEqual(new Set(['age_band:75+']));
    for (const g of groups.filter(
      (x) => x.dimension === 'age_band' && x.group !== '75+' && x.key === 'fft_positive',
    )) {
      expect(g.verdict).not.toBe('worse');
      expect(g.interaction!.estimate).toBeGreaterThan(0);
    }

    const alerts = await disparityAlerts(harmed.lead, harmed.unitId);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      kind: 'disparity',
      status: 'open',
      unitId: harmed.unitId,
      disparity: { changeId: harmed.changeId, dimension: 'age_band', group: '75+' },
    });
    await waitFor('the live disparity notice', async () => raised.length === 1, 10_000);
    expect(raised[0]!.payload).toMatchObject({ id: alerts[0]!.id, unitId: harmed.unitId, status: 'open' });
    expect(raised[0]!.payload.reasons[0]).toMatch(/^disparity:age_band:75\+:/);

    // Read again (and by the lead): still one alert per change, dimension and group.
    await impactOf(harmed.lead, harmed.changeId);
    await impactOf(harmed.admin, harmed.changeId);
    expect(await disparityAlerts(harmed.admin, harmed.unitId)).toHaveLength(1);

    const out = path.resolve('test-results');
    mkdirSync(out, { recursive: true });
    writeFileSync(
      path.join(out, 'equity-disparity.json'),
      JSON.stringify(
        {
          ward,
          everyoneElse: rest,
          flagged: flagged.map(describeGroup),
          ageBands: groups
            .filter((g) => g.dimension === 'age_band' && g.key === 'fft_positive')
            .map(describeGroup),
        },
        null,
        2,
      ),
    );
  });

  it('the same history without the harm raises none', async () => {
    const impact = await impactOf(fair.admin, fair.changeId);
    const groups = impact.groups ?? [];
    expect(groups.length).toBeGreaterThan(0);
    expect(groups.filter((g) => g.disparity)).toEqual([]);
    expect(groups.filter((g) => g.verdict === 'worse')).toEqual([]);
    const old = groups.find(
      (g) => g.dimension === 'age_band' && g.group === '75+' && g.key === 'fft_positive',
    )!;
    expect(old.verdict).toBe('better');
    expect(await disparityAlerts(fair.admin, fair.unitId)).toEqual([]);
  });

  it('keeps the small-group rule on every group: no group figure from fewer than k, never one hidden alone', async () => {
    const impact = await impactOf(harmed.admin, harmed.changeId);
    for (const g of impact.groups ?? []) {
      for (const f of [g.before, g.after]) {
        if (f.hidden) expect(f.value).toBeNull();
        else if (f.n) expect(f.n).toBeGreaterThanOrEqual(impact.k);
      }
    }
  });
});
