/**
 * A language's name: in its own language by default ("español"), so respondents find theirs,
 * or in `displayLocale` for staff screens ("Spanish").
 */
export function languageName(locale: string, displayLocale: string = locale): string {
  try {
    const name = new Intl.DisplayNames([displayLocale], { type: 'language' }).of(locale);
    return name ? name.charAt(0).toLocaleUpperCase(displayLocale) + name.slice(1) : locale;
  } catch {
    return locale;
  }
}
