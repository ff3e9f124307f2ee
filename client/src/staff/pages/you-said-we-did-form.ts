import type { TOrgTree, TUnitUpdate } from '../../../../shared/src/api/org';
import { h, replace } from '../../common/dom';
import { field, messageArea, missing, onSubmit } from '../forms';
import { departmentsOf, placeNames } from '../org-tree';
import type { TUnit } from '../org-tree';
import { staffRequest } from '../session';

/**
 * Sets the page a unit uses to tell patients and staff what changed after feedback ("You said, we
 * did"). The survey's thank-you page links to it, so only https addresses are taken.
 */
export function youSaidWeDidForm(
  status: HTMLElement,
  after: (unitId: string) => Promise<void>,
): { element: HTMLFormElement; update: (org: TOrgTree) => void } {
  const unit = h('select', { id: 'yswd-unit' });
  const url = h('input', { type: 'url', id: 'yswd-url', autocomplete: 'off', inputmode: 'url' });
  const messages = messageArea();
  let urls = new Map<string, string | null>();
  unit.addEventListener('change', () => {
    url.value = urls.get(unit.value) ?? '';
  });
  const element = h(
    'form',
    { class: 'card admin-form', 'aria-labelledby': 'yswd-heading' },
    h('h3', { id: 'yswd-heading' }, '“You said, we did” page'),
    messages,
    field('Unit', unit),
    field(
      'Address of the page (https)',
      url,
      'Shown to people after they answer a survey for this unit. Leave empty to show none.',
    ),
    h('button', { type: 'submit', class: 'primary' }, 'Save page address'),
  );
  onSubmit(element, {
    messages,
    status,
    targets: { unitId: unit, youSaidWeDidUrl: url },
    check: () => missing({ unitId: [unit, 'Choose the unit.'] }),
    send: () => {
      const body: TUnitUpdate = { youSaidWeDidUrl: url.value.trim() === '' ? null : url.value.trim() };
      return staffRequest<TUnit>(`/org/units/${encodeURIComponent(unit.value)}`, { method: 'PATCH', body });
    },
    done: async (saved) => {
      await after(saved.id);
      return saved.youSaidWeDidUrl
        ? `“You said, we did” page saved for ${saved.name}.`
        : `${saved.name} no longer links to a “You said, we did” page.`;
    },
  });
  function update(org: TOrgTree): void {
    const names = placeNames(org);
    const units = departmentsOf(org).flatMap(({ department }) => department.units);
    urls = new Map(units.map((u) => [u.id, u.youSaidWeDidUrl ?? null]));
    const chosen = unit.value;
    replace(
      unit,
      h('option', { value: '' }, units.length > 0 ? 'Choose a unit' : 'Add a unit first'),
      units.map((u) => h('option', { value: u.id }, names.get(u.id) ?? u.name)),
    );
    unit.value = urls.has(chosen) ? chosen : '';
    url.value = urls.get(unit.value) ?? '';
  }
  return { element, update };
}
