import type { TChange, TChangeCreate, TOrgTree } from '../../../../shared/src/api/org';
import { domId, h, replace } from '../../common/dom';
import { describeError } from '../../common/http';
import { api } from '../api';
import { entryList, field, messageArea, missing, onSubmit } from '../forms';
import { dataTable, formatDate, messageBox, renderPage } from '../layout';
import { departmentsOf, placeNames } from '../org-tree';
import { userIs } from '../session';

type TChangeKind = TChangeCreate['kind'];

/** Every kind the contract allows, in the order the form offers them. */
const CHANGE_KIND_LABELS: Record<TChangeKind, string> = {
  ehr_module: 'EHR module',
  ai_tool: 'AI tool',
  telehealth: 'Telehealth',
  kiosk: 'Self-service kiosk',
  device: 'Device',
  workflow: 'Workflow',
  other: 'Other',
};

const changeId = (id: string): string => domId('change', id);

/** The technology changes of the organisation; admins and quality leads record new ones. */
export async function showChanges(): Promise<void> {
  const canRecord = userIs('admin', 'quality_lead');
  const status = messageArea();
  const listArea = h('div', {}, h('p', { class: 'loading' }, 'Loading changes…'));
  const formArea = h('div');
  renderPage(
    'Technology changes',
    h(
      'p',
      {},
      'A change is something new that staff or patients use from a go-live date, in some units. ',
      'Link surveys to it to hear how it went.',
    ),
    status,
    h(
      'section',
      { 'aria-labelledby': 'changes-heading' },
      h('h2', { id: 'changes-heading' }, 'Recorded changes'),
      listArea,
    ),
    canRecord &&
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'record-heading' },
        h('h2', { id: 'record-heading' }, 'Record a change'),
        formArea,
      ),
  );

  const [orgResult, changesResult] = await Promise.allSettled([api.getOrg(), api.listChanges()]);
  const org = orgResult.status === 'fulfilled' ? orgResult.value : null;

  const list = entryList(listArea, {
    load: api.listChanges,
    draw: (changes) =>
      changes.length === 0 ? h('p', {}, 'No changes recorded yet.') : changesTable(changes, placeNames(org)),
    entryId: changeId,
  });
  list.show(changesResult);
  if (!canRecord) return;
  if (orgResult.status === 'rejected') {
    replace(formArea, messageBox('error', describeError(orgResult.reason)));
    return;
  }
  replace(formArea, changeForm(orgResult.value, status, list.added));
}

function changesTable(changes: TChange[], names: Map<string, string>): HTMLElement {
  return dataTable(
    'Recorded changes',
    ['Change', 'Kind', 'Go-live date', 'Units'],
    changes.map((change) => {
      const known = change.unitIds.filter((id) => names.has(id));
      const others = change.unitIds.length - known.length;
      return [
        // Its impact page, for those who see boards and every unit it touches (else it answers 404).
        // The id stays on the span: focusing a new entry gives it tabindex -1, which a link must not get.
        h(
          'span',
          { id: changeId(change.id) },
          userIs('admin', 'quality_lead', 'viewer') && others === 0
            ? h('a', { href: `#/changes/${change.id}` }, change.name)
            : change.name,
        ),
        CHANGE_KIND_LABELS[change.kind],
        formatDate(change.goLiveDate),
        h(
          'ul',
          { class: 'plain' },
          known.map((id) => h('li', {}, names.get(id))),
          others > 0 &&
            h('li', { class: 'hint' }, `${others} unit${others === 1 ? '' : 's'} outside your area`),
        ),
      ];
    }),
    'changes-table',
  );
}

function changeForm(
  org: TOrgTree,
  status: HTMLElement,
  onRecorded: (change: TChange) => Promise<void>,
): HTMLElement {
  const departments = departmentsOf(org).filter(({ department }) => department.units.length > 0);
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
  const name = h('input', { type: 'text', id: 'change-name', autocomplete: 'off' });
  const kind = h(
    'select',
    { id: 'change-kind' },
    h('option', { value: '' }, 'Choose a kind'),
    Object.entries(CHANGE_KIND_LABELS).map(([value, label]) => h('option', { value }, label)),
  );
  const goLive = h('input', { type: 'date', id: 'change-go-live' });
  const description = h('textarea', { id: 'change-description', rows: 3 });
  const units = h(
    'fieldset',
    { id: 'change-units', class: 'choice-grid' },
    h('legend', {}, 'Units where it goes live'),
    departments.map(({ site, department }) =>
      h(
        'fieldset',
        {},
        h('legend', {}, `${site.name} › ${department.name}`),
        department.units.map((unit) =>
          h(
            'div',
            { class: 'check' },
            h('input', { type: 'checkbox', id: domId('change-unit', unit.id), value: unit.id }),
            h('label', { for: domId('change-unit', unit.id) }, unit.name),
          ),
        ),
      ),
    ),
  );
  const chosenUnits = (): string[] =>
    Array.from(units.querySelectorAll<HTMLInputElement>('input:checked'), (input) => input.value);

  const messages = messageArea();
  const form = h(
    'form',
    { class: 'admin-form' },
    messages,
    field('Name', name, 'What staff call it, such as “Bedside check-in tablets”.'),
    h('div', { class: 'inline-fields' }, field('Kind', kind), field('Go-live date', goLive)),
    field('Description (optional)', description, 'What changes for patients and staff.'),
    units,
    h('button', { type: 'submit', class: 'primary' }, 'Record change'),
  );
  onSubmit(form, {
    messages,
    status,
    targets: { name, kind, goLiveDate: goLive, description, unitIds: units },
    check: () => [
      ...missing({
        name: [name, 'Enter the name of the change.'],
        kind: [kind, 'Choose what kind of change it is.'],
        goLiveDate: [goLive, 'Enter the day it goes live.'],
      }),
      ...(chosenUnits().length === 0 ? [{ name: 'unitIds', reason: 'Choose at least one unit.' }] : []),
    ],
    send: () =>
      api.createChange({
        name: name.value.trim(),
        kind: kind.value as TChangeKind,
        description: description.value.trim(),
        unitIds: chosenUnits(),
        goLiveDate: goLive.value,
      }),
    done: async (change) => {
      form.reset();
      await onRecorded(change);
      return `Change “${change.name}” recorded.`;
    },
  });
  return form;
}
