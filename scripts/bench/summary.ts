/**
 * `npx tsx scripts/bench/summary.ts`: the board summary over one year of data (20 units, about a
 * million analysed responses) read from the rollups, against the same figures computed from raw
 * rows. Target: summary p95 ≤ 50 ms.
 *
 * Data lives in its own database, `careloop_bench_summary`, generated on the first run (a few
 * minutes) and reused afterwards; the rollups are rebuilt when the migrations changed since.
 *
 *   BENCH_ITERATIONS=200       timed summary calls per scope and period (after BENCH_WARMUP=20)
 *   BENCH_RAW_ITERATIONS=5     timed raw-row computations per scope and period (after 1 warm-up)
 *   BENCH_PERIODS=30d,365d     periods to measure
 *   BENCH_REGENERATE=1         drop and regenerate the data; BENCH_REBUILD_ROLLUPS=1 rebuilds rollups only
 *   BENCH_SUMMARY_RESPONSES=1050000   responses to generate (about; per-day noise)
 *   BENCH_IMPACT_ITERATIONS=100  timed change-impact calls per change (summary-impact-support.ts)
 */
import { Client } from 'pg';
import { sql } from 'drizzle-orm';
import type { TBoardPeriod, TBoardScope, TBoardSummary, TFigure } from '../../shared/src/api/board';
import { BOARD_PERIODS } from '../../shared/src/api/board';
import { itemMeasures, type TItemMeasure } from '../../shared/src/survey/scoring';
import type { TSurveyDefinition } from '../../shared/src/survey/definition';
import { COMMAND_STATEMENT_TIMEOUT_MS, openDatabase, queryRows, type Db } from '../../server/src/db/client';
import { countRollupRows, rebuildRollups } from '../../server/src/features/analysis/analysis.service';
import { ROLLUP_TABLE_NAMES } from '../../server/src/features/analysis/rollups.repository';
import { scopeRows } from '../../server/src/db/scope-filter';
import * as repo from '../../server/src/features/board/board.repository';
import { computeSummary, localToday, periodWindow } from '../../server/src/features/board/board.summary';
import {
  benchConfig,
  dropRedisKeys,
  ensureDatabase,
  machine,
  ms,
  postgresVersion,
  signIn,
  startServer,
  stats,
} from './bench-support';
import {
  createStructure,
  generateResponses,
  migrationCount,
  readMarker,
  TARGET_RESPONSES,
  writeMarker,
  type TBenchIds,
  type TGenerated,
} from './summary-data-support';
import { figuresFromRaw, readRaw, type TRawWindow } from './summary-raw-support';
import { benchImpact } from './summary-impact-support';

const DATABASE = 'careloop_bench_summary';
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 20);
const RAW_ITERATIONS = Number(process.env.BENCH_RAW_ITERATIONS ?? 5);
const PERIODS = (process.env.BENCH_PERIODS ?? '30d,365d').split(',') as TBoardPeriod[];
const TARGET_P95_MS = 50;

const seconds = (from: number) => (performance.now() - from) / 1000;
const log = (s: string) => console.log(s);

/**
 * The rollups rebuilt as `npm run rollups:rebuild` does, on a pool of its own with the commands'
 * statement limit: the server's is for requests, and a million responses take longer.
 */
async function rebuildRollupsAt(url: string): Promise<void> {
  const database = await openDatabase({ url, dataDir: '', statementTimeoutMs: COMMAND_STATEMENT_TIMEOUT_MS });
  try {
    await rebuildRollups(database.db);
  } finally {
    await database.close();
  }
}

