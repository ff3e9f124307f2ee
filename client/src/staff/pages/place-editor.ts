import type { TConcernContact, TOrgTree, TPlaceUpdate, TUnitUpdate } from '../../../../shared/src/api/org';
import { h, replace } from '../../common/dom';
import { field, messageArea, missing, onSubmit } from '../forms';
import { placeNames, type TUnit } from '../org-tree';
import { staffRequest } from '../session';

type TLevel = 'site' | 'department' | 'unit';
type TPlace = { level: TLevel; id: string; name: string; retired: boolean };
type TAfter = (placeId: string) => Promise<void>;

const PATHS: Record<TLevel, string> = { site: 'sites', department: 'departments', unit: 'units' };

/** Every place of the tree, retired ones included (they can be renamed and brought back). */
function placesOf(org: TOrgTree): TPlace[] {
  return org.sites.flatMap((site) => [
    { level: 'site' as const, id: site.id, name: site.name, retired: site.retired === true },
    ...site.departments.flatMap((department) => [
      {
        level: 'department' as const,
        id: department.id,
        name: department.name,
        retired: department.retired === true,
      },
      ...department.units.map((unit) => ({
        level: 'unit' as const,
        id: unit.id,
        name: unit.name,
        retired: unit.retired === true,
      })),
    ]),
  ]);
}

/**
 * Renames or retires a site, department or unit (organisation-wide administrators). Retiring keeps
 * the place's history, which figures still count, and takes it (and what is under it) out of every
 * picker; unticking brings it back.
 */
export function placeEditForm(
  status: HTMLElement,
  after: TAfter,
): { element: HTMLFormElement; update: (org: TOrgTree) => void } {
  const place = h('select', { id: 'edit-place' });
  const name = h('input', { type: 'text', id: 'edit-place-name', autocomplete: 'off' });
  const retired = h('input', {
    type: 'checkbox',
    id: 'edit-place-retired',
    'aria-describedby': 'retire-hint',
  });
  const messages = messageArea();
  let places = new Map<string, TPlace>();
  place.addEventListener('change', () => {
    const chosen = places.get(place.value);
    name.value = chosen?.name ?? '';
    retired.checked = chosen?.retired ?? false;
  });
  const element = h(
    'form',
    { class: 'card admin-form', 'aria-labelledby': 'edit-place-heading' },
    h('h3', { id: 'edit-place-heading' }, 'Rename or retire'),
    messages,
    field('Site, department or unit', place),
    field('Name', name),
    h(
      'div',
      { class: 'check' },
      retired,
      h(
        'label',
        { for: 'edit-place-retired' },
        'Retired',
        h(
          'span',
          { class: 'hint block', id: 'retire-hint' },
          'Its answers and figures stay; it is no longer offered for new links, changes or accounts.',
        ),
      ),
    ),
    h('button', { type: 'submit', class: 'primary' }, 'Save'),
  );
  onSubmit(element, {
    messages,
    status,
    targets: { place, name, retired },
    check: () =>
      missing({ place: [place, 'Choose what to rename or retire.'], name: [name, 'Enter its name.'] }),
    send: async () => {
      const chosen = places.get(place.value)!;
      const body: TPlaceUpdate = { name: name.value.trim(), retired: retired.checked };
      await staffRequest(`/org/${PATHS[chosen.level]}/${encodeURIComponent(chosen.id)}`, {
        method: 'PATCH',
        body,
      });
      return { ...chosen, ...body };
    },
    done: async (saved) => {
      await after(saved.id);
      return saved.retired ? `“${saved.name}” saved, retired.` : `“${saved.name}” saved.`;
    },
  });
  function update(org: TOrgTree): void {
    const names = placeNames(org);
    const all = placesOf(org);
    places = new Map(all.map((p) => [p.id, p]));
    const chosen = place.value;
    replace(
      place,
      h('option', { value: '' }, 'Choose a place'),
      all.map((p) =>
        h('option', { value: p.id }, `${names.get(p.id) ?? p.name}${p.retired ? ' (retired)' : ''}`),
      ),
    );
    place.value = places.has(chosen) ? chosen : '';
  }
  return { element, update };
}

const ORGANISATION = 'organisation';
const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

/**
 * How to raise a concern now: shown on the thank-you page after a comment that reads as urgent. The
 * organisation's serves units without their own; a unit's replaces it whole.
 */
export function concernContactForm(
  status: HTMLElement,
  after: TAfter,
  organisationWide: boolean,
): { element: HTMLFormElement; update: (org: TOrgTree) => Promise<void> } {
  const target = h('select', { id: 'concern-target' });
  const phone = h('input', { type: 'tel', id: 'concern-phone', autocomplete: 'off' });
  const url = h('input', { type: 'url', id: 'concern-url', autocomplete: 'off', inputmode: 'url' });
  const messages = messageArea();
  let contacts = new Map<string, TConcernContact>();
  const fill = (): void => {
    const contact = contacts.get(target.value);
    phone.value = contact?.concernPhone ?? '';
    url.value = contact?.concernUrl ?? '';
  };
  target.addEventListener('change', fill);
  const element = h(
    'form',
    { class: 'card admin-form', 'aria-labelledby': 'concern-heading' },
    h('h3', { id: 'concern-heading' }, 'Raising a concern now'),
    h(
      'p',
      { class: 'hint' },
      'When someone’s comment reads as urgent, the thank-you page tells them how to raise it now. ',
      'Give a phone number, a page, or both.',
    ),
    messages,
    field('For', target),
    field('Phone number', phone, 'Such as the ward’s desk or the patient advice service.'),
    field('Page (https)', url, 'Leave both empty to use the organisation’s.'),
    h('button', { type: 'submit', class: 'primary' }, 'Save contact'),
  );
  onSubmit(element, {
    messages,
    status,
    targets: { target, concernPhone: phone, concernUrl: url },
    check: () => missing({ target: [target, 'Choose the organisation or a unit.'] }),
    send: async () => {
      const contact: TConcernContact = { concernPhone: orNull(phone.value), concernUrl: orNull(url.value) };
      if (target.value === ORGANISATION) {
        await staffRequest('/org/concern-contact', { method: 'PUT', body: contact });
      } else {
        const body: TUnitUpdate = contact;
        await staffRequest<TUnit>(`/org/units/${encodeURIComponent(target.value)}`, {
          method: 'PATCH',
          body,
        });
      }
      return target.value;
    },
    done: async (saved) => {
      await after(saved === ORGANISATION ? '' : saved);
      return 'Contact for raising a concern saved.';
    },
  });
  async function update(org: TOrgTree): Promise<void> {
    const names = placeNames(org);
    const units = org.sites.flatMap((s) => s.departments.flatMap((d) => d.units)).filter((u) => !u.retired);
    contacts = new Map(
      units.map((u) => [u.id, { concernPhone: u.concernPhone ?? null, concernUrl: u.concernUrl ?? null }]),
    );
    if (organisationWide) {
      // Without it the form still serves units; the organisation's choice then starts empty.
      const own = await staffRequest<TConcernContact>('/org/concern-contact').catch(() => null);
      contacts.set(ORGANISATION, own ?? { concernPhone: null, concernUrl: null });
    }
    const chosen = target.value;
    replace(
      target,
      h('option', { value: '' }, 'Choose where it applies'),
      organisationWide &&
        h('option', { value: ORGANISATION }, 'The whole organisation (units without their own)'),
      units.map((u) => h('option', { value: u.id }, names.get(u.id) ?? u.name)),
    );
    target.value = contacts.has(chosen) ? chosen : '';
    fill();
  }
  return { element, update };
}
