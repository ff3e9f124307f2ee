import type { TChange, TOrgTree } from '../../../../shared/src/api/org';
import type { TLink, TLinkCreate } from '../../../../shared/src/api/surveys';
import { h, replace } from '../../common/dom';
import { languageName } from '../../common/language';
import { messageArea, onSubmit } from '../forms';
import { activeTree, departmentsOf } from '../org-tree';

/** End of the chosen day in the browser's time zone, with its offset, as the contract wants. */
export function endOfDayIso(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const end = new Date(y ?? 0, (m ?? 1) - 1, d ?? 1, 23, 59, 59);
  const offset = -end.getTimezoneOffset();
  const pad = (n: number): string => String(Math.floor(Math.abs(n))).padStart(2, '0');
  const sign = offset >= 0 ? '+' : '-';
  return `${date}T23:59:59${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
}

/**
 * The "create a link" form. It offers only what the server would take: units that are not retired,
 * and only the changes that cover the chosen unit. Whatever the server still refuses is shown by the
 * field it names (`onSubmit`), with the problem's own words.
 */
export function linkForm(
  org: TOrgTree | null,
  changes: TChange[],
  submit: { send: (body: TLinkCreate) => Promise<TLink>; done: (link: TLink) => Promise<string> },
  /** The survey's languages, for the language the link opens in. */
  locales: string[] = [],
): HTMLFormElement {
  const kind = (value: TLinkCreate['kind'], label: string, hint: string): HTMLElement =>
    h(
      'div',
      { class: 'check' },
      h('input', {
        type: 'radio',
        name: 'link-kind',
        id: `kind-${value}`,
        value,
        checked: value === 'open',
        'aria-describedby': `kind-${value}-hint`,
      }),
      h(
        'label',
        { for: `kind-${value}` },
        label,
        h('span', { class: 'hint block', id: `kind-${value}-hint` }, hint),
      ),
    );
  const unit = h(
    'select',
    { id: 'link-unit', onchange: () => fillChanges() },
    h('option', { value: '' }, 'Whole organisation'),
    departmentsOf(activeTree(org)).map(({ site, department }) =>
      h(
        'optgroup',
        { label: `${site.name} › ${department.name}` },
        department.units.map((u) => h('option', { value: u.id }, u.name)),
      ),
    ),
  );
  const change = h('select', { id: 'link-change', 'aria-describedby': 'link-change-hint' });
  const changeHint = h('span', { class: 'hint', id: 'link-change-hint' });
  /** Only the changes that cover the chosen unit (all of them for a whole-organisation link). */
  function fillChanges(): void {
    const covering = unit.value ? changes.filter((c) => c.unitIds.includes(unit.value)) : changes;
    const kept = covering.some((c) => c.id === change.value) ? change.value : '';
    replace(
      change,
      h('option', { value: '' }, 'None'),
      covering.map((c) => h('option', { value: c.id }, c.name)),
    );
    change.value = kept;
    changeHint.textContent =
      unit.value && covering.length < changes.length
        ? covering.length === 0
          ? 'No recorded change covers this unit.'
          : 'Only changes that cover this unit are listed.'
        : '';
  }
  fillChanges();
  const expires = h('input', {
    type: 'date',
    id: 'link-expires',
    min: new Date().toISOString().slice(0, 10),
    'aria-describedby': 'link-expires-hint',
  });
  const language = h(
    'select',
    { id: 'link-locale', 'aria-describedby': 'link-locale-hint' },
    h('option', { value: '' }, 'The person’s browser language'),
    locales.map((locale) => h('option', { value: locale }, languageName(locale, 'en'))),
  );
  const idle = h('input', {
    type: 'number',
    id: 'link-kiosk-idle',
    min: 30,
    max: 3600,
    step: 1,
    value: '120',
    'aria-describedby': 'link-kiosk-idle-hint',
  });
  const idleField = h(
    'div',
    { class: 'field', hidden: true },
    h('label', { for: 'link-kiosk-idle' }, 'Start again after this many idle seconds'),
    idle,
    h(
      'span',
      { class: 'hint', id: 'link-kiosk-idle-hint' },
      '30 to 3600. The screen asks “Are you still there?” first, then clears the answers.',
    ),
  );
  const kiosk = h('input', {
    type: 'checkbox',
    id: 'link-kiosk',
    'aria-describedby': 'link-kiosk-hint',
    onchange: () => {
      idleField.hidden = !kiosk.checked;
    },
  });

  const body = (): TLinkCreate => {
    const chosen =
      form.querySelector<HTMLInputElement>('input[name="link-kind"]:checked')?.value === 'single_use'
        ? 'single_use'
        : 'open';
    const request: TLinkCreate = { kind: chosen };
    if (unit.value) request.unitId = unit.value;
    if (change.value) request.changeId = change.value;
    if (expires.value) request.expiresAt = endOfDayIso(expires.value);
    if (language.value) request.locale = language.value;
    if (kiosk.checked) {
      request.kiosk = true;
      // Out-of-range or empty values go to the server as they are, which names the problem.
      if (idle.value !== '') request.kioskIdleSeconds = Number(idle.value);
    }
    return request;
  };
  const messages = messageArea();
  const kindGroup = h(
    'fieldset',
    { id: 'link-kind' },
    h('legend', {}, 'Kind of link'),
    kind(
      'open',
      'Open',
      'Anyone with the link can answer, as often as they like: posters, waiting-room tablets.',
    ),
    kind(
      'single_use',
      'Single use',
      'Takes one response, then closes: send one to each patient after their visit.',
    ),
  );
  const form = h(
    'form',
    { class: 'link-form' },
    messages,
    kindGroup,
    h(
      'div',
      { class: 'inline-fields' },
      h('div', { class: 'field' }, h('label', { for: 'link-unit' }, 'Unit'), unit),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'link-change' }, 'Technology change (optional)'),
        change,
        changeHint,
      ),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'link-expires' }, 'Expires on (optional)'),
        expires,
        h('span', { class: 'hint', id: 'link-expires-hint' }, 'The link closes at the end of this day.'),
      ),
      locales.length > 1 &&
        h(
          'div',
          { class: 'field' },
          h('label', { for: 'link-locale' }, 'Opens in'),
          language,
          h(
            'span',
            { class: 'hint', id: 'link-locale-hint' },
            'People can still switch language on the page.',
          ),
        ),
    ),
    h(
      'div',
      { class: 'check' },
      kiosk,
      h(
        'label',
        { for: 'link-kiosk' },
        'Kiosk mode',
        h(
          'span',
          { class: 'hint block', id: 'link-kiosk-hint' },
          'For a shared device: nothing is kept on it, and it resets for the next person.',
        ),
      ),
    ),
    idleField,
    org === null
      ? h(
          'p',
          { class: 'hint' },
          'Units could not be loaded; the link will collect for the whole organisation.',
        )
      : null,
    h('button', { type: 'submit', class: 'primary' }, 'Create link'),
  );
  onSubmit(form, {
    messages,
    targets: {
      kind: kindGroup,
      unitId: unit,
      changeId: change,
      expiresAt: expires,
      locale: language,
      kiosk,
      kioskIdleSeconds: idle,
    },
    send: () => submit.send(body()),
    done: submit.done,
  });
  return form;
}
