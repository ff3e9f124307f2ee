import { ZLocale, type TLocalizedText } from '../locale';
import { ZAnswerOption, type TAnswerOption } from '../survey/definition';
import { asArray, extensionsOf, isObject, readTranslations, type TJson } from './fhir-common';

export type TAnswerType = 'coding' | 'string' | 'integer' | 'date';
export type TOptionsRead =
  { ok: true; options: TAnswerOption[]; answerType: TAnswerType } | { ok: false; reason: string };

/** What reading options needs of the import: the form's languages, its contained ValueSets, a report. */
export type TOptionsContext = {
  defaultLocale: string;
  locales: Set<string>;
  contained: Map<string, TJson>;
  usedValueSets: Set<string>;
  unsupported: { path: string; reason: string }[];
};

const VALUE_KEYS: [string, TAnswerType][] = [
  ['valueCoding', 'coding'],
  ['valueString', 'string'],
  ['valueInteger', 'integer'],
  ['valueDate', 'date'],
];
const MAX_OPTIONS = 50;

/**
 * A choice's options from `answerOption` or from a contained ValueSet (`answerValueSet: "#id"`,
 * its expansion, else its compose's listed concepts). An external ValueSet cannot be expanded here:
 * the caller leaves the question out and says so.
 */
export function readOptions(ctx: TOptionsContext, raw: TJson, path: string, initial: TJson): TOptionsRead {
  let read: TOptionsRead;
  if (raw.answerOption !== undefined) read = fromAnswerOptions(ctx, asArray(raw.answerOption), path);
  else if (typeof raw.answerValueSet === 'string' && raw.answerValueSet.startsWith('#')) {
    read = fromValueSet(ctx, raw.answerValueSet.slice(1));
  } else {
    if (raw.answerValueSet === undefined) return { ok: false, reason: 'it has no options' };
    return {
      ok: false,
      reason: `its options are in ValueSet ${String(raw.answerValueSet)}, which is not in the file`,
    };
  }
  if (!read.ok) return read;
  if (read.options.length > MAX_OPTIONS)
    return { ok: false, reason: `it has more than ${MAX_OPTIONS} options` };
  const initialCode = initialCodeOf(initial);
  if (initialCode !== undefined) {
    const option = read.options.find((o) => o.code === initialCode);
    if (option) option.initialSelected = true;
    else ctx.unsupported.push({ path: `${path}.initial[0]`, reason: 'is not one of the options; not kept' });
  }
  return read;
}

function initialCodeOf(initial: TJson): string | undefined {
  if (isObject(initial.valueCoding) && typeof initial.valueCoding.code === 'string')
    return initial.valueCoding.code;
  const v = initial.valueString ?? initial.valueInteger ?? initial.valueDate;
  return v === undefined ? undefined : String(v);
}

function fromAnswerOptions(ctx: TOptionsContext, raw: unknown[], path: string): TOptionsRead {
  const options: TAnswerOption[] = [];
  let answerType: TAnswerType | undefined;
  for (const [i, o] of raw.entries()) {
    const at = `${path}.answerOption[${i}]`;
    if (!isObject(o)) return { ok: false, reason: `${at} is not an option` };
    const found = VALUE_KEYS.find(([key]) => o[key] !== undefined);
    if (!found) return { ok: false, reason: `${at} has a kind of value CareLoop cannot offer` };
    const [key, type] = found;
    if (answerType && answerType !== type) return { ok: false, reason: 'its options mix kinds of value' };
    answerType = type;
    extensionsOf(o).forEach((e, k) =>
      ctx.unsupported.push({ path: `${at}.extension[${k}]`, reason: `extension ${String(e.url)} not kept` }),
    );
    const option =
      type === 'coding'
        ? codingOption(ctx, o.valueCoding, at)
        : valueOption(ctx, String(o[key]), o[`_${key}`], at);
    if (!option.ok) return option;
    if (o.initialSelected === true) option.option.initialSelected = true;
    options.push(option.option);
  }
  return { ok: true, options, answerType: answerType ?? 'coding' };
}

