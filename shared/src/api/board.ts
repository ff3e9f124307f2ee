import { z } from 'zod';
import { ZSentimentLabel } from '../analysis/contract';
import { ZSpcMetric, ZSpcRule } from './impact';

/**
 * What a board looks at: a place in the organisation, one technology change (every unit it touches)
 * or one survey (everywhere it runs). Staff may only look at scopes inside their own.
 */
export const ZBoardScope = z.discriminatedUnion('level', [
  z.object({ level: z.literal('organisation') }).strict(),
  z.object({ level: z.literal('site'), id: z.uuid() }).strict(),
  z.object({ level: z.literal('department'), id: z.uuid() }).strict(),
  z.object({ level: z.literal('unit'), id: z.uuid() }).strict(),
  z.object({ level: z.literal('change'), id: z.uuid() }).strict(),
  z.object({ level: z.literal('survey'), id: z.uuid() }).strict(),
]);
export type TBoardScope = z.infer<typeof ZBoardScope>;
export type TBoardScopeLevel = TBoardScope['level'];

/**
 * Rolling periods ending today (the organisation's local day). Fixed choices, so that every board
 * watching a scope over a period shares one live computation. Short periods are drawn by day,
 * long ones by week (Monday starts).
 */
export const BOARD_PERIODS = { '7d': 7, '30d': 30, '90d': 91, '365d': 364 } as const;
export const ZBoardPeriod = z.enum(Object.keys(BOARD_PERIODS) as [keyof typeof BOARD_PERIODS]);
export type TBoardPeriod = z.infer<typeof ZBoardPeriod>;
export const bucketOf = (period: TBoardPeriod): 'day' | 'week' =>
  BOARD_PERIODS[period] > 31 ? 'week' : 'day';

/** Query string of the board endpoints: the scope as `level` and `id`, and the period. */
export const ZBoardQuery = z
  .object({
    level: z.enum(['organisation', 'site', 'department', 'unit', 'change', 'survey']),
    id: z.uuid().optional(),
    period: ZBoardPeriod.default('30d'),
  })
  .strict();
export type TBoardQuery = z.infer<typeof ZBoardQuery>;

/**
 * One figure on a board. `value` is null when it is hidden by the small-group rule: `small` when
 * fewer than k respondents are behind it, `complement` when it was hidden so that a hidden small
 * figure cannot be worked out from a total. `n` is how many respondents it is drawn from.
 */
export const ZFigure = z.object({
  value: z.number().nullable(),
  n: z.number().int().nullable(),
  hidden: z.enum(['small', 'complement']).nullable(),
});
export type TFigure = z.infer<typeof ZFigure>;

export const ZTrendPoint = z.object({
  /** First day of the bucket (YYYY-MM-DD). */
  start: z.iso.date(),
  responses: ZFigure,
  /** NHS Friends and Family Test: % answering very good or good, of all FFT answers. */
  fftPositive: ZFigure,
  /** Net Promoter Score over 0-10 questions, -100 to 100. */
  nps: ZFigure,
  /** Mean of Likert ratings, on `ratingScale`. */
  meanRating: ZFigure,
  /** Comments by sentiment. */
  sentiment: z.object({ positive: ZFigure, neutral: ZFigure, negative: ZFigure }),
});
export type TTrendPoint = z.infer<typeof ZTrendPoint>;

export const ZThemeMovement = z.object({
  taxonomy: z.enum(['framework', 'friction']),
  theme: z.string(),
  /** The theme as people read it: a friction theme's label in the organisation's taxonomy. */
  label: z.string(),
  /** Respondents whose comments mention the theme, this period and the one before. */
  current: ZFigure,
  previous: ZFigure,
  /** Share of commenting respondents, in percentage points, this period minus the one before. */
  shareChange: z.number().nullable(),
});
export type TThemeMovement = z.infer<typeof ZThemeMovement>;

