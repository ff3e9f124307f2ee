import type { TLocalizedText } from '../../../shared/src/locale';
import { pickText } from '../../../shared/src/locale';
import type {
  TAnswerableItem,
  TAnswers,
  TAnswerValue,
  TSurveyDefinition,
  TSurveyItem,
} from '../../../shared/src/survey/definition';
import { readAnswer } from '../../../shared/src/survey/items';
import { DEFAULT_TEXT_MAX_LENGTH } from '../../../shared/src/survey/validate-answers';
import { domId, h, type TChild } from '../common/dom';
import type { TUiStrings } from '../../../shared/src/i18n';
import { ratingEnds, ratingOptions, type TOption } from './rating';

export type TItemOf<K extends TSurveyItem['type']> = Extract<TSurveyItem, { type: K }>;

export type TQuestionContext = {
  def: TSurveyDefinition;
  locale: string;
  t: TUiStrings;
  answers: TAnswers;
  onAnswer: (linkId: string, value: TAnswerValue | undefined) => void;
};

/** The id of the first control of a question: error summary links point here. */
export const inputId = (linkId: string): string => domId('in', linkId);
export const questionId = (linkId: string): string => domId('q', linkId);
export const errorId = (linkId: string): string => domId('err', linkId);
const helpId = (linkId: string): string => domId('help', linkId);

/** Renders items in document order; every item is wrapped so it can be hidden by its conditions. */
export function renderItems(items: TSurveyItem[], ctx: TQuestionContext, depth = 0): HTMLElement[] {
  return items.map((item) => renderItem(item, ctx, depth));
}

function renderItem(item: TSurveyItem, ctx: TQuestionContext, depth: number): HTMLElement {
  const tr = (text: TLocalizedText): string => pickText(text, ctx.locale, ctx.def.defaultLocale);
  const help = item.helpText ? h('p', { class: 'help', id: helpId(item.linkId) }, tr(item.helpText)) : null;
  if (item.type === 'group') {
    const heading = h(depth === 0 ? 'h2' : 'h3', {}, tr(item.text));
    return h(
      'section',
      { class: 'group', id: questionId(item.linkId), 'data-link-id': item.linkId },
      heading,
      help,
      renderItems(item.items, ctx, depth + 1),
    );
  }
  if (item.type === 'display') {
    return h('div', { class: 'display', 'data-link-id': item.linkId }, h('p', {}, tr(item.text)), help);
  }
  const describedBy = help ? helpId(item.linkId) : null;
  const wrapper = h(
    'div',
    {
      class: 'question',
      id: questionId(item.linkId),
      'data-link-id': item.linkId,
      'data-described-by': describedBy,
    },
    renderControl(item, ctx, help),
  );
  // The message goes between the question and its answers, where it is seen before answering again.
  const error = h('p', { class: 'error', id: errorId(item.linkId), hidden: true });
  (help ?? wrapper.querySelector('.label'))?.after(error);
  return wrapper;
}

/** The question's text with "(required)" spelled out, so it is read aloud and not only shown. */
function questionLabel(item: TAnswerableItem, ctx: TQuestionContext): TChild[] {
  return [
    pickText(item.text, ctx.locale, ctx.def.defaultLocale),
    item.required ? h('span', { class: 'required' }, ` ${ctx.t.required}`) : null,
  ];
}

function renderControl(item: TAnswerableItem, ctx: TQuestionContext, help: HTMLElement | null): TChild[] {
  const value = readAnswer(ctx.answers, item.linkId);
  switch (item.type) {
    case 'boolean':
      return radioGroup(item, ctx, help, value, [
        { value: 'true', label: [ctx.t.yes] },
        { value: 'false', label: [ctx.t.no] },
      ]);
    case 'choice':
      return item.repeats
        ? checkboxGroup(item, ctx, help, value)
        : radioGroup(item, ctx, help, value, choiceOptions(item, ctx));
    case 'rating':
      return radioGroup(item, ctx, help, value, ratingOptions(item, ctx), ratingEnds(item, ctx));
    case 'text':
      return textArea(item, ctx, help, value);
    case 'integer':
    case 'decimal':
    case 'date':
      return [
        h('label', { for: inputId(item.linkId), class: 'label' }, questionLabel(item, ctx)),
        help,
        fieldInput(item, ctx, value),
      ];
  }
}

function choiceOptions(item: TItemOf<'choice'>, ctx: TQuestionContext): TOption[] {
  return item.answerOption.map((option) => ({
    value: option.code,
    label: [pickText(option.text, ctx.locale, ctx.def.defaultLocale)],
  }));
}

