import type { TLocalizedText } from '../../../../shared/src/locale';
import type { TSurveyDefinition } from '../../../../shared/src/survey/definition';
import { flattenItems } from '../../../../shared/src/survey/items';
import { h } from '../../common/dom';
import { languageName } from '../../common/language';

const SUMMARY_ID = 'missing-texts';

/** Every text of the survey that people read, to check each language has it. */
function textsOf(def: TSurveyDefinition): TLocalizedText[] {
  const texts = [def.title, ...(def.description ? [def.description] : [])];
  for (const item of flattenItems(def.items)) {
    texts.push(item.text, ...(item.helpText ? [item.helpText] : []));
    if (item.type === 'choice') texts.push(...item.answerOption.map((o) => o.text));
    if (item.type === 'rating') texts.push(...(item.labels ?? []).map((l) => l.text));
  }
  return texts;
}

/** How many texts each offered language lacks, where the default language has them. */
export function missingTexts(def: TSurveyDefinition): { locale: string; missing: number }[] {
  const texts = textsOf(def).filter((t) => (t[def.defaultLocale] ?? '').trim() !== '');
  return def.locales
    .filter((l) => l !== def.defaultLocale)
    .map((locale) => ({ locale, missing: texts.filter((t) => (t[locale] ?? '').trim() === '').length }));
}

/** A line per language: what is still to translate (each missing field also says so by itself). */
export function missingSummary(def: TSurveyDefinition): HTMLElement | null {
  const counts = missingTexts(def);
  if (counts.length === 0) return null;
  return h(
    'ul',
    { class: 'missing-texts', id: SUMMARY_ID, 'aria-label': 'Translations' },
    counts.map(({ locale, missing }) =>
      h(
        'li',
        {},
        missing === 0
          ? `${languageName(locale, 'en')}: every text translated.`
          : `${languageName(locale, 'en')}: ${missing} text${missing === 1 ? '' : 's'} missing, marked “missing” below.`,
      ),
    ),
  );
}

/** Redraws the summary after an edit, so its counts follow what is typed. */
export function refreshMissingSummary(def: TSurveyDefinition): void {
  const current = document.getElementById(SUMMARY_ID);
  const next = missingSummary(def);
  if (current && next) current.replaceWith(next);
}
