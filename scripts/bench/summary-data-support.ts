/**
 * One year of synthetic feedback for the summary bench: one organisation (Europe/London), 1 site,
 * 2 departments, 20 units of very different sizes, an NHS FFT survey and an NPS survey, three
 * technology changes going live mid-year, and about a million analysed responses.
 *
 * The organisation, surveys, changes and links are made through the real API (so they are exactly
 * what the app makes); responses, answers and analyses are made by set-based SQL in one session,
 * because a million HTTP submissions and analyses would take hours. The rollups are then filled by
 * the app's own `rebuildRollups`. The result is stored once and reused (`bench_generated` marker).
 */
import type { Client } from 'pg';
import { FRAMEWORK_THEMES } from '../../shared/src/analysis/contract';
import type { TSurveyDefinition } from '../../shared/src/survey/definition';
import { TEMPLATES } from '../../shared/src/survey/templates';
import { expectStatus, type TCall } from './bench-support';

export const TARGET_RESPONSES = Number(process.env.BENCH_SUMMARY_RESPONSES ?? 1_050_000);

/** Relative volumes: the emergency department and outpatient clinics are far busier than wards. */
const DEPARTMENTS: { name: string; units: [name: string, weight: number, positive: number][] }[] = [
  {
    name: 'Medicine',
    units: [
      ['Emergency Department', 14, 0.76],
      ['Acute Medical Unit', 6, 0.82],
      ['Cardiology Ward', 3, 0.9],
      ['Respiratory Ward', 2.5, 0.88],
      ['Elderly Care Ward', 2, 0.86],
      ['Stroke Unit', 1.5, 0.9],
      ['Diabetes Clinic', 5, 0.93],
      ['Medical Outpatients', 9, 0.91],
      ['Renal Dialysis', 1, 0.95],
      ['Endoscopy', 4, 0.94],
    ],
  },
  {
    name: 'Surgery',
    units: [
      ['Day Surgery Unit', 7, 0.95],
      ['General Surgery Ward', 2.5, 0.87],
      ['Orthopaedic Ward', 2, 0.86],
      ['Trauma Clinic', 4, 0.84],
      ['Ophthalmology Clinic', 6, 0.94],
      ['ENT Clinic', 3.5, 0.92],
      ['Urology Ward', 1.5, 0.89],
      ['Pre-assessment Clinic', 3, 0.93],
      ['Surgical Assessment Unit', 2.5, 0.83],
      ['Fracture Clinic', 5, 0.85],
    ],
  },
];

/** Go-live `daysAgo`, the units (by index), and the shift in % positive that fades over `fadeDays`. */
const CHANGES = [
  {
    name: 'EPR order communications',
    kind: 'ehr_module',
    daysAgo: 200,
    units: [0, 1, 2, 3, 4, 5],
    effect: -0.08,
    fadeDays: 90,
  },
  {
    name: 'AI scribe in clinics',
    kind: 'ai_tool',
    daysAgo: 120,
    units: [6, 7, 13, 14, 15],
    effect: 0.04,
    fadeDays: 400,
  },
  {
    name: 'Self check-in kiosks',
    kind: 'kiosk',
    daysAgo: 60,
    units: [0, 10, 17, 19],
    effect: -0.04,
    fadeDays: 45,
  },
] as const;

export type TBenchIds = {
  organisationId: string;
  siteId: string;
  departmentIds: string[];
  units: { id: string; name: string; weight: number }[];
  changes: { id: string; name: string; unitIds: string[] }[];
  surveys: { id: string; versionId: string; templateId: 'nhs-fft' | 'nps' }[];
};

export type TGenerated = {
  ids: TBenchIds;
  responses: number;
  generateSeconds: number;
  rollupSeconds: number;
  migrations: number;
};

export async function readMarker(client: Client): Promise<TGenerated | null> {
  const { rows } = await client
    .query<{ info: TGenerated }>(
      `SELECT info FROM bench_generated WHERE to_regclass('bench_generated') IS NOT NULL LIMIT 1`,
    )
    .catch(() => ({ rows: [] as { info: TGenerated }[] }));
  return rows[0]?.info ?? null;
}

export async function writeMarker(client: Client, info: TGenerated): Promise<void> {
  await client.query('CREATE TABLE IF NOT EXISTS bench_generated (info jsonb NOT NULL)');
  await client.query('DELETE FROM bench_generated');
  await client.query('INSERT INTO bench_generated (info) VALUES ($1)', [JSON.stringify(info)]);
}

