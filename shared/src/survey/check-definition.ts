import type { TInvalidParam } from '../errors';
import type { TLocalizedText } from '../locale';
import type { TEnableWhen, TSurveyDefinition, TSurveyItem } from './definition';
import { isAnswerable, locateItems, type TLocatedItem } from './items';
import { DEFAULT_TEXT_MAX_LENGTH, isCalendarDate } from './validate-answers';

/**
 * All of a survey's free text must fit in one submission: the server takes 256 kB, and this many
 * characters stay under it even at four bytes each with JSON's escaping.
 */
export const MAX_TOTAL_TEXT_LENGTH = 50_000;

type TReport = (name: string, reason: string) => void;
type TIndexed = TLocatedItem & { index: number };

const ORDER_OPERATORS: ReadonlySet<TEnableWhen['operator']> = new Set(['>', '<', '>=', '<=']);

/**
 * Problems in a structurally valid definition that its zod schema cannot see: duplicate IDs,
 * conditions that can never work, contradictory ranges, missing default-language text, scoring
 * rules the items do not fit. Returns every problem, each named by its dotted path from the root.
 */
export function checkDefinition(def: TSurveyDefinition): TInvalidParam[] {
  const issues: TInvalidParam[] = [];
  const report: TReport = (name, reason) => issues.push({ name, reason });

  checkLocales(def, report);
  const needText = (text: TLocalizedText | undefined, name: string): void => {
    if (text !== undefined && !Object.hasOwn(text, def.defaultLocale)) {
      report(name, `has no text in the survey's default language (${def.defaultLocale})`);
    }
  };
  needText(def.title, 'title');
  needText(def.description, 'description');

  const located = locateItems(def.items).map((at, index) => ({ ...at, index }));
  const textBudget = located.reduce(
    (sum, { item }) => sum + (item.type === 'text' ? (item.maxLength ?? DEFAULT_TEXT_MAX_LENGTH) : 0),
    0,
  );
  if (textBudget > MAX_TOTAL_TEXT_LENGTH) {
    report(
      'items',
      `the free-text questions together allow ${textBudget} characters; at most ${MAX_TOTAL_TEXT_LENGTH}, so that every answer fits in one submission`,
    );
  }
  const firstByLinkId = new Map<string, TIndexed>();
  for (const at of located) {
    const first = firstByLinkId.get(at.item.linkId);
    if (first) {
      report(
        `${at.path}.linkId`,
        `"${at.item.linkId}" is already the ID of ${first.path}; every item needs its own ID`,
      );
    } else {
      firstByLinkId.set(at.item.linkId, at);
    }
  }

  for (const at of located) {
    checkItemTexts(at, needText);
    checkItemShape(at, report);
    at.item.enableWhen?.forEach((condition, k) =>
      checkCondition(condition, `${at.path}.enableWhen.${k}`, at, firstByLinkId, report),
    );
  }

  if (def.scoring === 'sus') checkSus(located, report);
  return issues;
}

function checkLocales(def: TSurveyDefinition, report: TReport): void {
  if (!def.locales.includes(def.defaultLocale)) {
    report(
      'defaultLocale',
      `"${def.defaultLocale}" must be one of the survey's languages (${def.locales.join(', ')})`,
    );
  }
  def.locales.forEach((locale, i) => {
    if (def.locales.indexOf(locale) !== i) report(`locales.${i}`, `"${locale}" is listed more than once`);
  });
}

function checkItemTexts(
  { item, path }: TLocatedItem,
  needText: (text: TLocalizedText | undefined, name: string) => void,
) {
  needText(item.text, `${path}.text`);
  needText(item.helpText, `${path}.helpText`);
  if (item.type === 'choice') {
    item.answerOption.forEach((option, i) => needText(option.text, `${path}.answerOption.${i}.text`));
  }
  if (item.type === 'rating') {
    item.labels?.forEach((label, i) => needText(label.text, `${path}.labels.${i}.text`));
  }
}

