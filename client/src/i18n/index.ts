import { ar } from './ar';
import { en } from './en';
import { es } from './es';
import type { TUiStrings } from './types';

export type { TUiStrings } from './types';

/**
 * Every interface language, by language code. Adding one is a translation file (typed as
 * `TUiStrings`, so nothing can be missed) and a line here; the survey supplies its own text.
 */
const DICTIONARIES: Record<string, TUiStrings> = { en, es, ar };

/** Interface text for a survey locale (`es-MX` uses `es`); English where there is no dictionary yet. */
export function uiStrings(locale: string): TUiStrings {
  return DICTIONARIES[locale] ?? DICTIONARIES[locale.split('-')[0] ?? ''] ?? en;
}
