import type { TInvalidParam } from '../errors';
import type { TUiStrings } from '../i18n/types';
import type { TAnswers, TAnswerValue, TSurveyItem } from './definition';
import { isAnswerable, isGiven, readAnswer } from './items';
import { DEFAULT_TEXT_MAX_LENGTH, isCalendarDate } from './validate-answers';

/** One problem to show: against a question (`linkId`) or against the whole form. */
export type TIssue = { linkId: string | null; message: string };

const ANSWER_PREFIX = 'answers.';

/**
 * Turns `invalid_params` (from validateAnswers or the server) into messages in the respondent's
 * language, for the JS page and the no-JavaScript form. The reasons are English for developers, so
 * the message is chosen from the question's type and the value instead of from the reason text.
 * One message per question, and each form-wide message once. `dateHint` adds the date format,
 * for pages where a browser without a date picker shows a plain text field.
 */
export function toIssues(
  params: TInvalidParam[],
  byLinkId: Map<string, TSurveyItem>,
  answers: TAnswers,
  t: TUiStrings,
  options: { dateHint?: boolean } = {},
): TIssue[] {
  const issues: TIssue[] = [];
  const seen = new Set<string>();
  const add = (key: string, issue: TIssue) => {
    if (seen.has(key)) return;
    seen.add(key);
    issues.push(issue);
  };
  for (const param of params) {
    const linkId = linkIdOf(param.name, byLinkId);
    const item = linkId === null ? undefined : byLinkId.get(linkId);
    if (linkId !== null && item && isAnswerable(item)) {
      add(`q:${linkId}`, { linkId, message: messageFor(item, readAnswer(answers, linkId), t, options) });
    } else {
      const message = param.name === 'answers' ? t.errorNoAnswers : t.errorGeneric;
      add(`form:${message}`, { linkId: null, message });
    }
  }
  return issues;
}

/**
 * The question a parameter names. Schema checks name a list's entry `answers.<linkId>.0`, and a
 * linkId may itself hold dots, so the longest known linkId the name starts with wins.
 */
function linkIdOf(name: string, byLinkId: Map<string, TSurveyItem>): string | null {
  if (!name.startsWith(ANSWER_PREFIX)) return null;
  let path = name.slice(ANSWER_PREFIX.length);
  for (;;) {
    if (byLinkId.has(path)) return path;
    const dot = path.lastIndexOf('.');
    if (dot < 0) return null;
    path = path.slice(0, dot);
  }
}

function messageFor(
  item: TSurveyItem,
  value: TAnswerValue | undefined,
  t: TUiStrings,
  options: { dateHint?: boolean },
): string {
  if (!isGiven(value)) return t.errorRequired;
  switch (item.type) {
    case 'integer':
    case 'decimal': {
      const isNumber = typeof value === 'number' && (item.type === 'decimal' || Number.isInteger(value));
      if (!isNumber) return item.type === 'integer' ? t.errorWholeNumber : t.errorNumber;
      return rangeMessage(item.minValue, item.maxValue, t);
    }
    case 'rating':
      return t.errorBetween(String(item.min), String(item.max));
    case 'date':
      if (typeof value === 'string' && isCalendarDate(value))
        return rangeMessage(item.minValue, item.maxValue, t);
      return options.dateHint ? `${t.errorDate} ${t.dateHint}` : t.errorDate;
    case 'text':
      return t.errorTooLong(item.maxLength ?? DEFAULT_TEXT_MAX_LENGTH);
    case 'choice':
      return t.errorChoice;
    default:
      return t.errorGeneric;
  }
}

function rangeMessage(
  min: number | string | undefined,
  max: number | string | undefined,
  t: TUiStrings,
): string {
  if (min !== undefined && max !== undefined) return t.errorBetween(String(min), String(max));
  if (min !== undefined) return t.errorAtLeast(String(min));
  if (max !== undefined) return t.errorAtMost(String(max));
  return t.errorGeneric;
}
