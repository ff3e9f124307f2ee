import type { TInvalidParam } from '../errors';
import { ZLocale, type TLocalizedText } from '../locale';
import { checkDefinition } from '../survey/check-definition';
import {
  ZSurveyDefinition,
  type TAnswerOption,
  type TSurveyDefinition,
  type TSurveyItem,
} from '../survey/definition';
import {
  asArray,
  CALCULATED_EXPRESSION_URL,
  ENABLE_WHEN_EXPRESSION_URL,
  extensionsOf,
  isObject,
  MAX_VALUE_URL,
  MIN_VALUE_URL,
  readTranslations,
  type TJson,
  UNIT_OPTION_URL,
  UNIT_URL,
} from './fhir-common';
import { type TState, type TUnsupported, unsupported } from './import-state';
import { checkConditions, readEnableWhen } from './questionnaire-conditions';
import { readOptions, type TOptionsRead } from './questionnaire-options';

export type { TUnsupported };

export type TImportResult =
  | { ok: true; definition: TSurveyDefinition; unsupported: TUnsupported[] }
  | { ok: false; problems: TInvalidParam[]; unsupported: TUnsupported[] };

/** Top-level elements read into the survey; every other one is reported. */
const READ_TOP = new Set(['resourceType', 'title', '_title', 'name', 'description', '_description']);
READ_TOP.add('language').add('item').add('contained').add('status');
const READ_ITEM = new Set(['linkId', 'text', '_text', 'type', 'required', 'repeats', 'readOnly']);
for (const key of ['maxLength', 'enableWhen', 'enableBehavior', 'answerOption', 'answerValueSet'])
  READ_ITEM.add(key);
READ_ITEM.add('initial').add('item').add('extension');
/** Item types CareLoop has no question for; they are left out and reported. */
const UNSUPPORTED_TYPES = new Set(['dateTime', 'time', 'attachment', 'reference', 'question']);

/**
 * Reads a FHIR R4 Questionnaire into a survey definition. Everything CareLoop cannot represent is
 * listed in `unsupported` by element path; an import that would change what the form asks or
 * accepts (a condition on a question left out, an expression deciding who is asked) is refused with
 * every problem in `problems`. The definition is then checked like any survey.
 */
export function importQuestionnaire(source: unknown): TImportResult {
  if (!isObject(source) || source.resourceType !== 'Questionnaire') {
    return {
      ok: false,
      problems: [{ name: 'resourceType', reason: 'must be "Questionnaire"' }],
      unsupported: [],
    };
  }
  const language = typeof source.language === 'string' ? source.language : 'en';
  const state: TState = {
    defaultLocale: ZLocale.safeParse(language).success ? language : 'en',
    locales: new Set(),
    unsupported: [],
    problems: [],
    contained: new Map(),
    usedValueSets: new Set(),
    dropped: new Map(),
    calculated: new Map(),
    kept: new Map(),
  };
  state.locales.add(state.defaultLocale);
  if (state.defaultLocale !== language) {
    unsupported(
      state,
      'Questionnaire.language',
      `"${language}" is not a language tag CareLoop takes; read as en`,
    );
  }
  for (const key of Object.keys(source)) {
    if (key === 'url' || key === 'version' || key === 'id') {
      unsupported(
        state,
        `Questionnaire.${key}`,
        'replaced: the survey is published under its own id, canonical URL and versions',
      );
    } else if (!READ_TOP.has(key)) unsupported(state, `Questionnaire.${key}`, 'not kept');
  }
  asArray(source.contained).forEach((resource, i) => {
    if (isObject(resource) && resource.resourceType === 'ValueSet' && typeof resource.id === 'string') {
      state.contained.set(resource.id, resource);
    } else unsupported(state, `Questionnaire.contained[${i}]`, 'only contained ValueSets are read');
  });

  const title = localized(state, source.title, source._title, 'Questionnaire.title') ??
    (typeof source.name === 'string' ? { [state.defaultLocale]: source.name } : undefined) ?? {
      [state.defaultLocale]: 'Imported questionnaire',
    };
  const description = localized(state, source.description, source._description, 'Questionnaire.description');
  const items = readItems(state, asArray(source.item), 'Questionnaire');
  for (const [id] of state.contained) {
    if (!state.usedValueSets.has(id))
      unsupported(state, `Questionnaire.contained.where(id='${id}')`, 'not used by any item; not kept');
  }
  checkConditions(state, items);

  const draft = {
    title,
    ...(description ? { description } : {}),
    defaultLocale: state.defaultLocale,
    locales: [...state.locales],
    audience: 'patient' as const,
    items,
  };
  if (state.problems.length > 0)
    return { ok: false, problems: state.problems, unsupported: state.unsupported };
  const parsed = ZSurveyDefinition.safeParse(draft);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => ({
      name: issue.path.map(String).join('.') || 'Questionnaire',
      reason: issue.message,
    }));
    return { ok: false, problems, unsupported: state.unsupported };
  }
  const problems = checkDefinition(parsed.data);
  if (problems.length > 0) return { ok: false, problems, unsupported: state.unsupported };
  return { ok: true, definition: parsed.data, unsupported: state.unsupported };
}

