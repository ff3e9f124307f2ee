import type { TPublicSurvey } from '../../../shared/src/api/public';
import { pickText } from '../../../shared/src/locale';
import { h } from '../common/dom';
import { languageName } from '../common/language';
import { textDirection, type TUiStrings } from '../../../shared/src/i18n';

/**
 * The survey's title, description and unit, with the language switch above them. The switch is a
 * labelled select listing each language in its own name, so people find theirs whatever is showing.
 */
export function surveyHeader(
  survey: TPublicSurvey,
  locale: string,
  strings: TUiStrings,
  onLanguage: (locale: string) => void,
): HTMLElement {
  const def = survey.definition;
  const unitName = survey.link.unitName;
  // The survey's own text carries its language: it may differ from the page's (a `?lang=` it lacks).
  const own = { lang: locale, dir: textDirection(locale) };
  return h(
    'header',
    { class: 'survey-header' },
    def.locales.length > 1 && languageSwitch(def.locales, locale, strings, onLanguage),
    h('h1', own, pickText(def.title, locale, def.defaultLocale)),
    def.description &&
      h('p', { class: 'description', ...own }, pickText(def.description, locale, def.defaultLocale)),
    unitName &&
      h(
        'p',
        { class: 'unit' },
        def.audience === 'clinician' ? strings.aboutPlace(unitName) : strings.aboutUnit(unitName),
      ),
  );
}

function languageSwitch(
  locales: string[],
  current: string,
  strings: TUiStrings,
  onLanguage: (locale: string) => void,
): HTMLElement {
  const select = h(
    'select',
    {
      id: 'language',
      value: current,
      onchange: () => {
        onLanguage(select.value);
        document.getElementById('language')?.focus();
      },
    },
    locales.map((locale) => h('option', { value: locale, lang: locale }, languageName(locale))),
  );
  return h('div', { class: 'language' }, h('label', { for: 'language' }, strings.language), select);
}
