import type { TItemType, TSurveyItem } from '../../../../shared/src/survey/definition';
import { flattenItems, isAnswerable } from '../../../../shared/src/survey/items';
import { domId, h } from '../../common/dom';
import { conditionEditor } from './condition-editor';
import type { TEditorContext } from './context';
import { convertItem, ITEM_TYPES, newItem, TYPE_LABELS } from './item-types';
import { checkbox, typeFields } from './item-fields';
import { localizedFields } from './localized-fields';
import { rowActions } from './row-actions';

/** The ids a redraw may move focus to, by item path (`items.2`, `items.2.items.0`). */
export const cardIds = {
  card: (path: string): string => domId('card', path),
  linkId: (path: string): string => domId('linkid', path),
  type: (path: string): string => domId('type', path),
  up: (path: string): string => domId('up', path),
  down: (path: string): string => domId('down', path),
  add: (basePath: string): string => domId('add', basePath),
};

/**
 * The questions of one level (the survey, or a group) as numbered cards, with "Add question".
 * `items` is the live array in the draft, so moving and removing edit the draft directly.
 */
export function itemList(
  items: TSurveyItem[],
  basePath: string,
  numberPrefix: string,
  ctx: TEditorContext,
): HTMLElement {
  return h(
    'div',
    { class: 'item-list' },
    h(
      'ol',
      { class: 'items' },
      items.map((item, index) =>
        itemCard(items, index, `${basePath}.${index}`, `${numberPrefix}${index + 1}`, ctx),
      ),
    ),
    !ctx.readOnly &&
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          id: cardIds.add(basePath),
          onclick: () => {
            items.push(newItem(ctx.def));
            ctx.changed();
            ctx.redraw(cardIds.linkId(`${basePath}.${items.length - 1}`));
          },
        },
        numberPrefix ? `Add a question to group ${numberPrefix.replace(/\.$/, '')}` : 'Add a question',
      ),
  );
}

function itemCard(
  siblings: TSurveyItem[],
  index: number,
  path: string,
  number: string,
  ctx: TEditorContext,
): HTMLElement {
  const item = siblings[index] as TSurveyItem;
  const basePath = path.slice(0, path.lastIndexOf('.'));
  const noun = item.type === 'group' ? 'Group' : item.type === 'display' ? 'Text' : 'Question';
  const problems = ctx.problemsFor(path);

  const move = (to: number): void => {
    siblings.splice(index, 1);
    siblings.splice(to, 0, item);
    ctx.changed();
    const target = `${basePath}.${to}`;
    ctx.redraw(to < index ? cardIds.up(target) : cardIds.down(target));
  };

  const linkIdInput = h('input', {
    type: 'text',
    id: cardIds.linkId(path),
    value: item.linkId,
    spellcheck: false,
    disabled: ctx.readOnly,
    'aria-describedby': domId('linkid-hint', path),
    oninput: () => {
      item.linkId = linkIdInput.value.trim();
      ctx.changed();
    },
  });
  // Conditions name questions by linkId; renaming one keeps the conditions pointing at it.
  let previousLinkId = item.linkId;
  linkIdInput.addEventListener('change', () => {
    renameReferences(ctx, previousLinkId, item.linkId);
    previousLinkId = item.linkId;
  });

  const typeSelect = h(
    'select',
    {
      id: cardIds.type(path),
      value: item.type,
      disabled: ctx.readOnly,
      onchange: () => {
        siblings[index] = convertItem(item, typeSelect.value as TItemType, ctx.def);
        ctx.changed();
        ctx.redraw(cardIds.type(path));
      },
    },
    ITEM_TYPES.map((type) => h('option', { value: type }, TYPE_LABELS[type])),
  );

  return h(
    'li',
    {
      class: `card item-card${problems.length > 0 ? ' has-problems' : ''}`,
      id: cardIds.card(path),
      tabindex: '-1',
    },
    h('h3', {}, `${noun} ${number}`),
    problems.length > 0 &&
      h(
        'ul',
        { class: 'problems' },
        problems.map((p) => h('li', {}, p)),
      ),
    h(
      'div',
      { class: 'inline-fields' },
      h(
        'div',
        { class: 'field' },
        h('label', { for: cardIds.linkId(path) }, 'ID'),
        linkIdInput,
        h(
          'span',
          { class: 'hint', id: domId('linkid-hint', path) },
          'Letters, digits, dots, dashes; unique. Used in exports.',
        ),
      ),
      h('div', { class: 'field' }, h('label', { for: cardIds.type(path) }, 'Type'), typeSelect),
    ),
    localizedFields(ctx, {
      idBase: domId('text', path),
      label: item.type === 'group' ? 'Heading' : item.type === 'display' ? 'Text' : 'Question',
      text: item.text,
      multiline: true,
    }),
    isAnswerable(item) &&
      checkbox(ctx, domId('required', path), 'An answer is required', item.required === true, (checked) => {
        if (checked) item.required = true;
        else delete item.required;
      }),
    typeFields(item, path, ctx),
    item.type === 'group' && itemList(item.items, `${path}.items`, `${number}.`, ctx),
    conditionEditor(item, path, ctx),
    !ctx.readOnly &&
      rowActions({
        index,
        count: siblings.length,
        ids: { up: cardIds.up(path), down: cardIds.down(path) },
        name: `${noun.toLowerCase()} ${number}`,
        move,
        remove: () => {
          const what = `${noun.toLowerCase()} ${number}${item.type === 'group' ? ' and everything in it' : ''}`;
          if (!confirm(`Remove ${what}?`)) return;
          siblings.splice(index, 1);
          ctx.changed();
          ctx.redraw(
            siblings.length > 0
              ? cardIds.linkId(`${basePath}.${Math.min(index, siblings.length - 1)}`)
              : cardIds.add(basePath),
          );
        },
      }),
  );
}

/**
 * Points conditions at the new linkId, and patches the condition pickers in place. No redraw:
 * `change` fires as focus leaves the field, and redrawing then would swallow the click that moved it.
 */
function renameReferences(ctx: TEditorContext, from: string, to: string): void {
  if (from === to || from === '') return;
  for (const other of flattenItems(ctx.def.items)) {
    for (const condition of other.enableWhen ?? []) {
      if (condition.question === from) condition.question = to;
    }
  }
  for (const option of document.querySelectorAll<HTMLOptionElement>(
    `select.condition-question option[value="${CSS.escape(from)}"]`,
  )) {
    option.value = to;
    option.textContent = `${to}${option.textContent?.slice(from.length) ?? ''}`;
  }
}
