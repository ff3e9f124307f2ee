import type { TEnableWhen, TSurveyItem } from '../survey/definition';
import { asArray, isObject, type TJson } from './fhir-common';
import type { TState } from './import-state';

const ANSWER_KEYS = ['answerBoolean', 'answerDecimal', 'answerInteger', 'answerDate', 'answerString'];

export function readEnableWhen(state: TState, raw: TJson, path: string): TEnableWhen[] {
  const out: TEnableWhen[] = [];
  asArray(raw.enableWhen).forEach((c, i) => {
    const at = `${path}.enableWhen[${i}]`;
    if (!isObject(c) || typeof c.question !== 'string' || typeof c.operator !== 'string') {
      state.problems.push({ name: at, reason: 'needs a question and an operator' });
      return;
    }
    const key = ANSWER_KEYS.find((k) => c[k] !== undefined);
    let answer: unknown = key ? c[key] : undefined;
    if (isObject(c.answerCoding)) answer = c.answerCoding.code;
    if (answer === undefined) {
      const what = Object.keys(c).find((k) => k.startsWith('answer')) ?? 'answer[x]';
      state.problems.push({
        name: `${at}.${what}`,
        reason: 'CareLoop cannot compare this kind of answer; the condition would be lost',
      });
      return;
    }
    out.push({ question: c.question, operator: c.operator, answer } as TEnableWhen);
  });
  return out;
}

/** Conditions on questions that were left out, or whose value a calculation sets, change the form: refuse. */
export function checkConditions(state: TState, items: TSurveyItem[]): void {
  const visit = (list: TSurveyItem[]): void => {
    for (const item of list) {
      item.enableWhen?.forEach((c, i) => {
        // A choice of integer or date values keeps its options' values as text codes.
        const target = state.kept.get(c.question);
        if (target?.type === 'choice' && c.operator !== 'exists' && typeof c.answer === 'number') {
          c.answer = String(c.answer);
        }
        const dropped = state.dropped.get(c.question);
        const name = `${item.linkId}.enableWhen[${i}]`;
        if (dropped) {
          state.problems.push({
            name,
            reason: `depends on "${c.question}" (${dropped}), which CareLoop cannot ask`,
          });
        } else if (state.calculated.has(c.question)) {
          state.problems.push({
            name,
            reason: `depends on "${c.question}", whose value an expression calculates`,
          });
        }
      });
      if (item.required && state.calculated.has(item.linkId)) {
        state.problems.push({
          name: state.calculated.get(item.linkId)!,
          reason: 'a required answer is calculated by an expression CareLoop cannot evaluate',
        });
      }
      if (item.type === 'group') visit(item.items);
    }
  };
  visit(items);
}
