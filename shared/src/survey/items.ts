import type { TAnswerableItem, TAnswers, TAnswerValue, TSurveyItem } from './definition';

/** An item together with its dotted path from the definition root (`items.0.items.2`). */
export type TLocatedItem = { item: TSurveyItem; path: string };

/** Every item of the tree in document order, each group before its children. */
export function flattenItems(items: TSurveyItem[]): TSurveyItem[] {
  return locateItems(items).map(({ item }) => item);
}

/** Like {@link flattenItems}, with each item's path, for reporting problems against the definition. */
export function locateItems(items: TSurveyItem[], basePath = 'items'): TLocatedItem[] {
  const located: TLocatedItem[] = [];
  items.forEach((item, index) => {
    const path = `${basePath}.${index}`;
    located.push({ item, path });
    if (item.type === 'group') located.push(...locateItems(item.items, `${path}.items`));
  });
  return located;
}

/** True for items that take an answer: everything but groups and display text. */
export function isAnswerable(item: TSurveyItem): item is TAnswerableItem {
  return item.type !== 'group' && item.type !== 'display';
}

/** Items by linkId. Should a linkId repeat (checkDefinition refuses that), the first one wins. */
export function indexItems(items: TSurveyItem[]): Map<string, TSurveyItem> {
  const byLinkId = new Map<string, TSurveyItem>();
  for (const item of flattenItems(items)) {
    if (!byLinkId.has(item.linkId)) byLinkId.set(item.linkId, item);
  }
  return byLinkId;
}

/**
 * The answer given for `linkId`, if any. Reads own properties only: linkIds such as `constructor`
 * are valid, and a plain lookup would find `Object.prototype.constructor` for an unanswered one.
 */
export function readAnswer(answers: TAnswers, linkId: string): TAnswerValue | undefined {
  return Object.hasOwn(answers, linkId) ? answers[linkId] : undefined;
}

/**
 * Whether a value counts as an answer. Blank text and an empty selection count as no answer,
 * because forms send them for questions the respondent skipped.
 */
export function isGiven(value: TAnswerValue | undefined): value is TAnswerValue {
  if (value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}
