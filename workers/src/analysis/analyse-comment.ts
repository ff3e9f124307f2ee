import type { TCommentAnalysis } from '../../../shared/src/analysis/contract';
import type { TTextIntent } from '../../../shared/src/survey/definition';
import { matchTaxonomy, type TCompiledTaxonomy } from '../../../shared/src/taxonomy/friction';
import { type TSentenceEncoder, sharedEncoder } from './encoder';
import { type TAnalysisModel, loadAnalysisModel, modelFileFor } from './model-store';
import { analysisModelVersion } from './model-version';
import { redact } from './redaction';
import { sentimentWith } from './sentiment';
import { themesWith } from './themes';
import { detectLanguage } from './language';
import { analysisOutsideModels, readByModels } from './language-sentiment';
import { assessUrgencyIn } from './urgency';
import { loadUrgencyModel } from './urgency-model';

export type TCommentInput = { text: string; intent?: TTextIntent; friction?: TCompiledTaxonomy };

/**
 * Below this calibrated probability of its label, a comment's sentiment is "low confidence": the label
 * is then more likely wrong than right. 0.6 marked 39% of the test comments low confidence (sentiment
 * or themes), too many for a reader to act on.
 */
export const SENTIMENT_LOW_CONFIDENCE = 0.5;

/** "Low confidence": an unsure sentiment label or an unsure theme call (themes.ts, isUnsure). */
export const isLowConfidence = (sentimentConfidence: number, themesUnsure: boolean): boolean =>
  sentimentConfidence < SENTIMENT_LOW_CONFIDENCE || themesUnsure;

/** The selected heads and, when they are stacked on one, the encoder they were fitted for. */
type TActiveAnalysis = { model: TAnalysisModel; encoder: TSentenceEncoder | null };

let active: Promise<TActiveAnalysis> | undefined;

async function activeAnalysis(): Promise<TActiveAnalysis> {
  active ??= (async () => {
    const encoder = await sharedEncoder();
    const model = loadAnalysisModel(modelFileFor());
    if (model.encoder && model.encoder.id !== encoder?.id)
      throw new Error(
        `analysis heads ${modelFileFor()} were fitted for encoder ${model.encoder.id}, not ${encoder?.id ?? 'none'}: run npm run train`,
      );
    return { model, encoder: model.encoder ? encoder : null };
  })();
  active.catch(() => (active = undefined));
  return active;
}

/**
 * The whole analysis of a batch of comments, shared by the worker and `npm run analyse`. Redaction
 * comes first and everything after it reads the redacted text, so no later step (or any system those
 * results go to) depends on personal details. The redacted texts of the batch are encoded together
 * (and with other batches arriving within a few ms, encoder.ts). Deterministic: a re-run gives the
 * same result.
 */
export async function analyseComments(inputs: readonly TCommentInput[]): Promise<TCommentAnalysis[]> {
  const { model, encoder } = await activeAnalysis();
  const redacted = inputs.map((input) => redact(input.text));
  const languages = redacted.map((r) => detectLanguage(r.text));
  const vectors = new Array<Float32Array | undefined>(inputs.length);
  if (encoder) {
    const at = redacted.flatMap((r, i) => (r.text.trim() === '' || !readByModels(languages[i]!) ? [] : [i]));
    const encoded = await encoder.encode(at.map((i) => redacted[i]!.text));
    at.forEach((i, k) => (vectors[i] = encoded[k]));
  }
  return inputs.map((input, i) => analyseRedacted(model, input, redacted[i]!, vectors[i], languages[i]!));
}

function analyseRedacted(
  model: TAnalysisModel,
  input: TCommentInput,
  redacted: { text: string; found: string[] },
  embedding: Float32Array | undefined,
  language: string,
): TCommentAnalysis {
  const text = redacted.text;
  // A language the models don't read is never scored as English (language-sentiment.ts).
  const other = analysisOutsideModels(text, language);
  const sentiment = other?.sentiment ?? sentimentWith(model, text, input.intent, embedding);
  const themes = other ? { themes: [], unsure: false } : themesWith(model, text, input.intent, embedding);
  const urgency = assessUrgencyIn(text, language);
  return {
    redactedText: text,
    redactions: [...new Set(redacted.found)].sort(),
    // Three decimals: what is stored, so the CLI and the database agree.
    sentiment: { label: sentiment.label, score: Math.round(sentiment.score * 1000) / 1000 },
    themes: themes.themes,
    frictionThemes: input.friction
      ? matchTaxonomy(input.friction, text).map(({ key, label }) => ({ key, label }))
      : [],
    urgent: urgency.urgent,
    urgency: urgency.tier,
    urgencyReasons: urgency.reasons,
    language,
    notAnalysed: other?.notAnalysed ?? null,
    sentimentConfidence: Math.round(sentiment.confidence * 1000) / 1000,
    lowConfidence: other
      ? other.lowConfidence
      : sentiment.confidence < SENTIMENT_LOW_CONFIDENCE || themes.unsure,
  };
}

/**
 * Model files, the encoder in use and the analysis code's own revision: bump ANALYSIS_REVISION when
 * the rules change. Revision 2: heads stacked on the sentence encoder, calibrated confidence (issue 11).
 */
const ANALYSIS_REVISION = 2;
export const currentModelVersion = (): string => `${analysisModelVersion()}.r${ANALYSIS_REVISION}`;

/**
 * Loads the models and the sentence encoder now (about 1 s) rather than inside the first job a worker
 * takes; rejects when the selected heads do not match the encoder.
 */
export async function loadAnalysisModels(): Promise<void> {
  loadUrgencyModel();
  await activeAnalysis();
}
