import type { TImpact, TImpactMetric } from '../../shared/src/api/impact';
import { ZImpactQuery } from '../../shared/src/api/impact';
import { organisations } from '../../server/src/db/schema';
import { getChangeImpact } from '../../server/src/features/impact/impact.service';
import { createLogger } from '../../server/src/logger';
import type { TRunningWorkers } from '../../workers/src/main';
import { DEMO_CHANGES, DEMO_UNITS } from '../../scripts/demo/layout';
import { expectedShift } from '../../scripts/demo/model';
import { analysisProgress, demoCtx, seedDemo, type TDemoSeed, type TSeedDeps } from '../../scripts/demo/seed';
import { startTestApp, type TTestApp } from '../support/app';
import { createStaff, uniq } from '../support/fixtures';
import { startTestWorkers, waitFor } from '../support/workers';

/**
 * `npm run demo`'s data, made by the same seeding function through the history import, analysed by
 * the real workers, then read back by the change page's service: the effects the generator put in
 * must be what the impact page finds. A smaller trust than the demo's keeps the analysis short:
 * at scale 0.08 the kiosk's units get about 320 FFT answers a window, where a twelve-point drop
 * from ~88% is some 4.5 standard errors (80% power needs ~150). A fixed last day and seed make the
 * data, and so the verdicts, the same on every run.
 */
const SCALE = 0.08;
const LAST_DAY = '2026-11-30';

describe('the demo trust', () => {
  let app: TTestApp;
  let workers: TRunningWorkers;
  let deps: TSeedDeps;
  let who: { organisationId: string; adminUserId: string };
  let seeded: TDemoSeed;

  beforeAll(async () => {
    app = await startTestApp();
    const [org] = await app.db
      .insert(organisations)
      .values({ name: `Demo trust ${uniq()}` })
      .returning();
    const admin = await createStaff(app.db, org!.id, 'admin');
    who = { organisationId: org!.id, adminUserId: admin.id };
    deps = { db: app.db, redis: app.redis, config: app.config, log: createLogger('silent', 'test') };
    workers = await startTestWorkers(app);
    seeded = await seedDemo(deps, { ...who, scale: SCALE, seed: 7, lastDay: LAST_DAY });
    const surveyIds = Object.values(seeded.surveyIds);
    await waitFor(
      'every imported response analysed',
      async () => {
        const { imported, analysed } = await analysisProgress(deps, who, surveyIds);
        return imported > 0 && analysed >= imported;
      },
      240_000,
    );
  }, 300_000);

  afterAll(async () => {
    await workers?.stop();
    await app?.close();
  });

  const impactOf = (changeId: string): Promise<TImpact> =>
    getChangeImpact(demoCtx(deps, who.organisationId, who.adminUserId), changeId, ZImpactQuery.parse({}));
  const metric = (impact: TImpact, key: string): TImpactMetric => {
    const found = impact.metrics.find((m) => m.key === key);
    if (!found) throw new Error(`no ${key} metric`);
    return found;
  };
  const contains = (i: { low: number; high: number } | null, value: number) =>
    i !== null && i.low <= value && value <= i.high;

  it('stores the whole year through the import, for two sites and twelve units', async () => {
    expect(seeded.imported).toBeGreaterThan(6_000);
    expect(Object.keys(seeded.unitIds)).toHaveLength(12);
    const again = await seedDemo(deps, { ...who, scale: SCALE, seed: 7, lastDay: LAST_DAY });
    expect(again.imported).toBe(0);
    expect(again.changeIds).toEqual(seeded.changeIds);
  });

  it('finds the kiosk made FFT positive worse, by the drop the generator put in', async () => {
    const impact = await impactOf(seeded.changeIds.kiosk);
    const fft = metric(impact, 'fft_positive');
    expect(fft.verdict).toBe('worse');
    const units = DEMO_CHANGES.kiosk.unitKeys;
    const rest = DEMO_UNITS.map((u) => u.key).filter((k) => !units.includes(k));
    const shift = expectedShift(units, seeded.plan.goLive.kiosk, seeded.plan);
    const drift = expectedShift(rest, seeded.plan.goLive.kiosk, seeded.plan);
    expect(impact.comparisonUnitIds).toHaveLength(rest.length);
    // Before/after on its own units: the injected twelve points plus the site's drift.
    expect(contains(fft.difference, shift)).toBe(true);
    // Against the comparison units, which drifted down a little too.
    expect(drift).toBeLessThan(0);
    expect(contains(fft.did, shift - drift)).toBe(true);
    expect(fft.did!.high).toBeLessThan(-0.05);
  });

  it('finds no change for the scribe, which had none', async () => {
    const impact = await impactOf(seeded.changeIds.scribe);
    for (const key of ['fft_positive', 'nps']) {
      expect(['no clear change', 'too few to tell']).toContain(metric(impact, key).verdict);
    }
    expect(metric(impact, 'fft_positive').verdict).toBe('no clear change');
  });
});
