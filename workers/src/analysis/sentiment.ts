import type { TSentiment, TSentimentLabel } from '../../../shared/src/analysis/contract';
import type { TTextIntent } from '../../../shared/src/survey/definition';
import { linearScores, softmaxInPlace } from './linear-model';
import { MODEL_FILE, type TAnalysisModel, loadAnalysisModel, vectorFor } from './model-store';

/**
 * Class probabilities in the order of `model.sentiment.labels`: logits plus the decision bias, divided
 * by the calibration temperature. `embedding` is the comment's sentence vector (stacked models only).
 */
export function sentimentProbabilities(
  model: TAnalysisModel,
  text: string,
  intent?: TTextIntent,
  embedding?: Float32Array,
): Float64Array {
  const { sentiment } = model;
  const x = vectorFor(model, text, intent, embedding);
  const scores = linearScores(sentiment.model, x);
  for (let c = 0; c < scores.length; c += 1)
    scores[c] = ((scores[c] as number) + (sentiment.decisionBias[c] as number)) / sentiment.temperature;
  return softmaxInPlace(scores);
}

/** Sentiment with the calibrated probability of the label chosen. */
export type TScoredSentiment = TSentiment & { confidence: number };

/**
 * Label = the most probable class after the decision bias; score = P(positive) − P(negative) of the
 * same probabilities, so a positive label always has a positive score and a negative one a negative
 * score; confidence = the label's probability. Empty text is neutral with score 0, confidence 1.
 */
export function sentimentWith(
  model: TAnalysisModel,
  text: string,
  intent?: TTextIntent,
  embedding?: Float32Array,
): TScoredSentiment {
  if (text.trim() === '') return { label: 'neutral', score: 0, confidence: 1 };
  const probabilities = sentimentProbabilities(model, text, intent, embedding);
  const { labels } = model.sentiment;
  let best = 0;
  for (let c = 1; c < probabilities.length; c += 1) {
    if ((probabilities[c] as number) > (probabilities[best] as number)) best = c;
  }
  const probabilityOf = (label: TSentimentLabel): number => probabilities[labels.indexOf(label)] ?? 0;
  const score = Math.round((probabilityOf('positive') - probabilityOf('negative')) * 1000) / 1000;
  return {
    label: labels[best] ?? 'neutral',
    score: Math.max(-1, Math.min(1, score)),
    confidence: probabilities[best] as number,
  };
}

/**
 * Sentiment of one (redacted) comment by the sparse-only model. `intent` is what the question asked
 * for: "Nothing" to an improvement question is praise. Empty text is neutral with score 0.
 */
export function scoreSentiment(text: string, intent?: TTextIntent): TSentiment {
  const { label, score } = sentimentWith(loadAnalysisModel(MODEL_FILE), text, intent);
  return { label, score };
}
