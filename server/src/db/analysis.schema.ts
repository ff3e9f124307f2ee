import {
  type AnyPgColumn,
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type {
  TCommentAnalysis,
  TFrameworkTheme,
  TSentimentLabel,
  TUrgencyTier,
} from '../../../shared/src/analysis/contract';
import type { TTaxonomyDefinition } from '../../../shared/src/taxonomy/friction';
import { organisations, responses, surveys, units, users } from './schema';

/**
 * Analysis results, alerts, taxonomies and rollups: everything the `feedback.analyse` worker writes.
 * Kept apart from the core schema so that file stays readable.
 */

/** One row per analysed response: the analysis version it was done with, so a model change can find what to redo. */
export const responseAnalyses = pgTable('response_analyses', {
  responseId: uuid('response_id')
    .primaryKey()
    .references(() => responses.id),
  modelVersion: text('model_version').notNull(),
  /** The friction taxonomy version used; null when the survey is not a clinician survey. */
  taxonomyVersion: integer('taxonomy_version'),
  analysedAt: timestamp('analysed_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One row per free-text answer. `redactedText` is what every staff view, export and board shows. */
export const commentAnalyses = pgTable(
  'comment_analyses',
  {
    responseId: uuid('response_id')
      .notNull()
      .references(() => responses.id),
    /** The question (item linkId) the comment answers. */
    linkId: text('link_id').notNull(),
    redactedText: text('redacted_text').notNull(),
    /** Kinds of personal detail replaced, e.g. NAME, PHONE. */
    redactions: text('redactions').array().notNull(),
    sentiment: text('sentiment').$type<TSentimentLabel>().notNull(),
    /** Rounded to 3 decimals, so incremental and rebuilt rollup sums are exactly equal. */
    sentimentScore: numeric('sentiment_score', { precision: 4, scale: 3, mode: 'number' }).notNull(),
    themes: jsonb('themes').$type<TCommentAnalysis['themes']>().notNull(),
    frictionThemes: jsonb('friction_themes').$type<TCommentAnalysis['frictionThemes']>().notNull(),
    urgent: boolean('urgent').notNull(),
    urgencyReasons: text('urgency_reasons').array().notNull(),
    /**
     * Stable across re-analyses (the row is updated in place, not replaced): the id staff corrections
     * and the review list address a comment by.
     */
    id: uuid('id')
      .notNull()
      .default(sql`gen_random_uuid()`),
    /** ISO 639-1 code as detected; `und` when it could not be told. */
    language: text('language').notNull().default('en'),
    /** `language`: no model here reads it; shown and counted apart, kept out of sentiment figures. */
    notAnalysed: text('not_analysed').$type<'language'>(),
    /** `urgent` raises an alert; `review` goes to the review list, no alarm. After any correction. */
    urgencyTier: text('urgency_tier').$type<TUrgencyTier>().notNull().default('none'),
    sentimentConfidence: numeric('sentiment_confidence', { precision: 4, scale: 3, mode: 'number' })
      .notNull()
      .default(0),
    lowConfidence: boolean('low_confidence').notNull().default(false),
    /**
     * The model's own answer. `sentiment`, `themes`, `urgent` and `urgencyTier` above are what every
     * figure reads: the model's answer with any staff correction on top. Null on rows written by
     * older code (or bulk-loaded bench data): the stored answer is then the model's.
     */
    modelSentiment: text('model_sentiment').$type<TSentimentLabel>(),
    modelSentimentScore: numeric('model_sentiment_score', { precision: 4, scale: 3, mode: 'number' }),
    modelNotAnalysed: text('model_not_analysed').$type<'language'>(),
    modelThemes: jsonb('model_themes').$type<TCommentAnalysis['themes']>(),
    modelUrgencyTier: text('model_urgency_tier').$type<TUrgencyTier>(),
    /** Review list: when a quality lead marked the comment as looked at. */
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.responseId, t.linkId] }),
    uniqueIndex('comment_analyses_id_key').on(t.id),
    index('comment_analyses_review_idx')
      .on(t.responseId)
      .where(sql`urgency_tier = 'review'`),
  ],
);

/**
 * A quality lead's correction of one comment's analysis. Kept apart from `comment_analyses` so a
 * re-analysis, which rewrites the model's answer, cannot lose it: the analysis applies it on top of
 * whatever the model says. A null field was not corrected.
 */
export const commentCorrections = pgTable(
  'comment_corrections',
  {
    responseId: uuid('response_id')
      .notNull()
      .references(() => responses.id),
    linkId: text('link_id').notNull(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    sentiment: text('sentiment').$type<TSentimentLabel>(),
    themes: jsonb('themes').$type<TFrameworkTheme[]>(),
    urgency: text('urgency').$type<TUrgencyTier>(),
    correctedBy: uuid('corrected_by')
      .notNull()
      .references(() => users.id),
    correctedAt: timestamp('corrected_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.responseId, t.linkId] }),
    index('comment_corrections_org_idx').on(t.organisationId),
  ],
);

export const alertStatusEnum = pgEnum('alert_status', ['open', 'acknowledged', 'resolved']);

export const alertKindEnum = pgEnum('alert_kind', ['comment', 'spc', 'disparity']);

/**
 * Something for the quality leads of a unit: an urgent comment (one per comment, whatever the
 * re-runs), or a special-cause signal on an SPC chart (one per signal).
 */
export const alerts = pgTable(
  'alerts',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    kind: alertKindEnum('kind').notNull().default('comment'),
    unitId: uuid('unit_id').references(() => units.id),
    /** The comment, for `comment` alerts; null for `spc`. */
    surveyId: uuid('survey_id').references(() => surveys.id),
    responseId: uuid('response_id').references(() => responses.id),
    linkId: text('link_id'),
    /** The signal, for `spc` alerts. */
    spcSignalId: uuid('spc_signal_id').references((): AnyPgColumn => spcSignals.id),
    /** The finding, for `disparity` alerts (table `disparity_findings`, migration 0008, equity feature). */
    disparityId: uuid('disparity_id'),
    reasons: text('reasons').array().notNull(),
    status: alertStatusEnum('status').notNull().default('open'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedBy: uuid('acknowledged_by').references(() => users.id),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: uuid('resolved_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('alerts_comment_key').on(t.responseId, t.linkId),
    uniqueIndex('alerts_spc_signal_key').on(t.spcSignalId),
    index('alerts_unit_status_idx').on(t.unitId, t.status),
  ],
);

/**
 * A special-cause signal on a unit's weekly SPC chart. Stored once per run: `runStart` is the first
 * week of the points that make the rule fire, so a run that goes on for weeks is one signal.
 */
export const spcSignals = pgTable(
  'spc_signals',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    metric: text('metric').notNull(),
    rule: text('rule').notNull(),
    direction: text('direction').$type<'up' | 'down'>().notNull(),
    runStart: date('run_start').notNull(),
    /** The week (its Monday) the rule first fired. */
    week: date('week').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('spc_signals_run_key').on(t.unitId, t.metric, t.rule, t.direction, t.runStart),
    index('spc_signals_unit_week_idx').on(t.unitId, t.week),
  ],
);

/** Versioned, editable taxonomies. Each save inserts a new version; analyses record the one they used. */
export const taxonomies = pgTable(
  'taxonomies',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    key: text('key').notNull(),
    version: integer('version').notNull(),
    definition: jsonb('definition').$type<TTaxonomyDefinition>().notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('taxonomies_org_key_version_key').on(t.organisationId, t.key, t.version)],
);

/*
 * Rollups: one grain, (span, local day, survey, unit, change[, question]), that every board scope sums
 * over. Each response counts in its day (`span` 'day') and in its week ('week', `day` the Monday):
 * boards over weeks read a seventh of the rows. Unit and change may be null (organisation-wide
 * links, no change), hence NULLS NOT DISTINCT keys.
 * Every figure is an integer or an exact numeric, so an incremental update and a rebuild from raw rows
 * agree to the last digit, whatever the order of addition.
 */
const grain = () => ({
  span: text('span').$type<'day' | 'week'>().notNull().default('day'),
  day: date('day').notNull(),
  organisationId: uuid('organisation_id')
    .notNull()
    .references(() => organisations.id),
  surveyId: uuid('survey_id')
    .notNull()
    .references(() => surveys.id),
  unitId: uuid('unit_id').references(() => units.id),
  changeId: uuid('change_id'),
});

type TGrainColumns = {
  [K in 'span' | 'day' | 'organisationId' | 'surveyId' | 'unitId' | 'changeId']: AnyPgColumn;
};

/** The key of a rollup table (the grain plus `more`, nulls equal) and its index for board queries. */
const grainKeys = (table: string, t: TGrainColumns, ...more: AnyPgColumn[]) => [
  unique(`${table}_key`)
    .on(t.span, t.day, t.surveyId, t.unitId, t.changeId, ...more)
    .nullsNotDistinct(),
  index(`${table}_org_span_day_idx`).on(t.organisationId, t.span, t.day),
];

export const rollupResponses = pgTable(
  'rollup_responses',
  {
    ...grain(),
    responses: integer('responses').notNull(),
    comments: integer('comments').notNull(),
    urgentComments: integer('urgent_comments').notNull(),
    /**
     * Board figures by sentiment, kept here so a board's trend reads one narrow table: comments of
     * each sentiment, and the respondents behind them. A respondent may write several comments,
     * and the small-group rule counts people, so `commenters` (responses with any comment) and the
     * per-sentiment commenters are counts of responses.
     */
    commenters: integer('commenters').notNull().default(0),
    positiveComments: integer('positive_comments').notNull().default(0),
    neutralComments: integer('neutral_comments').notNull().default(0),
    negativeComments: integer('negative_comments').notNull().default(0),
    positiveCommenters: integer('positive_commenters').notNull().default(0),
    neutralCommenters: integer('neutral_commenters').notNull().default(0),
    negativeCommenters: integer('negative_commenters').notNull().default(0),
    /**
     * Comments no model here could read (another language): counted apart and left out of every
     * other count above, so they cannot pull the sentiment figures towards neutral.
     */
    notAnalysedComments: integer('not_analysed_comments').notNull().default(0),
    notAnalysedCommenters: integer('not_analysed_commenters').notNull().default(0),
  },
  (t) => grainKeys('rollup_responses', t),
);

/** Per rating question: count, sum and sum of squares (for means and pre/post tests) and NPS counts. */
export const rollupRatings = pgTable(
  'rollup_ratings',
  {
    ...grain(),
    linkId: text('link_id').notNull(),
    answers: integer('answers').notNull(),
    sum: bigint('sum', { mode: 'number' }).notNull(),
    sumSquares: bigint('sum_squares', { mode: 'number' }).notNull(),
    /** NPS (0-10) items only: 9-10, 7-8 and 0-6; zero for other scales. */
    promoters: integer('promoters').notNull(),
    passives: integer('passives').notNull(),
    detractors: integer('detractors').notNull(),
  },
  (t) => grainKeys('rollup_ratings', t, t.linkId),
);

/** Per rating question and scale point: the distribution (FFT top-box, charts). */
export const rollupRatingValues = pgTable(
  'rollup_rating_values',
  {
    ...grain(),
    linkId: text('link_id').notNull(),
    value: integer('value').notNull(),
    answers: integer('answers').notNull(),
  },
  (t) => grainKeys('rollup_rating_values', t, t.linkId, t.value),
);

/**
 * Per choice or yes/no question and option: how often it was chosen (FFT % positive, option charts).
 * A multiple-choice answer counts once for each option ticked; yes/no answers count as `true`/`false`.
 */
export const rollupChoices = pgTable(
  'rollup_choices',
  {
    ...grain(),
    linkId: text('link_id').notNull(),
    code: text('code').notNull(),
    answers: integer('answers').notNull(),
  },
  (t) => grainKeys('rollup_choices', t, t.linkId, t.code),
);

export const rollupSentiment = pgTable(
  'rollup_sentiment',
  {
    ...grain(),
    linkId: text('link_id').notNull(),
    sentiment: text('sentiment').$type<TSentimentLabel>().notNull(),
    comments: integer('comments').notNull(),
    scoreSum: numeric('score_sum', { precision: 14, scale: 3, mode: 'number' }).notNull(),
  },
  (t) => grainKeys('rollup_sentiment', t, t.linkId, t.sentiment),
);

/** Theme counts by sentiment, for the framework taxonomy and the organisation's friction taxonomy. */
export const rollupThemes = pgTable(
  'rollup_themes',
  {
    ...grain(),
    linkId: text('link_id').notNull(),
    taxonomy: text('taxonomy').$type<'framework' | 'friction'>().notNull(),
    theme: text('theme').notNull(),
    sentiment: text('sentiment').$type<TSentimentLabel>().notNull(),
    comments: integer('comments').notNull(),
  },
  (t) => grainKeys('rollup_themes', t, t.linkId, t.taxonomy, t.theme, t.sentiment),
);

/**
 * Respondents whose comments mention each theme: the people behind a board's theme figures (one
 * respondent may mention a theme in several comments, so rollup_themes' comment counts overstate them).
 */
export const rollupThemeRespondents = pgTable(
  'rollup_theme_respondents',
  {
    ...grain(),
    taxonomy: text('taxonomy').$type<'framework' | 'friction'>().notNull(),
    theme: text('theme').notNull(),
    respondents: integer('respondents').notNull(),
  },
  (t) => grainKeys('rollup_theme_respondents', t, t.taxonomy, t.theme),
);

/**
 * The version of the rollups' shape the data was built with. Rollups are derived data: when the
 * code's version is newer, the worker rebuilds them from raw rows once, at start.
 */
export const rollupState = pgTable('rollup_state', {
  id: integer('id').primaryKey().default(1),
  version: integer('version').notNull(),
});
