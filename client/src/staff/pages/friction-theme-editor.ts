import type { TTaxonomyVersion } from '../../../../shared/src/api/taxonomies';
import type { TInvalidParam } from '../../../../shared/src/errors';
import { h, replace } from '../../common/dom';
import { field, messageArea, missing, onSubmit } from '../forms';
import { messageBox } from '../layout';

export type TDefinition = TTaxonomyVersion['definition'];
type TTheme = TDefinition['themes'][number];

/** A problem placed next to its field, for the summary at the top to link to. */
export type TPlacedProblem = { text: string; target: HTMLElement };

export type TThemeEditor = {
  /** The theme fieldsets, for the form that saves them. */
  list: HTMLElement;
  /** Its own form (forms cannot nest): adds a theme to the list without saving. */
  addForm: HTMLFormElement;
  /** The definition as the page shows it now: trimmed, blank lines left out. */
  read: () => TDefinition;
  /** Writes each `invalid_params` entry by its field; returns them placed, and those no field claims. */
  showProblems: (params: TInvalidParam[]) => { placed: TPlacedProblem[]; unplaced: TInvalidParam[] };
  clearProblems: () => void;
  /** Problems found before sending, named as the server names them so they show the same way. */
  check: () => TInvalidParam[];
};

type TThemeRow = {
  fieldset: HTMLFieldSetElement;
  label: HTMLInputElement;
  /** An input for themes added here; saved themes keep their key (see `themeFieldset`). */
  key: HTMLInputElement | string;
  terms: HTMLTextAreaElement;
};

