import { Queue } from 'bullmq';
import { and, eq, inArray, sql } from 'drizzle-orm';
import Redis from 'ioredis';
import type { TAlert } from '../../shared/src/api/board';
import type { TSpcChart } from '../../shared/src/api/impact';
import { JOB_SPC_DETECT, queuePrefix } from '../../shared/src/jobs';
import { alerts, spcSignals } from '../../server/src/db/analysis.schema';
import { organisations, responses } from '../../server/src/db/schema';
import { rebuildRollups } from '../../server/src/features/analysis/analysis.service';
import { localToday } from '../../server/src/features/board/board.summary';
import { addDays, mondayOf } from '../../server/src/features/spc/spc.series';
import { createOrg, createStaff, type TOrgFixture } from '../support/fixtures';
import { signIn, submitAnswers, type TClient } from '../support/http';
import { liveSuite, record } from '../support/live';
import { publishedTemplateWithLink } from '../support/surveys';
import { countAnalysed, waitFor } from '../support/workers';

const suite = liveSuite();

/** Respondents a week, and the small-group threshold the organisation is set to (below it, hidden). */
const PER_WEEK = 4;
const K = 3;
const BASELINE_WEEKS = 20;
const SHIFT_WEEKS = 3;

type THistory = { org: TOrgFixture; admin: TClient; lead: TClient; weeks: string[] };

/**
 * A ward with 23 weeks of Friends and Family Test answers ending this week, submitted through the
 * public API and analysed by the real worker, then moved into their weeks (Wednesday noon) and the
 * rollups rebuilt from raw rows. The first 20 weeks: 3 of 4 "very good" (p̄ = 0.75; with n = 4,
 * σ = 0.2165, limits [0.10, 1], 2σ below 0.317). The last 3 weeks: all "poor" (p = 0): the first is
 * beyond the lower limit (and the next two extend that run), the second makes 2-of-3 beyond 2σ.
 * The last baseline week sits on the mean, so no run of 7; equal weeks make no trend.
 */
async function wardWithShift(): Promise<THistory> {
  const org = await createOrg(suite.app.db);
  await suite.app.db
    .update(organisations)
    .set({ minGroupSize: K })
    .where(eq(organisations.id, org.organisationId));
  const adminUser = await createStaff(suite.app.db, org.organisationId, 'admin');
  const leadUser = await createStaff(suite.app.db, org.organisationId, 'quality_lead', {
    level: 'unit',
    id: org.unitId,
  });
  const admin = await signIn(suite.app.url, adminUser.email, adminUser.password);
  const lead = await signIn(suite.app.url, leadUser.email, leadUser.password);
  const { link } = await publishedTemplateWithLink(admin, 'nhs-fft', { kind: 'open', unitId: org.unitId });

  const thisWeek = mondayOf(localToday('Europe/London'));
  const weeks = Array.from({ length: BASELINE_WEEKS + SHIFT_WEEKS }, (_, i) =>
    addDays(thisWeek, -7 * (BASELINE_WEEKS + SHIFT_WEEKS - 1 - i)),
  );
  const byWeek: string[][] = [];
  for (const [i, _week] of weeks.entries()) {
    const shifted = i >= BASELINE_WEEKS;
    const answers = Array.from({ length: PER_WEEK }, (_, j) => ({
      fft: shifted || j === 0 ? 'poor' : 'very_good',
    }));
    const ids: string[] = [];
    for (const a of answers) ids.push(await submitAnswers(suite.app.url, link.token, a));
    byWeek.push(ids);
  }
  const all = byWeek.flat();
  await waitFor('the analyses', async () => (await countAnalysed(suite.app.db, all)) === all.length, 60_000);
  // The detections the analyses asked for run a few seconds later: let them finish before the
  // history moves into its weeks, or one could find the shift (and raise its alerts) before the tests look.
  await waitFor('the queued detections', detectionsSettled, 60_000);
  for (const [i, ids] of byWeek.entries()) {
    await suite.app.db
      .update(responses)
      .set({ submittedAt: new Date(`${addDays(weeks[i]!, 2)}T12:00:00Z`) })
      .where(inArray(responses.id, ids));
  }
  await rebuildRollups(suite.app.db);
  return { org, admin, lead, weeks };
}

const chartOf = async (staff: TClient, query: string) =>
  staff.request<TSpcChart>('GET', `/api/v1/spc?${query}`);

