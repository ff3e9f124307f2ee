import type {
  TFrameworkTheme,
  TSentimentLabel,
  TThemeScore,
  TUrgencyTier,
} from '../../../../shared/src/analysis/contract';

/** A stored correction: null fields were not corrected. */
export type TCorrection = {
  sentiment: TSentimentLabel | null;
  themes: TFrameworkTheme[] | null;
  urgency: TUrgencyTier | null;
};

/** The model's answer for one comment, as the analysis produced it. */
export type TModelAnswer = {
  sentiment: TSentimentLabel;
  sentimentScore: number;
  themes: TThemeScore[];
  urgency: TUrgencyTier;
  notAnalysed: 'language' | null;
};

/** What every figure reads: the model's answer with the correction on top. */
export type TEffectiveAnswer = {
  sentiment: TSentimentLabel;
  sentimentScore: number;
  themes: TThemeScore[];
  urgency: TUrgencyTier;
  urgent: boolean;
  notAnalysed: 'language' | null;
};

/**
 * The score a corrected sentiment counts with. The model's own score when it agrees on the label
 * (it still says how strongly); otherwise a middle value of the corrected side. Rejected: ±1, which
 * would make one correction outweigh several analysed comments in a mean score.
 */
const CORRECTED_SCORE: Record<TSentimentLabel, number> = { positive: 0.5, neutral: 0, negative: -0.5 };

export function applyCorrection(model: TModelAnswer, correction: TCorrection | null): TEffectiveAnswer {
  const sentiment = correction?.sentiment ?? model.sentiment;
  const urgency = correction?.urgency ?? model.urgency;
  return {
    sentiment,
    sentimentScore:
      correction?.sentiment && correction.sentiment !== model.sentiment
        ? CORRECTED_SCORE[sentiment]
        : model.sentimentScore,
    // A person's themes are certain.
    themes: correction?.themes ? correction.themes.map((label) => ({ label, confidence: 1 })) : model.themes,
    urgency,
    urgent: urgency === 'urgent',
    // A person who read the comment and gave its sentiment has analysed it, whatever its language.
    notAnalysed: correction?.sentiment ? null : model.notAnalysed,
  };
}

/** A stored correction merged with a new request: undefined keeps, null removes, a value sets. */
export function mergeCorrection(
  current: TCorrection | null,
  change: {
    sentiment?: TSentimentLabel | null;
    themes?: TFrameworkTheme[] | null;
    urgency?: TUrgencyTier | null;
  },
): TCorrection | null {
  const merged: TCorrection = {
    sentiment: change.sentiment === undefined ? (current?.sentiment ?? null) : change.sentiment,
    themes:
      change.themes === undefined
        ? (current?.themes ?? null)
        : change.themes === null
          ? null
          : [...new Set(change.themes)].sort(),
    urgency: change.urgency === undefined ? (current?.urgency ?? null) : change.urgency,
  };
  return merged.sentiment === null && merged.themes === null && merged.urgency === null ? null : merged;
}
