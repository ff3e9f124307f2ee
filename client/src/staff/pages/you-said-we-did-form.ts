import type { TOrgTree, TUnitUpdate } from '../../../../shared/src/api/org';
import { h, replace } from '../../common/dom';
import { actionsApi } from '../actions/actions-api';
import { field, messageArea, missing, onSubmit } from '../forms';
import { departmentsOf, placeNames } from '../org-tree';
import type { TUnit } from '../org-tree';
import { staffRequest } from '../session';

/**
 * Each unit has its own public "You said, we did" page (`/u/<public id>`), made from its done
 * actions, with an A4 poster; the survey's thank-you page links it once the unit has a done action.
 * An address set here (https only) overrides it, for a trust that publishes its own page.
 */
export function youSaidWeDidForm(
  status: HTMLElement,
  after: (unitId: string) => Promise<void>,
): { element: HTMLFormElement; update: (org: TOrgTree) => void } {
  const unit = h('select', { id: 'yswd-unit' });
  const url = h('input', { type: 'url', id: 'yswd-url', autocomplete: 'off', inputmode: 'url' });
  const messages = messageArea();
  const own = h('p', { class: 'hint', 'aria-live': 'polite' });
  let urls = new Map<string, string | null>();
  const showOwn = async (): Promise<void> => {
    const chosen = unit.value;
    if (!chosen) return replace(own);
    const page = await actionsApi
      .publicPages([chosen])
      .then((r) => r.pages[chosen])
      .catch(() => undefined);
    if (chosen !== unit.value) return;
    replace(
      own,
      page && [
        'CareLoop’s own page for this unit: ',
        h('a', { href: page, target: '_blank', rel: 'noopener' }, 'open it'),
        ', or ',
        h('a', { href: `${page}/poster`, target: '_blank', rel: 'noopener' }, 'print its A4 poster'),
        '. The thank-you page links it once the unit has a done action, unless an address is set below.',
      ],
    );
  };
  unit.addEventListener('change', () => {
    url.value = urls.get(unit.value) ?? '';
    void showOwn();
  });
  const element = h(
    'form',
    { class: 'card admin-form', 'aria-labelledby': 'yswd-heading' },
    h('h3', { id: 'yswd-heading' }, '“You said, we did” page'),
    messages,
    field('Unit', unit),
    own,
    field(
      'Address of your own page instead (https, optional)',
      url,
      'Shown to people after they answer a survey for this unit instead of CareLoop’s page. Leave empty to use CareLoop’s.',
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
        : `${saved.name} now links CareLoop’s own “You said, we did” page.`;
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
    void showOwn();
  }
  return { element, update };
}
