import type { TLocalizedText } from '../locale';
import type { TAnswerOption, TEnableWhen, TSurveyDefinition, TSurveyItem } from '../survey/definition';
import { indexItems } from '../survey/items';
import {
  mainText,
  MAX_VALUE_URL,
  MIN_VALUE_URL,
  type TJson,
  UNIT_URL,
  writeTranslations,
} from './fhir-common';

/** What the export needs besides the definition: where the survey lives and its state. */
export type TExportMeta = {
  id: string;
  /** Canonical URL of the survey, without a version. */
  url: string;
  /** Latest published version number, if any: the canonical is versioned by it. */
  version?: number | undefined;
  status: 'draft' | 'published' | 'archived';
  date?: string | undefined;
};

const STATUS = { draft: 'draft', published: 'active', archived: 'retired' } as const;

/**
 * The survey as a FHIR R4 Questionnaire: every item with its type, conditions, options and
 * translations (the standard translation extension). Items nested under a question become that
 * question's children again, so importing the export gives the same survey.
 */
export function exportQuestionnaire(def: TSurveyDefinition, meta: TExportMeta): TJson {
  const locale = def.defaultLocale;
  const byLinkId = indexItems(def.items);
  const q: TJson = {
    resourceType: 'Questionnaire',
    id: meta.id,
    url: meta.url,
    ...(meta.version !== undefined ? { version: String(meta.version) } : {}),
    name: `CareLoop_${meta.id.replace(/-/g, '_')}`,
    ...textElement('title', def.title, locale),
    status: STATUS[meta.status],
    ...(meta.date ? { date: meta.date } : {}),
    language: locale,
    ...(def.description ? textElement('description', def.description, locale) : {}),
    item: exportItems(def.items, locale, byLinkId),
  };
  return q;
}

function textElement(key: string, text: TLocalizedText, locale: string): TJson {
  const translations = writeTranslations(text, locale);
  return { [key]: mainText(text, locale), ...(translations ? { [`_${key}`]: translations } : {}) };
}

/** A list of items, each item nested under a question placed among that question's children. */
function exportItems(items: TSurveyItem[], locale: string, byLinkId: Map<string, TSurveyItem>): TJson[] {
  const out: TJson[] = [];
  const emitted = new Map<string, TJson>();
  for (const item of items) {
    const fhir = exportItem(item, locale, byLinkId);
    emitted.set(item.linkId, fhir);
    const parent = item.nestedUnder ? emitted.get(item.nestedUnder) : undefined;
    if (parent) ((parent.item ??= []) as TJson[]).push(fhir);
    else out.push(fhir);
  }
  return out;
}

