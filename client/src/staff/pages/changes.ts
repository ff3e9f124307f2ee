import type { TChange } from '../../../../shared/src/api/org';
import { domId, focusElement, h, replace } from '../../common/dom';
import { describeError } from '../../common/http';
import { api } from '../api';
import { entryList, messageArea } from '../forms';
import { dataTable, formatDate, messageBox, renderPage } from '../layout';
import { placeNames } from '../org-tree';
import { userIs } from '../session';
import { CHANGE_KIND_LABELS, changeForm, editChangeForm } from './change-form';

const changeId = (id: string): string => domId('change', id);
const editButtonId = (id: string): string => domId('change-edit-button', id);

/** The technology changes of the organisation; admins and quality leads record new ones and edit them. */
export async function showChanges(): Promise<void> {
  const canRecord = userIs('admin', 'quality_lead');
  const status = messageArea();
  const listArea = h('div', {}, h('p', { class: 'loading' }, 'Loading changes…'));
  const formArea = h('div');
  const editArea = h('div');
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
      editArea,
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

  // Editing needs the units to offer, so it waits for the organisation as recording does.
  const edit = (change: TChange): void => {
    if (!org) return;
    const close = (): void => editArea.replaceChildren();
    replace(
      editArea,
      h(
        'div',
        { class: 'card' },
        editChangeForm(org, change, status, {
          saved: async (saved) => {
            close();
            await list.added(saved);
          },
          cancel: () => {
            close();
            focusElement(document.getElementById(editButtonId(change.id)));
          },
        }),
      ),
    );
    focusElement(document.getElementById('change-edit-heading'));
  };
  const list = entryList(listArea, {
    load: api.listChanges,
    draw: (changes) =>
      changes.length === 0
        ? h('p', {}, 'No changes recorded yet.')
        : changesTable(changes, placeNames(org), canRecord && org ? edit : undefined),
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

/** `edit` is given to those who may edit; a change touching units outside their area has no button. */
function changesTable(
  changes: TChange[],
  names: Map<string, string>,
  edit?: (change: TChange) => void,
): HTMLElement {
  return dataTable(
    'Recorded changes',
    ['Change', 'Kind', 'Go-live date', 'Units', ...(edit ? ['Actions'] : [])],
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
        ...(edit
          ? [
              others === 0 &&
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'small',
                    id: editButtonId(change.id),
                    onclick: () => edit(change),
                  },
                  'Edit',
                  h('span', { class: 'visually-hidden' }, ` ${change.name}`),
                ),
            ]
          : []),
      ];
    }),
    'changes-table',
  );
}
