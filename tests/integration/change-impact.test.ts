import { sql } from 'drizzle-orm';
import type { TImpact, TImpactMetric } from '../../shared/src/api/impact';
import type { TSurveyDefinition } from '../../shared/src/survey/definition';
import { TEMPLATES } from '../../shared/src/survey/templates';
import { queryRows } from '../../server/src/db/client';
import { units } from '../../server/src/db/schema';
import { addDays } from '../../server/src/features/impact/impact.windows';
import { createOrg, createStaff } from '../support/fixtures';
import { signIn, type TClient } from '../support/http';
import { liveSuite } from '../support/live';
import { publishedSurveyWithLink, publishedTemplateWithLink } from '../support/surveys';
import { waitFor } from '../support/workers';

const suite = liveSuite();

/** Go-live 105 days ago: with the default windows (84, settle 14, 84) the after window ends 8 days ago. */
const TODAY = new Date().toISOString().slice(0, 10);
const GO_LIVE = addDays(TODAY, -105);

/** The NHS FFT template with a 0-10 recommend question. */
const FFT_NPS: TSurveyDefinition = {
  ...TEMPLATES['nhs-fft'].definition,
  items: [
    ...TEMPLATES['nhs-fft'].definition.items,
    { linkId: 'nps', type: 'rating', min: 0, max: 10, text: { en: 'Recommend?', es: '¿Recomendaría?' } },
  ],
};

/** mulberry32: a small seeded generator, so every run imports the same history. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How a group of units answers in one window: P(FFT very good or good), P(NPS 9-10), P(NPS 0-6). */
type TRates = { fft: number; promoters: number; detractors: number };
type TGroupPlan = { unitIds: string[]; perWeek: number; before: TRates; after: TRates; comments?: boolean };

type TOrg = { organisationId: string; unitIds: string[]; admin: TClient; surveyId: string };

async function org(unitCount: number): Promise<TOrg> {
  const o = await createOrg(suite.app.db);
  const extra = Array.from({ length: unitCount - 2 }, (_, i) => ({
    departmentId: o.departmentId,
    name: `Ward ${i + 10}`,
  }));
  const more = extra.length > 0 ? await suite.app.db.insert(units).values(extra).returning() : [];
  const adminUser = await createStaff(suite.app.db, o.organisationId, 'admin');
  const admin = await signIn(suite.app.url, adminUser.email, adminUser.password);
  const { survey } = await publishedSurveyWithLink(admin, { kind: 'open' }, FFT_NPS);
  return {
    organisationId: o.organisationId,
    unitIds: [o.unitId, o.otherUnitId, ...more.map((u) => u.id)],
    admin,
    surveyId: survey.id,
  };
}

/** Imports NDJSON rows through the API, then waits until the workers have analysed all of them. */
async function importRows(admin: TClient, surveyId: string, rows: object[]): Promise<void> {
  const body = rows.map((r) => JSON.stringify(r)).join('\n');
  const reply = await admin.request<{ importId: string; imported: number; rejected: number }>(
    'POST',
    `/api/v1/surveys/${surveyId}/responses/import`,
    body,
    { 'content-type': 'application/x-ndjson' },
  );
  expect(reply.status).toBe(200);
  expect(reply.body.imported).toBe(rows.length);
  await waitFor(
    'the imported history to be analysed',
    async () => {
      const [row] = await queryRows<{ n: string }>(
        suite.app.db,
        sql`SELECT count(*) AS n FROM responses r JOIN response_analyses a ON a.response_id = r.id
          WHERE r.import_id = ${reply.body.importId}`,
      );
      return Number(row?.n) === rows.length;
    },
    120_000,
  );
}

/** A synthetic history over both default windows (settle days left empty), one response per row. */
function history(plans: TGroupPlan[], seed: number): object[] {
  const random = seeded(seed);
  const rows: object[] = [];
  const windows = [
    { side: 'before' as const, from: addDays(GO_LIVE, -84) },
    { side: 'after' as const, from: addDays(GO_LIVE, 14) },
  ];
  for (const plan of plans) {
    for (const unitId of plan.unitIds) {
      for (const { side, from } of windows) {
        const rates = plan[side];
        for (let day = 0; day < 84; day++) {
          // Exactly perWeek responses in every 7 days.
          const count = Math.floor(((day + 1) * plan.perWeek) / 7) - Math.floor((day * plan.perWeek) / 7);
          for (let i = 0; i < count; i++) {
            const positive = random() < rates.fft;
            const fft = positive
              ? random() < 0.5
                ? 'very_good'
                : 'good'
              : ['neither', 'poor', 'very_poor'][Math.floor(random() * 3)]!;
            const u = random();
            const nps =
              u < rates.promoters
                ? 9 + Math.floor(random() * 2)
                : u < rates.promoters + rates.detractors
                  ? Math.floor(random() * 7)
                  : 7 + Math.floor(random() * 2);
            const comment =
              plan.comments && random() < 0.1
                ? {
                    fft_improve: positive
                      ? 'The staff were kind and caring.'
                      : 'I waited four hours to be seen.',
                  }
                : {};
            rows.push({
              externalId: `h-${rows.length}`,
              submittedAt: `${addDays(from, day)}T12:00:00Z`,
              unitId,
              answers: { fft, nps, ...comment },
            });
          }
        }
      }
    }
  }
  return rows;
}

