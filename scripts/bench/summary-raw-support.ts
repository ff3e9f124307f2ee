/**
 * The board's figures computed straight from raw rows (responses, response_answers,
 * comment_analyses), with no rollup table: the baseline the rollups are measured against, and an
 * independent check of what they say. Each query returns rows in the same shape as the board
 * repository's rollup reads, so the two can be compared row for row, and `figuresFromRaw` reduces
 * them to the summary's headline figures with its own (deliberately plain) arithmetic.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { TBoardScope } from '../../shared/src/api/board';
import { countFigure } from '../../shared/src/board/suppression';
import { FFT_CODES, type TItemMeasure } from '../../shared/src/survey/scoring';
import { queryRows, type Db } from '../../server/src/db/client';

export type TRawWindow = {
  organisationId: string;
  timezone: string;
  scope: TBoardScope;
  from: string;
  to: string;
  previousFrom: string;
  week: boolean;
};

const int = (v: unknown) => Number(v ?? 0);

function scopeOf(scope: TBoardScope): SQL {
  switch (scope.level) {
    case 'organisation':
      return sql`TRUE`;
    case 'site':
      return sql`r.unit_id IN (SELECT u.id FROM units u JOIN departments d ON d.id = u.department_id
        WHERE d.site_id = ${scope.id})`;
    case 'department':
      return sql`r.unit_id IN (SELECT u.id FROM units u WHERE u.department_id = ${scope.id})`;
    case 'unit':
      return sql`r.unit_id = ${scope.id}`;
    case 'change':
      return sql`r.change_id = ${scope.id}`;
    case 'survey':
      return sql`r.survey_id = ${scope.id}`;
  }
}

/** Analysed responses in scope between two local days, with their local day and bucket. */
function analysed(w: TRawWindow, from = w.from): SQL {
  const bucket = w.week ? sql`date_trunc('week', x.day)::date::text` : sql`x.day::text`;
  return sql`SELECT x.*, ${bucket} AS bucket FROM (
    SELECT r.id, r.survey_id, r.survey_version_id, (r.submitted_at AT TIME ZONE ${w.timezone})::date AS day
    FROM responses r
    JOIN response_analyses ra ON ra.response_id = r.id
    WHERE r.survey_id IN (SELECT s.id FROM surveys s WHERE s.organisation_id = ${w.organisationId})
      AND r.submitted_at >= (${from}::date::timestamp AT TIME ZONE ${w.timezone})
      AND r.submitted_at < ((${w.to}::date + 1)::timestamp AT TIME ZONE ${w.timezone})
      AND ${scopeOf(w.scope)}) x`;
}

export type TRawRows = Awaited<ReturnType<typeof readRaw>>;

/**
 * The six reads, in parallel as the board service runs its rollup reads. `npsItems`: the 0-10
 * questions per survey version, which alone count promoters and detractors.
 */