/** A string element and its translations as localized text; undefined when absent. */
function localized(
  state: TState,
  value: unknown,
  underscore: unknown,
  path: string,
): TLocalizedText | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const { translations, others } = readTranslations(underscore);
  for (const i of others)
    unsupported(state, `${path.replace(/\.(\w+)$/, '._$1')}.extension[${i}]`, 'not kept');
  const text: TLocalizedText = { [state.defaultLocale]: value };
  for (const [locale, content] of Object.entries(translations)) {
    if (!ZLocale.safeParse(locale).success) {
      unsupported(
        state,
        `${path}`,
        `the translation to "${locale}" is not in a language tag CareLoop takes; not kept`,
      );
    } else if (locale !== state.defaultLocale && content.trim() !== '') {
      text[locale] = content;
      state.locales.add(locale);
    }
  }
  return text;
}

function readItems(state: TState, items: unknown[], basePath: string): TSurveyItem[] {
  const out: TSurveyItem[] = [];
  items.forEach((raw, i) => {
    const path = `${basePath}.item[${i}]`;
    if (!isObject(raw) || typeof raw.linkId !== 'string' || typeof raw.type !== 'string') {
      state.problems.push({ name: path, reason: 'an item needs a linkId and a type' });
      return;
    }
    out.push(...readItem(state, raw, path));
  });
  return out;
}

/** The item, followed by the items nested under it when it is a question (FHIR children of a question). */
function readItem(state: TState, raw: TJson, path: string): TSurveyItem[] {
  const linkId = raw.linkId as string;
  const type = raw.type as string;
  for (const key of Object.keys(raw))
    if (!READ_ITEM.has(key)) unsupported(state, `${path}.${key}`, 'not kept');
  const extensions = readItemExtensions(state, raw, path);
  if (UNSUPPORTED_TYPES.has(type)) return dropItem(state, raw, path, `CareLoop has no ${type} question`);

  const text = localized(state, raw.text, raw._text, `${path}.text`);
  const common: Record<string, unknown> = {
    linkId,
    text: text ?? { [state.defaultLocale]: linkId },
  };
  if (!text && type !== 'display')
    unsupported(state, `${path}.text`, 'absent; the linkId stands in as the text');
  if (raw.required === true) common.required = true;
  if (raw.readOnly === true) common.readOnly = true;
  const enableWhen = readEnableWhen(state, raw, path);
  if (enableWhen.length > 0) common.enableWhen = enableWhen;
  if (raw.enableBehavior === 'all' || raw.enableBehavior === 'any')
    common.enableBehavior = raw.enableBehavior;
  else if (enableWhen.length > 1) {
    // R4 requires enableBehavior with several conditions (que-12); CareLoop reads its absence as all.
    common.enableBehavior = 'all';
    unsupported(state, `${path}.enableBehavior`, 'absent with several conditions; read as "all"');
  }

  let item: Record<string, unknown> | null;
  if (type === 'group') {
    const children = readItems(state, asArray(raw.item), path);
    if (raw.required === true) {
      unsupported(
        state,
        `${path}.required`,
        'a required group (at least one answer inside it) is not enforced',
      );
      delete common.required;
    }
    item = { ...common, type: 'group', ...(raw.repeats === true ? { repeats: true } : {}), items: children };
    if (children.length === 0) return dropItem(state, raw, path, 'nothing inside it could be kept');
  } else {
    item = readQuestion(state, raw, path, type, common, extensions);
    if (!item) return [];
  }
  if (type !== 'group' && type !== 'display' && raw.maxLength !== undefined && item.type !== 'text') {
    unsupported(state, `${path}.maxLength`, 'only text questions keep a length limit');
  }
  const kept = item as TSurveyItem;
  state.kept.set(linkId, kept);
  const out: TSurveyItem[] = [kept];
  if (type !== 'group') {
    for (const child of readItems(state, asArray(raw.item), path)) {
      out.push(child.nestedUnder ? child : ({ ...child, nestedUnder: linkId } as TSurveyItem));
    }
  }
  return out;
}

type TItemExtensions = { min?: unknown; max?: unknown; unit?: TJson };

function readItemExtensions(state: TState, raw: TJson, path: string): TItemExtensions {
  const found: TItemExtensions = {};
  extensionsOf(raw).forEach((ext, i) => {
    const at = `${path}.extension[${i}]`;
    if (ext.url === MIN_VALUE_URL) found.min = valueOf(ext);
    else if (ext.url === MAX_VALUE_URL) found.max = valueOf(ext);
    else if (
      (ext.url === UNIT_URL || ext.url === UNIT_OPTION_URL) &&
      isObject(ext.valueCoding) &&
      !found.unit
    ) {
      found.unit = ext.valueCoding;
    } else if (ext.url === ENABLE_WHEN_EXPRESSION_URL) {
      state.problems.push({
        name: at,
        reason: 'an expression decides when this item is shown; CareLoop cannot evaluate it',
      });
    } else if (ext.url === CALCULATED_EXPRESSION_URL) {
      state.calculated.set(raw.linkId as string, at);
      unsupported(state, at, 'a calculated value is not computed; the question is asked instead');
    } else unsupported(state, at, `extension ${String(ext.url)} not kept`);
  });
  return found;
}

