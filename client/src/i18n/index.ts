import { en } from './en';
import { es } from './es';
import type { TUiStrings } from './types';

export type { TUiStrings } from './types';

const DICTIONARIES: Record<string, TUiStrings> = { en, es };

/** Interface text for a survey locale (`es-MX` uses `es`); English where there is no dictionary yet. */
export function uiStrings(locale: string): TUiStrings {
  return DICTIONARIES[locale] ?? DICTIONARIES[locale.split('-')[0] ?? ''] ?? en;
}