async function prepareData(url: string): Promise<{ info: TGenerated; reused: boolean }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  let marker = process.env.BENCH_REGENERATE ? null : await readMarker(client);
  await client.end();
  // Data made for another size (BENCH_SUMMARY_RESPONSES) is made again.
  if (marker && Math.abs(marker.responses - TARGET_RESPONSES) > TARGET_RESPONSES * 0.1) marker = null;
  if (marker) {
    const running = await startServer(await benchConfig(url, `benchsum${process.pid}`));
    const c = new Client({ connectionString: url });
    await c.connect();
    try {
      const migrations = await migrationCount(c);
      if (migrations !== marker.migrations || process.env.BENCH_REBUILD_ROLLUPS) {
        log(
          `migrations changed (${marker.migrations} → ${migrations}) or rebuild asked: rebuilding the rollups`,
        );
        const t = performance.now();
        await rebuildRollupsAt(url);
        await c.query(`ANALYZE ${ROLLUP_TABLE_NAMES.join(', ')}`);
        marker = { ...marker, rollupSeconds: seconds(t), migrations };
        await writeMarker(c, marker);
      }
    } finally {
      await c.end();
      await running.stop();
    }
    return { info: marker, reused: true };
  }

  // Anything half made by an interrupted run goes: the generator assumes empty tables.
  await ensureDatabase(DATABASE, { recreate: true });
  const running = await startServer(await benchConfig(url, `benchsum${process.pid}`));
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    log(`generating about ${TARGET_RESPONSES.toLocaleString('en-GB')} responses (first run only)…`);
    const started = performance.now();
    const { call } = await signIn(running.base);
    const ids: TBenchIds = await createStructure(call, c);
    const responses = await generateResponses(call, c, ids, log);
    const generateSeconds = seconds(started);
    log(`  generated in ${generateSeconds.toFixed(1)} s; rebuilding the rollups with rebuildRollups…`);
    const t = performance.now();
    await rebuildRollupsAt(url);
    const rollupSeconds = seconds(t);
    await c.query(`ANALYZE ${ROLLUP_TABLE_NAMES.join(', ')}`);
    const info: TGenerated = {
      ids,
      responses,
      generateSeconds,
      rollupSeconds,
      migrations: await migrationCount(c),
    };
    await writeMarker(c, info);
    return { info, reused: false };
  } finally {
    await c.end();
    await running.stop();
  }
}

type TCase = { label: string; scope: TBoardScope; period: TBoardPeriod };

function cases(ids: TBenchIds): TCase[] {
  const ed = ids.units.find((u) => u.name === 'Emergency Department')!;
  const quiet = ids.units.find((u) => u.name === 'Renal Dialysis')!;
  const scopes: [string, TBoardScope][] = [
    ['organisation', { level: 'organisation' }],
    ['site (all 20 units)', { level: 'site', id: ids.siteId }],
    ['department Medicine', { level: 'department', id: ids.departmentIds[0]! }],
    ['unit ED (busiest)', { level: 'unit', id: ed.id }],
    ['unit Renal (quietest)', { level: 'unit', id: quiet.id }],
    [`change ${ids.changes[0]!.name}`, { level: 'change', id: ids.changes[0]!.id }],
  ];
  return scopes.flatMap(([label, scope]) => PERIODS.map((period) => ({ label, scope, period })));
}

async function timeIt(n: number, warmup: number, fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return samples;
}

/** Row-for-row comparison of the rollup reads with the raw-row reads; a list of differences. */
function diffRows(name: string, rollup: object[], raw: object[]): string[] {
  const key = (r: object) => JSON.stringify(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)));
  const a = new Set(rollup.map(key));
  const b = new Set(raw.map(key));
  const onlyRollup = [...a].filter((x) => !b.has(x));
  const onlyRaw = [...b].filter((x) => !a.has(x));
  if (onlyRollup.length === 0 && onlyRaw.length === 0) return [];
  return [
    `${name}: ${onlyRollup.length} rows only in the rollups, ${onlyRaw.length} only in raw rows` +
      (onlyRollup[0] ? `; e.g. rollup ${onlyRollup[0]}` : '') +
      (onlyRaw[0] ? `; raw ${onlyRaw[0]}` : ''),
  ];
}

/** The summary's visible figures against the raw-row ones; a list of differences. */
function diffFigures(summary: TBoardSummary, raw: ReturnType<typeof figuresFromRaw>): [string[], number] {
  const problems: string[] = [];
  let compared = 0;
  const check = (what: string, figure: TFigure, expected: number | null) => {
    if (figure.hidden !== null) return;
    compared++;
    if (figure.value !== expected) problems.push(`${what}: summary ${figure.value}, raw rows ${expected}`);
  };
  const t = summary.totals;
  check('totals.responses', t.responses, raw.responses);
  check('totals.comments', t.comments, raw.comments);
  check('totals.fftPositive', t.fftPositive, raw.fftPositive);
  check('totals.nps', t.nps, raw.nps);
  check('totals.meanRating', t.meanRating, raw.meanRating);
  for (const s of ['positive', 'neutral', 'negative'] as const) {
    check(`totals.sentiment.${s}`, t.sentiment[s], raw.sentiment[s] ?? 0);
  }
  for (const p of summary.trend) {
    const r = raw.trend.get(p.start);
    check(`trend ${p.start} responses`, p.responses, r?.responses ?? 0);
    check(`trend ${p.start} fftPositive`, p.fftPositive, r?.fftPositive ?? null);
    check(`trend ${p.start} nps`, p.nps, r?.nps ?? null);
  }
  const themes = summary.themes.map((m) => `${m.theme}=${m.current.value}/${m.previous.value}`).join('; ');
  const rawThemes = raw.topThemes.map((m) => `${m.theme}=${m.current}/${m.previous}`).join('; ');
  compared++;
  if (themes !== rawThemes) problems.push(`top themes: summary [${themes}], raw rows [${rawThemes}]`);
  return [problems, compared];
}

