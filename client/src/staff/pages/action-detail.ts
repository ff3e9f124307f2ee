import type { TAction, TActionSource, TActionStatus } from '../../../../shared/src/api/actions';
import type { TOrgTree } from '../../../../shared/src/api/org';
import { overview } from '../../../../shared/src/impact/impact-text';
import { focusElement, h, replace } from '../../common/dom';
import { ApiError, describeError } from '../../common/http';
import { actionsApi, STATUS_LABELS } from '../actions/actions-api';
import { api } from '../api';
import { field, messageArea, onSubmit } from '../forms';
import { metricsTable } from '../impact/impact-tables';
import { formatDate, messageBox, renderPage } from '../layout';
import { placeNames } from '../org-tree';
import { navigate } from '../router';
import { userIs } from '../session';

function sourceText(source: TActionSource): string {
  switch (source.kind) {
    case 'theme':
      return `The theme “${source.theme.replace(/_/g, ' ')}”`;
    case 'alert':
      return 'An alert';
    case 'change':
      return 'A technology change';
    case 'spc_signal':
      return 'A special-cause signal';
    case 'comments':
      return `${source.responseIds.length} comments picked on the board`;
  }
}

function detailsList(
  action: TAction,
  names: Map<string, string>,
  pages: Record<string, string>,
): HTMLElement {
  const row = (term: string, ...value: (Node | string)[]) => [h('dt', {}, term), h('dd', {}, ...value)];
  return h(
    'dl',
    { class: 'details' },
    row('Status', STATUS_LABELS[action.status]),
    row('Owner', action.ownerName ?? '—'),
    row('Due', formatDate(action.dueDate)),
    row('Done', formatDate(action.doneDate)),
    row('Made from', sourceText(action.source)),
    row(
      'Reports linked',
      action.linkedReports === null ? 'Fewer than the small-group threshold' : String(action.linkedReports),
    ),
    row('What the public reads', action.publicDescription),
    row(
      'Units',
      h(
        'ul',
        { class: 'plain' },
        action.unitIds.map((id) =>
          h(
            'li',
            {},
            names.get(id) ?? 'A unit',
            pages[id] && [' · ', h('a', { href: pages[id] }, '“You said, we did” page')],
          ),
        ),
      ),
    ),
  );
}

function editForm(action: TAction, status: HTMLElement, saved: (a: TAction) => void): HTMLElement {
  const statusSelect = h(
    'select',
    { id: 'edit-action-status', value: action.status },
    Object.entries(STATUS_LABELS).map(([value, label]) => h('option', { value }, label)),
  );
  const done = h('input', { type: 'date', id: 'edit-action-done', value: action.doneDate ?? '' });
  const due = h('input', { type: 'date', id: 'edit-action-due', value: action.dueDate ?? '' });
  const description = h('textarea', {
    id: 'edit-action-description',
    rows: 3,
    value: action.publicDescription,
  });
  const messages = messageArea();
  const form = h(
    'form',
    { class: 'card admin-form', 'aria-labelledby': 'edit-action-heading' },
    h('h2', { id: 'edit-action-heading' }, 'Update'),
    messages,
    h(
      'div',
      { class: 'inline-fields' },
      field('Status', statusSelect),
      field('Done on', done, 'Left empty, today.'),
      field('Due date', due),
    ),
    field('What we did, for the public', description),
    h('button', { type: 'submit', class: 'primary' }, 'Save'),
  );
  onSubmit(form, {
    messages,
    status,
    targets: { status: statusSelect, doneDate: done, dueDate: due, publicDescription: description },
    send: () =>
      actionsApi.update(action.id, {
        status: statusSelect.value as TActionStatus,
        ...(statusSelect.value === 'done' && done.value ? { doneDate: done.value } : {}),
        dueDate: due.value || null,
        publicDescription: description.value.trim(),
      }),
    done: (updated) => {
      saved(updated);
      return `Saved: ${STATUS_LABELS[updated.status].toLowerCase()}.`;
    },
  });
  return form;
}

async function impactSection(action: TAction): Promise<HTMLElement> {
  const section = (...content: (Node | string)[]) =>
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'action-impact-heading' },
      h('h2', { id: 'action-impact-heading' }, 'Did it help?'),
      ...content,
    );
  if (action.status !== 'done') {
    return section(h('p', {}, 'Once it is done, this shows whether its units’ figures moved afterwards.'));
  }
  try {
    const impact = await actionsApi.impact(action.id);
    const { before, after } = impact.windows;
    const span = `${formatDate(before.from)} to ${formatDate(before.to)} against ${formatDate(after.from)} to ${formatDate(after.to)}`;
    if (impact.metrics.length === 0) {
      return section(h('p', {}, `No answers on its units to compare yet (${span}).`));
    }
    return section(
      h('p', {}, `Its units’ figures, ${span}, around the day it was done. ${overview(impact)}`),
      metricsTable(impact),
    );
  } catch (error) {
    return section(messageBox('error', describeError(error)));
  }
}

/** `#/actions/<id>`: an action, its update form for those who may edit, and its impact once done. */
export async function showActionDetail(actionId: string): Promise<void> {
  const main = renderPage('Action', h('p', { class: 'loading' }, 'Loading the action…'));
  let action: TAction;
  let org: TOrgTree | null = null;
  try {
    [action, org] = await Promise.all([actionsApi.get(actionId), api.getOrg().catch(() => null)]);
  } catch (error) {
    replace(
      main,
      h('h1', {}, 'Action'),
      messageBox(
        'error',
        error instanceof ApiError && error.status === 404
          ? 'No such action, or not one of your units’.'
          : describeError(error),
      ),
    );
    return;
  }
  const pages = await actionsApi
    .publicPages(action.unitIds)
    .then((r) => r.pages)
    .catch(() => ({}));
  const status = messageArea();
  const draw = async (current: TAction): Promise<void> => {
    const names = placeNames(org);
    const heading = h('h1', {}, current.title);
    replace(
      main,
      heading,
      h('p', {}, h('a', { href: '#/actions' }, 'All actions')),
      status,
      detailsList(current, names, pages as Record<string, string>),
      userIs('admin', 'quality_lead') && editForm(current, status, (a) => void draw(a)),
      await impactSection(current),
      userIs('admin', 'quality_lead') &&
        h(
          'p',
          {},
          h(
            'button',
            {
              type: 'button',
              class: 'secondary',
              onclick: async () => {
                if (!confirm(`Delete the action “${current.title}”? This cannot be undone.`)) return;
                try {
                  await actionsApi.remove(current.id);
                  navigate('/actions');
                } catch (error) {
                  replace(status, messageBox('error', describeError(error)));
                }
              },
            },
            'Delete action',
          ),
        ),
    );
    document.title = `${current.title} · CareLoop`;
    focusElement(heading);
  };
  await draw(action);
}
