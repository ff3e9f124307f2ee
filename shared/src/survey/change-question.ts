import { ZChangeKind } from '../api/org';
import type { TAnswers, TSurveyDefinition, TSurveyItem } from './definition';
import { flattenItems } from './items';

const CHANGE_KINDS: ReadonlySet<string> = new Set(ZChangeKind.options);

/**
 * The question that asks "which change are you reporting on?": a single-choice question whose every
 * option is a kind of technology change (the clinician pulse's first question, however it was
 * edited or named). Recognised by what it asks rather than by its id, so surveys made from older
 * copies of the template are handled too. Rejected: a new item flag, which every existing survey
 * would lack.
 */
export function findChangeQuestion(def: TSurveyDefinition): TSurveyItem | null {
  return (
    flattenItems(def.items).find(
      (item) =>
        item.type === 'choice' &&
        !item.repeats &&
        item.answerOption.length >= 2 &&
        item.answerOption.every((o) => CHANGE_KINDS.has(o.code)),
    ) ?? null
  );
}

/**
 * What a link that names a change answers by itself: the change question, with the change's kind
 * (or "other" when the question does not list that kind). Empty when the link names no change, the
 * survey has no such question, or another question's condition reads it (so it must stay asked).
 */
export function answersFromLink(def: TSurveyDefinition, changeKind: string | null | undefined): TAnswers {
  if (!changeKind) return {};
  const question = findChangeQuestion(def);
  if (question?.type !== 'choice') return {};
  const readByCondition = flattenItems(def.items).some((item) =>
    (item.enableWhen ?? []).some((rule) => rule.question === question.linkId),
  );
  if (readByCondition) return {};
  const codes = question.answerOption.map((o) => o.code);
  const code = codes.includes(changeKind) ? changeKind : codes.includes('other') ? 'other' : null;
  return code ? { [question.linkId]: code } : {};
}

/** The definition as the respondent sees it: without the questions the link answers itself. */
export function withoutAnswered(def: TSurveyDefinition, answered: TAnswers): TSurveyDefinition {
  const skip = new Set(Object.keys(answered));
  if (skip.size === 0) return def;
  const prune = (items: TSurveyItem[]): TSurveyItem[] =>
    items
      .filter((item) => !skip.has(item.linkId))
      .map((item) => (item.type === 'group' ? { ...item, items: prune(item.items) } : item));
  return { ...def, items: prune(def.items) };
}