function exportItem(item: TSurveyItem, locale: string, byLinkId: Map<string, TSurveyItem>): TJson {
  const fhir: TJson = {
    linkId: item.linkId,
    ...textElement('text', item.text, locale),
    type: fhirType(item),
  };
  const extension: TJson[] = [];
  if (item.enableWhen) {
    fhir.enableWhen = item.enableWhen.map((c) => exportCondition(c, byLinkId.get(c.question)));
    if (item.enableBehavior) fhir.enableBehavior = item.enableBehavior;
    else if (item.enableWhen.length > 1) fhir.enableBehavior = 'all';
  }
  if (item.required) fhir.required = true;
  if ('repeats' in item && item.repeats) fhir.repeats = true;
  if (item.readOnly) fhir.readOnly = true;
  switch (item.type) {
    case 'group':
      fhir.item = exportItems(item.items, locale, byLinkId);
      break;
    case 'boolean':
      if (item.initial !== undefined) fhir.initial = [{ valueBoolean: item.initial }];
      break;
    case 'choice':
      fhir.answerOption = item.answerOption.map((o) => exportOption(o, item.answerType ?? 'coding', locale));
      break;
    case 'rating':
      extension.push(
        { url: MIN_VALUE_URL, valueInteger: item.min },
        { url: MAX_VALUE_URL, valueInteger: item.max },
      );
      break;
    case 'integer':
    case 'decimal': {
      const key = item.type === 'integer' ? 'valueInteger' : 'valueDecimal';
      if (item.minValue !== undefined) extension.push({ url: MIN_VALUE_URL, [key]: item.minValue });
      if (item.maxValue !== undefined) extension.push({ url: MAX_VALUE_URL, [key]: item.maxValue });
      if (item.type === 'decimal' && item.unit)
        extension.push({ url: UNIT_URL, valueCoding: { ...item.unit } });
      if (item.initial !== undefined) {
        fhir.initial = [
          item.type === 'decimal' && item.quantity
            ? { valueQuantity: { value: item.initial, ...unitFields(item.unit) } }
            : { [key]: item.initial },
        ];
      }
      break;
    }
    case 'date':
      if (item.minValue !== undefined) extension.push({ url: MIN_VALUE_URL, valueDate: item.minValue });
      if (item.maxValue !== undefined) extension.push({ url: MAX_VALUE_URL, valueDate: item.maxValue });
      if (item.initial !== undefined) fhir.initial = [{ valueDate: item.initial }];
      break;
    case 'text':
      if (item.maxLength !== undefined) fhir.maxLength = item.maxLength;
      if (item.initial !== undefined) {
        fhir.initial = [item.format === 'url' ? { valueUri: item.initial } : { valueString: item.initial }];
      }
      break;
    case 'display':
      break;
  }
  if (extension.length > 0) fhir.extension = extension;
  return fhir;
}

function unitFields(
  unit: { code: string; system?: string | undefined; display?: string | undefined } | undefined,
): TJson {
  if (!unit) return {};
  return {
    code: unit.code,
    ...(unit.system ? { system: unit.system } : {}),
    ...(unit.display ? { unit: unit.display } : {}),
  };
}

function fhirType(item: TSurveyItem): string {
  switch (item.type) {
    case 'rating':
      return 'integer';
    case 'text':
      return item.format ?? 'text';
    case 'choice':
      return item.openChoice ? 'open-choice' : 'choice';
    case 'decimal':
      return item.quantity ? 'quantity' : 'decimal';
    default:
      return item.type;
  }
}

function exportOption(option: TAnswerOption, answerType: string, locale: string): TJson {
  const out: TJson = {};
  if (answerType === 'coding') {
    const display = textElement('display', option.text, locale);
    out.valueCoding = { ...(option.system ? { system: option.system } : {}), code: option.code, ...display };
  } else if (answerType === 'integer') {
    out.valueInteger = Number(option.code);
  } else {
    const key = answerType === 'date' ? 'valueDate' : 'valueString';
    out[key] = option.code;
    const translations = writeTranslations(option.text, locale);
    if (translations) out[`_${key}`] = translations;
  }
  if (option.initialSelected) out.initialSelected = true;
  return out;
}

function exportCondition(c: TEnableWhen, target: TSurveyItem | undefined): TJson {
  const out: TJson = { question: c.question, operator: c.operator };
  if (c.operator === 'exists') return { ...out, answerBoolean: c.answer };
  switch (target?.type) {
    case 'choice': {
      const type = target.answerType ?? 'coding';
      if (type === 'integer') return { ...out, answerInteger: Number(c.answer) };
      if (type === 'date') return { ...out, answerDate: c.answer };
      if (type === 'string') return { ...out, answerString: c.answer };
      const option = target.answerOption.find((o) => o.code === c.answer);
      return {
        ...out,
        answerCoding: { ...(option?.system ? { system: option.system } : {}), code: c.answer },
      };
    }
    case 'date':
      return { ...out, answerDate: c.answer };
    case 'text':
      return { ...out, answerString: c.answer };
    case 'decimal':
      return { ...out, answerDecimal: c.answer };
    default:
      if (typeof c.answer === 'boolean') return { ...out, answerBoolean: c.answer };
      if (typeof c.answer === 'number') {
        return Number.isInteger(c.answer)
          ? { ...out, answerInteger: c.answer }
          : { ...out, answerDecimal: c.answer };
      }
      return { ...out, answerString: c.answer };
  }
}
