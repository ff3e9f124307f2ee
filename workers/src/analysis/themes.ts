import type { TFrameworkTheme, TThemeScore } from '../../../shared/src/analysis/contract';
import type { TTextIntent } from '../../../shared/src/survey/definition';
import { linearScores, sigmoid } from './linear-model';
import { type TAnalysisModel, loadAnalysisModel, vectorFor } from './model-store';

/** Calibrated probability of every modelled theme, in the order of `model.themes.labels`. */
export function themeProbabilities(model: TAnalysisModel, text: string, intent?: TTextIntent): number[] {
  const { themes } = model;
  const x = vectorFor(model, text, intent);
  const scores = linearScores(themes.model, x);
  return themes.labels.map((_, l) => {
    const [a, b] = themes.calibration[l] ?? [1, 0];
    return sigmoid(a * (scores[l] as number) + b);
  });
}

export function themesWith(model: TAnalysisModel, text: string, intent?: TTextIntent): TThemeScore[] {
  if (text.trim() === '') return [];
  const probabilities = themeProbabilities(model, text, intent);
  const assigned: TThemeScore[] = [];
  probabilities.forEach((p, l) => {
    if (p >= (model.themes.thresholds[l] ?? 1)) {
      assigned.push({
        label: model.themes.labels[l] as TFrameworkTheme,
        confidence: Math.round(p * 1000) / 1000,
      });
    }
  });
  return assigned.sort((a, b) => b.confidence - a.confidence || a.label.localeCompare(b.label));
}

/**
 * Framework themes of one (redacted) comment: the labels whose calibrated probability reaches the
 * threshold tuned for it on validation data, most confident first. Empty text has no themes.
 */
export function assignThemes(text: string, intent?: TTextIntent): TThemeScore[] {
  if (text.trim() === '') return [];
  return themesWith(loadAnalysisModel(), text, intent);
}
