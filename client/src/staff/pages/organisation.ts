import type { TOrgTree } from '../../../../shared/src/api/org';
import { domId, focusElement, h, replace } from '../../common/dom';
import { describeError } from '../../common/http';
import { api } from '../api';
import { privacySection } from '../board/privacy-form';
import { field, messageArea, missing, onSubmit } from '../forms';
import { messageBox, renderPage } from '../layout';
import { activeTree, departmentsOf, placeNames } from '../org-tree';
import { currentUser, userIs } from '../session';
import { analysisSection } from './analysis-settings-form';
import { concernContactForm, placeEditForm } from './place-editor';
import { youSaidWeDidForm } from './you-said-we-did-form';

const placeId = (id: string): string => domId('place', id);

type TChosen = { siteId?: string; departmentId?: string };
type TAdded = { id: string; chosen: TChosen };

/**
 * Sites › departments › units as the user may see them; administrators also get the forms to add
 * to it. Forms sit beside the tree rather than under each node so that a trust with many wards
 * gets one form per level, not one per ward.
 */
export async function showOrganisation(): Promise<void> {
  const canEdit = userIs('admin');
  const status = messageArea();
  const summary = h('p', { class: 'hint' });
  const treeArea = h('div', {}, h('p', { class: 'loading' }, 'Loading the organisation…'));
  const forms = canEdit ? addForms(status, reload) : null;
  const scoped = currentUser()?.scope.level !== 'organisation';
  renderPage(
    'Organisation',
    status,
    h(
      'div',
      { class: canEdit ? 'admin-columns' : '' },
      h(
        'div',
        {},
        h(
          'section',
          { 'aria-labelledby': 'structure-heading' },
          h('h2', { id: 'structure-heading' }, 'Sites, departments and units'),
          summary,
          treeArea,
        ),
        privacySection(canEdit),
        analysisSection(canEdit),
      ),
      forms?.element,
    ),
    !canEdit &&
      h(
        'p',
        { class: 'hint' },
        scoped
          ? 'This is the part of the organisation your account covers. '
          : 'This is how your organisation is set up. ',
        'Only administrators can add sites, departments and units.',
      ),
  );

  /** Reloads the tree; after an add, moves focus to the new place in it and picks it in the forms. */
  async function reload(added?: TAdded): Promise<void> {
    let org: TOrgTree;
    try {
      org = await api.getOrg();
    } catch (error) {
      replace(treeArea, messageBox('error', describeError(error)));
      return;
    }
    replace(summary, describeSize(org));
    replace(treeArea, orgTree(org));
    forms?.update(org, added?.chosen ?? {});
    if (!added) return;
    const place = document.getElementById(placeId(added.id));
    place?.classList.add('just-added');
    focusElement(place);
  }

  await reload();
}

function describeSize(org: TOrgTree): string {
  const departments = departmentsOf(org);
  const units = departments.reduce((n, { department }) => n + department.units.length, 0);
  const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
  return `${org.name}: ${count(org.sites.length, 'site')}, ${count(departments.length, 'department')}, ${count(units, 'unit')}.`;
}

function orgTree(org: TOrgTree): HTMLElement {
  if (org.sites.length === 0) return h('p', {}, 'No sites yet.');
  return h(
    'ul',
    { class: 'org-tree' },
    org.sites.map((site) =>
      h(
        'li',
        { class: 'card' },
        h('h3', { id: placeId(site.id) }, site.name, retiredBadge(site)),
        site.departments.length === 0
          ? h('p', { class: 'hint' }, 'No departments yet.')
          : h(
              'ul',
              { class: 'org-departments', 'aria-label': `Departments of ${site.name}` },
              site.departments.map((department) =>
                h(
                  'li',
                  {},
                  h(
                    'span',
                    { class: 'org-department', id: placeId(department.id) },
                    department.name,
                    retiredBadge(department),
                  ),
                  department.units.length === 0
                    ? h('p', { class: 'hint' }, 'No units yet.')
                    : h(
                        'ul',
                        { class: 'org-units', 'aria-label': `Units of ${department.name}` },
                        department.units.map((unit) =>
                          h(
                            'li',
                            { id: placeId(unit.id) },
                            unit.name,
                            retiredBadge(unit),
                            (unit.concernPhone || unit.concernUrl) &&
                              h(
                                'span',
                                { class: 'hint' },
                                ' · concerns: ',
                                [unit.concernPhone, unit.concernUrl].filter(Boolean).join(', '),
                              ),
                            unit.youSaidWeDidUrl &&
                              h(
                                'span',
                                { class: 'hint' },
                                ' · ',
                                h('a', { href: unit.youSaidWeDidUrl }, `“You said, we did” for ${unit.name}`),
                              ),
                          ),
                        ),
                      ),
                ),
              ),
            ),
      ),
    ),
  );
}

