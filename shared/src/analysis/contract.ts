import { z } from 'zod';

/**
 * The NHS Patient Experience Qualitative Data Categorisation framework (v6): the theme column names
 * of `nhs-fft-v6-dev.csv`, spelt exactly as there (including "Referals"), because the analysis CLI
 * contract promises these names to other programs.
 */
export const FRAMEWORK_THEMES = [
  'Not assigned',
  'Organisation & efficiency',
  'Funding & use of financial resources',
  'Staff manner & personal attributes',
  'Number & deployment of staff',
  'Staff responsiveness',
  'Staff continuity',
  'Competence & training',
  'Unspecified communication',
  'Staff listening, understanding & involving patients',
  'Information directly from staff during care',
  'Information provision & guidance',
  'Being kept informed, clarity & consistency of information',
  'Contacting services',
  'Appointment arrangements',
  'Appointment method',
  'Timeliness of care',
  'Pain management',
  'Diagnosis & triage',
  'Referals & continuity of care',
  'Discharge',
  'Care plans',
  'Patient records',
  'Cleanliness, tidiness & infection control',
  'Provision of medical equipment',
  'Service location',
  'Transport to/ from services',
  'Parking',
  'Electronic entertainment',
  'Feeling safe',
  'Patient appearance & grooming',
  'Mental Health Act',
  'Equality, Diversity & Inclusion',
  'Admission',
  'Safeguarding concerns?',
  'Labelling not possible',
  'Environment & Facilities',
  'Supplying & understanding medication',
  'Activities & access to fresh air',
  'Food & drink provision & facilities',
  'Sensory experience',
  'Impact of treatment/ care',
  'Psychological therapy arrangements',
  'Existence of services',
  'Choice of services',
  'Out of hours support (community services)',
  'Learning organisation',
  'Interaction with family/ carers',
  'Negative experience & dissatisfaction',
  'Positive experience & gratitude',
] as const;
/** The framework theme of thanks and praise: the one theme whose rise is good news. */
export const PRAISE_THEME: TFrameworkTheme = 'Positive experience & gratitude';

export const ZFrameworkTheme = z.enum(FRAMEWORK_THEMES);
export type TFrameworkTheme = z.infer<typeof ZFrameworkTheme>;

export const ZSentimentLabel = z.enum(['positive', 'neutral', 'negative']);
export type TSentimentLabel = z.infer<typeof ZSentimentLabel>;

export const ZSentiment = z.object({ label: ZSentimentLabel, score: z.number().min(-1).max(1) });
export type TSentiment = z.infer<typeof ZSentiment>;

/** Why a comment needs a person now. */
export const ZUrgencyReason = z.enum([
  'safeguarding',
  'self_harm',
  'medication',
  'safety_incident',
  'threat',
  'care_failure',
]);
export type TUrgencyReason = z.infer<typeof ZUrgencyReason>;

export const ZUrgencyTier = z.enum(['urgent', 'review', 'none']);
export type TUrgencyTier = z.infer<typeof ZUrgencyTier>;

/** A framework theme assigned to a comment, with the model's calibrated probability. */
export const ZThemeScore = z.object({ label: ZFrameworkTheme, confidence: z.number().min(0).max(1) });
export type TThemeScore = z.infer<typeof ZThemeScore>;

/** Everything the analysis finds in one comment: what the worker stores and the CLI reports. */
export const ZCommentAnalysis = z.object({
  redactedText: z.string(),
  /** Kinds of personal detail replaced, e.g. NAME, PHONE. */
  redactions: z.array(z.string()),
  sentiment: ZSentiment,
  themes: z.array(ZThemeScore),
  /** Clinician-friction themes matched (clinician surveys only). */
  frictionThemes: z.array(z.object({ key: z.string(), label: z.string() })),
  /** `urgency === 'urgent'`: the alert-at-once tier (kept for the CLI contract). */
  urgent: z.boolean(),
  /**
   * `urgent`: rules or very high model confidence, an alert at once; `review`: the model alone
   * thinks a person should look, a review list with no alarm; `none`.
   */
  urgency: ZUrgencyTier,
  urgencyReasons: z.array(ZUrgencyReason),
  /** ISO 639-1 code of the comment's language as detected, `und` when it can't be told. */
  language: z.string(),
  /**
   * `null` when the models scored the comment. `language`: a language no model here reads; sentiment
   * is then neutral 0 and themes empty, and it is shown and counted as "not analysed: language".
   * Redaction and the urgency rules still ran.
   */
  notAnalysed: z.enum(['language']).nullable(),
  /** Calibrated probability of the sentiment label chosen (0..1). */
  sentimentConfidence: z.number().min(0).max(1),
  /** The model is unsure of this comment's sentiment or themes: shown as "low confidence". */
  lowConfidence: z.boolean(),
});
export type TCommentAnalysis = z.infer<typeof ZCommentAnalysis>;

/** One input line of `npm run --silent analyse` (ARCHITECTURE.md, contract 3). */
export const ZAnalyseInput = z.object({
  id: z.string(),
  text: z.string(),
  question: z.string().optional(),
});
export type TAnalyseInput = z.infer<typeof ZAnalyseInput>;

/** One output line of `npm run --silent analyse`, in the order of the input. */
export const ZAnalyseOutput = z.object({
  id: z.string(),
  sentiment: ZSentiment,
  themes: z.array(ZThemeScore),
  urgent: z.boolean(),
  redactedText: z.string(),
});
export type TAnalyseOutput = z.infer<typeof ZAnalyseOutput>;