export const ZBoardTotals = z.object({
  responses: ZFigure,
  /** Single-use links answered, of those issued in the period; null where nothing was issued. */
  responseRate: ZFigure.nullable(),
  fftPositive: ZFigure,
  nps: ZFigure,
  meanRating: ZFigure,
  comments: ZFigure,
  sentiment: z.object({ positive: ZFigure, neutral: ZFigure, negative: ZFigure }),
});
export type TBoardTotals = z.infer<typeof ZBoardTotals>;

/** What a group of people were asked: the board shows headline cards for these only. */
export const ZBoardMeasures = z.object({
  fft: z.boolean(),
  nps: z.boolean(),
  /** A System Usability Scale survey: its score, 0-100, in `totals.meanRating` of the `sus` aspect. */
  sus: z.boolean(),
});
export type TBoardMeasures = z.infer<typeof ZBoardMeasures>;

/**
 * One rating question on its own (a pulse's effect on time, on safety, on workload): its mean on
 * its own scale over the period and per bucket. Never blended with other questions.
 */
export const ZBoardAspect = z.object({
  /** The question's linkId (`sus` for a SUS score). */
  key: z.string(),
  label: z.string(),
  min: z.number(),
  max: z.number(),
  total: ZFigure,
  /** One figure per bucket of `trend`, same order. */
  trend: z.array(ZFigure),
});
export type TBoardAspect = z.infer<typeof ZBoardAspect>;

/**
 * A board's figures for one audience, patients or clinicians: their answers are never summed into
 * one figure. One view per audience whose surveys collect in the scope (linked there, or answered
 * in the period); none when no survey does.
 */
export const ZAudienceView = z.object({
  audience: z.enum(['patient', 'clinician']),
  measures: ZBoardMeasures,
  totals: ZBoardTotals,
  trend: z.array(ZTrendPoint),
  themes: z.array(ZThemeMovement),
  aspects: z.array(ZBoardAspect),
});
export type TAudienceView = z.infer<typeof ZAudienceView>;

export const ZBoardSummary = z.object({
  scope: ZBoardScope,
  scopeName: z.string(),
  period: ZBoardPeriod,
  from: z.iso.date(),
  to: z.iso.date(),
  bucket: z.enum(['day', 'week']),
  timezone: z.string(),
  /** The small-group thresholds in force: counts and rates, and free-text comments. */
  k: z.object({ counts: z.number().int(), comments: z.number().int() }),
  /** When the figures were read. */
  asOf: z.iso.datetime(),
  totals: ZBoardTotals,
  /** The scale `meanRating` is on: the Likert scale when all share one, else 0-100. */
  ratingScale: z.object({ min: z.number(), max: z.number() }),
  trend: z.array(ZTrendPoint),
  themes: z.array(ZThemeMovement),
  /** Go-live dates of the changes touching this scope, inside the period. */
  changes: z.array(z.object({ id: z.uuid(), name: z.string(), goLiveDate: z.iso.date() })),
  /** The same figures per audience; the board shows one audience at a time. */
  audiences: z.array(ZAudienceView),
});
export type TBoardSummary = z.infer<typeof ZBoardSummary>;

/** `GET /board/comments`: the scope and period, narrowed by theme and sentiment. */
export const ZCommentsQuery = ZBoardQuery.extend({
  theme: z.string().max(200).optional(),
  sentiment: ZSentimentLabel.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
}).strict();
export type TCommentsQuery = z.infer<typeof ZCommentsQuery>;

export const ZBoardComment = z.object({
  responseId: z.uuid(),
  linkId: z.string(),
  question: z.string(),
  /** Personal details replaced; the original is never shown on a board. */
  redactedText: z.string(),
  sentiment: ZSentimentLabel,
  themes: z.array(z.string()),
  urgent: z.boolean(),
  unitName: z.string().nullable(),
  submittedAt: z.iso.datetime(),
});
export type TBoardComment = z.infer<typeof ZBoardComment>;

