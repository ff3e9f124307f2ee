import type { TUiStrings } from '../../../shared/src/i18n';
import { pickText } from '../../../shared/src/locale';
import type { TSurveyDefinition, TSurveyItem } from '../../../shared/src/survey/definition';
import type { TIssue } from '../../../shared/src/survey/issue-text';
import { h, replace } from '../common/dom';
import { errorId, inputId, questionId } from './questions';

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