type TOneOption = { ok: true; option: TAnswerOption } | { ok: false; reason: string };

function codingOption(ctx: TOptionsContext, coding: unknown, at: string, system?: unknown): TOneOption {
  if (!isObject(coding) || typeof coding.code !== 'string') return { ok: false, reason: `${at} has no code` };
  const display =
    typeof coding.display === 'string' && coding.display.trim() !== '' ? coding.display : undefined;
  if (!display) ctx.unsupported.push({ path: at, reason: 'has no display; its code is shown instead' });
  const text = withTranslations(ctx, display ?? coding.code, coding._display, at);
  // A ValueSet concept carries its translations as designations.
  for (const d of asArray(coding.designation).filter(isObject)) {
    const lang = d.language;
    if (typeof lang === 'string' && typeof d.value === 'string' && ZLocale.safeParse(lang).success) {
      if (lang !== ctx.defaultLocale && d.value.trim() !== '') {
        text[lang] = d.value;
        ctx.locales.add(lang);
      }
    }
  }
  const sys = coding.system ?? system;
  const option = { code: coding.code, ...(typeof sys === 'string' ? { system: sys } : {}), text };
  return checked(option, at);
}

function valueOption(ctx: TOptionsContext, value: string, underscore: unknown, at: string): TOneOption {
  return checked({ code: value, text: withTranslations(ctx, value, underscore, at) }, at);
}

function checked(option: TAnswerOption, at: string): TOneOption {
  const parsed = ZAnswerOption.safeParse(option);
  if (parsed.success) return { ok: true, option: parsed.data };
  return {
    ok: false,
    reason: `${at}: ${parsed.error.issues[0]!.path.join('.')} ${parsed.error.issues[0]!.message}`,
  };
}

function withTranslations(
  ctx: TOptionsContext,
  main: string,
  underscore: unknown,
  at: string,
): TLocalizedText {
  const text: TLocalizedText = { [ctx.defaultLocale]: main };
  const { translations, others } = readTranslations(underscore);
  for (const i of others)
    ctx.unsupported.push({ path: `${at}._display.extension[${i}]`, reason: 'not kept' });
  for (const [locale, content] of Object.entries(translations)) {
    if (ZLocale.safeParse(locale).success && locale !== ctx.defaultLocale && content.trim() !== '') {
      text[locale] = content;
      ctx.locales.add(locale);
    }
  }
  return text;
}

function fromValueSet(ctx: TOptionsContext, id: string): TOptionsRead {
  const vs = ctx.contained.get(id);
  if (!vs) return { ok: false, reason: `it refers to contained ValueSet "#${id}", which is not there` };
  ctx.usedValueSets.add(id);
  const at = `Questionnaire.contained.where(id='${id}')`;
  const options: TAnswerOption[] = [];
  const expansion = isObject(vs.expansion) ? asArray(vs.expansion.contains) : [];
  if (expansion.length > 0) {
    for (const [i, c] of expansion.entries()) {
      const option = codingOption(ctx, c, `${at}.expansion.contains[${i}]`);
      if (!option.ok) return option;
      options.push(option.option);
    }
    return { ok: true, options, answerType: 'coding' };
  }
  const includes = isObject(vs.compose) ? asArray(vs.compose.include).filter(isObject) : [];
  for (const [i, include] of includes.entries()) {
    const concepts = asArray(include.concept);
    if (concepts.length === 0 || include.filter !== undefined || include.valueSet !== undefined) {
      return { ok: false, reason: `${at}.compose.include[${i}] does not list its codes` };
    }
    for (const [k, c] of concepts.entries()) {
      const option = codingOption(ctx, c, `${at}.compose.include[${i}].concept[${k}]`, include.system);
      if (!option.ok) return option;
      options.push(option.option);
    }
  }
  if (options.length === 0) return { ok: false, reason: `${at} lists no codes` };
  return { ok: true, options, answerType: 'coding' };
}