export async function migrationCount(client: Client): Promise<number> {
  const { rows } = await client.query<{ n: string }>(
    'SELECT count(*) AS n FROM drizzle.__drizzle_migrations',
  );
  return Number(rows[0]!.n);
}

/** The organisation tree, surveys, changes and links, through the API as an administrator. */
export async function createStructure(call: TCall, client: Client): Promise<TBenchIds> {
  const { rows } = await client.query<{ id: string }>('SELECT id FROM organisations LIMIT 1');
  const organisationId = rows[0]!.id;
  const site = expectStatus(
    await call<{ id: string }>('POST', '/api/v1/org/sites', { name: 'Royal Infirmary' }),
    201,
    'site',
  );
  const ids: TBenchIds = {
    organisationId,
    siteId: site.id,
    departmentIds: [],
    units: [],
    changes: [],
    surveys: [],
  };
  for (const d of DEPARTMENTS) {
    const dept = expectStatus(
      await call<{ id: string }>('POST', '/api/v1/org/departments', { siteId: site.id, name: d.name }),
      201,
      'department',
    );
    ids.departmentIds.push(dept.id);
    for (const [name, weight] of d.units) {
      const unit = expectStatus(
        await call<{ id: string }>('POST', '/api/v1/org/units', { departmentId: dept.id, name }),
        201,
        'unit',
      );
      ids.units.push({ id: unit.id, name, weight });
    }
  }
  const { rows: dates } = await client.query<{ d: string }>(
    `SELECT ((now() AT TIME ZONE 'Europe/London')::date - x)::text AS d FROM unnest($1::int[]) WITH ORDINALITY AS t(x, i) ORDER BY i`,
    [CHANGES.map((c) => c.daysAgo)],
  );
  for (const [i, c] of CHANGES.entries()) {
    const unitIds = c.units.map((u) => ids.units[u]!.id);
    const change = expectStatus(
      await call<{ id: string }>('POST', '/api/v1/changes', {
        name: c.name,
        kind: c.kind,
        unitIds,
        goLiveDate: dates[i]!.d,
      }),
      201,
      'change',
    );
    ids.changes.push({ id: change.id, name: c.name, unitIds });
  }
  for (const templateId of ['nhs-fft', 'nps'] as const) {
    // The NPS survey gets a 1-5 care rating too, so that the board's mean rating has figures.
    const body = templateId === 'nps' ? { definition: npsWithCareRating() } : { templateId };
    const survey = expectStatus(await call<{ id: string }>('POST', '/api/v1/surveys', body), 201, 'survey');
    const version = expectStatus(
      await call<{ id: string }>('POST', `/api/v1/surveys/${survey.id}/publish`),
      201,
      'publish',
    );
    ids.surveys.push({ id: survey.id, versionId: version.id, templateId });
  }
  return ids;
}

function npsWithCareRating(): TSurveyDefinition {
  const definition = JSON.parse(JSON.stringify(TEMPLATES.nps.definition)) as TSurveyDefinition;
  definition.items.splice(1, 0, {
    linkId: 'care_rating',
    type: 'rating',
    min: 1,
    max: 5,
    text: { en: 'How would you rate the care you received?', es: '¿Cómo valoraría la atención recibida?' },
  });
  return definition;
}

/** Links: one open link per survey and unit, and one per survey, change and unit it touches. */
async function createLinks(call: TCall, ids: TBenchIds) {
  const links: { surveyIdx: number; unitId: string; changeId: string | null; linkId: string }[] = [];
  for (const [surveyIdx, s] of ids.surveys.entries()) {
    for (const u of ids.units) {
      const link = expectStatus(
        await call<{ id: string }>('POST', `/api/v1/surveys/${s.id}/links`, { kind: 'open', unitId: u.id }),
        201,
        'link',
      );
      links.push({ surveyIdx, unitId: u.id, changeId: null, linkId: link.id });
    }
    for (const c of ids.changes) {
      for (const unitId of c.unitIds) {
        const link = expectStatus(
          await call<{ id: string }>('POST', `/api/v1/surveys/${s.id}/links`, {
            kind: 'open',
            unitId,
            changeId: c.id,
          }),
          201,
          'change link',
        );
        links.push({ surveyIdx, unitId, changeId: c.id, linkId: link.id });
      }
    }
  }
  return links;
}

