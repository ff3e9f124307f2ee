import { z } from 'zod';
import { ZSentimentLabel } from '../analysis/contract';

/**
 * The impact of a technology change (or of an action, anchored at its done date): before/after
 * figures of the change's units, the difference with a 95% interval, the difference-in-differences
 * against comparison units, an interrupted time series, and one verdict per metric after
 * Benjamini–Hochberg correction over all the change's metrics.
 */

const ZDays = (fallback: number, max: number) => z.coerce.number().int().min(0).max(max).default(fallback);

/** Query of `GET /changes/{id}/impact`: window lengths in days and the comparison units. */
export const ZImpactQuery = z
  .object({
    /** Days before go-live, ending the day before it. */
    before: ZDays(84, 730).pipe(z.number().min(7)),
    /** Days after the settling time. */
    after: ZDays(84, 730).pipe(z.number().min(7)),
    /** Days after go-live left out of both windows while the change beds in. */
    settle: ZDays(14, 365),
    /** `auto`: the organisation's other units with answers in both windows; `none`; or unit ids. */
    comparison: z
      .string()
      .default('auto')
      .transform((s, ctx) => {
        if (s === 'auto' || s === 'none') return s;
        const ids = s.split(',').map((x) => x.trim());
        const bad = ids.filter((x) => !z.uuid().safeParse(x).success);
        if (bad.length > 0 || ids.length > 500) {
          ctx.addIssue({ code: 'custom', message: 'must be auto, none or comma-separated unit ids' });
          return z.NEVER;
        }
        return [...new Set(ids)];
      }),
  })
  .strict();
export type TImpactQuery = z.infer<typeof ZImpactQuery>;

/**
 * Query of `GET /changes/{id}/comments`: the impact API's windows (with its defaults; the
 * comparison units play no part), which window to read, and the board's comment filters. `theme`
 * is a framework theme's label or a friction theme's key.
 */