async function withDetectQueue<T>(use: (queue: Queue) => Promise<T>): Promise<T> {
  const connection = new Redis(suite.app.config.REDIS_URL, { maxRetriesPerRequest: 1 });
  const queue = new Queue(JOB_SPC_DETECT, { connection, prefix: queuePrefix(suite.app.config.REDIS_PREFIX) });
  try {
    return await use(queue);
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

async function detectionsSettled(): Promise<boolean> {
  const counts = await withDetectQueue((queue) => queue.getJobCounts('waiting', 'delayed', 'active'));
  return Object.values(counts).every((n) => n === 0);
}

async function enqueueDetection(unitId: string): Promise<void> {
  await withDetectQueue((queue) =>
    queue.add(JOB_SPC_DETECT, { unitId }, { removeOnComplete: true, removeOnFail: 100 }),
  );
}

const signalRows = (unitId: string) =>
  suite.app.db.select().from(spcSignals).where(eq(spcSignals.unitId, unitId));
const spcAlertRows = (unitId: string) =>
  suite.app.db
    .select()
    .from(alerts)
    .where(and(eq(alerts.unitId, unitId), eq(alerts.kind, 'spc')));

describe('SPC charts and special-cause signals', () => {
  let ward: THistory;
  beforeAll(async () => {
    ward = await wardWithShift();
  }, 120_000);

  it('answers a unit’s weekly p-chart with the shift’s signals, each run once at the week it fired', async () => {
    const { org, admin, weeks } = ward;
    const reply = await chartOf(admin, `level=unit&id=${org.unitId}&metric=fft_positive&weeks=52`);
    expect(reply.status).toBe(200);
    const chart = reply.body;
    expect(chart).toMatchObject({ metric: 'fft_positive', chart: 'p', k: K });
    expect(chart.points).toHaveLength(52);
    // Weeks before the history have no data: null, n 0.
    expect(chart.points[0]).toMatchObject({ value: null, n: 0 });
    const shown = chart.points.slice(-weeks.length);
    expect(shown.map((p) => p.week)).toEqual(weeks);
    expect(shown.map((p) => p.n)).toEqual(weeks.map(() => PER_WEEK));
    expect(shown.map((p) => p.value)).toEqual(weeks.map((_, i) => (i < BASELINE_WEEKS ? 0.75 : 0)));
    expect(chart.mean).toBeCloseTo(0.75, 10);
    // A p-chart's limits per week: 0.75 ± 3·√(0.75·0.25/4).
    expect(chart.limits).toHaveLength(weeks.length);
    expect(chart.limits[0]!.lower).toBeCloseTo(0.10048, 4);
    expect(chart.limits[0]!.upper).toBe(1);
    const [shiftStart, secondWeek] = weeks.slice(BASELINE_WEEKS);
    expect(chart.signals).toEqual([
      { rule: 'beyond_limits', direction: 'down', week: shiftStart, runStart: shiftStart },
      { rule: 'two_of_three_beyond_2sigma', direction: 'down', week: secondWeek, runStart: shiftStart },
    ]);
  });

  it('asks for a detection after analyses, debounced per unit: a burst of analyses is a few jobs', async () => {
    const { org } = ward;
    const jobs = await withDetectQueue((queue) =>
      queue.getJobs(['completed', 'delayed', 'waiting', 'active']),
    );
    const mine = jobs.filter((j) => (j.data as { unitId?: string }).unitId === org.unitId);
    expect(mine.length).toBeGreaterThanOrEqual(1);
    expect(mine.length).toBeLessThan(((BASELINE_WEEKS + SHIFT_WEEKS) * PER_WEEK) / 4);
    expect(mine[0]!.opts).toMatchObject({ delay: 5000, attempts: 8 });
  });

  it('recalculates the limits from a change’s go-live: after it, the new level is the baseline', async () => {
    const { org, admin, weeks } = ward;
    const change = await admin.request<{ id: string }>('POST', '/api/v1/changes', {
      name: 'New triage screen',
      kind: 'ehr_module',
      unitIds: [org.unitId],
      goLiveDate: addDays(weeks[BASELINE_WEEKS]!, 1),
    });
    expect(change.status).toBe(201);
    const reply = await chartOf(
      admin,
      `level=unit&id=${org.unitId}&metric=fft_positive&changeId=${change.body.id}`,
    );
    expect(reply.status).toBe(200);
    expect(reply.body.mean).toBe(0);
    const centres = [...new Set(reply.body.limits.map((l) => l.mean))];
    expect(centres).toEqual([0.75, 0]);
    // Three weeks after go-live are too few a baseline for the rules; before it, no signal.
    expect(reply.body.signals).toEqual([]);
  });

  it('stores each run once, raises an alert per signal, and pushes it live to the unit’s quality lead', async () => {
    const { org, lead, weeks } = ward;
    const socket = await suite.board(lead);
    const raised = record(socket, 'alert:raised');
    await enqueueDetection(org.unitId);
    await waitFor('the SPC alerts', async () => (await spcAlertRows(org.unitId)).length === 2, 20_000);
    await waitFor('the live notices', async () => raised.length >= 2, 10_000);

    const signals = await signalRows(org.unitId);
    expect(signals.map((s) => [s.metric, s.rule, s.direction, s.runStart, s.week]).sort()).toEqual([
      ['fft_positive', 'beyond_limits', 'down', weeks[BASELINE_WEEKS], weeks[BASELINE_WEEKS]],
      [
        'fft_positive',
        'two_of_three_beyond_2sigma',
        'down',
        weeks[BASELINE_WEEKS],
        weeks[BASELINE_WEEKS + 1],
      ],
    ]);
    const stored = await spcAlertRows(org.unitId);
    expect(raised.map((r) => r.payload.id).sort()).toEqual(stored.map((a) => a.id).sort());
    expect(raised[0]!.payload).toMatchObject({ unitId: org.unitId, status: 'open' });
    expect(stored.map((a) => a.reasons[0]).sort()).toEqual([
      'spc:beyond_limits:down:fft_positive',
      'spc:two_of_three_beyond_2sigma:down:fft_positive',
    ]);

    // Again: the runs are stored already, so nothing new and no second alert.
    await enqueueDetection(org.unitId);
    await enqueueDetection(org.unitId);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await signalRows(org.unitId)).toHaveLength(2);
    expect(await spcAlertRows(org.unitId)).toHaveLength(2);
    expect(raised).toHaveLength(2);

    // The alerts list shows them with their signal in place of a comment.
    const list = await lead.request<{ items: TAlert[] }>('GET', `/api/v1/alerts?level=unit&id=${org.unitId}`);
    expect(list.status).toBe(200);
    const spc = list.body.items.filter((a) => a.kind === 'spc');
    expect(spc).toHaveLength(2);
    expect(spc[0]).toMatchObject({ surveyId: null, redactedText: null, unitName: 'Ward 7' });
    expect(spc.map((a) => a.spc?.rule).sort()).toEqual(['beyond_limits', 'two_of_three_beyond_2sigma']);
  });

  it('refuses clinicians (403), hides other units (404) and rejects an unknown metric (400)', async () => {
    const { org, admin } = ward;
    const clinicianUser = await createStaff(suite.app.db, org.organisationId, 'clinician');
    const viewerUser = await createStaff(suite.app.db, org.organisationId, 'viewer', {
      level: 'unit',
      id: org.otherUnitId,
    });
    const clinician = await signIn(suite.app.url, clinicianUser.email, clinicianUser.password);
    const viewer = await signIn(suite.app.url, viewerUser.email, viewerUser.password);
    const query = `level=unit&id=${org.unitId}&metric=fft_positive`;
    expect((await chartOf(clinician, query)).status).toBe(403);
    expect((await chartOf(viewer, query)).status).toBe(404);
    expect((await chartOf(viewer, `level=unit&id=${org.otherUnitId}&metric=nps`)).status).toBe(200);
    const bad = await chartOf(admin, `level=unit&id=${org.unitId}&metric=happiness`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
  });

  it('hides a week from fewer than k respondents, and another with it, and skips both in the rules', async () => {
    const { org, admin, weeks } = ward;
    // Two of the first week's four answers move to the other ward: 2 < k. The smallest other week
    // (the second; all have 4) is hidden with it, so the 52 weeks' total cannot give it away.
    await suite.app.db.execute(
      sql`UPDATE responses SET unit_id = ${org.otherUnitId} WHERE id IN (
          SELECT id FROM responses WHERE unit_id = ${org.unitId}
            AND submitted_at = ${`${addDays(weeks[0]!, 2)}T12:00:00Z`}::timestamptz LIMIT 2)`,
    );
    await rebuildRollups(suite.app.db);
    const chart = (await chartOf(admin, `level=unit&id=${org.unitId}&metric=fft_positive`)).body;
    const at = (week: string) => chart.points.find((p) => p.week === week);
    expect(at(weeks[0]!)).toEqual({ week: weeks[0], value: null, n: 0, hidden: 'small' });
    expect(at(weeks[1]!)).toEqual({ week: weeks[1], value: null, n: 0, hidden: 'complement' });
    // The baseline is now the first 20 weeks with a value: weeks 3-20 (0.75) and the first two of
    // the shift (0): p̄ = 54 / 80 = 0.675, its lower limit clamped at 0. The 18 weeks above it are
    // a run from week 3 (hidden weeks are skipped, not counted); the shift is 2-of-3 beyond 2σ.
    expect(chart.mean).toBeCloseTo(0.675, 10);
    expect(chart.signals).toEqual([
      { rule: 'run_of_7', direction: 'up', week: weeks[8], runStart: weeks[2] },
      {
        rule: 'two_of_three_beyond_2sigma',
        direction: 'down',
        week: weeks[BASELINE_WEEKS + 1],
        runStart: weeks[BASELINE_WEEKS],
      },
    ]);
  });
});
