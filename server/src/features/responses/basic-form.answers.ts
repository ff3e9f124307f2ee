import type {
  TAnswerableItem,
  TAnswers,
  TAnswerValue,
  TSurveyDefinition,
} from '../../../../shared/src/survey/definition';
import { enabledAnswerableItems } from '../../../../shared/src/survey/enable-when';
import { flattenItems, isAnswerable, isGiven, readAnswer } from '../../../../shared/src/survey/items';

/** What `express.urlencoded({ extended: false })` gives: a value, or a list for a repeated name. */
export type TFormFields = Record<string, string | string[] | undefined>;

/**
 * Form field names. Answers are `a.<linkId>` (the parser keeps names literally, brackets and dots
 * included); the rest start with `_`, which no answer name does.
 */
export const FIELD = { version: '_version', key: '_key', lang: '_lang', answer: 'a.' } as const;

/** Answers as posted, by linkId: kept as typed so a re-shown form holds exactly what was sent. */
export type TRawAnswers = Map<string, string[]>;

export function fieldValues(fields: TFormFields, name: string): string[] {
  const value = Object.hasOwn(fields, name) ? fields[name] : undefined;
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** The single value of a field, or undefined when it is missing or sent more than once. */
export function fieldValue(fields: TFormFields, name: string): string | undefined {
  const values = fieldValues(fields, name);
  return values.length === 1 ? values[0] : undefined;
}

/** PostgreSQL cannot store U+0000 in text; such a post is refused whole, as the JSON API does. */
export function holdsNul(fields: TFormFields): boolean {
  return Object.entries(fields).some(
    ([name, value]) => name.includes('\u0000') || fieldValuesOf(value).some((v) => v.includes('\u0000')),
  );
}

const fieldValuesOf = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** The posted answers to the definition's questions; fields for anything else are ignored. */
export function readRawAnswers(def: TSurveyDefinition, fields: TFormFields): TRawAnswers {
  const raw: TRawAnswers = new Map();
  for (const item of flattenItems(def.items)) {
    if (!isAnswerable(item) || raw.has(item.linkId)) continue;
    const values = fieldValues(fields, `${FIELD.answer}${item.linkId}`);
    if (values.length > 0) raw.set(item.linkId, values);
  }
  return raw;
}

/**
 * Turns posted text into the app's answers, typed as the JSON page sends them. What cannot be
 * read as its type stays text, so validation names the problem. Blank fields are no answer. Then
 * answers to questions that end up not asked are dropped: without JavaScript every conditional
 * question is shown, and the person may have answered one whose condition their other answers rule
 * out (enabledAnswerableItems decides, as validateAnswers will).
 */
export function toAnswers(def: TSurveyDefinition, raw: TRawAnswers): TAnswers {
  const answers: TAnswers = {};
  for (const item of flattenItems(def.items)) {
    if (!isAnswerable(item)) continue;
    const values = (raw.get(item.linkId) ?? []).filter((v) => v.trim() !== '');
    if (values.length === 0) continue;
    answers[item.linkId] = typedValue(item, values);
  }
  const asked = new Set(enabledAnswerableItems(def, answers).map((item) => item.linkId));
  for (const linkId of Object.keys(answers)) if (!asked.has(linkId)) delete answers[linkId];
  return answers;
}

function typedValue(item: TAnswerableItem, values: string[]): TAnswerValue {
  if (item.type === 'choice' && item.repeats) return values;
  // One control, several values: only a hand-made post does this; validation refuses the list.
  if (values.length > 1) return values;
  const text = values[0]!;
  switch (item.type) {
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text;
    case 'rating':
    case 'integer':
      return parseNumber(text, true);
    case 'decimal':
      return parseNumber(text, false);
    default:
      return text;
  }
}

/** A number when the text is one (a decimal comma allowed, as on the JS page); else the text itself. */
export function parseNumber(raw: string, integer: boolean): TAnswerValue {
  const text = raw.trim();
  const pattern = integer ? /^[+-]?\d{1,15}$/ : /^[+-]?(\d{1,15}([.,]\d{0,15})?|[.,]\d{1,15})$/;
  return pattern.test(text) ? Number(text.replace(',', '.')) : text;
}

/** Whether a contact-details question was answered: the thank-you page then says how they are used. */
export function gaveContact(def: TSurveyDefinition, answers: TAnswers): boolean {
  return flattenItems(def.items).some(
    (item) => item.type === 'text' && item.intent === 'contact' && isGiven(readAnswer(answers, item.linkId)),
  );
}
