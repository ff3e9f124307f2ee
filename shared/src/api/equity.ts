import { z } from 'zod';
import { ZDemographic } from '../survey/definition';
import { ZBoardQuery, ZFigure } from './board';
import { ZInterval } from './impact';

/**
 * Equity: board figures split by who answered ("about you" questions and the link's channel), a
 * case-mix adjusted unit league table, and invitation response rates by channel and unit. Every
 * figure keeps the small-group rule: a group below k is merged into "other groups" or hidden, and
 * a second group is hidden with a lone hidden one so that no group is the total minus the others.
 */

/** The figures a breakdown splits: the board's four. */
export const EQUITY_METRICS = ['fft_positive', 'nps', 'mean_rating', 'negative_share'] as const;
export const ZEquityMetric = z.enum(EQUITY_METRICS);
export type TEquityMetric = z.infer<typeof ZEquityMetric>;

/** `GET /equity/breakdown?level=&id=&period=&dimension=`: the board's scope and period, one dimension. */
export const ZBreakdownQuery = ZBoardQuery.extend({ dimension: ZDemographic }).strict();
export type TBreakdownQuery = z.infer<typeof ZBreakdownQuery>;

/**
 * One group's figures. `group` is the answer code, `other_groups` for "other groups" (groups below
 * k merged, never fewer than two) and `not_stated` for people who skipped or preferred not to say.
 * `responses` is the group's respondents; each metric's `n` the respondents behind it.
 * Proportions 0..1 (FFT % positive, negative share of comments), NPS −100..100, mean in scale units.
 */
export const ZBreakdownGroup = z.object({
  group: z.string(),
  label: z.string(),
  /** The answer codes merged into "other groups" are not listed: naming them would say who is small. */
  responses: ZFigure,
  metrics: z.record(ZEquityMetric, ZFigure),
});
export type TBreakdownGroup = z.infer<typeof ZBreakdownGroup>;

export const ZBreakdown = z.object({
  dimension: ZDemographic,
  dimensionLabel: z.string(),
  period: z.object({ from: z.iso.date(), to: z.iso.date() }),
  k: z.number().int(),
  /** Mean rating's scale: `min`–`max` when every rating question shares one, else 0–100. */
  ratingScale: z.object({ min: z.number(), max: z.number() }),
  groups: z.array(ZBreakdownGroup),
  asOf: z.string(),
});
export type TBreakdown = z.infer<typeof ZBreakdown>;

/** `GET /equity/league?level=&id=&period=&metric=`: the units in a scope, raw and case-mix adjusted. */
export const ZLeagueQuery = z
  .object({
    level: z.enum(['organisation', 'site', 'department']).default('organisation'),
    id: z.uuid().optional(),
    period: ZBoardQuery.shape.period.default('90d'),
    metric: z.enum(['fft_positive', 'nps', 'mean_rating']).default('fft_positive'),
  })
  .strict();
export type TLeagueQuery = z.infer<typeof ZLeagueQuery>;

export const ZLeagueRow = z.object({
  unitId: z.uuid(),
  unitName: z.string(),
  /** Respondents with an answer to the metric; null when hidden. */
  n: z.number().int().nullable(),
  hidden: z.enum(['small', 'complement']).nullable(),
  /** The unit's own figure with its 95% interval. */
  raw: ZInterval.nullable(),
  /** Predicted at the whole table's case mix (age band, English as first language), 95% interval. */
  adjusted: ZInterval.nullable(),
  /** 1 = best adjusted figure; null for units not ranked (hidden, below k). */
  rank: z.number().int().nullable(),
});
export type TLeagueRow = z.infer<typeof ZLeagueRow>;

export const ZLeague = z.object({
  metric: ZLeagueQuery.shape.metric.unwrap(),
  period: z.object({ from: z.iso.date(), to: z.iso.date() }),
  k: z.number().int(),
  /** What the adjustment holds fixed, and the respondents the model was fitted on. */
  adjustedFor: z.array(z.string()),
  modelN: z.number().int(),
  /** Proportions are 0..1, NPS −100..100, mean rating on the shared scale or 0–100. */
  rows: z.array(ZLeagueRow),
  asOf: z.string(),
});
export type TLeague = z.infer<typeof ZLeague>;

/** `GET /equity/invitations?level=&id=&period=`: single-use links answered, by channel and by unit, over time. */
export const ZInvitationsQuery = ZBoardQuery.extend({
  period: ZBoardQuery.shape.period.default('90d'),
}).strict();
export type TInvitationsQuery = z.infer<typeof ZInvitationsQuery>;

/** Links issued and answered in one bucket; `rate` = answered / issued (null when hidden or none issued). */
export const ZInvitationCell = z.object({
  start: z.iso.date(),
  issued: z.number().int(),
  answered: ZFigure,
  rate: z.number().nullable(),
});
export type TInvitationCell = z.infer<typeof ZInvitationCell>;

export const ZInvitationSeries = z.object({
  key: z.string(),
  label: z.string(),
  total: ZInvitationCell,
  points: z.array(ZInvitationCell),
});
export type TInvitationSeries = z.infer<typeof ZInvitationSeries>;

export const ZInvitations = z.object({
  period: z.object({ from: z.iso.date(), to: z.iso.date() }),
  bucket: z.enum(['day', 'week']),
  k: z.number().int(),
  byChannel: z.array(ZInvitationSeries),
  byUnit: z.array(ZInvitationSeries),
  asOf: z.string(),
});
export type TInvitations = z.infer<typeof ZInvitations>;
