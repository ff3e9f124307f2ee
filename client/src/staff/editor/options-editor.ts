import type { TSurveyItem } from '../../../../shared/src/survey/definition';
import { domId, h, replace } from '../../common/dom';
import type { TEditorContext } from './context';
import { localizedFields } from './localized-fields';
import { rowActions } from './row-actions';

type TChoiceItem = Extract<TSurveyItem, { type: 'choice' }>;

/** The answer options of a choice question: a code (stored and exported) and text per language. */
export function optionsEditor(item: TChoiceItem, path: string, ctx: TEditorContext): HTMLElement {
  const container = h('div', { class: 'options-editor' });
  const id = (name: string, index: number): string => domId(name, `${path}.answerOption.${index}`);

  const move = (from: number, to: number): void => {
    const [option] = item.answerOption.splice(from, 1);
    if (option) item.answerOption.splice(to, 0, option);
    ctx.changed();
    draw(id(to < from ? 'opt-up' : 'opt-down', to));
  };

  function draw(focusId?: string): void {
    const count = item.answerOption.length;
    replace(
      container,
      h('h4', {}, 'Answer options'),
      count === 0 ? h('p', { class: 'hint' }, 'No options yet.') : null,
      h(
        'ol',
        { class: 'option-rows' },
        item.answerOption.map((option, index) =>
          h(
            'li',
            { class: 'option-row' },
            h(
              'div',
              { class: 'field code' },
              h('label', { for: id('opt-code', index) }, `Option ${index + 1} code`),
              h('input', {
                type: 'text',
                id: id('opt-code', index),
                value: option.code,
                disabled: ctx.readOnly,
                spellcheck: false,
                oninput: (event: Event) => {
                  option.code = (event.target as HTMLInputElement).value.trim();
                  ctx.changed();
                },
              }),
            ),
            localizedFields(ctx, {
              idBase: id('opt-text', index),
              label: `Option ${index + 1} text`,
              text: option.text,
            }),
            !ctx.readOnly &&
              rowActions({
                index,
                count,
                ids: { up: id('opt-up', index), down: id('opt-down', index) },
                name: `option ${index + 1}`,
                compact: true,
                move: (to) => move(index, to),
                remove: () => {
                  item.answerOption.splice(index, 1);
                  ctx.changed();
                  draw(
                    item.answerOption.length > 0
                      ? id('opt-code', Math.max(0, index - 1))
                      : domId('opt-add', path),
                  );
                },
              }),
          ),
        ),
      ),
      !ctx.readOnly &&
        h(
          'button',
          {
            type: 'button',
            class: 'secondary small',
            id: domId('opt-add', path),
            onclick: () => {
              const n = item.answerOption.length + 1;
              const codes = new Set(item.answerOption.map((o) => o.code));
              let code = n;
              while (codes.has(`option-${code}`)) code += 1;
              item.answerOption.push({
                code: `option-${code}`,
                text: { [ctx.def.defaultLocale]: `Option ${n}` },
              });
              ctx.changed();
              draw(id('opt-code', n - 1));
            },
          },
          'Add option',
        ),
    );
    if (focusId) document.getElementById(focusId)?.focus();
  }

  draw();
  return container;
}