export const ZChangeCommentsQuery = ZImpactQuery.pick({ before: true, after: true, settle: true })
  .extend({
    side: z.enum(['before', 'after']).default('after'),
    theme: z.string().max(200).optional(),
    sentiment: ZSentimentLabel.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type TChangeCommentsQuery = z.infer<typeof ZChangeCommentsQuery>;

export const ZInterval = z.object({ estimate: z.number(), low: z.number(), high: z.number() });
export type TInterval = z.infer<typeof ZInterval>;

/** `proportion`: 0..1; `nps`: −100..100; `mean`: the scale's units (SUS: 0..100). */
export const ZMetricKind = z.enum(['proportion', 'nps', 'mean']);
export type TMetricKind = z.infer<typeof ZMetricKind>;

export const ZVerdict = z.enum(['better', 'worse', 'no clear change', 'too few to tell']);
export type TVerdict = z.infer<typeof ZVerdict>;

/**
 * One window's figure. `value` is null when hidden by the small-group rule (`hidden` says why) or
 * when there is nothing to compute; `n` is the respondents behind it (null when hidden).
 */
export const ZWindowFigure = z.object({
  n: z.number().int().nullable(),
  value: z.number().nullable(),
  hidden: z.enum(['small', 'complement']).nullable().optional(),
});
export type TWindowFigure = z.infer<typeof ZWindowFigure>;

export const ZImpactMetric = z.object({
  /** `fft_positive`, `nps`, `mean_rating`, `negative_share`, `theme:<label>`, `friction:<theme>`, `sus`. */
  key: z.string(),
  label: z.string(),
  kind: ZMetricKind,
  /**
   * Whether a rise is good news: false for negative_share and friction themes; for a `theme:`
   * metric, true when its mentions on the change's units over both windows are more often positive
   * than negative (always true for the praise theme).
   */
  higherIsBetter: z.boolean(),
  before: ZWindowFigure,
  after: ZWindowFigure,
  /** After − before, 95% interval; null when either side is hidden or empty. */
  difference: ZInterval.nullable(),
  /** (after − before) of the change's units − (after − before) of the comparison units. */
  did: ZInterval.nullable(),
  comparison: z.object({ before: ZWindowFigure, after: ZWindowFigure }).nullable(),
  p: z.number().nullable(),
  q: z.number().nullable(),
  /** Minimum detectable effect at 80% power, two-sided 5%, in the metric's units. */
  mde: z.number().nullable(),
  /**
   * Better or worse when q < 0.05 and, where `did` is given, its interval excludes 0 on the same
   * side as `difference` (so a drift the comparison units share is not blamed on the change).
   */
  verdict: ZVerdict,
});
export type TImpactMetric = z.infer<typeof ZImpactMetric>;

/** One week (7 days from the window's start) of the interrupted time series. */
export const ZImpactWeek = z.object({
  /** First day of the 7-day bucket. */
  start: z.iso.date(),
  value: z.number().nullable(),
  /** Respondents that week; 0 when hidden. */
  n: z.number().int(),
  /** Why `value` is null when the small-group rule hid the week (absent when shown). */
  hidden: z.enum(['small', 'complement']).nullable().optional(),
});

export const ZImpactIts = z.object({
  key: z.string(),
  /** Step at go-live, in the metric's units. */
  level: ZInterval,
  /** Change of slope per week after go-live. */
  slope: ZInterval,
  /** The weekly points and the fitted lines, for the chart (values null where hidden). */
  points: z.array(ZImpactWeek.extend({ fitted: z.number().nullable() })),
});
export type TImpactIts = z.infer<typeof ZImpactIts>;

/**
 * Who a change helped or left behind: one group of one "about you" dimension (or the link's
 * channel) on the change's units, for one of the main metrics. `interactionP` tests whether this
 * group's after − before differs from everyone else's on those units (difference of the two
 * differences, z test); `q` is Benjamini–Hochberg over every group's own after − before p, and
 * `verdict` reads as a metric's. Groups below k on either side have no figures (`too few to tell`),
 * and a second group is hidden with a lone hidden one.
 */
export const ZImpactGroup = z.object({
  dimension: z.string(),
  group: z.string(),
  label: z.string(),
  /** The metric: `fft_positive`, `nps` or `mean_rating`. */
  key: z.string(),
  before: ZWindowFigure,
  after: ZWindowFigure,
  difference: ZInterval.nullable(),
  /** This group's after − before minus everyone else's. */
  interaction: ZInterval.nullable(),
  interactionP: z.number().nullable(),
  /** Benjamini–Hochberg over the interaction p-values of every group shown. */
  interactionQ: z.number().nullable(),
  q: z.number().nullable(),
  verdict: ZVerdict,
  /** Worse after correction with an interaction that holds after correction: a disparity alert. */
  disparity: z.boolean(),
});
export type TImpactGroup = z.infer<typeof ZImpactGroup>;

export const ZImpact = z.object({
  changeId: z.uuid(),
  changeName: z.string(),
  goLiveDate: z.iso.date(),
  windows: z.object({
    before: z.object({ from: z.iso.date(), to: z.iso.date() }),
    after: z.object({ from: z.iso.date(), to: z.iso.date() }),
  }),
  unitIds: z.array(z.uuid()),
  comparisonUnitIds: z.array(z.uuid()),
  /** The small-group threshold the figures were suppressed with. */
  k: z.number().int(),
  metrics: z.array(ZImpactMetric),
  its: z.array(ZImpactIts),
  /** By "about you" group (absent when the change's surveys ask none). */
  groups: z.array(ZImpactGroup).optional(),
  asOf: z.string(),
});
export type TImpact = z.infer<typeof ZImpact>;

/** SPC: weekly charts per unit and metric (NHS "Making Data Count" rules). */
export const SPC_METRICS = ['fft_positive', 'nps', 'mean_rating', 'negative_share'] as const;
export const ZSpcMetric = z.enum(SPC_METRICS);
export type TSpcMetric = z.infer<typeof ZSpcMetric>;
export const ZSpcRule = z.enum(['beyond_limits', 'run_of_7', 'trend_of_6', 'two_of_three_beyond_2sigma']);
export type TSpcRule = z.infer<typeof ZSpcRule>;

export const ZSpcQuery = z
  .object({
    level: z.literal('unit'),
    id: z.uuid(),
    metric: ZSpcMetric,
    weeks: z.coerce.number().int().min(8).max(260).default(52),
    /** Recalculate the limits from this change's go-live (a new baseline after the change). */
    changeId: z.uuid().optional(),
    /** Or a baseline period staff choose (ISO dates, both included). */
    baselineFrom: z.iso.date().optional(),
    baselineTo: z.iso.date().optional(),
  })
  .strict();
export type TSpcQuery = z.infer<typeof ZSpcQuery>;

export const ZSpcChart = z.object({
  metric: ZSpcMetric,
  chart: z.enum(['p', 'xmr']),
  /**
   * `value` null and `n` 0 for a week with no data or hidden by the small-group rule (`hidden` says
   * which: `small`, fewer than k respondents; `complement`, hidden so a small week cannot be worked
   * out from the period's total). Proportions are 0..1.
   */
  points: z.array(
    z.object({
      week: z.iso.date(),
      value: z.number().nullable(),
      n: z.number().int(),
      hidden: z.enum(['small', 'complement']).nullable().optional(),
    }),
  ),
  mean: z.number().nullable(),
  /** Limits from `from` (a week) onwards; a p-chart's limits vary with each week's n, so they are per week. */
  limits: z.array(
    z.object({
      from: z.iso.date(),
      lower: z.number(),
      upper: z.number(),
      /** The centre line these limits are drawn around (it moves when recalculated from a go-live). */
      mean: z.number().optional(),
    }),
  ),
  /** Each run once, at the week it first fired; `runStart` is the first week of the run. */
  signals: z.array(
    z.object({
      rule: ZSpcRule,
      week: z.iso.date(),
      direction: z.enum(['up', 'down']),
      runStart: z.iso.date().optional(),
    }),
  ),
  /** The small-group threshold the points were hidden with. */
  k: z.number().int().optional(),
});
export type TSpcChart = z.infer<typeof ZSpcChart>;
