import type Redis from 'ioredis';
import type { TResponseImportSummary } from '../../shared/src/api/imports';
import type { TTemplateId } from '../../shared/src/api/surveys';
import { TEMPLATES } from '../../shared/src/survey/templates';
import type { TConfig } from '../../server/src/config';
import type { Db } from '../../server/src/db/client';
import type { TCtx } from '../../server/src/http/context';
import type { TLogger } from '../../server/src/logger';
import { createChange, listChanges } from '../../server/src/features/changes/changes.service';
import { getImport, importResponses, listImports } from '../../server/src/features/imports/imports.service';
import { createDepartment, createSite, createUnit, getTree } from '../../server/src/features/org/org.service';
import { createSurvey, listSurveys, publishSurvey } from '../../server/src/features/surveys/surveys.service';
import { generateRows, ndjsonChunks, expectedVolume } from './generate';
import { DEMO_CHANGES, DEMO_SURVEYS, DEMO_UNITS, type TChangeKey, type TDemoSurveyKey } from './layout';
import { eachDay, planDemo, planFromGoLives, type TDemoPlan } from './model';

/**
 * Fills an organisation with the demo trust through the app's own services, as an administrator
 * would: the sites and units, the three surveys (published), the two changes, and a year of
 * answers through the history import, so the workers analyse them like any other. Each step finds
 * what an earlier run made before making it, so a run stopped half-way carries on where it was.
 */

export type TSeedDeps = { db: Db; redis: Redis; config: TConfig; log: TLogger };
export type TSeedProgress = { survey: TDemoSurveyKey; stored: number; expected: number };

export type TSeedOptions = {
  organisationId: string;
  /** The administrator the changes and imports are made as (audited as them). */
  adminUserId: string;
  scale: number;
  seed: number;
  /** The last day of history: yesterday in the organisation's time zone. */
  lastDay: string;
  onProgress?: (p: TSeedProgress) => void;
};

export type TDemoSeed = {
  plan: TDemoPlan;
  unitIds: Record<string, string>;
  changeIds: Record<TChangeKey, string>;
  surveyIds: Record<TDemoSurveyKey, string>;
  /** Rows stored by this run (0 when an earlier run had imported everything). */
  imported: number;
};

const SURVEY_KEYS = Object.keys(DEMO_SURVEYS) as TDemoSurveyKey[];
const PROGRESS_MS = 1000;

export function demoCtx(deps: TSeedDeps, organisationId: string, userId: string): TCtx {
  return {
    ...deps,
    requestId: 'demo-seed',
    actor: { userId, organisationId, role: 'admin', scope: { level: 'organisation' }, via: 'session' },
  };
}

/** Sites, departments and units by name, made where missing; the units' ids by demo key. */
async function ensureUnits(ctx: TCtx): Promise<Record<string, string>> {
  const tree = await getTree(ctx);
  const ids: Record<string, string> = {};
  for (const u of DEMO_UNITS) {
    let site = tree.sites.find((s) => s.name === u.site);
    if (!site) {
      site = { ...(await createSite(ctx, { name: u.site })), departments: [] };
      tree.sites.push(site);
    }
    let dept = site.departments.find((d) => d.name === u.department);
    if (!dept) {
      dept = { ...(await createDepartment(ctx, { siteId: site.id, name: u.department })), units: [] };
      site.departments.push(dept);
    }
    const unit =
      dept.units.find((x) => x.name === u.name) ??
      (await createUnit(ctx, { departmentId: dept.id, name: u.name }));
    ids[u.key] = unit.id;
  }
  return ids;
}

async function ensureSurveys(ctx: TCtx): Promise<Record<TDemoSurveyKey, string>> {
  const existing = await listSurveys(ctx);
  const ids = {} as Record<TDemoSurveyKey, string>;
  for (const key of SURVEY_KEYS) {
    const templateId: TTemplateId = DEMO_SURVEYS[key].templateId;
    const title = TEMPLATES[templateId].definition.title.en;
    const found = existing.find((s) => s.title === title && s.status !== 'archived');
    const id = found?.id ?? (await createSurvey(ctx, { templateId })).id;
    if (!found?.latestVersion) await publishSurvey(ctx, id);
    ids[key] = id;
  }
  return ids;
}

