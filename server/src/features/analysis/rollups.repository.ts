import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client';

/**
 * Rollups are maintained by ONE set of statements: each computes the contribution of the analysed
 * responses matching a filter, times a sign, and adds it with an upsert. The worker runs them for
 * one response (sign +1, or -1 then +1 when re-analysing); `rebuildRollups` runs them for every
 * analysed response into empty tables. Sharing the statements is what makes "incremental equals
 * rebuilt" hold by construction rather than by two implementations agreeing.
 */

/** NPS items (0-10 rating scales) per survey version, as [versionId, linkId] pairs. */
export type TNpsItems = { v: string; l: string }[];
/** The ten SUS items of `scoring: 'sus'` versions; `odd` for items 1, 3, 5, 7, 9 (score − 1, else 5 − score). */
export type TSusItems = { v: string; l: string; odd: boolean }[];
/** What the rollups need to know of the survey versions besides their answers. */
export type TRollupItems = { nps: TNpsItems; sus: TSusItems };

/**
 * The `rollup_ratings` question under which each response's SUS score is counted (answers, sum and
 * sum of squares of the item sum 0..40; the score is 2.5 times it). Kept as the item sum so every
 * figure stays an integer; a link id with a space can never be a real question's (ZLinkId).
 * Only the per-response score gives the score's variance, which the impact's Welch test needs.
 */
export const SUS_LINK_ID = 'sus score';

type TScope = { filter: SQL; sign: 1 | -1; items: TRollupItems };

/**
 * The analysed responses in scope with their buckets: the organisation's local day, and the week
 * (its Monday) it falls in. Each response appears once per span, so every upsert below fills both.
 */
const analysed = (filter: SQL) => sql`
  SELECT r.id, r.survey_id, r.survey_version_id, r.unit_id, r.change_id, s.organisation_id, sp.span, sp.day
  FROM responses r
  JOIN response_analyses ra ON ra.response_id = r.id
  JOIN surveys s ON s.id = r.survey_id
  JOIN organisations o ON o.id = s.organisation_id
  CROSS JOIN LATERAL (SELECT (r.submitted_at AT TIME ZONE o.timezone)::date AS local_day) l
  -- Date arithmetic from a known Monday: no time zone or DST rule can move the week.
  CROSS JOIN LATERAL (VALUES ('day', l.local_day), ('week', l.local_day - (l.local_day - DATE '2000-01-03') % 7))
    sp(span, day)
  WHERE ${filter}`;

const GRAIN = sql.raw('b.span, b.day, b.organisation_id, b.survey_id, b.unit_id, b.change_id');
const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
/** rollup_responses' counts besides `responses`, as the lateral per-response subquery names them. */
const RESPONSE_COUNTS = [
  'comments',
  'urgent_comments',
  'commenters',
  ...SENTIMENTS.flatMap((x) => [`${x}_comments`, `${x}_commenters`]),
  'not_analysed_comments',
  'not_analysed_commenters',
];
/**
 * A comment no model could read (another language) carries a placeholder neutral 0: it counts only
 * as `not_analysed_*` (and as urgent, since the urgency rules still read it), never in `comments`,
 * sentiment or theme figures, so negative shares and sentiment mixes are of analysed comments.
 */
const SCORED = 'ca.not_analysed IS NULL';
/**
 * Tables boards read over weeks (responses, ratings, choices, theme respondents) keep both spans.
 * The others (rating distributions, sentiment by question, themes by sentiment) keep days only:
 * nothing reads them by week yet, and every row is work for the worker under a hot unit's lock.
 */
const DAYS_ONLY = sql.raw(`b.span = 'day'`);
const add = (table: string, columns: string[]) =>
  sql.raw(columns.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(', '));

/**
 * The upserts, reading the CTEs `b` (analysed responses in scope), `nps` and `sus` that
 * `rollupStatement` defines.
 */