const POSITIVE_THEMES = [
  'Staff manner & personal attributes',
  'Positive experience & gratitude',
  'Competence & training',
  'Staff responsiveness',
  'Staff listening, understanding & involving patients',
  'Information directly from staff during care',
  'Timeliness of care',
  'Cleanliness, tidiness & infection control',
];
const NEGATIVE_THEMES = [
  'Timeliness of care',
  'Organisation & efficiency',
  'Being kept informed, clarity & consistency of information',
  'Number & deployment of staff',
  'Appointment arrangements',
  'Environment & Facilities',
  'Food & drink provision & facilities',
  'Parking',
  'Patient records',
  'Negative experience & dissatisfaction',
  'Pain management',
  'Discharge',
];
const NEUTRAL_THEMES = [
  'Organisation & efficiency',
  'Environment & Facilities',
  'Parking',
  'Appointment arrangements',
  'Not assigned',
  'Information provision & guidance',
];
for (const t of [...POSITIVE_THEMES, ...NEGATIVE_THEMES, ...NEUTRAL_THEMES]) {
  if (!(FRAMEWORK_THEMES as readonly string[]).includes(t)) throw new Error(`not a framework theme: ${t}`);
}

const TEXTS = {
  positive: [
    'The staff were kind and explained everything clearly.',
    'Seen quickly and the nurses were lovely.',
    'Excellent care from the whole team, thank you.',
    'The doctor listened and took time to explain my options.',
  ],
  neutral: [
    'It was fine, nothing special.',
    'An average visit with a bit of waiting.',
    'Parking was hard to find but the rest was as expected.',
  ],
  negative: [
    'Waited over four hours without any update.',
    'Nobody told me what was happening with my results.',
    'The new check-in screen did not work and staff were too busy to help.',
    'The ward was noisy at night and the food was cold.',
  ],
  improve: [
    'More staff at weekends.',
    'Better signs to the clinic.',
    'Keep patients informed about waiting times.',
    'Let us book appointments online.',
  ],
};

const sqlArray = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(', ')}]`;

/**
 * Helpers in pg_temp, given their random draws as arguments (columns drawn once per row) so that
 * they stay pure and PostgreSQL inlines them: called as functions, a million rows took minutes.
 */
const FUNCTIONS = `
CREATE FUNCTION pg_temp.pick(xs text[], r float8) RETURNS text LANGUAGE sql IMMUTABLE AS
  $$ SELECT xs[1 + least(floor(r * array_length(xs, 1))::int, array_length(xs, 1) - 1)] $$;
-- tone: the answer's tone ('pos', 'mid', 'neg'); improve: the "what could we do better" question.
CREATE FUNCTION pg_temp.sentiment(tone text, improve boolean, r float8) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN NOT improve AND tone = 'pos' THEN CASE WHEN r < 0.82 THEN 'positive' WHEN r < 0.96 THEN 'neutral' ELSE 'negative' END
    WHEN NOT improve AND tone = 'mid' THEN CASE WHEN r < 0.25 THEN 'positive' WHEN r < 0.65 THEN 'neutral' ELSE 'negative' END
    WHEN NOT improve THEN CASE WHEN r < 0.04 THEN 'positive' WHEN r < 0.18 THEN 'neutral' ELSE 'negative' END
    WHEN tone = 'pos' THEN CASE WHEN r < 0.2 THEN 'positive' WHEN r < 0.7 THEN 'neutral' ELSE 'negative' END
    WHEN tone = 'mid' THEN CASE WHEN r < 0.05 THEN 'positive' WHEN r < 0.5 THEN 'neutral' ELSE 'negative' END
    ELSE CASE WHEN r < 0.02 THEN 'positive' WHEN r < 0.2 THEN 'neutral' ELSE 'negative' END
  END $$;
CREATE FUNCTION pg_temp.score(s text, r float8) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$
  SELECT round((CASE s WHEN 'positive' THEN 0.2 + 0.78 * r WHEN 'neutral' THEN -0.15 + 0.3 * r
    ELSE -0.98 + 0.78 * r END)::numeric, 3) $$;
