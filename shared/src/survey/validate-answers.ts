import type { TInvalidParam } from '../errors';
import type {
  TAnswerableItem,
  TAnswers,
  TAnswerValue,
  TSurveyDefinition,
  TValidatedAnswer,
} from './definition';
import { enabledAnswerableItems } from './enable-when';
import { flattenItems, indexItems, isAnswerable, isGiven, readAnswer } from './items';

/** Free text is capped at this many characters when the question sets no `maxLength`. */
export const DEFAULT_TEXT_MAX_LENGTH = 2000;

export type TValidateAnswersResult =
  { ok: true; answers: TValidatedAnswer[] } | { ok: false; issues: TInvalidParam[] };

/**
 * Checks a submission against a published definition and returns the answers typed and in
 * document order, or every problem found. Blank text and empty selections count as unanswered
 * and are left out; an empty list for a question whose answer is not a list is refused as the wrong
 * type. Text is trimmed and carries its question's intent (default `general`).
 */
export function validateAnswers(def: TSurveyDefinition, answers: TAnswers): TValidateAnswersResult {
  const issues: TInvalidParam[] = [];
  const items = flattenItems(def.items);
  const known = indexItems(def.items);

  for (const linkId of Object.keys(answers)) {
    const item = known.get(linkId);
    if (!item) issues.push({ name: `answers.${linkId}`, reason: 'is not a question in this survey' });
    else if (!isAnswerable(item)) issues.push({ name: `answers.${linkId}`, reason: 'takes no answer' });
  }

  const enabled = new Set(enabledAnswerableItems(def, answers));
  const validated: TValidatedAnswer[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    if (!isAnswerable(item) || seen.has(item.linkId)) continue;
    seen.add(item.linkId);
    const name = `answers.${item.linkId}`;
    const value = readAnswer(answers, item.linkId);
    const given = isGiven(value) || (Array.isArray(value) && !takesList(item));
    if (!enabled.has(item)) {
      if (given) issues.push({ name, reason: 'was not asked given earlier answers' });
      continue;
    }
    if (!given) {
      if (item.required) issues.push({ name, reason: 'is required' });
      continue;
    }
    const checked = checkValue(item, value);
    if ('reason' in checked) {
      issues.push({ name, reason: checked.reason });
      continue;
    }
    const answer: TValidatedAnswer = { linkId: item.linkId, type: item.type, value: checked.value };
    if (item.type === 'text') answer.intent = item.intent ?? 'general';
    validated.push(answer);
  }

  if (issues.length === 0 && validated.length === 0) {
    issues.push({ name: 'answers', reason: 'at least one question must be answered' });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, answers: validated };
}

/** True for `YYYY-MM-DD` naming a day that exists (no 2023-02-29). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  // Year 0 is not a date PostgreSQL (or the Gregorian calendar) has.
  return year >= 1 && monthDays !== undefined && day >= 1 && day <= monthDays;
}

/** A multiple-choice question: the only kind whose answer is a list, so an empty list is a skip. */
function takesList(item: TAnswerableItem): boolean {
  return item.type === 'choice' && item.repeats === true;
}

type TChecked = { value: TValidatedAnswer['value'] } | { reason: string };

function checkValue(item: TAnswerableItem, value: TAnswerValue): TChecked {
  switch (item.type) {
    case 'boolean':
      return typeof value === 'boolean' ? { value } : { reason: 'must be true or false' };
    case 'choice':
      return checkChoice(
        item.answerOption.map((option) => option.code),
        item.repeats === true,
        value,
      );
    case 'rating':
      return isWholeNumber(value) && value >= item.min && value <= item.max
        ? { value }
        : { reason: `must be a whole number from ${item.min} to ${item.max}` };
    case 'integer':
      if (!isWholeNumber(value)) return { reason: 'must be a whole number' };
      return checkRange(value, item.minValue, item.maxValue);
    case 'decimal':
      if (typeof value !== 'number' || !Number.isFinite(value)) return { reason: 'must be a number' };
      return checkRange(value, item.minValue, item.maxValue);
    case 'date':
      if (typeof value !== 'string' || !isCalendarDate(value)) {
        return { reason: 'must be a real date written as YYYY-MM-DD' };
      }
      if (item.minValue !== undefined && value < item.minValue)
        return { reason: `must be on or after ${item.minValue}` };
      if (item.maxValue !== undefined && value > item.maxValue)
        return { reason: `must be on or before ${item.maxValue}` };
      return { value };
    case 'text': {
      if (typeof value !== 'string') return { reason: 'must be text' };
      const text = value.trim();
      const maxLength = item.maxLength ?? DEFAULT_TEXT_MAX_LENGTH;
      return text.length <= maxLength
        ? { value: text }
        : { reason: `must be at most ${maxLength} characters long (this is ${text.length})` };
    }
  }
}

function checkChoice(codes: string[], repeats: boolean, value: TAnswerValue): TChecked {
  const notAnOption = (code: string): TChecked => ({ reason: `"${code}" is not one of the options` });
  if (!repeats) {
    if (typeof value !== 'string') return { reason: 'must be one option' };
    return codes.includes(value) ? { value } : notAnOption(value);
  }
  if (!Array.isArray(value)) return { reason: 'must be a list of options' };
  const chosen = new Set<string>();
  for (const code of value) {
    if (!codes.includes(code)) return notAnOption(code);
    if (chosen.has(code)) return { reason: `"${code}" is chosen more than once` };
    chosen.add(code);
  }
  return { value };
}

function checkRange(value: number, min: number | undefined, max: number | undefined): TChecked {
  if (min !== undefined && value < min) return { reason: `must be at least ${min}` };
  if (max !== undefined && value > max) return { reason: `must be at most ${max}` };
  return { value };
}

function isWholeNumber(value: TAnswerValue): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}
