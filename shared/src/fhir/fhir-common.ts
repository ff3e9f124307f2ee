import type { TLocalizedText } from '../locale';

/** The standard extension that carries a translation of a string element. */
export const TRANSLATION_URL = 'http://hl7.org/fhir/StructureDefinition/translation';
export const MIN_VALUE_URL = 'http://hl7.org/fhir/StructureDefinition/minValue';
export const MAX_VALUE_URL = 'http://hl7.org/fhir/StructureDefinition/maxValue';
export const UNIT_URL = 'http://hl7.org/fhir/StructureDefinition/questionnaire-unit';
export const UNIT_OPTION_URL = 'http://hl7.org/fhir/StructureDefinition/questionnaire-unitOption';
export const ENABLE_WHEN_EXPRESSION_URL =
  'http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression';
export const CALCULATED_EXPRESSION_URL =
  'http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression';

/** A parsed JSON object whose shape is not yet trusted. */
export type TJson = Record<string, unknown>;
export type TExtension = { url?: unknown; extension?: unknown; [key: string]: unknown };

export const isObject = (v: unknown): v is TJson => typeof v === 'object' && v !== null && !Array.isArray(v);
export const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const extensionsOf = (v: unknown): TExtension[] =>
  isObject(v) ? asArray(v.extension).filter(isObject) : [];

/** The translation extensions on a primitive's `_element`: locale → text. Others are returned apart. */
export function readTranslations(underscore: unknown): {
  translations: Record<string, string>;
  others: number[];
} {
  const translations: Record<string, string> = {};
  const others: number[] = [];
  extensionsOf(underscore).forEach((ext, i) => {
    if (ext.url !== TRANSLATION_URL) return others.push(i);
    const parts = extensionsOf(ext);
    const lang = parts.find((p) => p.url === 'lang')?.valueCode;
    const content = parts.find((p) => p.url === 'content')?.valueString;
    if (typeof lang === 'string' && typeof content === 'string') translations[lang] = content;
    else others.push(i);
    return undefined;
  });
  return { translations, others };
}

/** `_element` with a translation extension for every locale but the default, or undefined if none. */
export function writeTranslations(text: TLocalizedText, defaultLocale: string): TJson | undefined {
  const extension = Object.entries(text)
    .filter(([locale]) => locale !== defaultLocale)
    .map(([locale, content]) => ({
      url: TRANSLATION_URL,
      extension: [
        { url: 'lang', valueCode: locale },
        { url: 'content', valueString: content },
      ],
    }));
  return extension.length > 0 ? { extension } : undefined;
}

/** The default-locale text, falling back to any text there is. */
export function mainText(text: TLocalizedText, defaultLocale: string): string {
  return text[defaultLocale] ?? Object.values(text)[0] ?? '';
}

/**
 * Whether a value of FHIR `date` precision (`2020`, `2020-05`, `2020-05-17`) is before or after a
 * bound of any precision: both are cut to the coarser precision, so 2022-06 is within "at most 2022".
 */
export function compareDates(value: string, bound: string): number {
  const n = Math.min(value.length, bound.length);
  const a = value.slice(0, n);
  const b = bound.slice(0, n);
  return a < b ? -1 : a > b ? 1 : 0;
}
