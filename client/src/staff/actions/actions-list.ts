import './actions.css';
import type { TAction, TActionsQuery } from '../../../../shared/src/api/actions';
import type { TBoardScope } from '../../../../shared/src/api/board';
import { h, replace } from '../../common/dom';
import { describeError } from '../../common/http';
import { dataTable, formatDate, messageBox } from '../layout';
import { userIs } from '../session';
import { actionsApi, STATUS_LABELS } from './actions-api';

type TFor = { changeId: string } | { board: () => TBoardScope };

/** Which actions a board scope shows: a unit's or a change's; wider scopes, all the viewer may see. */
function queryOf(scope: TBoardScope): TActionsQuery {
  if (scope.level === 'unit' && scope.id) return { unitId: scope.id };
  if (scope.level === 'change' && scope.id) return { changeId: scope.id };
  return {};
}

function newActionHref(query: TActionsQuery): string {
  if (query.changeId) return `#/actions/new?from=change&id=${encodeURIComponent(query.changeId)}`;
  if (query.unitId) return `#/actions/new?unit=${encodeURIComponent(query.unitId)}`;
  return '#/actions/new';
}

export function actionsTable(actions: TAction[], caption: string): HTMLElement {
  return dataTable(
    caption,
    ['Action', 'Status', 'Due', 'Done'],
    actions.map((a) => [
      h('a', { href: `#/actions/${a.id}` }, a.title),
      h('span', { class: `action-status action-status-${a.status}` }, STATUS_LABELS[a.status]),
      formatDate(a.dueDate),
      formatDate(a.doneDate),
    ]),
    'actions-table',
  );
}

/**
 * What the quality team is doing about a board's scope or a change: a self-contained card that
 * loads its own list, for the board and the change page. On the board it follows the scope
 * picked (read every few seconds from the board, so the board needs no hook for it).
 */
export function actionsList(target: TFor): HTMLElement {
  const list = h('div', {}, h('p', { class: 'loading' }, 'Loading actions…'));
  const newLink = h('a', { class: 'button-link' }, 'Record an action');
  const element = h(
    'section',
    { class: 'card actions-card', 'aria-labelledby': 'actions-card-heading' },
    h('h2', { id: 'actions-card-heading' }, 'Actions'),
    list,
    userIs('admin', 'quality_lead') && h('p', {}, newLink),
  );
  let shown = '';
  const load = async (query: TActionsQuery): Promise<void> => {
    newLink.setAttribute('href', newActionHref(query));
    try {
      const { items } = await actionsApi.list(query);
      replace(
        list,
        items.length === 0
          ? h('p', {}, 'No actions recorded here yet.')
          : actionsTable(items, 'Actions for what is shown'),
      );
    } catch (error) {
      replace(list, messageBox('error', describeError(error)));
    }
  };
  const refresh = (): void => {
    const query = 'changeId' in target ? { changeId: target.changeId } : queryOf(target.board());
    const key = JSON.stringify(query);
    if (key === shown) return;
    shown = key;
    void load(query);
  };
  refresh();
  if ('board' in target) {
    const timer = setInterval(() => {
      if (!element.isConnected) clearInterval(timer);
      else refresh();
    }, 2000);
  }
  return element;
}
