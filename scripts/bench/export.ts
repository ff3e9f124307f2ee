/**
 * `npx tsx scripts/bench/export.ts`: memory of the streamed responses CSV export over a million
 * responses. Data lives in `careloop_bench_export` (made on the first run, reused after); the CSV
 * goes to a sink that drains one chunk per event-loop turn, like a slow client, and the process's
 * RSS is sampled every 100 ms. Target: peak RSS flat (within some tens of MB of the start).
 *
 *   BENCH_EXPORT_RESPONSES=1000000   responses to generate; BENCH_REGENERATE=1 makes them anew
 *   BENCH_ADMIN_DATABASE_URL          defaults to postgres://postgres@127.0.0.1:5432/postgres
 */
import { Writable } from 'node:stream';
import { Client } from 'pg';
import { sql } from 'drizzle-orm';
import { COMMAND_STATEMENT_TIMEOUT_MS, openDatabase, queryRows } from '../../server/src/db/client';
import { createLogger } from '../../server/src/logger';
import { exportResponses } from '../../server/src/features/exports/exports.service';
import type { TCtx } from '../../server/src/http/context';

const env = process.env;
const N = Number(env.BENCH_EXPORT_RESPONSES ?? 1_000_000);
const ADMIN = env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NAME = 'careloop_bench_export';
const url = (() => {
  const u = new URL(ADMIN);
  u.pathname = `/${NAME}`;
  return u.toString();
})();
const mb = (n: number) => Math.round(n / 1024 / 1024);

async function main(): Promise<void> {
  const admin = new Client({ connectionString: ADMIN });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [NAME])).rowCount;
  if (env.BENCH_REGENERATE === '1' || !exists) {
    await admin.query(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${NAME}`);
  }
  await admin.end();
  const database = await openDatabase({ url, dataDir: '', statementTimeoutMs: COMMAND_STATEMENT_TIMEOUT_MS });
  await database.migrate('server/drizzle');
  const db = database.db;
  let [survey] = await queryRows<{ id: string; organisation_id: string }>(
    db,
    sql`SELECT id, organisation_id FROM surveys LIMIT 1`,
  );
  if (!survey) {
    const started = Date.now();
    const definition = {
      title: { en: 'Bench' },
      defaultLocale: 'en',
      locales: ['en'],
      audience: 'patient',
      items: [
        { linkId: 'overall', type: 'rating', text: { en: 'Overall' }, min: 1, max: 5 },
        {
          linkId: 'fft',
          type: 'choice',
          text: { en: 'FFT' },
          answerOption: [{ code: 'good', text: { en: 'Good' } }],
        },
        { linkId: 'better', type: 'text', intent: 'improvement', text: { en: 'Better?' } },
      ],
    };
    await db.execute(sql`
      WITH o AS (INSERT INTO organisations (name) VALUES ('Bench trust') RETURNING id),
           s AS (INSERT INTO surveys (organisation_id, draft) SELECT id, ${JSON.stringify(definition)}::jsonb FROM o RETURNING id),
           v AS (INSERT INTO survey_versions (survey_id, version, definition) SELECT id, 1, ${JSON.stringify(definition)}::jsonb FROM s RETURNING id, survey_id)
      INSERT INTO responses (survey_id, survey_version_id, locale, submitted_at)
      SELECT v.survey_id, v.id, 'en', now() - (g || ' seconds')::interval FROM v, generate_series(1, ${N}) g`);
    await db.execute(sql`INSERT INTO response_answers (response_id, link_id, item_type, value_number)
      SELECT id, 'overall', 'rating', 1 + (hashtext(id::text) & 3) FROM responses`);
    await db.execute(sql`INSERT INTO response_answers (response_id, link_id, item_type, value_codes)
      SELECT id, 'fft', 'choice', ARRAY['good'] FROM responses`);
    await db.execute(sql`INSERT INTO response_answers (response_id, link_id, item_type, value_text)
      SELECT id, 'better', 'text', 'The wait was long and the signs unclear' FROM responses WHERE hashtext(id::text) % 5 = 0`);
    await db.execute(sql`INSERT INTO comment_analyses (response_id, link_id, redacted_text, redactions, sentiment, sentiment_score, themes, friction_themes, urgent, urgency_reasons)
      SELECT response_id, link_id, value_text, '{}', 'negative', -0.5, '[{"label":"Waiting time","confidence":0.9}]', '[]', false, '{}'
      FROM response_answers WHERE link_id = 'better'`);
    await db.execute(sql`ANALYZE`);
    [survey] = await queryRows(db, sql`SELECT id, organisation_id FROM surveys LIMIT 1`);
    console.log(`generated ${N} responses in ${Math.round((Date.now() - started) / 1000)} s`);
  }
  global.gc?.();
  const samples: number[] = [];
  const base = process.memoryUsage().rss;
  const timer = setInterval(() => samples.push(process.memoryUsage().rss), 100);
  let bytes = 0;
  const sink = new Writable({
    highWaterMark: 64 * 1024,
    write(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      setImmediate(done);
    },
  });
  const ctx = {
    db,
    config: {},
    log: createLogger('silent', 'bench'),
    requestId: 'bench',
    actor: {
      userId: null,
      organisationId: survey!.organisation_id,
      role: 'admin',
      scope: { level: 'organisation' },
      via: 'session',
    },
  } as unknown as TCtx;
  const started = Date.now();
  await exportResponses(ctx, sink, survey!.id, { bom: false }, () => undefined);
  clearInterval(timer);
  const seconds = (Date.now() - started) / 1000;
  const peak = Math.max(...samples, base);
  console.log(
    JSON.stringify({
      responses: N,
      csvMB: mb(bytes),
      seconds: Math.round(seconds),
      rowsPerSecond: Math.round(N / seconds),
      rssStartMB: mb(base),
      rssPeakMB: mb(peak),
      rssEndMB: mb(process.memoryUsage().rss),
    }),
  );
  await database.close();
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