export async function readRaw(db: Db, w: TRawWindow, npsItems: { v: string; l: string }[]) {
  const [responses, ratings, fft, sentiment, commenters, themes] = await Promise.all([
    queryRows<Record<string, unknown>>(
      db,
      sql`WITH b AS (${analysed(w)}),
        r AS (SELECT b.bucket, count(*) AS responses FROM b GROUP BY 1),
        c AS (SELECT b.bucket, count(*) AS comments FROM b JOIN comment_analyses ca ON ca.response_id = b.id GROUP BY 1)
        SELECT r.bucket, r.responses, coalesce(c.comments, 0) AS comments FROM r LEFT JOIN c USING (bucket)`,
    ),
    queryRows<Record<string, unknown>>(
      db,
      sql`WITH b AS (${analysed(w)}),
        nps AS (SELECT * FROM jsonb_to_recordset(${JSON.stringify(npsItems)}::jsonb) AS n(v uuid, l text))
        SELECT b.bucket, b.survey_id, a.link_id, count(*) AS answers, sum(a.value_number)::bigint AS sum,
          count(*) FILTER (WHERE n.l IS NOT NULL AND a.value_number >= 9) AS promoters,
          count(*) FILTER (WHERE n.l IS NOT NULL AND a.value_number <= 6) AS detractors
        FROM b JOIN response_answers a ON a.response_id = b.id
        LEFT JOIN nps n ON n.v = b.survey_version_id AND n.l = a.link_id
        WHERE a.item_type = 'rating' AND a.value_number IS NOT NULL
        GROUP BY 1, 2, 3`,
    ),
    queryRows<Record<string, unknown>>(
      db,
      sql`WITH b AS (${analysed(w)})
        SELECT b.bucket, b.survey_id, a.link_id, c.code, count(*) AS answers
        FROM b JOIN response_answers a ON a.response_id = b.id
        CROSS JOIN LATERAL unnest(a.value_codes) AS c(code)
        WHERE a.item_type = 'choice' AND c.code IN ${FFT_CODES}
        GROUP BY 1, 2, 3, 4`,
    ),
    queryRows<Record<string, unknown>>(
      db,
      sql`WITH b AS (${analysed(w)})
        SELECT b.bucket, ca.sentiment, count(*) AS comments
        FROM b JOIN comment_analyses ca ON ca.response_id = b.id GROUP BY 1, 2`,
    ),
    queryRows<Record<string, unknown>>(
      db,
      sql`WITH b AS (${analysed(w)})
        SELECT b.bucket, 'any' AS kind, '' AS key, count(DISTINCT b.id) AS respondents
        FROM b JOIN comment_analyses ca ON ca.response_id = b.id GROUP BY 1
        UNION ALL
        SELECT b.bucket, 'sentiment', ca.sentiment, count(DISTINCT b.id)
        FROM b JOIN comment_analyses ca ON ca.response_id = b.id GROUP BY 1, 3`,
    ),
    queryRows<Record<string, unknown>>(
      db,
      sql`WITH b AS (${analysed(w, w.previousFrom)}),
        mentions AS (
          SELECT DISTINCT b.id, b.survey_id, b.day >= ${w.from}::date AS current, x.kind, x.key
          FROM b JOIN comment_analyses ca ON ca.response_id = b.id
          CROSS JOIN LATERAL (
            SELECT 'any' AS kind, '' AS key
            UNION ALL SELECT 'framework', t->>'label' FROM jsonb_array_elements(ca.themes) t
            UNION ALL SELECT 'friction', f->>'key' FROM jsonb_array_elements(ca.friction_themes) f
          ) x)
        SELECT survey_id, kind, key, count(*) FILTER (WHERE current) AS current,
          count(*) FILTER (WHERE NOT current) AS previous
        FROM mentions GROUP BY 1, 2, 3`,
    ),
  ]);
  return {
    responses: responses.map((r) => ({
      bucket: String(r.bucket),
      responses: int(r.responses),
      comments: int(r.comments),
    })),
    ratings: ratings.map((r) => ({
      bucket: String(r.bucket),
      surveyId: String(r.survey_id),
      linkId: String(r.link_id),
      answers: int(r.answers),
      sum: int(r.sum),
      promoters: int(r.promoters),
      detractors: int(r.detractors),
    })),
    fft: fft.map((r) => ({
      bucket: String(r.bucket),
      surveyId: String(r.survey_id),
      linkId: String(r.link_id),
      code: String(r.code),
      answers: int(r.answers),
    })),
    sentiment: sentiment.map((r) => ({
      bucket: String(r.bucket),
      sentiment: String(r.sentiment),
      comments: int(r.comments),
    })),
    commenters: commenters.map((r) => ({
      bucket: String(r.bucket),
      kind: String(r.kind),
      key: String(r.key),
      respondents: int(r.respondents),
    })),
    themes: themes.map((r) => ({
      surveyId: String(r.survey_id),
      kind: String(r.kind),
      key: String(r.key),
      current: int(r.current),
      previous: int(r.previous),
    })),
  };
}

export type TRawFigures = {
  responses: number;
  comments: number;
  /** % of FFT answers that are very good or good. */
  fftPositive: number | null;
  nps: number | null;
  meanRating: number | null;
  sentiment: Record<string, number>;
  trend: Map<string, { responses: number; fftPositive: number | null; nps: number | null }>;
  /** Counts under k hidden (null), by the board's own small-group rule. */
  topThemes: { theme: string; current: number | null; previous: number | null }[];
};