/** What a theme key must look like: lower-case words of letters and digits joined by hyphens. */
export const KEY_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The key a label suggests: "Log-in & passwords" → `log-in-passwords`. */
export function slugify(label: string): string {
  return label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

const linesOf = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/**
 * The editable list of themes. The DOM is the state: `read` collects it when saving, so nothing
 * can drift between what is shown and what is sent.
 */
export function themeEditor(definition: TDefinition, status: HTMLElement): TThemeEditor {
  const rows: TThemeRow[] = [];
  const list = h('div', { class: 'friction-themes' });
  let counter = 0;

  function addRow(theme: TTheme, saved: boolean): TThemeRow {
    const row = themeFieldset(`theme-${++counter}`, theme, saved, () => remove(row));
    rows.push(row);
    list.append(row.fieldset);
    return row;
  }

  function remove(row: TThemeRow): void {
    const index = rows.indexOf(row);
    rows.splice(index, 1);
    row.fieldset.remove();
    const next = rows[index] ?? rows[index - 1];
    (next?.label ?? newLabel).focus();
    replace(status, messageBox('info', `Theme “${labelOf(row)}” removed. It stays in use until you save.`));
  }

  for (const theme of definition.themes) addRow(theme, true);

  const newLabel = h('input', { type: 'text', id: 'new-theme-label', autocomplete: 'off', maxlength: 80 });
  const newKey = h('input', { type: 'text', id: 'new-theme-key', autocomplete: 'off', spellcheck: 'false' });
  let keyEdited = false;
  newLabel.addEventListener('input', () => {
    if (!keyEdited) newKey.value = slugify(newLabel.value);
  });
  newKey.addEventListener('input', () => {
    keyEdited = newKey.value.trim() !== '';
  });
  const addMessages = messageArea();
  const addForm = h(
    'form',
    { class: 'card admin-form add-theme', 'aria-labelledby': 'add-theme-heading' },
    h('h3', { id: 'add-theme-heading' }, 'Add a theme'),
    addMessages,
    h(
      'div',
      { class: 'inline-fields' },
      field('Theme label', newLabel, 'What quality teams read on boards and reports.'),
      field('Key', newKey, 'Made from the label; you can change it before saving.'),
    ),
    h('button', { type: 'submit', class: 'secondary' }, 'Add theme'),
  );
  onSubmit(addForm, {
    messages: addMessages,
    status,
    targets: { label: newLabel, key: newKey },
    check: () => {
      const blank = missing({
        label: [newLabel, 'Enter a label for the theme.'],
        key: [newKey, 'Enter a key for the theme.'],
      });
      if (blank.length > 0) return blank;
      const key = newKey.value.trim();
      if (!KEY_PATTERN.test(key)) {
        return [{ name: 'key', reason: 'Use lower-case letters and digits, with hyphens between words.' }];
      }
      if (rows.some((row) => keyOf(row) === key)) {
        return [{ name: 'key', reason: `Another theme already has the key “${key}”.` }];
      }
      return [];
    },
    send: () => Promise.resolve({ key: newKey.value.trim(), label: newLabel.value.trim(), terms: [] }),
    done: (theme) => {
      addForm.reset();
      keyEdited = false;
      addRow(theme, false).terms.focus();
      return `Theme “${theme.label}” added at the end of the list. Type its terms and phrases, then save.`;
    },
  });

  function clearProblems(): void {
    list.querySelectorAll('.field-error').forEach((el) => el.remove());
    list.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
    list.querySelectorAll('.has-error').forEach((el) => el.classList.remove('has-error'));
    list.querySelectorAll('[data-describedby]').forEach((el) => {
      el.setAttribute('aria-describedby', el.getAttribute('data-describedby') ?? '');
      el.removeAttribute('data-describedby');
    });
  }

  function showProblems(params: TInvalidParam[]): { placed: TPlacedProblem[]; unplaced: TInvalidParam[] } {
    const placed: TPlacedProblem[] = [];
    const unplaced: TInvalidParam[] = [];
    const sent = read();
    for (const param of params) {
      // `definition.themes.<i>.<label|key|terms>[.<j>]`: the index is the row's, since `read` keeps order.
      const match = /^(?:definition\.)?themes\.(\d+)(?:\.(label|key|terms)(?:\.(\d+))?)?/.exec(param.name);
      const row = match ? rows[Number(match[1])] : undefined;
      if (!match || !row) {
        const name = param.name.replace(/^definition\./, '');
        unplaced.push({ name: name === 'themes' ? 'Themes' : name, reason: sentence(plain(param.reason)) });
        continue;
      }
      const part = match[2];
      const control = part === 'label' ? row.label : part === 'terms' ? row.terms : row.key;
      const term =
        match[3] === undefined ? undefined : sent.themes[Number(match[1])]?.terms[Number(match[3])];
      const reason = sentence(
        term === undefined ? plain(param.reason) : `“${shorten(term)}”: ${plain(param.reason)}`,
      );
      const target = typeof control === 'string' || part === undefined ? row.fieldset : control;
      placeProblem(target, reason);
      const what = part === 'label' ? 'label' : part === 'terms' ? 'terms' : part === 'key' ? 'key' : '';
      placed.push({ text: `${labelOf(row)}${what && `, ${what}`}: ${reason}`, target });
    }
    return { placed, unplaced };
  }

  function check(): TInvalidParam[] {
    const problems: TInvalidParam[] = [];
    const seen = new Set<string>();
    read().themes.forEach((theme, i) => {
      const name = `themes.${i}`;
      if (!theme.label) problems.push({ name: `${name}.label`, reason: 'Enter a label for the theme.' });
      if (!KEY_PATTERN.test(theme.key)) {
        problems.push({
          name: `${name}.key`,
          reason: 'Use lower-case letters and digits, with hyphens between words.',
        });
      } else if (seen.has(theme.key)) {
        problems.push({ name: `${name}.key`, reason: `Another theme already has the key “${theme.key}”.` });
      }
      seen.add(theme.key);
      if (theme.terms.length === 0) {
        problems.push({
          name: `${name}.terms`,
          reason: 'Add at least one term or phrase, or remove the theme.',
        });
      }
    });
    if (rows.length === 0) problems.push({ name: 'themes', reason: 'Keep at least one theme.' });
    return problems;
  }

  function read(): TDefinition {
    return {
      themes: rows.map((row) => ({
        key: keyOf(row),
        label: row.label.value.trim(),
        terms: linesOf(row.terms.value),
      })),
    };
  }

  return {
    list,
    addForm,
    read,
    showProblems,
    clearProblems,
    check,
  };
}

const keyOf = (row: TThemeRow): string => (typeof row.key === 'string' ? row.key : row.key.value.trim());
const labelOf = (row: TThemeRow): string => row.label.value.trim() || 'Untitled theme';
const sentence = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const shorten = (term: string): string => (term.length > 40 ? `${term.slice(0, 39)}…` : term);

/** zod's own wording ("Too big: expected string to have <=80 characters") in words for people. */
function plain(reason: string): string {
  const limit = /^Too (big|small): expected (string|array) to have (<=|>=)(\d+) (characters|items)$/.exec(
    reason,
  );
  if (!limit) return reason;
  const [, size, kind, , n] = limit;
  if (kind === 'string') return size === 'big' ? `use at most ${n} characters.` : 'this cannot be blank.';
  return size === 'big' ? `there can be at most ${n}.` : `there must be at least ${n}.`;
}

/** The reason above the field (after a fieldset's legend), linked to it and marking it invalid. */
function placeProblem(target: HTMLElement, reason: string): void {
  const id = `${target.id}-error`;
  const existing = document.getElementById(id);
  if (existing) {
    existing.append(` ${reason}`);
    return;
  }
  const message = h('p', { class: 'error field-error', id }, reason);
  if (target instanceof HTMLFieldSetElement) {
    target.querySelector(':scope > legend')?.after(message);
    target.classList.add('has-error');
    return;
  }
  target.before(message);
  target.setAttribute('aria-invalid', 'true');
  target.closest('.field')?.classList.add('has-error');
  const describedBy = target.getAttribute('aria-describedby') ?? '';
  target.setAttribute('data-describedby', describedBy);
  target.setAttribute('aria-describedby', `${id} ${describedBy}`.trim());
}

/**
 * One theme: its label (which is also the fieldset's legend, kept in step while typing), its key
 * and its terms, one per line. A saved theme's key is shown, not edited: analyses store keys, and a
 * renamed key would split the theme's trend in two. Relabelling keeps the trend.
 */
function themeFieldset(id: string, theme: TTheme, saved: boolean, onRemove: () => void): TThemeRow {
  const legend = h('legend', {}, theme.label);
  const label = h('input', {
    type: 'text',
    id: `${id}-label`,
    autocomplete: 'off',
    maxlength: 80,
    value: theme.label,
  });
  const key = saved
    ? theme.key
    : h('input', {
        type: 'text',
        id: `${id}-key`,
        autocomplete: 'off',
        spellcheck: 'false',
        value: theme.key,
      });
  const terms = h('textarea', {
    id: `${id}-terms`,
    rows: Math.min(12, Math.max(4, theme.terms.length + 1)),
    spellcheck: 'false',
    value: theme.terms.join('\n'),
  });
  const removeName = h('span', { class: 'visually-hidden' }, ` “${theme.label}”`);
  label.addEventListener('input', () => {
    const text = label.value.trim() || 'Untitled theme';
    legend.textContent = text;
    removeName.textContent = ` “${text}”`;
  });
  const fieldset = h(
    'fieldset',
    { id, class: 'card theme' },
    legend,
    typeof key === 'string'
      ? [
          h(
            'p',
            { class: 'hint theme-key' },
            'Key: ',
            h('code', {}, key),
            ' (kept when saved, so trends carry on)',
          ),
          field('Label', label),
        ]
      : [field('Label', label), field('Key', key, 'Lower-case letters, digits and hyphens.')],
    field('Terms and phrases', terms, 'One per line. End a term with * to match the start of words.'),
    h('button', { type: 'button', class: 'danger small', onclick: onRemove }, 'Remove theme', removeName),
  );
  return { fieldset, label, key, terms };
}
