import { z } from 'zod';
import { ZFrameworkTheme, ZSentimentLabel, ZUrgencyTier } from '../analysis/contract';
import { ZBoardQuery } from './board';

/**
 * Staff corrections of a comment's analysis, the review list of `review`-tier comments, and the
 * "How good is the analysis?" figures.
 */

/**
 * `PUT /comments/{analysisId}/correction`. A field left out keeps its current correction (or the
 * model's answer); `null` removes that correction, so the model's answer counts again.
 */
export const ZCommentCorrection = z
  .object({
    sentiment: ZSentimentLabel.nullable().optional(),
    themes: z.array(ZFrameworkTheme).max(10).nullable().optional(),
    urgency: ZUrgencyTier.nullable().optional(),
  })
  .strict()
  .refine((c) => c.sentiment !== undefined || c.themes !== undefined || c.urgency !== undefined, {
    message: 'Give sentiment, themes or urgency',
  });
export type TCommentCorrection = z.infer<typeof ZCommentCorrection>;

/** Who corrected what, and when; fields not corrected are null. */
export const ZCorrectionInfo = z.object({
  sentiment: ZSentimentLabel.nullable(),
  themes: z.array(ZFrameworkTheme).nullable(),
  urgency: ZUrgencyTier.nullable(),
  correctedBy: z.string().nullable(),
  correctedAt: z.iso.datetime(),
});
export type TCorrectionInfo = z.infer<typeof ZCorrectionInfo>;

/** One comment's analysis as staff see it: the figures' answer (corrections applied) and the model's. */
export const ZCommentAnalysisView = z.object({
  analysisId: z.uuid(),
  responseId: z.uuid(),
  linkId: z.string(),
  unitId: z.uuid().nullable(),
  unitName: z.string().nullable(),
  submittedAt: z.iso.datetime(),
  redactedText: z.string(),
  sentiment: ZSentimentLabel,
  themes: z.array(z.string()),
  urgency: ZUrgencyTier,
  urgencyReasons: z.array(z.string()),
  language: z.string(),
  notAnalysed: z.enum(['language']).nullable(),
  lowConfidence: z.boolean(),
  model: z.object({
    sentiment: ZSentimentLabel,
    themes: z.array(z.string()),
    urgency: ZUrgencyTier,
  }),
  correction: ZCorrectionInfo.nullable(),
  reviewedAt: z.iso.datetime().nullable(),
  reviewedBy: z.string().nullable(),
});
export type TCommentAnalysisView = z.infer<typeof ZCommentAnalysisView>;

/** `GET /comments/analyses?responseId=…`: the analyses of comments a board or page already shows. */
export const ZCommentAnalysesQuery = z
  .object({
    responseId: z
      .union([z.uuid(), z.array(z.uuid()).max(100)])
      .transform((v) => (Array.isArray(v) ? v : [v])),
  })
  .strict();
export type TCommentAnalysesQuery = z.infer<typeof ZCommentAnalysesQuery>;

/** `GET /reviews`: `review`-tier comments in a board scope (a unit, usually), waiting or done. */
export const ZReviewQuery = z
  .object({
    level: ZBoardQuery.shape.level,
    id: z.uuid().optional(),
    status: z.enum(['waiting', 'reviewed']).default('waiting'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type TReviewQuery = z.infer<typeof ZReviewQuery>;

export const ZReviewList = z.object({ items: z.array(ZCommentAnalysisView), waiting: z.number().int() });
export type TReviewList = z.infer<typeof ZReviewList>;

/** `GET /analysis/not-analysed`: comments no model could read, in a board scope and period. */
export const ZNotAnalysedCount = z.object({
  /** Null when fewer than the small-group threshold of respondents wrote them. */
  comments: z.number().int().nullable(),
  k: z.number().int(),
});
export type TNotAnalysedCount = z.infer<typeof ZNotAnalysedCount>;

/** One line of `GET /corrections/export` (JSON lines), the input of `npm run train -- --corrections`. */
export const ZCorrectionExportLine = z.object({
  text: z.string(),
  sentiment: ZSentimentLabel.optional(),
  themes: z.array(ZFrameworkTheme).optional(),
  urgency: ZUrgencyTier.optional(),
});
export type TCorrectionExportLine = z.infer<typeof ZCorrectionExportLine>;

const ZClassFigures = z.object({
  precision: z.number(),
  recall: z.number(),
  f1: z.number(),
  support: z.number(),
});

/** `workers/src/analysis/models/model-card.json`, as `npm run train` writes it (extra fields kept). */
export const ZModelCard = z.looseObject({
  modelVersion: z.string(),
  encoder: z.unknown().optional(),
  generatedAt: z.string().optional(),
  testSize: z.number().optional(),
  sentiment: z.looseObject({
    macroF1: z.number(),
    negativeRecall: z.number().optional(),
    ece: z.number().optional(),
    perClass: z.record(z.string(), ZClassFigures),
  }),
  themes: z.looseObject({
    microF1: z.number(),
    macroF1: z.number(),
    ece: z.number().optional(),
    perLabel: z.record(z.string(), ZClassFigures),
  }),
  speed: z.unknown().optional(),
});
export type TModelCard = z.infer<typeof ZModelCard>;

/** How often staff corrected one label: comments the model gave it, taken off, and added by staff. */
export const ZLabelCorrections = z.object({
  label: z.string(),
  model: z.number().int(),
  removed: z.number().int(),
  added: z.number().int(),
  /** (removed + added) / model; null when the model never gave the label. */
  rate: z.number().nullable(),
});
export type TLabelCorrections = z.infer<typeof ZLabelCorrections>;

/** `GET /analysis/quality`. */
export const ZAnalysisQuality = z.object({
  /** Null when the model card file is missing or unreadable: `cardProblem` says which. */
  modelCard: ZModelCard.nullable(),
  cardProblem: z.string().nullable(),
  /** Comments analysed in the organisation, and how many of them staff corrected. */
  analysedComments: z.number().int(),
  correctedComments: z.number().int(),
  corrections: z.object({
    sentiment: z.array(ZLabelCorrections),
    themes: z.array(ZLabelCorrections),
    urgency: z.array(ZLabelCorrections),
  }),
});
export type TAnalysisQuality = z.infer<typeof ZAnalysisQuality>;
