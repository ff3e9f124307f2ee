import type { TAnswers, TSurveyItem } from '../../../shared/src/survey/definition';
import { isItemEnabled } from '../../../shared/src/survey/enable-when';
import { isAnswerable, isGiven, readAnswer } from '../../../shared/src/survey/items';

/** Keeps only answers to questions this version has, so a draft from an older version cannot break the form. */
export function restoreAnswers(saved: TAnswers, byLinkId: Map<string, TSurveyItem>): TAnswers {
  const answers: TAnswers = {};
  for (const [linkId, value] of Object.entries(saved)) {
    const item = byLinkId.get(linkId);
    if (item && isAnswerable(item) && isGiven(value)) answers[linkId] = value;
  }
  return answers;
}

/**
 * Every item shown for `answers`, groups and display text included. It walks the tree the way
 * enabledAnswerableItems does: a hidden group hides its children, and a hidden question's answer
 * counts as absent for the questions after it.
 */
export function visibleLinkIds(
  items: TSurveyItem[],
  answers: TAnswers,
  byLinkId: Map<string, TSurveyItem>,
): Set<string> {
  const visible = new Set<string>();
  const asked: TAnswers = {};
  const walk = (list: TSurveyItem[]): void => {
    for (const item of list) {
      if (!isItemEnabled(item, asked, byLinkId)) continue;
      visible.add(item.linkId);
      if (item.type === 'group') walk(item.items);
      const value = isAnswerable(item) ? readAnswer(answers, item.linkId) : undefined;
      if (value !== undefined) asked[item.linkId] = value;
    }
  };
  walk(items);
  return visible;
}
