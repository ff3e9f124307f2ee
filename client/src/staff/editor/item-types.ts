import type { TSurveyDefinition, TSurveyItem, TItemType } from '../../../../shared/src/survey/definition';
import { flattenItems } from '../../../../shared/src/survey/items';

export const TYPE_LABELS: Record<TItemType, string> = {
  boolean: 'Yes / no',
  choice: 'Choice (one or several)',
  rating: 'Rating scale',
  text: 'Free text',
  integer: 'Whole number',
  decimal: 'Decimal number',
  date: 'Date',
  display: 'Information text (no answer)',
  group: 'Group of questions',
};

export const ITEM_TYPES = Object.keys(TYPE_LABELS) as TItemType[];

/** A linkId not used anywhere in the survey: `q1`, `q2`, … */
export function uniqueLinkId(def: TSurveyDefinition, prefix = 'q'): string {
  const used = new Set(flattenItems(def.items).map((item) => item.linkId));
  let n = used.size + 1;
  while (used.has(`${prefix}${n}`)) n += 1;
  return `${prefix}${n}`;
}

export function newItem(def: TSurveyDefinition): TSurveyItem {
  return {
    linkId: uniqueLinkId(def),
    type: 'text',
    text: { [def.defaultLocale]: 'New question' },
    intent: 'general',
  };
}

/**
 * The item as another type: text, help, conditions and `required` carry over; fields only the
 * old type had are dropped (the server refuses unknown fields), and the new type's get defaults.
 */
export function convertItem(item: TSurveyItem, type: TItemType, def: TSurveyDefinition): TSurveyItem {
  const common = {
    linkId: item.linkId,
    text: item.text,
    ...(item.helpText ? { helpText: item.helpText } : {}),
    ...(item.enableWhen ? { enableWhen: item.enableWhen } : {}),
    ...(item.enableBehavior ? { enableBehavior: item.enableBehavior } : {}),
  };
  const required = item.type !== 'display' && item.required ? { required: true } : {};
  switch (type) {
    case 'display':
      return { ...common, type };
    case 'boolean':
    case 'date':
      return { ...common, ...required, type };
    case 'choice':
      return {
        ...common,
        ...required,
        type,
        answerOption: item.type === 'choice' ? item.answerOption : defaultOptions(def),
      };
    case 'rating':
      return { ...common, ...required, type, min: 1, max: 5 };
    case 'text':
      return { ...common, ...required, type, intent: 'general' };
    case 'integer':
    case 'decimal':
      return { ...common, ...required, type };
    case 'group':
      return { ...common, type, items: item.type === 'group' ? item.items : [] };
  }
}

function defaultOptions(def: TSurveyDefinition): Extract<TSurveyItem, { type: 'choice' }>['answerOption'] {
  return [1, 2].map((n) => ({ code: `option-${n}`, text: { [def.defaultLocale]: `Option ${n}` } }));
}

/** The smallest valid survey, for "Blank survey". */
export function blankDefinition(): TSurveyDefinition {
  return {
    title: { en: 'Untitled survey', es: 'Encuesta sin título' },
    defaultLocale: 'en',
    locales: ['en', 'es'],
    audience: 'patient',
    items: [
      {
        linkId: 'q1',
        type: 'text',
        text: { en: 'Tell us about your visit.', es: 'Cuéntenos sobre su visita.' },
        intent: 'general',
      },
    ],
  };
}
