import { z } from 'zod';
import { ZSentimentLabel } from '../analysis/contract';
import { ZFigure } from './board';

/**
 * `GET /surveys/{id}/results`: a survey's answers question by question, narrowed to a unit, a
 * technology change and a span of the organisation's local days (both ends included). Without
 * dates: the last 365 days.
 */
export const ZResultsQuery = z
  .object({
    unitId: z.uuid().optional(),
    changeId: z.uuid().optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['from'], message: 'must not be after to' });
export type TResultsQuery = z.infer<typeof ZResultsQuery>;

/** `GET /surveys/{id}/results/comments`: example comments of one free-text question, audited. */
export const ZResultsCommentsQuery = z
  .object({
    linkId: z.string().min(1).max(100),
    unitId: z.uuid().optional(),
    changeId: z.uuid().optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    theme: z.string().max(200).optional(),
    sentiment: ZSentimentLabel.optional(),
    limit: z.coerce.number().int().min(1).max(50).default(10),
  })
  .strict();
export type TResultsCommentsQuery = z.infer<typeof ZResultsCommentsQuery>;

/** One answer option (or scale point, or yes/no) and how many chose it. */
export const ZResultOption = z.object({
  code: z.string(),
  label: z.string(),
  count: ZFigure,
  /** Percentage of the people who answered the question; null where the count is hidden. */
  share: z.number().nullable(),
});
export type TResultOption = z.infer<typeof ZResultOption>;

const question = {
  linkId: z.string(),
  text: z.string(),
  /** People who answered this question (responses with an answer). */
  answered: ZFigure,
};

export const ZQuestionResult = z.discriminatedUnion('kind', [
  z.object({
    ...question,
    kind: z.literal('choice'),
    multiple: z.boolean(),
    options: z.array(ZResultOption),
  }),
  z.object({ ...question, kind: z.literal('boolean'), options: z.array(ZResultOption) }),
  z.object({
    ...question,
    kind: z.literal('rating'),
    min: z.number().int(),
    max: z.number().int(),
    /** Every point of the scale, lowest first, labelled where the survey labels it. */
    options: z.array(ZResultOption),
    mean: ZFigure,
    median: ZFigure,
    /** Net Promoter Score, on 0-10 scales only. */
    nps: ZFigure.nullable(),
  }),
  z.object({ ...question, kind: z.literal('number'), mean: ZFigure, median: ZFigure }),
  z.object({
    ...question,
    kind: z.literal('text'),
    sentiment: z.object({ positive: ZFigure, neutral: ZFigure, negative: ZFigure }),
    themes: z.array(
      z.object({
        taxonomy: z.enum(['framework', 'friction']),
        key: z.string(),
        /** The theme as people read it (a friction theme's taxonomy label). */
        label: z.string(),
        count: ZFigure,
      }),
    ),
  }),
  z.object({ ...question, kind: z.literal('date') }),
]);
export type TQuestionResult = z.infer<typeof ZQuestionResult>;

export const ZSurveyResults = z.object({
  surveyId: z.uuid(),
  title: z.string(),
  audience: z.enum(['patient', 'clinician']),
  from: z.iso.date(),
  to: z.iso.date(),
  unit: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  change: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  k: z.object({ counts: z.number().int(), comments: z.number().int() }),
  asOf: z.iso.datetime(),
  /** Analysed responses in the filter. */
  responses: ZFigure,
  questions: z.array(ZQuestionResult),
});
export type TSurveyResults = z.infer<typeof ZSurveyResults>;

/** `GET /results/response-counts`: analysed responses per survey, in the actor's scope. */
export const ZResponseCounts = z.object({
  k: z.number().int(),
  items: z.array(z.object({ surveyId: z.uuid(), responses: ZFigure })),
});
export type TResponseCounts = z.infer<typeof ZResponseCounts>;
