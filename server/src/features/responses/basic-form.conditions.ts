import type { TUiStrings } from '../../../../shared/src/i18n';
import { pickText } from '../../../../shared/src/locale';
import type { TEnableWhen, TSurveyDefinition, TSurveyItem } from '../../../../shared/src/survey/definition';

/**
 * An item's enableWhen in words, or null when it has none. Without JavaScript the page cannot
 * hide a question as the person answers, so every question is shown and its condition said in
 * text; answers to questions whose conditions end up unmet are dropped on the server.
 */
export function describeCondition(
  item: TSurveyItem,
  def: TSurveyDefinition,
  byLinkId: Map<string, TSurveyItem>,
  locale: string,
  t: TUiStrings,
): string | null {
  const parts = (item.enableWhen ?? [])
    .map((condition) => describeOne(condition, def, byLinkId, locale, t))
    .filter((part): part is string => part !== null);
  if (parts.length === 0) return null;
  const joined = parts.join(` ${item.enableBehavior === 'any' ? t.or : t.and} `);
  if (item.type === 'group') return t.groupOnlyIf(joined);
  return item.type === 'display' ? t.displayOnlyIf(joined) : t.onlyIf(joined);
}

function describeOne(
  condition: TEnableWhen,
  def: TSurveyDefinition,
  byLinkId: Map<string, TSurveyItem>,
  locale: string,
  t: TUiStrings,
): string | null {
  const target = byLinkId.get(condition.question);
  if (!target) return null;
  const tr = (text: Record<string, string>) => pickText(text, locale, def.defaultLocale);
  const question = tr(target.text);
  const answer = answerText(target, condition.answer, tr, t);
  switch (condition.operator) {
    case 'exists':
      return condition.answer === false ? t.answeredNone(question) : t.answeredAny(question);
    case '=':
      return t.answered(answer, question);
    case '!=':
      return t.notAnswered(answer, question);
    default:
      return t.compared(question, condition.operator, answer);
  }
}

/** How the page shows the answer a condition names: Yes/No, an option's text, a scale's label. */
function answerText(
  target: TSurveyItem,
  answer: TEnableWhen['answer'],
  tr: (text: Record<string, string>) => string,
  t: TUiStrings,
): string {
  if (typeof answer === 'boolean') return answer ? t.yes : t.no;
  if (target.type === 'choice') {
    const option = target.answerOption.find((o) => o.code === answer);
    if (option) return tr(option.text);
  }
  if (target.type === 'rating') {
    const label = target.labels?.find((l) => l.value === answer);
    if (label) return `${answer} (${tr(label.text)})`;
  }
  return String(answer);
}
