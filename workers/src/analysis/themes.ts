import type { TFrameworkTheme, TThemeScore } from '../../../shared/src/analysis/contract';
import type { TTextIntent } from '../../../shared/src/survey/definition';
import { linearScores, sigmoid } from './linear-model';
import { MODEL_FILE, type TAnalysisModel, loadAnalysisModel, vectorFor } from './model-store';

/**
 * Calibrated probability of every modelled theme, in the order of `model.themes.labels`. `embedding`
 * is the comment's sentence vector (stacked models only).
 */
export function themeProbabilities(
  model: TAnalysisModel,
  text: string,
  intent?: TTextIntent,
  embedding?: Float32Array,
): number[] {
  const { themes } = model;
  const x = vectorFor(model, text, intent, embedding);
  const scores = linearScores(themes.model, x);
  return themes.labels.map((_, l) => {
    const [a, b] = themes.calibration[l] ?? [1, 0];
    return sigmoid(a * (scores[l] as number) + b);
  });
}

/** Themes assigned, and whether the model is unsure of any theme's call. */
export type TThemeResult = { themes: TThemeScore[]; unsure: boolean };

/**
 * A theme call is unsure when its calibrated probability lies between the theme's threshold and 0.5:
 * assigned while less likely than not (thresholds are tuned below 0.5 for recall), or withheld while
 * more likely than not. A fixed margin around the threshold was rejected: with 37 themes it marked half
 * the test comments.
 */
export function isUnsure(probability: number, threshold: number): boolean {
  return probability >= Math.min(threshold, 0.5) && probability < Math.max(threshold, 0.5);
}

export function themesWith(
  model: TAnalysisModel,
  text: string,
  intent?: TTextIntent,
  embedding?: Float32Array,
): TThemeResult {
  if (text.trim() === '') return { themes: [], unsure: false };
  const probabilities = themeProbabilities(model, text, intent, embedding);
  const assigned: TThemeScore[] = [];
  let unsure = false;
  probabilities.forEach((p, l) => {
    const threshold = model.themes.thresholds[l] ?? 1;
    if (isUnsure(p, threshold)) unsure = true;
    if (p >= threshold) {
      assigned.push({
        label: model.themes.labels[l] as TFrameworkTheme,
        confidence: Math.round(p * 1000) / 1000,
      });
    }
  });
  const themes = assigned.sort((a, b) => b.confidence - a.confidence || a.label.localeCompare(b.label));
  return { themes, unsure };
}

/**
 * Framework themes of one (redacted) comment by the sparse-only model: the labels whose calibrated
 * probability reaches the threshold tuned for it, most confident first. Empty text has no themes.
 */
export function assignThemes(text: string, intent?: TTextIntent): TThemeScore[] {
  return themesWith(loadAnalysisModel(MODEL_FILE), text, intent).themes;
}
