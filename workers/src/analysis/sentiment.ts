import type { TSentiment, TSentimentLabel } from '../../../shared/src/analysis/contract';
import type { TTextIntent } from '../../../shared/src/survey/definition';
import { linearScores, softmaxInPlace } from './linear-model';
import { type TAnalysisModel, loadAnalysisModel, vectorFor } from './model-store';

/** Class probabilities after the decision bias, in the order of `model.sentiment.labels`. */
export function sentimentProbabilities(
  model: TAnalysisModel,
  text: string,
  intent?: TTextIntent,
): Float64Array {
  const { sentiment } = model;
  const x = vectorFor(model, text, intent);
  const scores = linearScores(sentiment.model, x);
  for (let c = 0; c < scores.length; c += 1)
    scores[c] = (scores[c] as number) + (sentiment.decisionBias[c] as number);
  return softmaxInPlace(scores);
}

/**
 * Label = the most probable class after the decision bias; score = P(positive) − P(negative) of the
 * same probabilities, so a positive label always has a positive score and a negative one a negative score.
 */
export function sentimentWith(model: TAnalysisModel, text: string, intent?: TTextIntent): TSentiment {
  if (text.trim() === '') return { label: 'neutral', score: 0 };
  const probabilities = sentimentProbabilities(model, text, intent);
  const { labels } = model.sentiment;
  let best = 0;
  for (let c = 1; c < probabilities.length; c += 1) {
    if ((probabilities[c] as number) > (probabilities[best] as number)) best = c;
  }
  const probabilityOf = (label: TSentimentLabel): number => probabilities[labels.indexOf(label)] ?? 0;
  const score = Math.round((probabilityOf('positive') - probabilityOf('negative')) * 1000) / 1000;
  return { label: labels[best] ?? 'neutral', score: Math.max(-1, Math.min(1, score)) };
}

/**
 * Sentiment of one (redacted) comment. `intent` is what the question asked for: "Nothing" to an
 * improvement question is praise. Empty text is neutral with score 0. The model loads at first call.
 */
export function scoreSentiment(text: string, intent?: TTextIntent): TSentiment {
  if (text.trim() === '') return { label: 'neutral', score: 0 };
  return sentimentWith(loadAnalysisModel(), text, intent);
}
