import type { TChange, TOrgTree } from '../../../../shared/src/api/org';
import type { TLinkCreate } from '../../../../shared/src/api/surveys';
import { h } from '../../common/dom';
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
  const kiosk = h('input', { type: 'checkbox', id: 'link-kiosk', 'aria-describedby': 'link-kiosk-hint' });

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
        if (kiosk.checked) body.kiosk = true;
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
