import type { TAnswerableItem, TAnswerValue, TSurveyDefinition } from '../survey/definition';
import { isAnswerable } from '../survey/items';
import { mainText, type TJson } from './fhir-common';
import { itemTree, type TItemNode } from './response-check';

/** A stored answer, or a free-text answer withheld because no redacted text exists for it. */
export type TStoredAnswer = TAnswerValue | { masked: true };

export type TResponseMeta = { id: string; questionnaire: string; authored: string; language: string };

const DATA_ABSENT = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';

/**
 * One stored response as a FHIR R4 QuestionnaireResponse, its items nested as the form nests
 * them (groups, and items under a question inside that question's answer). Groups with nothing
 * answered inside are left out; a withheld comment is an item marked `masked`.
 */
export function toQuestionnaireResponse(
  def: TSurveyDefinition,
  meta: TResponseMeta,
  answers: Map<string, TStoredAnswer>,
): TJson {
  return {
    resourceType: 'QuestionnaireResponse',
    id: meta.id,
    questionnaire: meta.questionnaire,
    status: 'completed',
    authored: meta.authored,
    language: meta.language,
    item: itemsOf(itemTree(def.items), def, answers),
  };
}

function itemsOf(nodes: TItemNode[], def: TSurveyDefinition, answers: Map<string, TStoredAnswer>): TJson[] {
  const out: TJson[] = [];
  for (const { item, children } of nodes) {
    const nested = itemsOf(children, def, answers);
    const stored = answers.get(item.linkId);
    if (!isAnswerable(item) || stored === undefined) {
      if (nested.length > 0) out.push({ linkId: item.linkId, ...textOf(item.text, def), item: nested });
      continue;
    }
    if (typeof stored === 'object' && !Array.isArray(stored)) {
      out.push({ linkId: item.linkId, extension: [{ url: DATA_ABSENT, valueCode: 'masked' }] });
      continue;
    }
    const values = Array.isArray(stored) ? stored : [stored];
    const answer = values.map((v) => valueOf(item, v, def.defaultLocale));
    if (nested.length > 0) answer[0]!.item = nested;
    out.push({ linkId: item.linkId, ...textOf(item.text, def), answer });
  }
  return out;
}

const textOf = (text: Record<string, string>, def: TSurveyDefinition) => ({
  text: mainText(text, def.defaultLocale),
});

function valueOf(item: TAnswerableItem, value: TAnswerValue, locale: string): TJson {
  switch (item.type) {
    case 'boolean':
      return { valueBoolean: value };
    case 'rating':
    case 'integer':
      return { valueInteger: value };
    case 'decimal':
      return item.quantity
        ? {
            valueQuantity: {
              value,
              ...(item.unit ? { code: item.unit.code, system: item.unit.system } : {}),
            },
          }
        : { valueDecimal: value };
    case 'date':
      return { valueDate: value };
    case 'text':
      return item.format === 'url' ? { valueUri: value } : { valueString: value };
    case 'choice': {
      const code = String(value);
      const type = item.answerType ?? 'coding';
      if (type === 'integer') return { valueInteger: Number(code) };
      if (type === 'date') return { valueDate: code };
      if (type === 'string') return { valueString: code };
      const option = item.answerOption.find((o) => o.code === code);
      if (!option) return { valueString: code };
      return {
        valueCoding: {
          ...(option.system ? { system: option.system } : {}),
          code,
          display: mainText(option.text, locale),
        },
      };
    }
  }
}
