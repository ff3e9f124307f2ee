import { pickText } from '../../../../shared/src/locale';
import type { TAnswerableItem, TEnableWhen, TSurveyItem } from '../../../../shared/src/survey/definition';
import { flattenItems, isAnswerable } from '../../../../shared/src/survey/items';
import { domId, h, replace } from '../../common/dom';
import type { TEditorContext } from './context';

type TOperator = TEnableWhen['operator'];

const OPERATOR_LABELS: Record<TOperator, string> = {
  '=': 'is',
  '!=': 'is not',
  '>': 'is more than',
  '<': 'is less than',
  '>=': 'is at least',
  '<=': 'is at most',
  exists: 'has been answered or not',
};

/** Ordering only means something for numbers and dates. */
function operatorsFor(target: TAnswerableItem): TOperator[] {
  const ordered = ['rating', 'integer', 'decimal', 'date'].includes(target.type);
  return ordered ? ['=', '!=', '>', '<', '>=', '<=', 'exists'] : ['=', '!=', 'exists'];
}

function defaultAnswer(target: TAnswerableItem): TEnableWhen['answer'] {
  switch (target.type) {
    case 'boolean':
      return true;
    case 'choice':
      return target.answerOption[0]?.code ?? '';
    case 'rating':
      return target.min + Math.floor((target.max - target.min) / 2);
    case 'integer':
    case 'decimal':
      return 0;
    case 'date':
      return new Date().toISOString().slice(0, 10);
    case 'text':
      return '';
  }
}

function defaultCondition(target: TAnswerableItem): TEnableWhen {
  const operator: TOperator = target.type === 'text' ? 'exists' : target.type === 'rating' ? '<=' : '=';
  return { question: target.linkId, operator, answer: operator === 'exists' ? true : defaultAnswer(target) };
}

/**
 * "Show this question only when <question> <operator> <value>": the first of the item's FHIR
 * enableWhen conditions. Further conditions (from an imported Questionnaire) are kept untouched.
 */