const valueOf = (ext: TJson): unknown =>
  ext.valueInteger ?? ext.valueDecimal ?? ext.valueDate ?? ext.valueDateTime ?? ext.valueTime;

function dropItem(state: TState, raw: TJson, path: string, reason: string): [] {
  const linkId = raw.linkId as string;
  state.dropped.set(linkId, path);
  unsupported(state, path, `left out: ${reason}`);
  if (raw.required === true) {
    state.problems.push({
      name: path,
      reason: `is required, but ${reason}; responses would no longer need it`,
    });
  }
  // Children of a dropped item go too; each is named, so conditions on them are refused.
  const dropChildren = (items: unknown[], base: string): void =>
    items.forEach((c, i) => {
      if (!isObject(c) || typeof c.linkId !== 'string') return;
      state.dropped.set(c.linkId, `${base}.item[${i}]`);
      dropChildren(asArray(c.item), `${base}.item[${i}]`);
    });
  dropChildren(asArray(raw.item), path);
  return [];
}

function readQuestion(
  state: TState,
  raw: TJson,
  path: string,
  type: string,
  common: Record<string, unknown>,
  ext: TItemExtensions,
): Record<string, unknown> | null {
  const repeats = raw.repeats === true ? { repeats: true } : {};
  const initial = asArray(raw.initial).filter(isObject);
  if (initial.length > 1) unsupported(state, `${path}.initial`, 'only the first initial value is kept');
  const first = initial[0] ?? {};
  const hasOptions = raw.answerOption !== undefined || raw.answerValueSet !== undefined;
  if (type === 'display') return { ...common, type: 'display' };
  if (
    type === 'choice' ||
    type === 'open-choice' ||
    (hasOptions && ['integer', 'date', 'string'].includes(type))
  ) {
    const options: TOptionsRead = readOptions(state, raw, path, first);
    if (!options.ok) {
      dropItem(state, raw, path, options.reason);
      return null;
    }
    if (type !== 'choice' && type !== 'open-choice') {
      unsupported(
        state,
        `${path}.type`,
        `a ${type} question with answer options becomes a choice of ${type} values`,
      );
    }
    return {
      ...common,
      type: 'choice',
      ...repeats,
      answerOption: options.options satisfies TAnswerOption[],
      ...(options.answerType !== 'coding' ? { answerType: options.answerType } : {}),
      ...(type === 'open-choice' ? { openChoice: true } : {}),
    };
  }
  switch (type) {
    case 'boolean':
      return {
        ...common,
        type,
        ...(typeof first.valueBoolean === 'boolean' ? { initial: first.valueBoolean } : {}),
      };
    case 'integer':
    case 'decimal':
    case 'quantity': {
      const initialValue =
        type === 'quantity' && isObject(first.valueQuantity)
          ? first.valueQuantity.value
          : (first.valueInteger ?? first.valueDecimal);
      return {
        ...common,
        type: type === 'integer' ? 'integer' : 'decimal',
        ...(typeof ext.min === 'number' ? { minValue: ext.min } : {}),
        ...(typeof ext.max === 'number' ? { maxValue: ext.max } : {}),
        ...repeats,
        ...(typeof initialValue === 'number' ? { initial: initialValue } : {}),
        ...(type !== 'integer' && ext.unit ? { unit: readUnit(ext.unit) } : {}),
        ...(type === 'quantity' ? { quantity: true } : {}),
      };
    }
    case 'date':
      return {
        ...common,
        type,
        ...(typeof ext.min === 'string' ? { minValue: ext.min } : {}),
        ...(typeof ext.max === 'string' ? { maxValue: ext.max } : {}),
        ...repeats,
        ...(typeof first.valueDate === 'string' ? { initial: first.valueDate } : {}),
      };
    case 'string':
    case 'text':
    case 'url': {
      const value = first.valueString ?? first.valueUri;
      return {
        ...common,
        type: 'text',
        ...(type !== 'text' ? { format: type } : {}),
        ...(typeof raw.maxLength === 'number' ? { maxLength: raw.maxLength } : {}),
        ...repeats,
        ...(typeof value === 'string' ? { initial: value } : {}),
      };
    }
    default:
      dropItem(state, raw, path, `"${type}" is not an item type CareLoop knows`);
      return null;
  }
}

function readUnit(coding: TJson): Record<string, string> {
  const unit: Record<string, string> = { code: String(coding.code ?? coding.display ?? '1') };
  if (typeof coding.system === 'string') unit.system = coding.system;
  if (typeof coding.display === 'string') unit.display = coding.display;
  return unit;
}