function radioGroup(
  item: TItemOf<'boolean' | 'choice' | 'rating'>,
  ctx: TQuestionContext,
  help: HTMLElement | null,
  value: TAnswerValue | undefined,
  options: TOption[],
  after: HTMLElement | null = null,
): TChild[] {
  const current = value === undefined ? null : String(value);
  const clear = h(
    'button',
    { type: 'button', class: 'link-button clear', hidden: current === null },
    ctx.t.clearAnswer,
  );
  const toValue = (raw: string): TAnswerValue =>
    item.type === 'boolean' ? raw === 'true' : item.type === 'rating' ? Number(raw) : raw;
  const inputs = options.map((option, index) =>
    h('input', {
      type: 'radio',
      name: inputId(item.linkId),
      id: index === 0 ? inputId(item.linkId) : `${inputId(item.linkId)}-${index}`,
      value: option.value,
      checked: option.value === current,
      onchange: () => {
        clear.hidden = false;
        ctx.onAnswer(item.linkId, toValue(option.value));
      },
    }),
  );
  clear.addEventListener('click', () => {
    for (const input of inputs) input.checked = false;
    clear.hidden = true;
    ctx.onAnswer(item.linkId, undefined);
    inputs[0]?.focus();
  });
  const layout =
    item.type === 'rating' && options.some((o) => o.className === 'point') ? 'options scale' : 'options';
  return [
    h(
      'fieldset',
      {},
      h('legend', { class: 'label' }, questionLabel(item, ctx)),
      help,
      h(
        'div',
        { class: layout },
        options.map((option, index) =>
          h(
            'label',
            { class: `option ${option.className ?? ''}` },
            inputs[index] ?? null,
            h('span', {}, option.label),
          ),
        ),
      ),
      after,
      item.required ? null : clear,
    ),
  ];
}

function checkboxGroup(
  item: TItemOf<'choice'>,
  ctx: TQuestionContext,
  help: HTMLElement | null,
  value: TAnswerValue | undefined,
): TChild[] {
  const chosen = new Set(Array.isArray(value) ? value : []);
  const inputs = item.answerOption.map((option, index) =>
    h('input', {
      type: 'checkbox',
      id: index === 0 ? inputId(item.linkId) : `${inputId(item.linkId)}-${index}`,
      value: option.code,
      checked: chosen.has(option.code),
      // Codes are sent in the order the options are listed, whatever order they were ticked in.
      onchange: () => {
        const codes = inputs.filter((input) => input.checked).map((input) => input.value);
        ctx.onAnswer(item.linkId, codes.length > 0 ? codes : undefined);
      },
    }),
  );
  return [
    h(
      'fieldset',
      {},
      h('legend', { class: 'label' }, questionLabel(item, ctx)),
      help,
      h('p', { class: 'hint' }, ctx.t.selectAll),
      h(
        'div',
        { class: 'options' },
        item.answerOption.map((option, index) =>
          h(
            'label',
            { class: 'option' },
            inputs[index] ?? null,
            h('span', {}, pickText(option.text, ctx.locale, ctx.def.defaultLocale)),
          ),
        ),
      ),
    ),
  ];
}

function textArea(
  item: TItemOf<'text'>,
  ctx: TQuestionContext,
  help: HTMLElement | null,
  value: TAnswerValue | undefined,
): TChild[] {
  const max = item.maxLength ?? DEFAULT_TEXT_MAX_LENGTH;
  const counter = h('p', { class: 'hint counter', 'aria-live': 'polite', hidden: true });
  const update = (length: number): void => {
    // Announce the count only near the limit; on every keystroke it would drown out typing.
    counter.hidden = max - length > Math.min(200, max / 5);
    counter.textContent = ctx.t.charactersLeft(Math.max(0, max - length));
  };
  const area = h('textarea', {
    id: inputId(item.linkId),
    rows: 5,
    maxlength: max,
    value: typeof value === 'string' ? value : '',
    oninput: () => {
      update(area.value.length);
      ctx.onAnswer(item.linkId, area.value.trim() === '' ? undefined : area.value);
    },
  });
  update(area.value.length);
  return [
    h('label', { for: inputId(item.linkId), class: 'label' }, questionLabel(item, ctx)),
    help,
    area,
    counter,
  ];
}

function fieldInput(
  item: TItemOf<'integer' | 'decimal' | 'date'>,
  ctx: TQuestionContext,
  value: TAnswerValue | undefined,
): HTMLInputElement {
  const shown = value === undefined ? '' : String(value);
  if (item.type === 'date') {
    const input = h('input', {
      type: 'date',
      id: inputId(item.linkId),
      min: item.minValue,
      max: item.maxValue,
      value: shown,
      onchange: () => ctx.onAnswer(item.linkId, input.value === '' ? undefined : input.value),
    });
    return input;
  }
  // type=number silently turns "1,5" into "" in some browsers; text with inputmode keeps what was typed.
  const input = h('input', {
    type: 'text',
    inputmode: item.type === 'integer' ? 'numeric' : 'decimal',
    autocomplete: 'off',
    class: 'number',
    id: inputId(item.linkId),
    value: shown,
    oninput: () => ctx.onAnswer(item.linkId, parseNumber(input.value, item.type === 'integer')),
  });
  return input;
}

/** A number when the text is one; otherwise the text itself, so validation can say what is wrong. */
export function parseNumber(raw: string, integer: boolean): TAnswerValue | undefined {
  const text = raw.trim();
  if (text === '') return undefined;
  const pattern = integer ? /^[+-]?\d+$/ : /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/;
  return pattern.test(text) ? Number(text.replace(',', '.')) : text;
}