export function conditionEditor(item: TSurveyItem, path: string, ctx: TEditorContext): HTMLElement {
  const container = h('div', { class: 'condition' });
  const id = (name: string): string => domId(name, path);
  const own = new Set(flattenItems([item]).map((i) => i.linkId));
  const candidates = flattenItems(ctx.def.items).filter(
    (i): i is TAnswerableItem => isAnswerable(i) && !own.has(i.linkId),
  );
  const label = (target: TAnswerableItem): string => {
    const text = pickText(target.text, ctx.def.defaultLocale, ctx.def.defaultLocale);
    return `${target.linkId}: ${text.length > 60 ? `${text.slice(0, 57)}…` : text}`;
  };

  function setCondition(condition: TEnableWhen | null): void {
    const rest = item.enableWhen?.slice(1) ?? [];
    if (condition) item.enableWhen = [condition, ...rest];
    else if (rest.length > 0) item.enableWhen = rest;
    else {
      delete item.enableWhen;
      delete item.enableBehavior;
    }
    ctx.changed();
  }

  function draw(focusId?: string): void {
    const condition = item.enableWhen?.[0];
    const target = condition ? candidates.find((c) => c.linkId === condition.question) : undefined;
    const toggle = h('input', {
      type: 'checkbox',
      id: id('cond-on'),
      checked: condition !== undefined,
      disabled: ctx.readOnly || (candidates.length === 0 && !condition),
      onchange: () => {
        const first = candidates[0];
        setCondition(toggle.checked && first ? defaultCondition(first) : null);
        draw(toggle.checked ? id('cond-question') : id('cond-on'));
      },
    });
    replace(
      container,
      h(
        'div',
        { class: 'check' },
        toggle,
        h('label', { for: id('cond-on') }, 'Show this only when another answer matches'),
      ),
      candidates.length === 0 && !condition ? h('p', { class: 'hint' }, 'Add another question first.') : null,
      condition ? conditionFields(condition, target) : null,
      (item.enableWhen?.length ?? 0) > 1
        ? h(
            'p',
            { class: 'hint' },
            `${(item.enableWhen?.length ?? 1) - 1} more condition(s) from an import are kept as they are (${item.enableBehavior === 'any' ? 'any' : 'all'} must hold).`,
          )
        : null,
    );
    if (focusId) document.getElementById(focusId)?.focus();
  }

  function conditionFields(condition: TEnableWhen, target: TAnswerableItem | undefined): HTMLElement {
    const question = h(
      'select',
      {
        id: id('cond-question'),
        class: 'condition-question',
        value: condition.question,
        disabled: ctx.readOnly,
        onchange: () => {
          const next = candidates.find((c) => c.linkId === question.value);
          if (next) setCondition(defaultCondition(next));
          draw(id('cond-question'));
        },
      },
      target ? null : h('option', { value: condition.question }, `${condition.question} (not found)`),
      candidates.map((c) => h('option', { value: c.linkId }, label(c))),
    );
    const operators = target ? operatorsFor(target) : (Object.keys(OPERATOR_LABELS) as TOperator[]);
    const operator = h(
      'select',
      {
        id: id('cond-op'),
        value: condition.operator,
        disabled: ctx.readOnly,
        onchange: () => {
          const op = operator.value as TOperator;
          // Switching into or out of "answered or not" changes what kind of value fits.
          let answer = condition.answer;
          if (op === 'exists') answer = true;
          else if (condition.operator === 'exists') answer = target ? defaultAnswer(target) : '';
          setCondition({ question: condition.question, operator: op, answer });
          draw(id('cond-op'));
        },
      },
      operators.map((op) => h('option', { value: op }, OPERATOR_LABELS[op])),
    );
    return h(
      'div',
      { class: 'condition-fields' },
      h('div', { class: 'field' }, h('label', { for: id('cond-question') }, 'Question'), question),
      h('div', { class: 'field' }, h('label', { for: id('cond-op') }, 'Condition'), operator),
      h(
        'div',
        { class: 'field' },
        h('label', { for: id('cond-value') }, 'Value'),
        valueControl(condition, target),
      ),
    );
  }

  function valueControl(condition: TEnableWhen, target: TAnswerableItem | undefined): HTMLElement {
    const set = (answer: TEnableWhen['answer']): void => setCondition({ ...condition, answer });
    const common = { id: id('cond-value'), disabled: ctx.readOnly };
    const select = (
      options: [string, string][],
      current: string,
      parse: (v: string) => TEnableWhen['answer'],
    ): HTMLSelectElement => {
      const el: HTMLSelectElement = h(
        'select',
        { ...common, value: current, onchange: () => set(parse(el.value)) },
        options.map(([value, text]) => h('option', { value }, text)),
      );
      return el;
    };
    if (condition.operator === 'exists') {
      return select(
        [
          ['true', 'is answered'],
          ['false', 'is not answered'],
        ],
        String(condition.answer),
        (v) => v === 'true',
      );
    }
    if (target?.type === 'boolean')
      return select(
        [
          ['true', 'Yes'],
          ['false', 'No'],
        ],
        String(condition.answer),
        (v) => v === 'true',
      );
    if (target?.type === 'choice') {
      const options = target.answerOption.map((o): [string, string] => [
        o.code,
        `${pickText(o.text, ctx.def.defaultLocale, ctx.def.defaultLocale)} (${o.code})`,
      ]);
      return select(options, String(condition.answer), (v) => v);
    }
    const numeric = target?.type === 'rating' || target?.type === 'integer' || target?.type === 'decimal';
    const input = h('input', {
      ...common,
      type: numeric ? 'number' : target?.type === 'date' ? 'date' : 'text',
      step: target?.type === 'decimal' ? 'any' : null,
      value: String(condition.answer),
      oninput: () => set(numeric ? Number(input.value) : input.value),
    });
    return input;
  }

  draw();
  return container;
}
