import { z } from 'zod';

/** A BCP 47 language tag, kept to language and optional region (`en`, `es`, `pt-BR`, `ar`). */
export const ZLocale = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'must be a language tag such as en or es');
export type TLocale = z.infer<typeof ZLocale>;

/** Text in one or more languages, keyed by locale. The survey's default locale must be present. */
export const ZLocalizedText = z.record(ZLocale, z.string().trim().min(1).max(2000));
export type TLocalizedText = z.infer<typeof ZLocalizedText>;

/** Languages whose script runs right to left; the client sets `dir="rtl"` for them. */
export const RTL_LANGUAGES = ['ar', 'he', 'fa', 'ur'] as const;

/** Picks the text for `locale`, falling back to the default locale, then to any text there is. */
export function pickText(text: TLocalizedText, locale: string, defaultLocale: string): string {
  return (
    text[locale] ?? text[locale.split('-')[0] ?? ''] ?? text[defaultLocale] ?? Object.values(text)[0] ?? ''
  );
}

/** The offered locale a requested one falls to: itself, else its language (`en-GB` → `en`), else null. */
export function matchLocale(requested: string, offered: readonly string[]): string | null {
  if (offered.includes(requested)) return requested;
  const language = requested.split('-')[0] ?? '';
  return offered.includes(language) ? language : null;
}