export const ZBoardComments = z.object({
  /** Null when hidden: fewer than `k.comments` respondents wrote matching comments. */
  comments: z.array(ZBoardComment).nullable(),
  k: z.number().int(),
});
export type TBoardComments = z.infer<typeof ZBoardComments>;

export const ZAlertStatus = z.enum(['open', 'acknowledged', 'resolved']);

/** A special-cause signal on a unit's weekly SPC chart (see `GET /spc`). */
export const ZAlertSpcSignal = z.object({
  metric: ZSpcMetric,
  rule: ZSpcRule,
  direction: z.enum(['up', 'down']),
  /** The first week (its Monday) of the run, and the week it first fired. */
  runStart: z.iso.date(),
  week: z.iso.date(),
});
export type TAlertSpcSignal = z.infer<typeof ZAlertSpcSignal>;

/**
 * Something for the quality leads of a unit: an urgent comment (`kind` 'comment': `surveyId` and
 * `redactedText` set) or a special-cause signal on its SPC chart (`kind` 'spc': `spc` set, no comment).
 */
/**
 * A group that a technology change left worse off while others were not (equity feature): the
 * change, the dimension and group, the metric and the group's before/after figures.
 */
export const ZAlertDisparity = z.object({
  changeId: z.uuid(),
  changeName: z.string(),
  dimension: z.string(),
  group: z.string(),
  metric: z.string(),
  estimate: z.number(),
  low: z.number(),
  high: z.number(),
  interactionP: z.number(),
  q: z.number(),
});
export type TAlertDisparity = z.infer<typeof ZAlertDisparity>;

export const ZAlert = z.object({
  id: z.uuid(),
  kind: z.enum(['comment', 'spc', 'disparity']),
  status: ZAlertStatus,
  unitId: z.uuid().nullable(),
  unitName: z.string().nullable(),
  surveyId: z.uuid().nullable(),
  reasons: z.array(z.string()),
  redactedText: z.string().nullable(),
  spc: ZAlertSpcSignal.nullable(),
  /** Set for `disparity` alerts; absent on the others. */
  disparity: ZAlertDisparity.nullable().optional(),
  createdAt: z.iso.datetime(),
  acknowledgedAt: z.iso.datetime().nullable(),
  acknowledgedBy: z.string().nullable(),
  resolvedAt: z.iso.datetime().nullable(),
  resolvedBy: z.string().nullable(),
});
export type TAlert = z.infer<typeof ZAlert>;

/** `GET /alerts`: alerts not yet resolved, newest first, in a board scope. */
export const ZAlertsQuery = z
  .object({
    level: ZBoardQuery.shape.level,
    id: z.uuid().optional(),
    status: z.enum(['unresolved', 'resolved']).default('unresolved'),
  })
  .strict();
export type TAlertsQuery = z.infer<typeof ZAlertsQuery>;

export const ZAlertAction = z.enum(['acknowledge', 'resolve']);
export type TAlertAction = z.infer<typeof ZAlertAction>;

/** An organisation's small-group thresholds (admins). Comments need at least as many as counts. */
export const ZPrivacySettings = z
  .object({
    minGroupSize: z.number().int().min(3).max(100),
    minCommentGroupSize: z.number().int().min(3).max(100),
  })
  .strict()
  .refine((s) => s.minCommentGroupSize >= s.minGroupSize, {
    path: ['minCommentGroupSize'],
    message: 'must be at least minGroupSize',
  });
export type TPrivacySettings = z.infer<typeof ZPrivacySettings>;

/** The scope a board query names, with the id checked against the level. */
export function scopeOfQuery(query: { level: TBoardScopeLevel; id?: string }): TBoardScope | null {
  if (query.level === 'organisation') return query.id === undefined ? { level: 'organisation' } : null;
  return query.id === undefined ? null : ({ level: query.level, id: query.id } as TBoardScope);
}
