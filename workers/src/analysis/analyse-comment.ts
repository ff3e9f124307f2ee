import type { TCommentAnalysis } from '../../../shared/src/analysis/contract';
import type { TTextIntent } from '../../../shared/src/survey/definition';
import { matchTaxonomy, type TCompiledTaxonomy } from '../../../shared/src/taxonomy/friction';
import { loadAnalysisModel } from './model-store';
import { analysisModelVersion } from './model-version';
import { redact } from './redaction';
import { scoreSentiment } from './sentiment';
import { assignThemes } from './themes';
import { assessUrgency } from './urgency';
import { loadUrgencyModel } from './urgency-model';

/**
 * The whole analysis of one comment, shared by the worker and `npm run analyse`. Redaction comes
 * first and everything after it reads the redacted text, so no later step (or any system those
 * results go to) depends on personal details. Pure and deterministic: a re-run gives the same result.
 */
export function analyseComment(input: {
  text: string;
  intent?: TTextIntent;
  friction?: TCompiledTaxonomy;
}): TCommentAnalysis {
  const redacted = redact(input.text);
  const text = redacted.text;
  const sentiment = scoreSentiment(text, input.intent);
  const urgency = assessUrgency(text);
  return {
    redactedText: text,
    redactions: [...new Set(redacted.found)].sort(),
    // Three decimals: what is stored, so the CLI and the database agree.
    sentiment: { label: sentiment.label, score: Math.round(sentiment.score * 1000) / 1000 },
    themes: assignThemes(text, input.intent),
    frictionThemes: input.friction
      ? matchTaxonomy(input.friction, text).map(({ key, label }) => ({ key, label }))
      : [],
    urgent: urgency.urgent,
    urgency: urgency.urgent ? 'urgent' : 'none',
    urgencyReasons: urgency.reasons,
    language: 'en',
    notAnalysed: null,
    sentimentConfidence: Math.abs(sentiment.score),
    lowConfidence: false,
  };
}

/**
 * A batch of comments, the form the worker and the CLI call: the sentence encoder (issue 11) encodes a
 * batch together.
 */
export async function analyseComments(
  inputs: readonly { text: string; intent?: TTextIntent; friction?: TCompiledTaxonomy }[],
): Promise<TCommentAnalysis[]> {
  return inputs.map((input) => analyseComment(input));
}

/** Model files plus the analysis code's own revision: bump ANALYSIS_REVISION when the rules change. */
const ANALYSIS_REVISION = 1;
export const currentModelVersion = (): string => `${analysisModelVersion()}.r${ANALYSIS_REVISION}`;

/** Loads the models now (about 150 ms) rather than inside the first job a worker takes. */
export function loadAnalysisModels(): void {
  loadAnalysisModel();
  loadUrgencyModel();
}