function upserts(sign: 1 | -1): SQL[] {
  const s = sql.raw(String(sign));
  const ratings = sql`
    FROM b
    JOIN response_answers a ON a.response_id = b.id AND a.item_type = 'rating' AND a.value_number IS NOT NULL
    LEFT JOIN nps n ON n.v = b.survey_version_id AND n.l = a.link_id`;
  const comments = sql`FROM b JOIN comment_analyses ca ON ca.response_id = b.id AND ${sql.raw(SCORED)}`;
  return [
    sql`INSERT INTO rollup_responses
          (span, day, organisation_id, survey_id, unit_id, change_id, responses, ${sql.raw(RESPONSE_COUNTS.join(', '))})
        SELECT ${GRAIN}, ${s} * count(*), ${sql.raw(RESPONSE_COUNTS.map((c) => `${sign} * coalesce(sum(c.${c}), 0)`).join(', '))}
        FROM b
        CROSS JOIN LATERAL (
          SELECT count(*) FILTER (WHERE ${sql.raw(SCORED)}) AS comments,
            count(*) FILTER (WHERE ca.urgent) AS urgent_comments,
            (count(*) FILTER (WHERE ${sql.raw(SCORED)}) > 0)::int AS commenters,
            ${sql.raw(
              SENTIMENTS.flatMap((x) => [
                `count(*) FILTER (WHERE ${SCORED} AND ca.sentiment = '${x}') AS ${x}_comments`,
                `coalesce(bool_or(${SCORED} AND ca.sentiment = '${x}'), false)::int AS ${x}_commenters`,
              ]).join(', '),
            )},
            count(*) FILTER (WHERE NOT ${sql.raw(SCORED)}) AS not_analysed_comments,
            coalesce(bool_or(NOT ${sql.raw(SCORED)}), false)::int AS not_analysed_commenters
          FROM comment_analyses ca WHERE ca.response_id = b.id
        ) c
        GROUP BY ${GRAIN}
        ORDER BY ${GRAIN}
        ON CONFLICT ON CONSTRAINT rollup_responses_key DO UPDATE
        SET ${add('rollup_responses', ['responses', ...RESPONSE_COUNTS])}`,
    sql`INSERT INTO rollup_ratings (span, day, organisation_id, survey_id, unit_id, change_id, link_id,
          answers, sum, sum_squares, promoters, passives, detractors)
        SELECT ${GRAIN}, a.link_id, ${s} * count(*),
          ${s} * sum(a.value_number)::bigint, ${s} * sum(a.value_number * a.value_number)::bigint,
          ${s} * count(*) FILTER (WHERE n.l IS NOT NULL AND a.value_number >= 9),
          ${s} * count(*) FILTER (WHERE n.l IS NOT NULL AND a.value_number BETWEEN 7 AND 8),
          ${s} * count(*) FILTER (WHERE n.l IS NOT NULL AND a.value_number <= 6)
        ${ratings}
        GROUP BY ${GRAIN}, a.link_id
        ORDER BY ${GRAIN}, a.link_id
        ON CONFLICT ON CONSTRAINT rollup_ratings_key DO UPDATE
        SET ${add('rollup_ratings', ['answers', 'sum', 'sum_squares', 'promoters', 'passives', 'detractors'])}`,
    // One SUS score per response whose ten items all have a whole answer 1..5 (as scoreSus); a
    // partial SUS is not comparable, so such a response adds nothing here.
    sql`INSERT INTO rollup_ratings (span, day, organisation_id, survey_id, unit_id, change_id, link_id,
          answers, sum, sum_squares, promoters, passives, detractors)
        SELECT ${GRAIN}, ${SUS_LINK_ID}::text, ${s} * count(*), ${s} * sum(x.raw), ${s} * sum(x.raw * x.raw), 0, 0, 0
        FROM b
        CROSS JOIN LATERAL (
          SELECT sum(CASE WHEN si.odd THEN a.value_number - 1 ELSE 5 - a.value_number END)::bigint AS raw
          FROM sus si
          JOIN response_answers a ON a.response_id = b.id AND a.link_id = si.l AND a.item_type = 'rating'
          WHERE si.v = b.survey_version_id AND a.value_number IN (1, 2, 3, 4, 5)
          HAVING count(*) = 10
        ) x
        GROUP BY ${GRAIN}
        ORDER BY ${GRAIN}
        ON CONFLICT ON CONSTRAINT rollup_ratings_key DO UPDATE
        SET ${add('rollup_ratings', ['answers', 'sum', 'sum_squares'])}`,
    sql`INSERT INTO rollup_rating_values (span, day, organisation_id, survey_id, unit_id, change_id, link_id, value, answers)
        SELECT ${GRAIN}, a.link_id, a.value_number::int, ${s} * count(*)
        ${ratings}
        WHERE ${DAYS_ONLY}
        GROUP BY ${GRAIN}, a.link_id, a.value_number::int
        ORDER BY ${GRAIN}, a.link_id, a.value_number::int
        ON CONFLICT ON CONSTRAINT rollup_rating_values_key DO UPDATE SET ${add('rollup_rating_values', ['answers'])}`,
    sql`INSERT INTO rollup_choices (span, day, organisation_id, survey_id, unit_id, change_id, link_id, code, answers)
        SELECT ${GRAIN}, a.link_id, c.code, ${s} * count(*)
        FROM b
        JOIN response_answers a ON a.response_id = b.id AND a.item_type IN ('choice', 'boolean')
        CROSS JOIN LATERAL (
          SELECT unnest(a.value_codes) AS code WHERE a.item_type = 'choice'
          UNION ALL
          SELECT a.value_boolean::text WHERE a.item_type = 'boolean' AND a.value_boolean IS NOT NULL
        ) c
        GROUP BY ${GRAIN}, a.link_id, c.code
        ORDER BY ${GRAIN}, a.link_id, c.code
        ON CONFLICT ON CONSTRAINT rollup_choices_key DO UPDATE SET ${add('rollup_choices', ['answers'])}`,
    sql`INSERT INTO rollup_sentiment (span, day, organisation_id, survey_id, unit_id, change_id, link_id, sentiment,
          comments, score_sum)
        SELECT ${GRAIN}, ca.link_id, ca.sentiment, ${s} * count(*), ${s} * sum(ca.sentiment_score)
        ${comments}
        WHERE ${DAYS_ONLY}
        GROUP BY ${GRAIN}, ca.link_id, ca.sentiment
        ORDER BY ${GRAIN}, ca.link_id, ca.sentiment
        ON CONFLICT ON CONSTRAINT rollup_sentiment_key DO UPDATE
        SET ${add('rollup_sentiment', ['comments', 'score_sum'])}`,
    sql`INSERT INTO rollup_themes (span, day, organisation_id, survey_id, unit_id, change_id, link_id, taxonomy, theme,
          sentiment, comments)
        SELECT ${GRAIN}, ca.link_id, th.taxonomy, th.theme, ca.sentiment, ${s} * count(*)
        ${comments}
        CROSS JOIN LATERAL (
          SELECT 'framework' AS taxonomy, t->>'label' AS theme FROM jsonb_array_elements(ca.themes) t
          UNION ALL
          SELECT 'friction', f->>'key' FROM jsonb_array_elements(ca.friction_themes) f
        ) th
        WHERE ${DAYS_ONLY}
        GROUP BY ${GRAIN}, ca.link_id, th.taxonomy, th.theme, ca.sentiment
        ORDER BY ${GRAIN}, ca.link_id, th.taxonomy, th.theme, ca.sentiment
        ON CONFLICT ON CONSTRAINT rollup_themes_key DO UPDATE SET ${add('rollup_themes', ['comments'])}`,
    // DISTINCT: a response counts once per theme, however many of its comments mention it.
    sql`INSERT INTO rollup_theme_respondents (span, day, organisation_id, survey_id, unit_id, change_id, taxonomy,
          theme, respondents)
        SELECT ${GRAIN}, k.taxonomy, k.theme, ${s} * count(*)
        FROM b
        CROSS JOIN LATERAL (
          SELECT DISTINCT x.taxonomy, x.theme FROM comment_analyses ca
          CROSS JOIN LATERAL (
            SELECT 'framework' AS taxonomy, t->>'label' AS theme FROM jsonb_array_elements(ca.themes) t
            UNION ALL SELECT 'friction', f->>'key' FROM jsonb_array_elements(ca.friction_themes) f
          ) x
          WHERE ca.response_id = b.id AND ${sql.raw(SCORED)}
        ) k
        GROUP BY ${GRAIN}, k.taxonomy, k.theme
        ORDER BY ${GRAIN}, k.taxonomy, k.theme
        ON CONFLICT ON CONSTRAINT rollup_theme_respondents_key DO UPDATE
        SET ${add('rollup_theme_respondents', ['respondents'])}`,
  ];
}

