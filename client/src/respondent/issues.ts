import type { TInvalidParam } from '../../../shared/src/errors';
import { pickText } from '../../../shared/src/locale';
import type { TAnswers, TSurveyDefinition, TSurveyItem } from '../../../shared/src/survey/definition';
import { isAnswerable, isGiven, readAnswer } from '../../../shared/src/survey/items';
import { DEFAULT_TEXT_MAX_LENGTH, isCalendarDate } from '../../../shared/src/survey/validate-answers';
import { h, replace } from '../common/dom';
import type { TUiStrings } from '../i18n';
import { errorId, inputId, questionId } from './questions';

/** One problem to show: against a question (`linkId`) or against the whole form. */
export type TIssue = { linkId: string | null; message: string };

const ANSWER_PREFIX = 'answers.';

/**
 * Turns `invalid_params` (from validateAnswers or the server) into messages in the respondent's
 * language. The reasons are English for developers, so the message is chosen from the question's
 * type and the value instead of from the reason text.
 */
export function toIssues(
  params: TInvalidParam[],
  byLinkId: Map<string, TSurveyItem>,
  answers: TAnswers,
  t: TUiStrings,
): TIssue[] {
  const issues: TIssue[] = [];
  const seen = new Set<string>();
  for (const param of params) {
    const linkId = param.name.startsWith(ANSWER_PREFIX) ? param.name.slice(ANSWER_PREFIX.length) : null;
    const item = linkId === null ? undefined : byLinkId.get(linkId);
    if (linkId !== null && item && isAnswerable(item)) {
      if (seen.has(linkId)) continue;
      seen.add(linkId);
      issues.push({ linkId, message: messageFor(item, readAnswer(answers, linkId), t) });
    } else if (param.name === 'answers') {
      issues.push({ linkId: null, message: t.errorNoAnswers });
    } else {
      issues.push({ linkId: null, message: t.errorGeneric });
    }
  }
  return issues;
}

function messageFor(item: TSurveyItem, value: TAnswers[string] | undefined, t: TUiStrings): string {
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
      return typeof value === 'string' && isCalendarDate(value)
        ? rangeMessage(item.minValue, item.maxValue, t)
        : t.errorDate;
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

/** Marks each question with its message (or clears it): text next to it, `aria-invalid` on its controls. */
export function showQuestionIssues(form: HTMLElement, issues: TIssue[]): void {
  const byLinkId = new Map(issues.filter((i) => i.linkId !== null).map((i) => [i.linkId, i.message]));
  for (const question of form.querySelectorAll<HTMLElement>('.question')) {
    const linkId = question.dataset.linkId ?? '';
    const message = byLinkId.get(linkId);
    const error = document.getElementById(errorId(linkId));
    if (error) {
      error.textContent = message ?? '';
      error.hidden = message === undefined;
    }
    question.classList.toggle('invalid', message !== undefined);
    const describedBy = [question.dataset.describedBy, message === undefined ? null : errorId(linkId)]
      .filter(Boolean)
      .join(' ');
    for (const control of question.querySelectorAll<HTMLElement>('input, textarea, select')) {
      if (message === undefined) control.removeAttribute('aria-invalid');
      else control.setAttribute('aria-invalid', 'true');
      if (describedBy) control.setAttribute('aria-describedby', describedBy);
      else control.removeAttribute('aria-describedby');
    }
  }
}

/** The error summary at the top of the form: a heading and a link to each question with a problem. */
export function renderSummary(
  summary: HTMLElement,
  issues: TIssue[],
  def: TSurveyDefinition,
  locale: string,
  byLinkId: Map<string, TSurveyItem>,
  t: TUiStrings,
  reveal: (linkId: string) => void = () => undefined,
): void {
  summary.hidden = issues.length === 0;
  if (issues.length === 0) {
    summary.replaceChildren();
    return;
  }
  replace(
    summary,
    h('h2', {}, t.errorSummaryTitle),
    h(
      'ul',
      {},
      issues.map((issue) => {
        const item = issue.linkId === null ? undefined : byLinkId.get(issue.linkId);
        if (!item || issue.linkId === null) return h('li', {}, issue.message);
        const linkId = issue.linkId;
        const question = pickText(item.text, locale, def.defaultLocale);
        return h(
          'li',
          {},
          h(
            'a',
            {
              href: `#${inputId(linkId)}`,
              onclick: (event: Event) => {
                event.preventDefault();
                // On a small screen the question may be on another step.
                reveal(linkId);
                document.getElementById(questionId(linkId))?.scrollIntoView({ block: 'start' });
                document.getElementById(inputId(linkId))?.focus({ preventScroll: true });
              },
            },
            `${question}: ${issue.message}`,
          ),
        );
      }),
    ),
  );
}