function checkItemShape({ item, path }: TLocatedItem, report: TReport): void {
  switch (item.type) {
    case 'group':
      if (item.items.length === 0)
        report(`${path}.items`, 'a group needs at least one question or text inside it');
      if (item.required) {
        report(
          `${path}.required`,
          'a group cannot be required; mark the questions inside it as required instead',
        );
      }
      return;
    case 'display':
      if (item.required) report(`${path}.required`, 'display text takes no answer, so it cannot be required');
      return;
    case 'choice': {
      if (item.answerOption.length === 0)
        report(`${path}.answerOption`, 'a choice question needs at least one option');
      const codes = item.answerOption.map((option) => option.code);
      codes.forEach((code, i) => {
        if (codes.indexOf(code) !== i)
          report(`${path}.answerOption.${i}.code`, `"${code}" is already used by another option`);
      });
      return;
    }
    case 'rating': {
      if (item.min >= item.max) {
        report(
          `${path}.max`,
          `the top of the scale (${item.max}) must be higher than the bottom (${item.min})`,
        );
      }
      const values = (item.labels ?? []).map((label) => label.value);
      values.forEach((value, i) => {
        if (value < item.min || value > item.max) {
          report(
            `${path}.labels.${i}.value`,
            `${value} is outside the scale, which runs from ${item.min} to ${item.max}`,
          );
        } else if (values.indexOf(value) !== i) {
          report(`${path}.labels.${i}.value`, `${value} already has a label`);
        }
      });
      return;
    }
    case 'integer':
    case 'decimal':
    case 'date':
      if (item.minValue !== undefined && item.maxValue !== undefined && item.minValue > item.maxValue) {
        report(
          `${path}.maxValue`,
          `the largest allowed answer (${item.maxValue}) is below the smallest (${item.minValue})`,
        );
      }
      return;
    case 'boolean':
    case 'text':
      return;
  }
}

function checkCondition(
  condition: TEnableWhen,
  name: string,
  at: TIndexed,
  firstByLinkId: Map<string, TIndexed>,
  report: TReport,
): void {
  const id = condition.question;
  const target = firstByLinkId.get(id);
  if (id === at.item.linkId) {
    report(`${name}.question`, 'an item cannot depend on its own answer');
    return;
  }
  if (!target) {
    report(`${name}.question`, `refers to "${id}", but no item has that ID`);
    return;
  }
  if (!isAnswerable(target.item)) {
    const what = target.item.type === 'group' ? 'a group' : 'display text';
    report(`${name}.question`, `refers to "${id}", which is ${what} and takes no answer`);
    return;
  }
  if (target.index > at.index) {
    report(
      `${name}.question`,
      `refers to "${id}", which comes later; a condition can only depend on an earlier question`,
    );
    return;
  }
  if (condition.operator === 'exists') {
    if (typeof condition.answer !== 'boolean') {
      report(`${name}.answer`, '"exists" takes true (answered) or false (not answered)');
    }
    return;
  }
  const targetType = target.item.type;
  if (
    ORDER_OPERATORS.has(condition.operator) &&
    !['rating', 'integer', 'decimal', 'date'].includes(targetType)
  ) {
    report(
      `${name}.operator`,
      `"${condition.operator}" only works with numbers, ratings and dates; "${id}" takes ${describeAnswer(target.item)}`,
    );
    return;
  }
  const problem = answerProblem(target.item, condition.answer);
  if (problem) report(`${name}.answer`, problem);
}

/** Why `answer` can never be given to `target`, or undefined when it fits. */
function answerProblem(target: TSurveyItem, answer: TEnableWhen['answer']): string | undefined {
  const fits = `must be ${describeAnswer(target)}, to match what "${target.linkId}" takes`;
  switch (target.type) {
    case 'choice':
      if (typeof answer !== 'string') return fits;
      return target.answerOption.some((option) => option.code === answer)
        ? undefined
        : `"${answer}" is not one of the options of "${target.linkId}"`;
    case 'boolean':
      return typeof answer === 'boolean' ? undefined : fits;
    case 'rating':
    case 'integer':
    case 'decimal':
      return typeof answer === 'number' ? undefined : fits;
    case 'date':
      return typeof answer === 'string' && isCalendarDate(answer) ? undefined : fits;
    case 'text':
      return typeof answer === 'string' ? undefined : fits;
    default:
      return undefined;
  }
}

function describeAnswer(item: TSurveyItem): string {
  switch (item.type) {
    case 'choice':
      return 'an option code';
    case 'boolean':
      return 'yes or no (true or false)';
    case 'rating':
    case 'integer':
    case 'decimal':
      return 'a number';
    case 'date':
      return 'a date written as YYYY-MM-DD';
    default:
      return 'text';
  }
}

function checkSus(located: TLocatedItem[], report: TReport): void {
  const ratings = located.filter((at) => at.item.type === 'rating');
  if (ratings.length !== 10) {
    report('scoring', `SUS scoring needs exactly 10 rating questions; this survey has ${ratings.length}`);
  }
  for (const { item, path } of ratings) {
    if (item.type === 'rating' && (item.min !== 1 || item.max !== 5)) {
      report(
        path,
        `SUS scoring needs every rating to run from 1 to 5; this one runs from ${item.min} to ${item.max}`,
      );
    }
  }
}