async function readMeasures(db: Db, surveyIds: string[]) {
  const rows = await queryRows<{ id: string; survey_id: string; definition: TSurveyDefinition }>(
    db,
    sql`SELECT id, survey_id, definition FROM survey_versions WHERE survey_id IN ${surveyIds} ORDER BY version`,
  );
  const measures = new Map<string, TItemMeasure>();
  const npsItems: { v: string; l: string }[] = [];
  for (const r of rows) {
    for (const [linkId, m] of itemMeasures(r.definition)) {
      measures.set(`${r.survey_id}/${linkId}`, m);
      if (m.kind === 'nps') npsItems.push({ v: r.id, l: linkId });
    }
  }
  return { measureOf: (surveyId: string, linkId: string) => measures.get(`${surveyId}/${linkId}`), npsItems };
}

async function main(): Promise<void> {
  const url = await ensureDatabase(DATABASE);
  log('# CareLoop board summary bench');
  log(`machine: ${machine()}`);
  log(`postgres: ${await postgresVersion(url)}`);
  const { info, reused } = await prepareData(url);
  log(
    `data: ${info.responses.toLocaleString('en-GB')} responses over 365 days, ${info.ids.units.length} units, ` +
      `${info.ids.changes.length} changes; generated in ${info.generateSeconds.toFixed(1)} s, ` +
      `rollups rebuilt (rebuildRollups) in ${info.rollupSeconds.toFixed(1)} s` +
      (reused ? ' (on an earlier run; reused)' : ''),
  );

  const config = await benchConfig(url, `benchsum${process.pid}`);
  const running = await startServer(config);
  try {
    const db = running.database.db;
    const counts = await countRollupRows(db);
    const sizes = await queryRows<{ name: string; size: string }>(
      db,
      sql`SELECT relname AS name, pg_size_pretty(pg_total_relation_size(oid)) AS size FROM pg_class
          WHERE relname IN ${[...ROLLUP_TABLE_NAMES, 'responses', 'response_answers', 'comment_analyses']}
            AND relkind = 'r'`,
    );
    const sizeOf = new Map(sizes.map((s) => [s.name, s.size]));
    const [dbSize] = await queryRows<{ size: string }>(
      db,
      sql`SELECT pg_size_pretty(pg_database_size(current_database())) AS size`,
    );
    const [raw] = await queryRows<Record<string, string>>(
      db,
      sql`SELECT (SELECT count(*) FROM responses) AS responses, (SELECT count(*) FROM response_answers) AS answers,
                 (SELECT count(*) FROM comment_analyses) AS comments`,
    );
    log(`\nrows (size with indexes); database ${DATABASE} is ${dbSize!.size}`);
    for (const [name, n] of [
      ['responses', raw!.responses],
      ['response_answers', raw!.answers],
      ['comment_analyses', raw!.comments],
      ...Object.entries(counts),
    ] as [string, string | number][]) {
      log(
        `  ${name.padEnd(28)} ${Number(n).toLocaleString('en-GB').padStart(11)}  ${sizeOf.get(name) ?? ''}`,
      );
    }

    const { call } = await signIn(running.base);
    const organisationId = info.ids.organisationId;
    const { measureOf, npsItems } = await readMeasures(
      db,
      info.ids.surveys.map((s) => s.id),
    );
    const [org] = await queryRows<{ timezone: string; k: number }>(
      db,
      sql`SELECT timezone, min_group_size AS k FROM organisations WHERE id = ${organisationId}`,
    );
    const probe = await call('GET', '/api/v1/board/summary?level=organisation&period=30d');
    const http = probe.status === 200;
    if (!http) log(`\nGET /api/v1/board/summary answered ${probe.status}: HTTP timings left out`);

    log(
      `\nsummary timings: computeSummary() direct and GET /api/v1/board/summary (signed-in admin, loopback), ` +
        `${ITERATIONS} sequential calls after ${WARMUP} warm-up; raw rows: ${RAW_ITERATIONS} after 1 warm-up`,
    );
    log(
      `${'scope'.padEnd(34)}${'period'.padEnd(7)}${'function p50/p95/max'.padEnd(30)}${'HTTP p50/p95/max'.padEnd(30)}` +
        `${'raw rows p50/p95'.padEnd(24)}check`,
    );
    const worst = { fn: 0, http: 0 };
    const mismatches: string[] = [];
    for (const c of cases(info.ids)) {
      const target = { organisationId, scope: c.scope, scopeName: c.label };
      const fn = stats(await timeIt(ITERATIONS, WARMUP, () => computeSummary(db, target, c.period)));
      const query = new URLSearchParams({
        level: c.scope.level,
        ...('id' in c.scope ? { id: c.scope.id } : {}),
        period: c.period,
      });
      const httpStats = http
        ? stats(
            await timeIt(ITERATIONS, WARMUP, async () => {
              const r = await call('GET', `/api/v1/board/summary?${query}`);
              if (r.status !== 200) throw new Error(`summary: HTTP ${r.status}`);
            }),
          )
        : null;
      worst.fn = Math.max(worst.fn, fn.p95);
      worst.http = Math.max(worst.http, httpStats?.p95 ?? 0);

      const win = periodWindow(c.period, localToday(org!.timezone));
      const rawWindow: TRawWindow = { organisationId, timezone: org!.timezone, scope: c.scope, ...win };
      let rawRows = await readRaw(db, rawWindow, npsItems);
      const rawSamples = await timeIt(RAW_ITERATIONS, 0, async () => {
        rawRows = await readRaw(db, rawWindow, npsItems);
        figuresFromRaw(rawRows, measureOf, org!.k);
      });
      const rawStats = stats(rawSamples);

      // The check: rollup reads equal raw reads row for row (ratings, FFT, themes), and every visible
      // figure of the summary (responses, sentiment and commenters included) equals the raw arithmetic.
      const w: repo.TWindow = { organisationId, scope: c.scope, rows: await scopeRows(db, c.scope), ...win };
      const problems = [
        ...diffRows('ratings', await repo.readRatings(db, w), rawRows.ratings),
        ...diffRows('fft choices', await repo.readFftChoices(db, w), rawRows.fft),
        ...diffRows('themes', await repo.readThemes(db, w, win.previousFrom), rawRows.themes),
      ];
      const summary = await computeSummary(db, target, c.period);
      const [figureProblems, compared] = diffFigures(summary, figuresFromRaw(rawRows, measureOf, org!.k));
      problems.push(...figureProblems);
      mismatches.push(...problems.map((p) => `${c.label} ${c.period}: ${p}`));
      const f3 = (s: { p50: number; p95: number; max: number }) =>
        `${s.p50.toFixed(1)} / ${s.p95.toFixed(1)} / ${s.max.toFixed(1)}`;
      log(
        `${c.label.padEnd(34)}${c.period.padEnd(7)}${f3(fn).padEnd(30)}${(httpStats ? f3(httpStats) : '-').padEnd(30)}` +
          `${`${rawStats.p50.toFixed(0)} / ${rawStats.p95.toFixed(0)}`.padEnd(24)}` +
          (problems.length === 0 ? `equal (${compared} figures, 3 reads)` : `MISMATCH (${problems.length})`),
      );
    }
    log(
      `\ntarget summary p95 ≤ ${TARGET_P95_MS} ms: worst function p95 ${ms(worst.fn)}` +
        (http ? `, worst HTTP p95 ${ms(worst.http)}` : '') +
        ` → ${Math.max(worst.fn, worst.http) <= TARGET_P95_MS ? 'MET' : 'NOT MET'}`,
    );
    if (mismatches.length > 0) {
      log(`\nMISMATCHES between rollup-based and raw-row figures (${mismatches.length}):`);
      for (const m of mismatches.slice(0, 40)) log(`  ${m}`);
      process.exitCode = 1;
    } else {
      log('rollup-based and raw-row figures are equal for every scope and period measured');
    }
    log(`periods: ${PERIODS.map((p) => `${p} = ${BOARD_PERIODS[p]} days`).join(', ')}`);
    await benchImpact(db, call, info.ids, {
      iterations: Number(process.env.BENCH_IMPACT_ITERATIONS ?? 100),
      warmup: WARMUP,
      log,
    });
  } finally {
    await running.stop();
    await dropRedisKeys(config.REDIS_URL, config.REDIS_PREFIX);
  }
}

main().catch((err: Error) => {
  console.error(err);
  process.exit(1);
});
