import { h } from '../../common/dom';

export type TRowActions = {
  /** Where the row sits among `count` rows. */
  index: number;
  count: number;
  ids: { up: string; down: string };
  /** What the buttons say: "Move option 2 up", "Remove question 3". */
  name: string;
  /** Arrows with the full wording as the accessible name, for small rows; words otherwise. */
  compact?: boolean;
  move(to: number): void;
  remove(): void;
};

/** Move up, move down and remove buttons for one row of an ordered list (questions, options). */
export function rowActions(a: TRowActions): HTMLElement {
  const button = (id: string | undefined, wording: string, arrow: string, onclick: () => void, extra = {}) =>
    h(
      'button',
      {
        type: 'button',
        class: 'small',
        ...(id ? { id } : {}),
        ...(a.compact ? { 'aria-label': wording } : {}),
        onclick,
        ...extra,
      },
      a.compact ? arrow : wording,
    );
  return h(
    'div',
    { class: 'row-actions' },
    button(a.ids.up, `Move ${a.name} up`, '↑', () => a.move(a.index - 1), { disabled: a.index === 0 }),
    button(a.ids.down, `Move ${a.name} down`, '↓', () => a.move(a.index + 1), {
      disabled: a.index === a.count - 1,
    }),
    button(undefined, `Remove ${a.name}`, 'Remove', a.remove, { class: 'small danger' }),
  );
}
