import { RTL_LANGUAGES } from '../../../shared/src/locale';

const base = (tag: string): string => (tag.split('-')[0] ?? '').toLowerCase();

/** The offered locale that best matches `wanted`: the exact tag, else the same language. */
export function matchLocale(wanted: string | null | undefined, offered: string[]): string | undefined {
  if (!wanted) return undefined;
  const lower = wanted.toLowerCase();
  return offered.find((l) => l.toLowerCase() === lower) ?? offered.find((l) => base(l) === base(wanted));
}

/**
 * From the link first (`?lang=` in the address, then the language staff set on the link), then the
 * browser's languages in order, then the survey's default.
 */
export function chooseLocale(offered: string[], defaultLocale: string, linkLocale: string | null): string {
  const fromLink =
    matchLocale(new URLSearchParams(location.search).get('lang'), offered) ??
    matchLocale(linkLocale, offered);
  if (fromLink) return fromLink;
  for (const wanted of navigator.languages ?? [navigator.language]) {
    const match = matchLocale(wanted, offered);
    if (match) return match;
  }
  return defaultLocale;
}

/** The browser's language before a survey is loaded (for the loading and closed pages). */
export function browserLocale(): string {
  return new URLSearchParams(location.search).get('lang') ?? navigator.language ?? 'en';
}

export function applyDocumentLocale(locale: string): void {
  document.documentElement.lang = locale;
  document.documentElement.dir = (RTL_LANGUAGES as readonly string[]).includes(base(locale)) ? 'rtl' : 'ltr';
}

/** Keeps the chosen language in the address, so a reload shows the same one. */
export function rememberLocale(locale: string): void {
  const url = new URL(location.href);
  url.searchParams.set('lang', locale);
  history.replaceState(history.state, '', url);
}
