import type { TSurveyItem, TTextIntent } from '../../../../shared/src/survey/definition';
import { domId, h, type TChild } from '../../common/dom';
import type { TEditorContext } from './context';
import { optionsEditor } from './options-editor';

const INTENT_LABELS: Record<TTextIntent, string> = {
  general: 'General comment',
  praise: 'What went well (praise)',
  improvement: 'What could be better (improvement)',
  contact: 'Contact details (stored, never analysed or shown on boards)',
};

/** The fields only some item types have: options, scale ends, number limits, text intent. */
export function typeFields(item: TSurveyItem, path: string, ctx: TEditorContext): TChild[] {
  const id = (name: string): string => domId(name, path);
  switch (item.type) {
    case 'choice':
      return [
        checkbox(
          ctx,
          id('repeats'),
          'People may choose several options',
          item.repeats === true,
          (checked) => {
            if (checked) item.repeats = true;
            else delete item.repeats;
          },
        ),
        optionsEditor(item, path, ctx),
      ];
    case 'rating':
      return [
        h(
          'div',
          { class: 'inline-fields' },
          numberField(ctx, id('min'), 'Lowest point', item.min, true, (v) => (item.min = v ?? Number.NaN)),
          numberField(ctx, id('max'), 'Highest point', item.max, true, (v) => (item.max = v ?? Number.NaN)),
        ),
        item.labels && item.labels.length > 0
          ? h(
              'p',
              { class: 'hint' },
              `Scale labels at points ${item.labels.map((l) => l.value).join(', ')} are kept from the template.`,
            )
          : null,
      ];
    case 'text': {
      const intent = h(
        'select',
        {
          id: id('intent'),
          value: item.intent ?? 'general',
          disabled: ctx.readOnly,
          onchange: () => {
            item.intent = intent.value as TTextIntent;
            ctx.changed();
          },
        },
        (Object.keys(INTENT_LABELS) as TTextIntent[]).map((key) =>
          h('option', { value: key }, INTENT_LABELS[key]),
        ),
      );
      return [
        h(
          'div',
          { class: 'inline-fields' },
          h(
            'div',
            { class: 'field' },
            h('label', { for: id('intent') }, 'What the answer is about (guides analysis)'),
            intent,
          ),
          numberField(
            ctx,
            id('maxlength'),
            'Maximum length (characters, optional)',
            item.maxLength,
            true,
            (v) => {
              if (v === undefined) delete item.maxLength;
              else item.maxLength = v;
            },
          ),
        ),
      ];
    }
    case 'integer':
    case 'decimal':
      return [
        h(
          'div',
          { class: 'inline-fields' },
          numberField(
            ctx,
            id('minv'),
            'Smallest allowed (optional)',
            item.minValue,
            item.type === 'integer',
            (v) => {
              if (v === undefined) delete item.minValue;
              else item.minValue = v;
            },
          ),
          numberField(
            ctx,
            id('maxv'),
            'Largest allowed (optional)',
            item.maxValue,
            item.type === 'integer',
            (v) => {
              if (v === undefined) delete item.maxValue;
              else item.maxValue = v;
            },
          ),
        ),
      ];
    default:
      return [];
  }
}

export function checkbox(
  ctx: TEditorContext,
  id: string,
  label: string,
  checked: boolean,
  set: (checked: boolean) => void,
): HTMLElement {
  const input = h('input', {
    type: 'checkbox',
    id,
    checked,
    disabled: ctx.readOnly,
    onchange: () => {
      set(input.checked);
      ctx.changed();
    },
  });
  return h('div', { class: 'check' }, input, h('label', { for: id }, label));
}

/** Blank means "not set" (undefined). What is not a number is passed on as NaN for the server to name. */
function numberField(
  ctx: TEditorContext,
  id: string,
  label: string,
  value: number | undefined,
  integer: boolean,
  set: (value: number | undefined) => void,
): HTMLElement {
  const input = h('input', {
    type: 'number',
    id,
    step: integer ? 1 : 'any',
    value: value === undefined || Number.isNaN(value) ? '' : String(value),
    disabled: ctx.readOnly,
    oninput: () => {
      set(input.value.trim() === '' ? undefined : Number(input.value));
      ctx.changed();
    },
  });
  return h('div', { class: 'field' }, h('label', { for: id }, label), input);
}