/** Which column tells that a rollup row no longer counts anything. */
const COUNT_COLUMN = {
  rollup_responses: 'responses',
  rollup_ratings: 'answers',
  rollup_rating_values: 'answers',
  rollup_choices: 'answers',
  rollup_sentiment: 'comments',
  rollup_themes: 'comments',
  rollup_theme_respondents: 'respondents',
} as const;
export const ROLLUP_TABLE_NAMES = Object.keys(COUNT_COLUMN) as (keyof typeof COUNT_COLUMN)[];

/** A parameter PostgreSQL reads as `uuid[]`: one statement text whatever the number of ids. */
export const uuidArray = (ids: readonly string[]): SQL => sql`${`{${ids.join(',')}}`}::uuid[]`;

/**
 * Adds (sign +1) or removes (sign -1) the contribution of analysed responses (one, or a worker's
 * batch). Call inside their transaction. Each rollup row is upserted once per call however many of
 * the responses it counts, and rows are taken in key order (ORDER BY in every upsert), so batches
 * that share rows wait for each other rather than deadlock.
 */
export async function applyResponseRollups(
  tx: Db,
  responseIds: readonly string[],
  sign: 1 | -1,
  items: TRollupItems,
): Promise<void> {
  if (responseIds.length === 0) return;
  await tx.execute(rollupStatement({ filter: sql`r.id = ANY(${uuidArray(responseIds)})`, sign, items }));
}

/**
 * The upserts as one statement (data-modifying CTEs over one shared scan of the responses in
 * scope): one round trip and one plan, so the rollup rows that a busy unit's workers all update
 * stay locked as briefly as possible.
 */
