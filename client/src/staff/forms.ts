import type { TInvalidParam } from '../../../shared/src/errors';
import { focusElement, h, replace, type TChild } from '../common/dom';
import { ApiError, describeError } from '../common/http';
import { messageBox } from './layout';

export type TControl = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/**
 * What each `invalid_params` name belongs to, keyed by the name's first segment (`unitIds.0` and
 * `unitIds` both go to `unitIds`, `scope.id` to `scope`): an input, or a fieldset for a group.
 */
export type TFieldTargets = Record<string, TControl | HTMLFieldSetElement>;

/** A labelled control, with an optional hint read out after the label. */
export function field(label: string, control: TControl, hint?: string): HTMLElement {
  const hintId = `${control.id}-hint`;
  if (hint) control.setAttribute('aria-describedby', hintId);
  return h(
    'div',
    { class: 'field' },
    h('label', { for: control.id }, label),
    hint && h('span', { class: 'hint', id: hintId }, hint),
    control,
  );
}

/**
 * Where a page or form says how things went. The region is in the page before anything is said in
 * it, so screen readers announce each message that `messageBox` puts there.
 */
export function messageArea(): HTMLElement {
  return h('div', { class: 'messages', 'aria-live': 'polite' });
}

/** Problems found before sending (blank required fields), in the server's shape so they show the same way. */
export function missing(checks: Record<string, [TControl, string]>): TInvalidParam[] {
  return Object.entries(checks)
    .filter(([, [control]]) => control.value.trim() === '')
    .map(([name, [, reason]]) => ({ name, reason }));
}

const errorId = (target: HTMLElement): string => `${target.id}-error`;

function setDescribedBy(el: HTMLElement, ids: string[]): void {
  if (ids.length > 0) el.setAttribute('aria-describedby', ids.join(' '));
  else el.removeAttribute('aria-describedby');
}

function clearProblems(targets: TFieldTargets): void {
  for (const target of Object.values(targets)) {
    const id = errorId(target);
    document.getElementById(id)?.remove();
    target.removeAttribute('aria-invalid');
    target.closest('.field, fieldset')?.classList.remove('has-error');
    const ids = (target.getAttribute('aria-describedby') ?? '').split(' ').filter((t) => t && t !== id);
    setDescribedBy(target, ids);
  }
}

/**
 * Writes each problem above its field (after a group's legend), marks the field invalid and links
 * the message to it. Returns the problems no field claims, for the form's message box.
 */
function placeProblems(targets: TFieldTargets, params: TInvalidParam[]): TInvalidParam[] {
  const unplaced: TInvalidParam[] = [];
  for (const param of params) {
    const target = targets[param.name.split('.')[0] ?? ''];
    if (!target) {
      unplaced.push(param);
      continue;
    }
    const reason = param.reason.charAt(0).toUpperCase() + param.reason.slice(1);
    const existing = document.getElementById(errorId(target));
    if (existing) {
      existing.append(` ${reason}`);
      continue;
    }
    const message = h('p', { class: 'error field-error', id: errorId(target) }, reason);
    if (target instanceof HTMLFieldSetElement) {
      const legend = target.querySelector(':scope > legend');
      if (legend) legend.after(message);
      else target.prepend(message);
    } else {
      target.before(message);
      target.setAttribute('aria-invalid', 'true');
    }
    target.closest('.field, fieldset')?.classList.add('has-error');
    const ids = (target.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
    setDescribedBy(target, [errorId(target), ...ids]);
  }
  return unplaced;
}

function focusTarget(target: TControl | HTMLFieldSetElement): void {
  const control = target instanceof HTMLFieldSetElement ? target.querySelector('input') : target;
  control?.focus();
}

export type TSubmitOptions<T> = {
  /** Where errors about the whole form go; usually a `messageArea()` at the top of the form. */
  messages: HTMLElement;
  /** Where the success sentence goes when not in `messages`: a page's area, shared by its forms. */
  status?: HTMLElement;
  targets: TFieldTargets;
  check?: () => TInvalidParam[];
  send: () => Promise<T>;
  /** After a success: reset the form, redraw, move focus; returns the sentence that says what happened. */
  done: (result: T) => string | Promise<string>;
  /** Problems for an error the server sends without `invalid_params` (a taken e-mail is a 409). */
  problemsFor?: (error: ApiError) => TInvalidParam[];
};

/**
 * Sends `form` on submit: checks it, disables its button while the request runs, and shows
 * `invalid_params` next to the fields they name, with focus on the first, as the sign-in form does
 * for its own errors.
 */
export function onSubmit<T>(form: HTMLFormElement, options: TSubmitOptions<T>): void {
  let busy = false;
  const report = (params: TInvalidParam[], detail: string): void => {
    const unplaced = placeProblems(options.targets, params);
    replace(
      options.messages,
      messageBox(
        'error',
        detail,
        unplaced.length > 0 &&
          h(
            'ul',
            {},
            unplaced.map((p) => h('li', {}, `${p.name}: ${p.reason}`)),
          ),
      ),
    );
    const first = params.map((p) => options.targets[p.name.split('.')[0] ?? '']).find(Boolean);
    if (first) focusTarget(first);
  };

  async function submit(): Promise<void> {
    if (busy) return;
    clearProblems(options.targets);
    options.messages.replaceChildren();
    options.status?.replaceChildren();
    const local = options.check?.() ?? [];
    if (local.length > 0) return report(local, 'Some fields need your attention.');
    busy = true;
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
    if (button) button.disabled = true;
    try {
      const said = await options.done(await options.send());
      replace(options.status ?? options.messages, messageBox('success', said));
    } catch (error) {
      const params =
        error instanceof ApiError ? [...error.invalidParams, ...(options.problemsFor?.(error) ?? [])] : [];
      if (error instanceof ApiError && params.length > 0) report(params, describeError(error));
      else replace(options.messages, messageBox('error', describeError(error)));
    } finally {
      busy = false;
      if (button) button.disabled = false;
    }
  }

  form.noValidate = true;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit();
  });
}

export type TEntryList<T> = {
  /** Draws the outcome of the first load: the entries, or why they could not be loaded. */
  show: (first: PromiseSettledResult<{ items: T[] }>) => void;
  /** After an add: reloads, then moves focus to the new entry so the next Tab leaves from there. */
  added: (entry: T) => Promise<void>;
};

/** The list an add form adds to. Each entry's element has the id `entryId(entry.id)`. */
export function entryList<T extends { id: string }>(
  area: HTMLElement,
  options: {
    load: () => Promise<{ items: T[] }>;
    draw: (items: T[]) => TChild;
    entryId: (id: string) => string;
  },
): TEntryList<T> {
  const draw = (items: T[]): void => replace(area, options.draw(items));
  return {
    show: (first) => {
      if (first.status === 'fulfilled') draw(first.value.items);
      else replace(area, messageBox('error', describeError(first.reason)));
    },
    added: async (entry) => {
      try {
        draw((await options.load()).items);
      } catch {
        // The entry is stored; show it on its own rather than a list that failed to load.
        draw([entry]);
      }
      focusElement(document.getElementById(options.entryId(entry.id)));
    },
  };
}
