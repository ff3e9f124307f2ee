import type { TAction } from '../../../../shared/src/api/actions';
import { domId, h, replace } from '../../common/dom';
import { describeError } from '../../common/http';
import { actionForm, type TActionPrefill } from '../actions/action-form';
import { actionsApi } from '../actions/actions-api';
import { actionsTable } from '../actions/actions-list';
import { api } from '../api';
import { messageArea } from '../forms';
import { messageBox, renderPage } from '../layout';
import { currentUser, userIs } from '../session';

/** `#/actions/new?from=alert&id=…`: what opened the form, from the address's query. */
export function prefillFromSearch(search: string): TActionPrefill {
  const params = new URLSearchParams(search);
  const get = (key: string) => params.get(key) ?? undefined;
  return {
    from: get('from'),
    id: get('id'),
    theme: get('theme'),
    unit: get('unit'),
    ids: params.get('ids')?.split(',').filter(Boolean),
  };
}

/**
 * Every action on the viewer's units, and for admins and quality leads the form that records one.
 * Pages elsewhere (the board, a change) open it at `#/actions/new?…` with its source filled in.
 */
export async function showActions(prefill: TActionPrefill | null): Promise<void> {
  const canRecord = userIs('admin', 'quality_lead');
  const status = messageArea();
  const listArea = h('div', {}, h('p', { class: 'loading' }, 'Loading actions…'));
  const formArea = h('div', { class: 'card' }, h('p', { class: 'loading' }, 'Loading the form…'));
  renderPage(
    'Actions',
    h(
      'p',
      {},
      'What the team does about what patients and staff said. Done actions appear, in the words written for the public, on each unit’s “You said, we did” page.',
    ),
    status,
    h(
      'section',
      { 'aria-labelledby': 'actions-heading' },
      h('h2', { id: 'actions-heading' }, 'Recorded actions'),
      listArea,
    ),
    canRecord && formArea,
  );
  const drawList = async (focusId?: string): Promise<void> => {
    try {
      const { items } = await actionsApi.list();
      replace(
        listArea,
        items.length === 0 ? h('p', {}, 'No actions recorded yet.') : actionsTable(items, 'Recorded actions'),
      );
      if (focusId) listArea.querySelector<HTMLAnchorElement>(`a[href="#/actions/${focusId}"]`)?.focus();
    } catch (error) {
      replace(listArea, messageBox('error', describeError(error)));
    }
  };
  void drawList();
  if (!canRecord) return;
  const scope = currentUser()?.scope ?? { level: 'organisation' as const };
  const [org, changes, alerts, taxonomy] = await Promise.allSettled([
    api.getOrg(),
    api.listChanges(),
    actionsApi.alerts(scope),
    api.getFrictionTaxonomy(),
  ]);
  if (org.status === 'rejected') {
    replace(formArea, messageBox('error', describeError(org.reason)));
    return;
  }
  replace(
    formArea,
    actionForm(
      org.value,
      {
        changes: changes.status === 'fulfilled' ? changes.value.items : [],
        alerts: alerts.status === 'fulfilled' ? alerts.value.items : [],
        frictionThemes: taxonomy.status === 'fulfilled' ? taxonomy.value.definition.themes : [],
      },
      prefill ?? {},
      status,
      (action: TAction) => drawList(action.id),
    ),
  );
  if (prefill) document.getElementById(domId('record-action', 'heading'))?.scrollIntoView();
}
