import type { TChange, TOrgTree } from '../../../../shared/src/api/org';
import type { TLinkCreate } from '../../../../shared/src/api/surveys';
import { h } from '../../common/dom';
import { languageName } from '../../common/language';
import { departmentsOf } from '../org-tree';

/** End of the chosen day in the browser's time zone, with its offset, as the contract wants. */
export function endOfDayIso(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const end = new Date(y ?? 0, (m ?? 1) - 1, d ?? 1, 23, 59, 59);
  const offset = -end.getTimezoneOffset();
  const pad = (n: number): string => String(Math.floor(Math.abs(n))).padStart(2, '0');
  const sign = offset >= 0 ? '+' : '-';
  return `${date}T23:59:59${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
}

/** The "create a link" form. `onSubmit` gets the request body; the panel sends it. */
export function linkForm(
  org: TOrgTree | null,
  changes: TChange[],
  onSubmit: (body: TLinkCreate) => void,
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
    { id: 'link-unit' },
    h('option', { value: '' }, 'Whole organisation'),
    departmentsOf(org).map(({ site, department }) =>
      h(
        'optgroup',
        { label: `${site.name} › ${department.name}` },
        department.units.map((u) => h('option', { value: u.id }, u.name)),
      ),
    ),
  );
  const change = h(
    'select',
    { id: 'link-change' },
    h('option', { value: '' }, 'None'),
    changes.map((c) => h('option', { value: c.id }, c.name)),
  );
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

  const form = h(
    'form',
    {
      class: 'link-form',
      onsubmit: (event: Event) => {
        event.preventDefault();
        const chosen =
          form.querySelector<HTMLInputElement>('input[name="link-kind"]:checked')?.value === 'single_use'
            ? 'single_use'
            : 'open';
        const body: TLinkCreate = { kind: chosen };
        if (unit.value) body.unitId = unit.value;
        if (change.value) body.changeId = change.value;
        if (expires.value) body.expiresAt = endOfDayIso(expires.value);
        if (language.value) body.locale = language.value;
        if (kiosk.checked) {
          body.kiosk = true;
          // Out-of-range or empty values go to the server as they are, which names the problem.
          if (idle.value !== '') body.kioskIdleSeconds = Number(idle.value);
        }
        onSubmit(body);
      },
    },
    h(
      'fieldset',
      {},
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
    ),
    h(
      'div',
      { class: 'inline-fields' },
      h('div', { class: 'field' }, h('label', { for: 'link-unit' }, 'Unit'), unit),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'link-change' }, 'Technology change (optional)'),
        change,
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
  return form;
}