/**
 * The changes, made where missing. The plan comes from their go-live dates when they exist, so a
 * run resumed on a later day imports the same year as the run that made them.
 */
async function ensureChanges(ctx: TCtx, unitIds: Record<string, string>, lastDay: string) {
  const existing = await listChanges(ctx);
  const found = (key: TChangeKey) => existing.find((c) => c.name === DEMO_CHANGES[key].name);
  const [kiosk, scribe] = [found('kiosk'), found('scribe')];
  const plan: TDemoPlan =
    kiosk && scribe
      ? planFromGoLives({ kiosk: kiosk.goLiveDate, scribe: scribe.goLiveDate })
      : planDemo(lastDay);
  const ids = {} as Record<TChangeKey, string>;
  for (const key of ['kiosk', 'scribe'] as const) {
    const c = DEMO_CHANGES[key];
    ids[key] =
      found(key)?.id ??
      (
        await createChange(ctx, {
          name: c.name,
          kind: c.kind,
          description: c.description,
          unitIds: c.unitKeys.map((k) => unitIds[k]!),
          goLiveDate: plan.goLive[key],
        })
      ).id;
  }
  return { plan, changeIds: ids };
}

/** Rows the generator should give a survey at this scale, for a progress percentage. */
export function expectedRows(survey: TDemoSurveyKey, plan: TDemoPlan, scale: number): number {
  let total = 0;
  for (const day of eachDay(plan.firstDay, plan.lastDay)) {
    for (const unit of DEMO_UNITS) total += expectedVolume(survey, unit, day, scale);
  }
  return Math.round(total);
}

const finished = (imports: TResponseImportSummary[]) => imports.find((i) => i.status === 'done');

export async function seedDemo(deps: TSeedDeps, options: TSeedOptions): Promise<TDemoSeed> {
  const ctx = demoCtx(deps, options.organisationId, options.adminUserId);
  const unitIds = await ensureUnits(ctx);
  const surveyIds = await ensureSurveys(ctx);
  const { plan, changeIds } = await ensureChanges(ctx, unitIds, options.lastDay);
  let imported = 0;
  for (const survey of SURVEY_KEYS) {
    const surveyId = surveyIds[survey];
    const done = finished(await listImports(ctx, surveyId));
    if (done) continue;
    const expected = expectedRows(survey, plan, options.scale);
    const rows = generateRows(survey, { plan, scale: options.scale, seed: options.seed, unitIds, changeIds });
    // The import's own counters, read back while it runs: rows stored, not merely generated.
    const report = async () => {
      const running = (await listImports(ctx, surveyId)).find((i) => i.status === 'running');
      if (running) options.onProgress?.({ survey, stored: running.imported + running.duplicates, expected });
    };
    options.onProgress?.({ survey, stored: 0, expected });
    const timer = options.onProgress
      ? setInterval(() => void report().catch(() => undefined), PROGRESS_MS)
      : null;
    try {
      const result = await importResponses(ctx, surveyId, { format: 'ndjson' }, ndjsonChunks(rows));
      if (result.rejected > 0) {
        const first = result.errors[0]?.problems.map((p) => `${p.name}: ${p.reason}`).join('; ');
        throw new Error(`the demo import refused ${result.rejected} ${survey} rows (first: ${first})`);
      }
      options.onProgress?.({ survey, stored: result.imported + result.duplicates, expected });
      imported += result.imported;
    } finally {
      if (timer) clearInterval(timer);
    }
  }
  return { plan, unitIds, changeIds, surveyIds, imported };
}

/**
 * Responses the demo's surveys got by import (in every run, a stopped one too), and how many of
 * them the workers have analysed so far.
 */
export async function analysisProgress(
  deps: TSeedDeps,
  who: { organisationId: string; adminUserId: string },
  surveyIds: string[],
): Promise<{ imported: number; analysed: number }> {
  const ctx = demoCtx(deps, who.organisationId, who.adminUserId);
  let imported = 0;
  let analysed = 0;
  for (const surveyId of surveyIds) {
    for (const summary of await listImports(ctx, surveyId)) {
      const found = await getImport(ctx, summary.id);
      imported += found.imported;
      analysed += found.analysed;
    }
  }
  return { imported, analysed };
}