/** Theme rows added up over surveys, one per taxonomy and theme. */
function themesOverSurveys(rows: TRawRows['themes']) {
  const sums = new Map<string, { kind: string; key: string; current: number; previous: number }>();
  for (const r of rows) {
    const id = JSON.stringify([r.kind, r.key]);
    const sum = sums.get(id) ?? { kind: r.kind, key: r.key, current: 0, previous: 0 };
    sum.current += r.current;
    sum.previous += r.previous;
    sums.set(id, sum);
  }
  return [...sums.values()];
}

const round = (v: number, places: number) => Math.round(v * 10 ** places) / 10 ** places;

/**
 * Headline figures from raw rows: totals, % positive, NPS, Likert mean, comments by sentiment, the
 * trend per bucket and the ten most mentioned themes. `measureOf` says which question is FFT, NPS
 * or Likert (read from the survey definitions once, outside the timing).
 */
export function figuresFromRaw(
  raw: TRawRows,
  measureOf: (surveyId: string, linkId: string) => TItemMeasure | undefined,
  k: number,
): TRawFigures {
  const trend = new Map<
    string,
    { responses: number; fftPos: number; fftAll: number; p: number; d: number; n: number }
  >();
  const at = (b: string) => {
    let t = trend.get(b);
    if (!t) trend.set(b, (t = { responses: 0, fftPos: 0, fftAll: 0, p: 0, d: 0, n: 0 }));
    return t;
  };
  const total = at('');
  let likertSum = 0;
  let likertAnswers = 0;
  for (const r of raw.responses) {
    at(r.bucket).responses += r.responses;
    total.responses += r.responses;
  }
  for (const r of raw.fft) {
    if (measureOf(r.surveyId, r.linkId)?.kind !== 'fft') continue;
    const positive = r.code === 'very_good' || r.code === 'good' ? r.answers : 0;
    for (const t of [at(r.bucket), total]) {
      t.fftAll += r.answers;
      t.fftPos += positive;
    }
  }
  for (const r of raw.ratings) {
    const m = measureOf(r.surveyId, r.linkId);
    if (m?.kind === 'nps') {
      for (const t of [at(r.bucket), total]) {
        t.p += r.promoters;
        t.d += r.detractors;
        t.n += r.answers;
      }
    } else if (m?.kind === 'likert') {
      likertSum += r.sum;
      likertAnswers += r.answers;
    }
  }
  const sentiment: Record<string, number> = { positive: 0, neutral: 0, negative: 0 };
  for (const r of raw.sentiment) sentiment[r.sentiment] = (sentiment[r.sentiment] ?? 0) + r.comments;
  const fftPositive = (t: { fftPos: number; fftAll: number }) =>
    t.fftAll > 0 ? round((t.fftPos / t.fftAll) * 100, 1) : null;
  const nps = (t: { p: number; d: number; n: number }) =>
    t.n > 0 ? round(((t.p - t.d) / t.n) * 100, 1) : null;
  return {
    responses: total.responses,
    comments: raw.responses.reduce((a, r) => a + r.comments, 0),
    fftPositive: fftPositive(total),
    nps: nps(total),
    meanRating: likertAnswers > 0 ? round(likertSum / likertAnswers, 2) : null,
    sentiment,
    trend: new Map(
      [...trend]
        .filter(([b]) => b !== '')
        .map(([b, t]) => [b, { responses: t.responses, fftPositive: fftPositive(t), nps: nps(t) }]),
    ),
    // The rows are per survey (as the rollups keep them); a respondent answers one survey, so a
    // theme's respondents are the sum over surveys.
    topThemes: themesOverSurveys(raw.themes)
      .filter((r) => r.kind !== 'any' && (r.current >= k || r.previous >= k))
      .sort((a, b) => b.current - a.current || b.previous - a.previous || a.key.localeCompare(b.key))
      .slice(0, 10)
      .map((r) => ({
        theme: r.key,
        current: countFigure(r.current, k).value,
        previous: countFigure(r.previous, k).value,
      })),
  };
}
