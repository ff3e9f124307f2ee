import { RTL_LANGUAGES } from '../locale';
import { ar } from './ar';
import { en } from './en';
import { es } from './es';
import type { TUiStrings } from './types';

export type { TUiStrings } from './types';

/**
 * Every interface language, by language code, for the JS page and the no-JavaScript form alike.
 * Adding one is a translation file (typed as `TUiStrings`, so nothing can be missed) and a line
 * here; the survey supplies its own text.
 */
const DICTIONARIES: Record<string, TUiStrings> = { en, es, ar };

/** Languages with interface text of their own; others read English. */
export const UI_LOCALES: readonly string[] = Object.keys(DICTIONARIES);

/** Interface text for a survey locale (`es-MX` uses `es`); English where there is no dictionary yet. */
export function uiStrings(locale: string): TUiStrings {
  return DICTIONARIES[locale] ?? DICTIONARIES[languageOf(locale)] ?? en;
}

const languageOf = (tag: string): string => (tag.split('-')[0] ?? '').toLowerCase();

/** `rtl` for a locale whose script runs right to left (`ar`, `he-IL`), else `ltr`. */
export function textDirection(locale: string): 'rtl' | 'ltr' {
  return (RTL_LANGUAGES as readonly string[]).includes(languageOf(locale)) ? 'rtl' : 'ltr';
}

/**
 * The offered locale for the first wanted tag that one matches, exactly (in any case) or by
 * language (`es-MX` → `es`). `wanted` is in order of preference: on both respondent pages the
 * address's `?lang=`, then the link's own locale, then the browser's languages.
 */
export function preferredLocale(
  wanted: Iterable<string | null | undefined>,
  offered: readonly string[],
): string | undefined {
  for (const tag of wanted) {
    if (!tag) continue;
    const lower = tag.toLowerCase();
    const match =
      offered.find((l) => l.toLowerCase() === lower) ??
      offered.find((l) => languageOf(l) === languageOf(tag));
    if (match) return match;
  }
  return undefined;
}
