import type { TInvalidParam } from '../../../shared/src/errors';
import { h, replace, type TChild } from '../common/dom';
import { describeError } from '../common/http';
import { field, messageArea, missing, onSubmit } from './forms';
import { messageBox } from './layout';

/** One whole-number setting: its input's id, label, hint, bounds and what to say when left blank. */
export type TNumberSetting = {
  id: string;
  label: string;
  hint: string;
  min: number;
  max: number;
  blank: string;
};

/**
 * A card of organisation-wide whole-number settings (privacy thresholds, change analysis), keyed by
 * the contract's field names so that `invalid_params` land next to their inputs.
 */
export type TSettingsCard<T extends Record<string, number>> = {
  /** Prefix of the heading's id and of the card's class (`privacy` → `privacy-settings`). */
  id: string;
  heading: string;
  /** Why the settings matter, above the form. */
  intro: TChild[];
  fields: { [K in keyof T]: TNumberSetting };
  load: () => Promise<T>;
  save: (settings: T) => Promise<T>;
  /** The settings in force as a sentence: all readers see it, administrators above the fields. */
  describe: (settings: T) => string;
  /** Rules between filled-in values that the server applies too, said in the form's own words. */
  check?: (settings: T) => TInvalidParam[];
  submitLabel: string;
  /** Said after a save. */
  saved: string;
};

/**
 * The card for `card`. Administrators change the settings; everyone else reads what is in force,
 * since it explains what they see elsewhere (the "fewer than k" on boards, "too few to tell").
 */
export function settingsCard<T extends Record<string, number>>(
  card: TSettingsCard<T>,
  canEdit: boolean,
): HTMLElement {
  const body = h('div', {}, h('p', { class: 'loading' }, 'Loading…'));
  const section = h(
    'section',
    { class: `card ${card.id}-settings`, 'aria-labelledby': `${card.id}-heading` },
    h('h2', { id: `${card.id}-heading` }, card.heading),
    body,
  );
  card
    .load()
    .then((settings) =>
      replace(body, canEdit ? settingsForm(card, settings) : h('p', {}, card.describe(settings))),
    )
    .catch((error: unknown) => replace(body, messageBox('error', describeError(error))));
  return section;
}

function settingsForm<T extends Record<string, number>>(
  card: TSettingsCard<T>,
  settings: T,
): HTMLFormElement {
  const names = Object.keys(card.fields) as (keyof T & string)[];
  const inputs = {} as Record<keyof T & string, HTMLInputElement>;
  for (const name of names) {
    const { id, min, max } = card.fields[name];
    inputs[name] = h('input', {
      type: 'number',
      id,
      min,
      max,
      step: '1',
      inputmode: 'numeric',
      value: settings[name],
    });
  }
  const values = (): T => Object.fromEntries(names.map((name) => [name, Number(inputs[name].value)])) as T;
  const messages = messageArea();
  const current = h('p', { class: 'hint' }, card.describe(settings));
  const form = h(
    'form',
    { 'aria-labelledby': `${card.id}-heading` },
    h('p', {}, ...card.intro),
    current,
    messages,
    h(
      'div',
      { class: 'inline-fields' },
      names.map((name) => field(card.fields[name].label, inputs[name], card.fields[name].hint)),
    ),
    h('button', { type: 'submit', class: 'primary' }, card.submitLabel),
  );
  onSubmit(form, {
    messages,
    targets: inputs,
    check: () => {
      const blank = missing(
        Object.fromEntries(
          names.map((name): [string, [HTMLInputElement, string]] => [
            name,
            [inputs[name], card.fields[name].blank],
          ]),
        ),
      );
      return blank.length > 0 ? blank : (card.check?.(values()) ?? []);
    },
    send: () => card.save(values()),
    done: (saved) => {
      for (const name of names) inputs[name].value = String(saved[name]);
      replace(current, card.describe(saved));
      return card.saved;
    },
  });
  return form;
}
