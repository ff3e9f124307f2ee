import { preferredLocale, textDirection, UI_LOCALES } from '../../../shared/src/i18n';

/**
 * From the link first (`?lang=` in the address, then the language staff set on the link), then the
 * browser's languages in order, then the survey's default.
 */
export function chooseLocale(offered: string[], defaultLocale: string, linkLocale: string | null): string {
  const wanted = [
    new URLSearchParams(location.search).get('lang'),
    linkLocale,
    ...(navigator.languages ?? [navigator.language]),
  ];
  return preferredLocale(wanted, offered) ?? defaultLocale;
}

/**
 * The interface language the address asks for (`?lang=ar`) when the survey has no text in it: the
 * page then speaks that language and shows the questions in the survey's default, saying so.
 * Null when the survey has the language, or the page has no interface text in it either.
 */
export function missingLocale(offered: string[]): string | null {
  const asked = new URLSearchParams(location.search).get('lang');
  if (!asked || preferredLocale([asked], offered)) return null;
  return preferredLocale([asked], UI_LOCALES) ?? null;
}

/** The browser's language before a survey is loaded (for the loading and closed pages). */
export function browserLocale(): string {
  return new URLSearchParams(location.search).get('lang') ?? navigator.language ?? 'en';
}

export function applyDocumentLocale(locale: string): void {
  document.documentElement.lang = locale;
  document.documentElement.dir = textDirection(locale);
}

/** Keeps the chosen language in the address, so a reload shows the same one. */
export function rememberLocale(locale: string): void {
  const url = new URL(location.href);
  url.searchParams.set('lang', locale);
  history.replaceState(history.state, '', url);
}
