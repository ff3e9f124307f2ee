import type {
  TAnswerableItem,
  TAnswers,
  TAnswerValue,
  TEnableWhen,
  TSurveyDefinition,
  TSurveyItem,
} from './definition';
import { indexItems, isAnswerable, isGiven, readAnswer } from './items';

/**
 * Whether `item`'s own conditions hold for `answers` (FHIR R4 `enableWhen`, `enableBehavior`
 * defaulting to `all`). An answer to anything that is not a known answerable item counts as absent.
 * This does not look at the item's ancestors or at whether the questions it depends on are
 * themselves shown; {@link enabledAnswerableItems} does.
 */
export function isItemEnabled(
  item: TSurveyItem,
  answers: TAnswers,
  byLinkId: Map<string, TSurveyItem>,
): boolean {
  const conditions = item.enableWhen ?? [];
  if (conditions.length === 0) return true;
  const holds = (condition: TEnableWhen): boolean => {
    const target = byLinkId.get(condition.question);
    const value = target && isAnswerable(target) ? readAnswer(answers, condition.question) : undefined;
    return meetsCondition(condition, value);
  };
  return item.enableBehavior === 'any' ? conditions.some(holds) : conditions.every(holds);
}

/**
 * The questions a respondent is asked given `answers`, in document order. A hidden group hides
 * everything inside it, and an answer to a hidden question counts as absent, so a question that
 * depends on a hidden one is judged as if that one were unanswered. Conditions are evaluated in
 * document order, so one that points at a later question sees no answer.
 */
export function enabledAnswerableItems(def: TSurveyDefinition, answers: TAnswers): TAnswerableItem[] {
  const byLinkId = indexItems(def.items);
  const asked: TAnswers = {};
  const enabled: TAnswerableItem[] = [];
  const walk = (items: TSurveyItem[]): void => {
    for (const item of items) {
      if (!isItemEnabled(item, asked, byLinkId)) continue;
      if (item.type === 'group') {
        walk(item.items);
      } else if (isAnswerable(item)) {
        enabled.push(item);
        const value = readAnswer(answers, item.linkId);
        if (value !== undefined) asked[item.linkId] = value;
      }
    }
  };
  walk(def.items);
  return enabled;
}

function meetsCondition(condition: TEnableWhen, value: TAnswerValue | undefined): boolean {
  if (condition.operator === 'exists') return isGiven(value) === condition.answer;
  // FHIR: with no answer, every comparison is false except "not equal".
  if (!isGiven(value)) return condition.operator === '!=';
  switch (condition.operator) {
    case '=':
      return equalsAnswer(value, condition.answer);
    case '!=':
      return !equalsAnswer(value, condition.answer);
    default:
      return compareAnswer(value, condition.answer, condition.operator);
  }
}

function equalsAnswer(value: TAnswerValue, expected: TEnableWhen['answer']): boolean {
  if (Array.isArray(value)) return typeof expected === 'string' && value.includes(expected);
  if (typeof value === 'string') return typeof expected === 'string' && value.trim() === expected;
  return value === expected;
}

/** Numbers compare as numbers, ISO dates as strings (which sorts them by date); anything else never matches. */
function compareAnswer(
  value: TAnswerValue,
  expected: TEnableWhen['answer'],
  operator: '>' | '<' | '>=' | '<=',
): boolean {
  if (typeof value === 'number' && typeof expected === 'number') return compare(value, expected, operator);
  if (typeof value === 'string' && typeof expected === 'string')
    return compare(value.trim(), expected, operator);
  return false;
}

function compare<T extends number | string>(
  value: T,
  expected: T,
  operator: '>' | '<' | '>=' | '<=',
): boolean {
  switch (operator) {
    case '>':
      return value > expected;
    case '<':
      return value < expected;
    case '>=':
      return value >= expected;
    case '<=':
      return value <= expected;
  }
}