function rollupStatement({ filter, sign, items }: TScope): SQL {
  const ctes = upserts(sign).map((part, i) => sql`${sql.raw(`u${i}`)} AS (${part} RETURNING 1)`);
  return sql`WITH b AS (${analysed(filter)}),
    nps AS (SELECT * FROM jsonb_to_recordset(${JSON.stringify(items.nps)}::jsonb) AS n(v uuid, l text)),
    sus AS (SELECT * FROM jsonb_to_recordset(${JSON.stringify(items.sus)}::jsonb) AS s(v uuid, l text, odd boolean)),
    ${sql.join(ctes, sql`, `)}
    SELECT 1`;
}

/**
 * After a re-analysis, rows whose count fell to zero are deleted, because a rebuild would not
 * create them. Only the buckets of these responses are looked at.
 */
export async function deleteEmptyRollups(tx: Db, responseIds: readonly string[]): Promise<void> {
  if (responseIds.length === 0) return;
  const base = analysed(sql`r.id = ANY(${uuidArray(responseIds)})`);
  for (const table of ROLLUP_TABLE_NAMES) {
    await tx.execute(sql`
      DELETE FROM ${sql.identifier(table)} t USING (${base}) b
      WHERE t.${sql.identifier(COUNT_COLUMN[table])} = 0 AND t.span = b.span AND t.day = b.day
        AND t.survey_id = b.survey_id
        AND t.unit_id IS NOT DISTINCT FROM b.unit_id AND t.change_id IS NOT DISTINCT FROM b.change_id`);
  }
}

/**
 * The shape of the rollups this code keeps. Bump it when a rollup table gains a figure or changes
 * meaning: workers then rebuild the rollups once (`rebuildOutdatedRollups`), so no deployment
 * shows boards from half-filled columns. 2: SUS scores (`SUS_LINK_ID`). 3: comments not analysed
 * (another language) counted apart and out of the sentiment figures.
 */
export const ROLLUP_VERSION = 3;

/**
 * Empties the rollups and recomputes them from raw rows, in one transaction, and records the
 * version. TRUNCATE's lock makes a worker that is storing an analysis meanwhile wait, then add its
 * response on top: nothing is counted twice or missed.
 */
export async function rebuildRollups(db: Db, items: TRollupItems): Promise<void> {
  await db.transaction((tx) => rebuildIn(tx, items));
}

/** Rebuilds the rollups when they were built by older code; true when it did. */
export async function rebuildOutdatedRollups(
  db: Db,
  items: (tx: Db) => Promise<TRollupItems>,
): Promise<boolean> {
  const outdated = async (tx: Db) => {
    const [row] = await queryRows<{ version: number }>(
      tx,
      sql`SELECT version FROM rollup_state WHERE id = 1`,
    );
    return (row?.version ?? 0) < ROLLUP_VERSION;
  };
  if (!(await outdated(db))) return false;
  return db.transaction(async (tx) => {
    // One worker rebuilds; the others wait here, then find the work done.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('careloop:rollups-rebuild'))`);
    if (!(await outdated(tx))) return false;
    // Read through the transaction: PGlite has one connection, which the transaction holds.
    await rebuildIn(tx, await items(tx));
    return true;
  });
}

async function rebuildIn(tx: Db, items: TRollupItems): Promise<void> {
  await tx.execute(sql.raw(`TRUNCATE ${ROLLUP_TABLE_NAMES.join(', ')}`));
  await tx.execute(rollupStatement({ filter: sql`TRUE`, sign: 1, items }));
  await tx.execute(sql`INSERT INTO rollup_state (id, version) VALUES (1, ${ROLLUP_VERSION})
    ON CONFLICT (id) DO UPDATE SET version = excluded.version`);
}

/** Rows per rollup table. */
export async function countRollupRows(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ROLLUP_TABLE_NAMES) {
    const [row] = await queryRows<{ n: string }>(db, sql`SELECT count(*) AS n FROM ${sql.identifier(table)}`);
    counts[table] = Number(row?.n ?? 0);
  }
  return counts;
}

/**
 * Every rollup row in a stable order, for comparing the incremental figures with a rebuild; only
 * one organisation's rows when one is named (a database shared with other work).
 */
export async function snapshotRollups(db: Db, organisationId?: string): Promise<Record<string, unknown[]>> {
  const snapshot: Record<string, unknown[]> = {};
  const where = organisationId ? sql`WHERE t.organisation_id = ${organisationId}` : sql``;
  for (const table of ROLLUP_TABLE_NAMES) {
    // Ordering by the row's text form is stable whatever the columns.
    snapshot[table] = await queryRows(
      db,
      sql`SELECT * FROM ${sql.identifier(table)} t ${where} ORDER BY t::text`,
    );
  }
  return snapshot;
}