async function createChange(admin: TClient, unitIds: string[]): Promise<string> {
  const reply = await admin.request<{ id: string }>('POST', '/api/v1/changes', {
    name: 'Electronic observations',
    kind: 'ehr_module',
    unitIds,
    goLiveDate: GO_LIVE,
  });
  expect(reply.status).toBe(201);
  return reply.body.id;
}

async function impactOf(staff: TClient, changeId: string, query = ''): Promise<TImpact> {
  const reply = await staff.request<TImpact>('GET', `/api/v1/changes/${changeId}/impact${query}`);
  expect(reply.status).toBe(200);
  return reply.body;
}

const metric = (impact: TImpact, key: string): TImpactMetric => {
  const found = impact.metrics.find((m) => m.key === key);
  if (!found) throw new Error(`no metric ${key} in ${impact.metrics.map((m) => m.key).join(', ')}`);
  return found;
};

const STEADY: TRates = { fft: 0.85, promoters: 0.6, detractors: 0.1 };

describe('the change impact API', () => {
  let effect: { o: TOrg; changeId: string; change: string[]; comparison: string[] };

  beforeAll(async () => {
    const o = await org(6);
    const [change, comparison] = [o.unitIds.slice(0, 2), o.unitIds.slice(2)];
    const changeId = await createChange(o.admin, change);
    await importRows(
      o.admin,
      o.surveyId,
      history(
        [
          {
            unitIds: change,
            perWeek: 10,
            before: STEADY,
            after: { fft: 0.7, promoters: 0.45, detractors: 0.2 },
            comments: true,
          },
          { unitIds: comparison, perWeek: 10, before: STEADY, after: { ...STEADY, fft: 0.82 } },
        ],
        8,
      ),
    );
    effect = { o, changeId, change, comparison };
  }, 240_000);

  it('finds a fall in FFT positive on the change’s units, net of the organisation’s drift, and calls it worse', async () => {
    const impact = await impactOf(effect.o.admin, effect.changeId);
    expect(impact.goLiveDate).toBe(GO_LIVE);
    expect(impact.windows).toEqual({
      before: { from: addDays(GO_LIVE, -84), to: addDays(GO_LIVE, -1) },
      after: { from: addDays(GO_LIVE, 14), to: addDays(GO_LIVE, 97) },
    });
    expect(impact.unitIds.sort()).toEqual([...effect.change].sort());
    expect(impact.comparisonUnitIds).toEqual([...effect.comparison].sort());
    const fft = metric(impact, 'fft_positive');
    expect(fft.before.n).toBe(240);
    expect(fft.after.n).toBe(240);
    expect(fft.difference!.low).toBeLessThan(-0.15);
    expect(fft.difference!.high).toBeGreaterThan(-0.15);
    expect(fft.did!.low).toBeLessThan(-0.12);
    expect(fft.did!.high).toBeGreaterThan(-0.12);
    expect(Math.abs(fft.did!.estimate + 0.12)).toBeLessThan(0.08);
    expect(fft.comparison!.before.n).toBe(480);
    expect(fft.verdict).toBe('worse');
    expect(fft.q).toBeLessThan(0.05);
    expect(metric(impact, 'nps').verdict).toBe('worse');
    const its = impact.its.find((s) => s.key === 'fft_positive')!;
    expect(its.points).toHaveLength(24);
    expect(its.points.every((p) => p.n === 20 && p.fitted !== null)).toBe(true);
    expect(its.level.low).toBeLessThan(its.level.high);
  });

  it('counts SUS scores per response, so the SUS mean has an interval', async () => {
    const { survey } = await publishedTemplateWithLink(effect.o.admin, 'sus', { kind: 'open' });
    // Pattern A: every statement 3 (score 50); pattern B: odd statements 4, even 2 (score 75).
    const answers = (b: boolean) =>
      Object.fromEntries(
        Array.from({ length: 10 }, (_, i) => [`sus_${i + 1}`, b ? (i % 2 === 0 ? 4 : 2) : 3]),
      );
    const rows = [
      ...Array.from({ length: 12 }, (_, i) => ({ day: addDays(GO_LIVE, -10 - i), b: i < 4 })),
      ...Array.from({ length: 12 }, (_, i) => ({ day: addDays(GO_LIVE, 20 + i), b: i < 8 })),
    ].map((r, i) => ({
      externalId: `sus-${i}`,
      submittedAt: `${r.day}T12:00:00Z`,
      unitId: effect.change[i % 2],
      answers: answers(r.b),
    }));
    await importRows(effect.o.admin, survey.id, rows);
    const impact = await impactOf(effect.o.admin, effect.changeId);
    const sus = metric(impact, 'sus');
    // SUS statements alternate in wording: their plain mean would say nothing, so they feed no mean rating.
    expect(impact.metrics.some((m) => m.key === 'mean_rating')).toBe(false);
    expect(sus.kind).toBe('mean');
    expect(sus.before).toEqual({ n: 12, value: expect.closeTo(700 / 12, 5), hidden: null });
    expect(sus.after).toEqual({ n: 12, value: expect.closeTo(800 / 12, 5), hidden: null });
    expect(sus.difference!.estimate).toBeCloseTo(100 / 12, 5);
  }, 60_000);

  it('leaves the comparison out when asked: no difference-in-differences', async () => {
    const impact = await impactOf(effect.o.admin, effect.changeId, '?comparison=none');
    expect(impact.comparisonUnitIds).toEqual([]);
    expect(impact.metrics.every((m) => m.did === null && m.comparison === null)).toBe(true);
    const chosen = await impactOf(effect.o.admin, effect.changeId, `?comparison=${effect.comparison[0]}`);
    expect(chosen.comparisonUnitIds).toEqual([effect.comparison[0]]);
    expect(metric(chosen, 'fft_positive').comparison!.before.n).toBe(120);
  });

  it('answers 404 to a viewer scoped to another unit, as for a change that does not exist', async () => {
    const user = await createStaff(suite.app.db, effect.o.organisationId, 'quality_lead', {
      level: 'unit',
      id: effect.comparison[0]!,
    });
    const lead = await signIn(suite.app.url, user.email, user.password);
    const reply = await lead.request('GET', `/api/v1/changes/${effect.changeId}/impact`);
    expect(reply.status).toBe(404);
  });

  it('refuses a bad query with a 400 problem naming the parameter', async () => {
    for (const query of ['before=3', 'comparison=ward-7', 'settle=-1', 'colour=red']) {
      const reply = await effect.o.admin.request<{ invalid_params?: { name: string }[] }>(
        'GET',
        `/api/v1/changes/${effect.changeId}/impact?${query}`,
      );
      expect(reply.status).toBe(400);
      expect(reply.headers.get('content-type')).toContain('application/problem+json');
      expect(reply.body.invalid_params?.length).toBeGreaterThan(0);
    }
  });

  it('says no clear change for every metric when nothing changed and there are answers enough to see it', async () => {
    const o = await org(4);
    const [change, comparison] = [o.unitIds.slice(0, 2), o.unitIds.slice(2)];
    const changeId = await createChange(o.admin, change);
    const calm: TRates = { fft: 0.85, promoters: 0.8, detractors: 0.04 };
    await importRows(
      o.admin,
      o.surveyId,
      history(
        [
          { unitIds: change, perWeek: 25, before: calm, after: calm },
          { unitIds: comparison, perWeek: 8, before: calm, after: calm },
        ],
        11,
      ),
    );
    const impact = await impactOf(o.admin, changeId);
    expect(impact.metrics.map((m) => m.key).sort()).toEqual(['fft_positive', 'nps']);
    expect(impact.metrics.map((m) => [m.key, m.verdict])).toEqual(
      impact.metrics.map((m) => [m.key, 'no clear change']),
    );
  }, 240_000);

  it('says too few to tell, with the figures hidden, when a window has fewer than k respondents', async () => {
    const o = await org(2);
    const changeId = await createChange(o.admin, [o.unitIds[0]!]);
    const row = (i: number, day: string) => ({
      externalId: `f-${i}`,
      submittedAt: `${day}T12:00:00Z`,
      unitId: o.unitIds[0],
      answers: { fft: 'good', nps: 9 },
    });
    await importRows(o.admin, o.surveyId, [
      ...Array.from({ length: 6 }, (_, i) => row(i, addDays(GO_LIVE, -5))),
      ...Array.from({ length: 3 }, (_, i) => row(10 + i, addDays(GO_LIVE, 20))),
    ]);
    const fft = metric(await impactOf(o.admin, changeId), 'fft_positive');
    expect(fft.before).toEqual({ n: 6, value: 1, hidden: null });
    expect(fft.after).toEqual({ n: null, value: null, hidden: 'small' });
    expect(fft.difference).toBeNull();
    expect(fft.p).toBeNull();
    expect(fft.verdict).toBe('too few to tell');
  }, 60_000);
});