CREATE FUNCTION pg_temp.pool(s text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE s WHEN 'positive' THEN ${sqlArray(POSITIVE_THEMES)}
                WHEN 'neutral' THEN ${sqlArray(NEUTRAL_THEMES)}
                ELSE ${sqlArray(NEGATIVE_THEMES)} END $$;
-- One theme (skewed to the head of the pool), and a second one 40% of the time.
CREATE FUNCTION pg_temp.themes(s text, r1 float8, r2 float8, r3 float8, r4 float8) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_build_array(jsonb_build_object('label', pg_temp.pick(pg_temp.pool(s), r1 * r1),
                                              'confidence', round((0.55 + 0.4 * r3)::numeric, 2)))
    || CASE WHEN r4 < 0.4 AND pg_temp.pick(pg_temp.pool(s), r2) <> pg_temp.pick(pg_temp.pool(s), r1 * r1)
         THEN jsonb_build_array(jsonb_build_object('label', pg_temp.pick(pg_temp.pool(s), r2),
                                                   'confidence', round((0.5 + 0.3 * r4)::numeric, 2)))
         ELSE '[]'::jsonb END $$;
`;

/**
 * Responses per unit and local day: the unit's share of the year, times a weekday profile (Monday
 * busiest, Sunday quietest), a mild season and noise. Each response draws its survey (80% FFT),
 * whether it came through a change's link (60% after go-live), its answer (the unit's % positive,
 * shifted by the latest change touching it, fading), and comments (~50% for the reason question,
 * 20% for "what could we do better").
 */
function generateSql(totalPerYear: number): string {
  return `
CREATE UNLOGGED TABLE bench_gen AS
WITH today AS (SELECT (now() AT TIME ZONE 'Europe/London')::date AS d),
cells AS (
  SELECT u.unit_id, u.p_pos, t.d - g.off AS day, g.off,
    round(${totalPerYear / 365 / 0.957} * u.share
      * (CASE extract(isodow FROM t.d - g.off) WHEN 1 THEN 1.25 WHEN 2 THEN 1.15 WHEN 3 THEN 1.1 WHEN 4 THEN 1.1
                                               WHEN 5 THEN 1.0 WHEN 6 THEN 0.6 ELSE 0.5 END)
      * (1 + 0.08 * sin(2 * pi() * g.off / 365.0)) * (0.85 + 0.3 * random()))::int AS n
  FROM today t CROSS JOIN generate_series(0, 364) AS g(off) CROSS JOIN bench_units u
),
drawn AS (
  SELECT c.unit_id, c.day, c.off, c.p_pos,
    least(now() - interval '1 minute',
          (c.day + make_interval(secs => 25200 + random() * 50400))::timestamp AT TIME ZONE 'Europe/London') AS submitted_at,
    random() AS r_survey, random() AS r_change, random() AS r_answer, random() AS r_c1, random() AS r_c2,
    random() AS r_locale, random() AS r_care, random() AS r_s1, random() AS r_s2, random() AS r_sc1,
    random() AS r_sc2, random() AS r_t1a, random() AS r_t1b, random() AS r_t1c, random() AS r_t1d,
    random() AS r_t2a, random() AS r_t2b, random() AS r_t2c, random() AS r_t2d, random() AS r_x1,
    random() AS r_x2, random() AS r_u
  FROM cells c CROSS JOIN LATERAL generate_series(1, c.n)
),
changed AS (
  SELECT d.*, ch.change_id AS latest_change,
    least(0.99, greatest(0.3, d.p_pos + 0.02 * sin(2 * pi() * d.off / 365.0) + coalesce(ch.eff, 0))) AS p,
    CASE WHEN d.r_survey < 0.8 THEN 0 ELSE 1 END AS survey_idx
  FROM drawn d
  LEFT JOIN LATERAL (
    SELECT cu.change_id, cu.effect * greatest(0.25, 1 - (d.day - cu.go_live) / cu.fade_days::float8) AS eff
    FROM bench_change_units cu WHERE cu.unit_id = d.unit_id AND cu.go_live <= d.day
    ORDER BY cu.go_live DESC LIMIT 1
  ) ch ON TRUE
),
answered AS (
  SELECT c.*,
    CASE WHEN c.latest_change IS NOT NULL AND c.r_change < 0.6 THEN c.latest_change END AS change_id,
    CASE WHEN c.survey_idx = 0 THEN CASE
      WHEN c.r_answer < c.p * 0.68 THEN 'very_good' WHEN c.r_answer < c.p THEN 'good'
      WHEN c.r_answer < c.p + (1 - c.p) * 0.35 THEN 'neither' WHEN c.r_answer < c.p + (1 - c.p) * 0.6 THEN 'poor'
      WHEN c.r_answer < c.p + (1 - c.p) * 0.85 THEN 'very_poor' ELSE 'dont_know' END END AS fft_code,
    CASE WHEN c.survey_idx = 1 THEN CASE WHEN c.r_answer < c.p THEN 10 - least(2, floor(c.r_answer / c.p * 3)::int)
      ELSE least(7, floor((c.r_answer - c.p) / (1 - c.p) * 8)::int) END END AS nps,
    CASE WHEN c.survey_idx = 1 AND c.r_c2 < 0.9 THEN CASE WHEN c.r_care < c.p * 0.55 THEN 5 WHEN c.r_care < c.p THEN 4
      ELSE 1 + least(2, floor((c.r_care - c.p) / (1 - c.p) * 3)::int) END END AS care
  FROM changed c
),
toned AS (
  SELECT a.*, CASE
    WHEN a.fft_code IN ('very_good', 'good') OR a.nps >= 9 THEN 'pos'
    WHEN a.fft_code IN ('neither', 'dont_know') OR a.nps BETWEEN 7 AND 8 THEN 'mid' ELSE 'neg' END AS tone,
    a.r_c1 < 0.5 AS c1, a.survey_idx = 0 AND a.r_c2 < 0.2 AS c2
  FROM answered a
),
felt AS (
  SELECT t.*,
    CASE WHEN t.c1 THEN pg_temp.sentiment(t.tone, false, t.r_s1) END AS s1,
    CASE WHEN t.c2 THEN pg_temp.sentiment(t.tone, true, t.r_s2) END AS s2
  FROM toned t
)
SELECT gen_random_uuid() AS id, f.survey_idx, s.survey_id, s.version_id, l.link_id, f.unit_id, f.change_id,
  CASE WHEN f.r_locale < 0.05 THEN 'es' ELSE 'en' END AS locale, f.submitted_at, f.fft_code, f.nps, f.care,
  f.s1, pg_temp.score(f.s1, f.r_sc1) AS sc1,
  CASE WHEN f.c1 THEN pg_temp.themes(f.s1, f.r_t1a, f.r_t1b, f.r_t1c, f.r_t1d) END AS th1,
  CASE WHEN f.c1 THEN pg_temp.pick(CASE f.s1 WHEN 'positive' THEN ${sqlArray(TEXTS.positive)}
    WHEN 'neutral' THEN ${sqlArray(TEXTS.neutral)} ELSE ${sqlArray(TEXTS.negative)} END, f.r_x1) END AS t1,
  f.c1 AND f.r_u < 0.003 AS u1,
  f.s2, pg_temp.score(f.s2, f.r_sc2) AS sc2,
  CASE WHEN f.c2 THEN pg_temp.themes(f.s2, f.r_t2a, f.r_t2b, f.r_t2c, f.r_t2d) END AS th2,
  CASE WHEN f.c2 THEN pg_temp.pick(${sqlArray(TEXTS.improve)}, f.r_x2) END AS t2
FROM felt f
JOIN bench_surveys s ON s.idx = f.survey_idx
JOIN bench_links l ON l.survey_idx = f.survey_idx AND l.unit_id = f.unit_id
  AND l.change_key = coalesce(f.change_id, '00000000-0000-0000-0000-000000000000'::uuid)`;
}

const INSERTS: [what: string, sql: string][] = [
  [
    'responses',
    `INSERT INTO responses (id, survey_id, survey_version_id, link_id, unit_id, change_id, locale, submitted_at)
     SELECT id, survey_id, version_id, link_id, unit_id, change_id, locale, submitted_at FROM bench_gen`,
  ],
  [
    'response_answers',
    `INSERT INTO response_answers (response_id, link_id, item_type, value_number, value_codes, value_text, text_intent)
     SELECT id, 'fft', 'choice', NULL::float8, ARRAY[fft_code], NULL, NULL FROM bench_gen WHERE survey_idx = 0
     UNION ALL SELECT id, 'nps', 'rating', nps, NULL, NULL, NULL FROM bench_gen WHERE survey_idx = 1
     UNION ALL SELECT id, 'care_rating', 'rating', care, NULL, NULL, NULL FROM bench_gen WHERE care IS NOT NULL
     UNION ALL SELECT id, CASE survey_idx WHEN 0 THEN 'fft_reason' ELSE 'nps_reason' END, 'text', NULL, NULL, t1, 'general'
       FROM bench_gen WHERE s1 IS NOT NULL
     UNION ALL SELECT id, 'fft_improve', 'text', NULL, NULL, t2, 'improvement' FROM bench_gen WHERE s2 IS NOT NULL`,
  ],
  [
    'comment_analyses',
    `INSERT INTO comment_analyses (response_id, link_id, redacted_text, redactions, sentiment, sentiment_score, themes,
       friction_themes, urgent, urgency_reasons)
     SELECT id, CASE survey_idx WHEN 0 THEN 'fft_reason' ELSE 'nps_reason' END, t1, '{}'::text[], s1, sc1, th1, '[]'::jsonb, u1,
       CASE WHEN u1 THEN '{safeguarding}'::text[] ELSE '{}' END
       FROM bench_gen WHERE s1 IS NOT NULL
     UNION ALL SELECT id, 'fft_improve', t2, '{}'::text[], s2, sc2, th2, '[]'::jsonb, false, '{}'::text[]
       FROM bench_gen WHERE s2 IS NOT NULL`,
  ],
  [
    'response_analyses',
    `INSERT INTO response_analyses (response_id, model_version, taxonomy_version, analysed_at)
     SELECT id, 'bench-synthetic', NULL, submitted_at + interval '2 seconds' FROM bench_gen`,
  ],
];

/** Inserts the year of responses, answers and analyses; returns how many responses. */
export async function generateResponses(
  call: TCall,
  client: Client,
  ids: TBenchIds,
  log: (s: string) => void,
) {
  const links = await createLinks(call, ids);
  const totalWeight = ids.units.reduce((a, u) => a + u.weight, 0);
  const positive = DEPARTMENTS.flatMap((d) => d.units.map((u) => u[2]));
  // FK checks are skipped for this session only: every id below comes from rows made just above.
  await client.query(
    `SET session_replication_role = replica; SET work_mem = '256MB'; SET maintenance_work_mem = '1GB'`,
  );
  await client.query('SELECT setseed(0.42)');
  await client.query(FUNCTIONS);
  await client.query(`
    CREATE TEMP TABLE bench_units (unit_id uuid, share float8, p_pos float8);
    CREATE TEMP TABLE bench_change_units (change_id uuid, unit_id uuid, go_live date, effect float8, fade_days int);
    CREATE TEMP TABLE bench_links (survey_idx int, unit_id uuid, change_key uuid, link_id uuid);
    CREATE TEMP TABLE bench_surveys (idx int, survey_id uuid, version_id uuid);`);
  await client.query('INSERT INTO bench_units SELECT * FROM unnest($1::uuid[], $2::float8[], $3::float8[])', [
    ids.units.map((u) => u.id),
    ids.units.map((u) => u.weight / totalWeight),
    positive,
  ]);
  for (const [i, c] of CHANGES.entries()) {
    await client.query(
      `INSERT INTO bench_change_units SELECT $1::uuid, u, c.go_live_date, $3::float8, $4::int FROM unnest($2::uuid[]) u, changes c WHERE c.id = $1::uuid`,
      [ids.changes[i]!.id, ids.changes[i]!.unitIds, c.effect, c.fadeDays],
    );
  }
  await client.query(
    `INSERT INTO bench_links SELECT * FROM unnest($1::int[], $2::uuid[], $3::uuid[], $4::uuid[])`,
    [
      links.map((l) => l.surveyIdx),
      links.map((l) => l.unitId),
      links.map((l) => l.changeId ?? '00000000-0000-0000-0000-000000000000'),
      links.map((l) => l.linkId),
    ],
  );
  await client.query('INSERT INTO bench_surveys SELECT * FROM unnest($1::int[], $2::uuid[], $3::uuid[])', [
    ids.surveys.map((_, i) => i),
    ids.surveys.map((s) => s.id),
    ids.surveys.map((s) => s.versionId),
  ]);
  let t = performance.now();
  await client.query('DROP TABLE IF EXISTS bench_gen');
  await client.query(generateSql(TARGET_RESPONSES));
  log(`  drew responses in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  for (const [what, statement] of INSERTS) {
    t = performance.now();
    const { rowCount } = await client.query(statement);
    log(`  ${what}: ${rowCount} rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM bench_gen');
  await client.query('DROP TABLE bench_gen');
  await client.query('SET session_replication_role = origin');
  t = performance.now();
  await client.query('VACUUM ANALYZE responses, response_answers, comment_analyses, response_analyses');
  log(`  vacuum analyze in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return Number(rows[0]!.n);
}