/** Retired places stay in the tree (their history counts), marked so. */
const retiredBadge = (place: { retired?: true }): HTMLElement | null =>
  place.retired ? h('span', {}, ' ', h('span', { class: 'badge' }, 'retired')) : null;

type TAddForms = { element: HTMLElement; update: (org: TOrgTree, chosen: TChosen) => void };
type TParent = { param: 'siteId' | 'departmentId'; label: string; select: HTMLSelectElement };

/** A small form that adds one named place, under the place chosen in `parent` when there is one. */
function addForm<T extends { id: string; name: string }>(
  noun: 'site' | 'department' | 'unit',
  options: { parent?: TParent; hint?: string; status: HTMLElement },
  send: (parentId: string, name: string) => Promise<T>,
  after: (created: T) => Promise<void>,
): HTMLFormElement {
  const { parent, status } = options;
  const Noun = noun.charAt(0).toUpperCase() + noun.slice(1);
  const name = h('input', { type: 'text', id: `${noun}-name`, autocomplete: 'off' });
  const messages = messageArea();
  const form = h(
    'form',
    { class: 'card admin-form', 'aria-labelledby': `add-${noun}-heading` },
    h('h3', { id: `add-${noun}-heading` }, `Add a ${noun}`),
    messages,
    parent && field(parent.label, parent.select),
    field(`${Noun} name`, name, options.hint),
    h('button', { type: 'submit', class: 'primary' }, `Add ${noun}`),
  );
  onSubmit(form, {
    messages,
    status,
    targets: parent ? { [parent.param]: parent.select, name } : { name },
    check: () =>
      missing({
        ...(parent && {
          [parent.param]: [parent.select, `Choose the ${parent.label.toLowerCase()} it belongs to.`],
        }),
        name: [name, `Enter the name of the ${noun}.`],
      }),
    send: () => send(parent?.select.value ?? '', name.value.trim()),
    done: async (created) => {
      name.value = '';
      await after(created);
      return `${Noun} “${created.name}” added.`;
    },
  });
  return form;
}

/** One form per level; each new site or department is then chosen in the form for the next level. */
function addForms(status: HTMLElement, reload: (added: TAdded) => Promise<void>): TAddForms {
  const departmentSite = h('select', { id: 'department-site' });
  const unitDepartment = h('select', { id: 'unit-department' });
  const site = addForm(
    'site',
    { hint: 'A hospital, clinic or campus.', status },
    (_, name) => api.createSite({ name }),
    (created) => reload({ id: created.id, chosen: { siteId: created.id } }),
  );
  const department = addForm(
    'department',
    { parent: { param: 'siteId', label: 'Site', select: departmentSite }, status },
    (siteId, name) => api.createDepartment({ siteId, name }),
    (created) => reload({ id: created.id, chosen: { siteId: created.siteId, departmentId: created.id } }),
  );
  const unit = addForm(
    'unit',
    {
      parent: { param: 'departmentId', label: 'Department', select: unitDepartment },
      hint: 'A ward, clinic or team: where feedback is collected.',
      status,
    },
    (departmentId, name) => api.createUnit({ departmentId, name }),
    (created) => reload({ id: created.id, chosen: { departmentId: created.departmentId } }),
  );

  const yswd = youSaidWeDidForm(status, (unitId) => reload({ id: unitId, chosen: {} }));
  const organisationWide = currentUser()?.scope.level === 'organisation';
  const placeEdit = organisationWide ? placeEditForm(status, (id) => reload({ id, chosen: {} })) : null;
  const concern = concernContactForm(status, (id) => reload({ id, chosen: {} }), organisationWide);

  /** Fills the pickers from the reloaded tree, keeping each choice unless an add made a new one. */
  function update(whole: TOrgTree, chosen: TChosen): void {
    yswd.update(whole);
    placeEdit?.update(whole);
    void concern.update(whole);
    // New places go under places still in use.
    const org = activeTree(whole) ?? whole;
    const names = placeNames(org);
    const fill = (select: HTMLSelectElement, id: string | undefined, ...options: HTMLElement[]): void => {
      const value = id ?? select.value;
      replace(select, options);
      select.value = names.has(value) ? value : '';
    };
    const departments = departmentsOf(org);
    fill(
      departmentSite,
      chosen.siteId,
      h('option', { value: '' }, org.sites.length > 0 ? 'Choose a site' : 'Add a site first'),
      ...org.sites.map((s) => h('option', { value: s.id }, s.name)),
    );
    fill(
      unitDepartment,
      chosen.departmentId,
      h('option', { value: '' }, departments.length > 0 ? 'Choose a department' : 'Add a department first'),
      ...departments.map(({ department: d }) => h('option', { value: d.id }, names.get(d.id) ?? d.name)),
    );
  }

  return {
    element: h(
      'section',
      { 'aria-labelledby': 'add-heading' },
      h('h2', { id: 'add-heading' }, 'Add to the organisation'),
      site,
      department,
      unit,
      placeEdit?.element,
      concern.element,
      yswd.element,
    ),
    update,
  };
}
