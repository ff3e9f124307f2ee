import type { TChange, TChangeCreate, TOrgTree } from '../../../../shared/src/api/org';
import type { TInvalidParam } from '../../../../shared/src/errors';
import { domId, h } from '../../common/dom';
import { api } from '../api';
import { field, messageArea, missing, onSubmit, type TFieldTargets } from '../forms';
import { activeTree, departmentsOf } from '../org-tree';
import { userIs } from '../session';

type TChangeKind = TChangeCreate['kind'];
type TChangeValues = Required<Omit<TChangeCreate, 'ownerUserId'>>;

/** Every kind the contract allows, in the order the form offers them. */
export const CHANGE_KIND_LABELS: Record<TChangeKind, string> = {
  ehr_module: 'EHR module',
  ai_tool: 'AI tool',
  telehealth: 'Telehealth',
  kiosk: 'Self-service kiosk',
  device: 'Device',
  workflow: 'Workflow',
  other: 'Other',
};

type TDepartments = ReturnType<typeof departmentsOf>;
type TChangeFields = {
  /** The labelled controls, in form order. */
  body: HTMLElement[];
  targets: TFieldTargets;
  check: () => TInvalidParam[];
  values: () => TChangeValues;
};

/**
 * The fields of a change shared by the record and edit forms, their ids under `prefix` so both can
 * be on the page at once; filled from `initial` when editing.
 */
function changeFields(departments: TDepartments, prefix: string, initial?: TChange): TChangeFields {
  const chosen = new Set(initial?.unitIds);
  const name = h('input', { type: 'text', id: `${prefix}-name`, autocomplete: 'off', value: initial?.name });
  const kind = h(
    'select',
    { id: `${prefix}-kind`, value: initial?.kind ?? '' },
    h('option', { value: '' }, 'Choose a kind'),
    Object.entries(CHANGE_KIND_LABELS).map(([value, label]) => h('option', { value }, label)),
  );
  const goLive = h('input', { type: 'date', id: `${prefix}-go-live`, value: initial?.goLiveDate });
  const description = h('textarea', { id: `${prefix}-description`, rows: 3, value: initial?.description });
  const units = h(
    'fieldset',
    { id: `${prefix}-units`, class: 'choice-grid' },
    h('legend', {}, 'Units where it goes live'),
    departments.map(({ site, department }) =>
      h(
        'fieldset',
        {},
        h('legend', {}, `${site.name} › ${department.name}`),
        department.units.map((unit) => {
          const id = domId(`${prefix}-unit`, unit.id);
          return h(
            'div',
            { class: 'check' },
            h('input', { type: 'checkbox', id, value: unit.id, checked: chosen.has(unit.id) }),
            h('label', { for: id }, unit.name),
          );
        }),
      ),
    ),
  );
  const chosenUnits = (): string[] =>
    Array.from(units.querySelectorAll<HTMLInputElement>('input:checked'), (input) => input.value);
  return {
    body: [
      field('Name', name, 'What staff call it, such as “Bedside check-in tablets”.'),
      h('div', { class: 'inline-fields' }, field('Kind', kind), field('Go-live date', goLive)),
      field('Description (optional)', description, 'What changes for patients and staff.'),
      units,
    ],
    targets: { name, kind, goLiveDate: goLive, description, unitIds: units },
    check: () => [
      ...missing({
        name: [name, 'Enter the name of the change.'],
        kind: [kind, 'Choose what kind of change it is.'],
        goLiveDate: [goLive, 'Enter the day it goes live.'],
      }),
      ...(chosenUnits().length === 0 ? [{ name: 'unitIds', reason: 'Choose at least one unit.' }] : []),
    ],
    values: () => ({
      name: name.value.trim(),
      kind: kind.value as TChangeKind,
      description: description.value.trim(),
      unitIds: chosenUnits(),
      goLiveDate: goLive.value,
    }),
  };
}

/** Departments with units to choose: retired ones left out, except units the change already names. */
const unitDepartments = (org: TOrgTree, keep: string[] = []): TDepartments =>
  departmentsOf(activeTree(org, keep)).filter(({ department }) => department.units.length > 0);

/** The form that records a new change. */
export function changeForm(
  org: TOrgTree,
  status: HTMLElement,
  onRecorded: (change: TChange) => Promise<void>,
): HTMLElement {
  const departments = unitDepartments(org);
  if (departments.length === 0) {
    return h(
      'p',
      {},
      'There are no units to record a change for yet. ',
      userIs('admin')
        ? h('a', { href: '#/organisation' }, 'Add units to the organisation first.')
        : 'Ask an administrator to add them.',
    );
  }
  const fields = changeFields(departments, 'change');
  const messages = messageArea();
  const form = h(
    'form',
    { class: 'admin-form' },
    messages,
    fields.body,
    h('button', { type: 'submit', class: 'primary' }, 'Record change'),
  );
  onSubmit(form, {
    messages,
    status,
    targets: fields.targets,
    check: fields.check,
    send: () => api.createChange(fields.values()),
    done: async (change) => {
      form.reset();
      await onRecorded(change);
      return `Change “${change.name}” recorded.`;
    },
  });
  return form;
}

/**
 * The form that edits `change` in place, filled with what it holds now. Saving sends every field;
 * the server audits only those that differ.
 */
export function editChangeForm(
  org: TOrgTree,
  change: TChange,
  status: HTMLElement,
  on: { saved: (change: TChange) => Promise<void>; cancel: () => void },
): HTMLElement {
  const fields = changeFields(unitDepartments(org, change.unitIds), 'change-edit', change);
  const messages = messageArea();
  const form = h(
    'form',
    { class: 'admin-form', 'aria-labelledby': 'change-edit-heading' },
    h('h2', { id: 'change-edit-heading' }, `Edit “${change.name}”`),
    messages,
    fields.body,
    h(
      'p',
      {},
      h('button', { type: 'submit', class: 'primary' }, 'Save changes'),
      ' ',
      h('button', { type: 'button', class: 'secondary', onclick: on.cancel }, 'Cancel'),
    ),
  );
  onSubmit(form, {
    messages,
    status,
    targets: fields.targets,
    check: fields.check,
    send: () => api.updateChange(change.id, fields.values()),
    done: async (saved) => {
      await on.saved(saved);
      return `Change “${saved.name}” saved.`;
    },
  });
  return form;
}
