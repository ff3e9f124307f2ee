import type { TBoardSummary } from '../../../../shared/src/api/board';
import { applySummaryChanges } from '../../../../shared/src/board/summary-update';
import { h, replace } from '../../common/dom';
import { describeError } from '../../common/http';
import { api } from '../api';
import { alertsPanel } from '../board/alerts-panel';
import { audienceSummary, audienceSwitch, type TAudience } from '../board/audience';
import { boardApi } from '../board/board-api';
import {
  hashOfView,
  sameScope,
  scopeOfValue,
  scopeOptions,
  scopeValue,
  viewFromHash,
  type TBoardView,
} from '../board/board-scope';
import { commentsPanel } from '../board/comments-panel';
import { formatDay, PERIOD_LABELS } from '../board/format';
import { headlineFigures } from '../board/headline-figures';
import { connectLive, type TLiveState } from '../board/live-connection';
import { liveStatus } from '../board/live-status';
import { themesPanel } from '../board/themes-panel';
import { trendCharts } from '../board/trends';
import '../board/board.css';
import { field } from '../forms';
import { actionsList } from '../actions/actions-list';
import { breakdownPanel } from '../equity/breakdown-panel';
import { messageBox, renderPage } from '../layout';
import { setLeaveGuard } from '../router';
import { currentUser, userIs } from '../session';
import { showSignInDialog } from './sign-in';

/** Without the socket the board still moves, only slower: it rereads the figures this often. */
const FALLBACK_REFRESH_MS = 60_000;

let closeActive: (() => void) | null = null;

/**
 * The live quality board (`#/board?level=…&id=…&period=…`): headline figures, trends with go-live
 * markers, themes, comments and, for those who act on them, urgent alerts. It loads over HTTP and
 * then follows the scope over Socket.IO; the choice of scope lives in the address so that a wall
 * screen comes back to it after a reload.
 */
export function showBoard(): void {
  closeActive?.();
  const user = currentUser();
  if (!user) return;
  let view: TBoardView = viewFromHash(location.hash, user.scope);
  let summary: TBoardSummary | null = null;
  let audience: TAudience | undefined = audienceFromHash(location.hash);
  let liveState: TLiveState = 'connecting';
  const seesAlerts = userIs('admin', 'quality_lead');

  const scopeSelect = h('select', { id: 'board-scope' }, h('option', { value: scopeValue(view.scope) }, '…'));
  const periodSelect = h(
    'select',
    { id: 'board-period' },
    Object.entries(PERIOD_LABELS).map(([value, label]) => h('option', { value }, `Last ${label}`)),
  );
  periodSelect.value = view.period;
  const csvLink = h('a', { class: 'csv-link', download: true }, 'Download these figures (CSV)');
  const status = liveStatus();
  const errors = h('div', { class: 'messages' });
  const scopeLine = h('p', { class: 'board-scope' });
  const audiences = audienceSwitch((chosen) => {
    audience = chosen;
    history.replaceState(history.state, '', withAudience(hashOfView(view), audience));
    if (summary) draw(summary);
  });
  const empty = h('p', { class: 'empty-state', hidden: true });
  const figures = headlineFigures();
  const trends = trendCharts();
  const themes = themesPanel();
  const comments = commentsPanel();
  const alerts = seesAlerts ? alertsPanel() : null;
  const mainColumn = h('div', { class: 'board-main' }, figures.element, empty, trends.element);
  // Actions (what was done) sit with alerts (what needs doing); figures by group join the trends.
  const actions = actionsList({ board: () => view.scope });
  const breakdown = breakdownPanel(() => view);
  const sideStack = h('div', { class: 'board-stack' }, alerts?.element, actions, themes.element);
  const panels = h(
    'div',
    { class: 'board-panels' },
    sideStack,
    h('div', { class: 'board-stack' }, comments.element),
  );
  // On a wall: alerts and actions, themes, and figures by group side by side under the trends.
  const lower = h('div', { class: 'board-lower' });
  const content = h(
    'div',
    { class: 'board-content', hidden: true },
    scopeLine,
    mainColumn,
    // Two stacks, not one grid: comments run long, and a shared row would leave a gap under alerts.
    panels,
  );
  // A wall screen has room for alerts, themes and figures by group under the trends, and needs the
  // whole side column for comments. Moved rather than placed by CSS: grid rows shared across the
  // two columns would leave gaps.
  const wall = matchMedia('(min-width: 100rem)');
  const placeThemes = (): void => {
    if (wall.matches) {
      lower.append(sideStack, themes.element, breakdown);
      mainColumn.append(lower);
    } else {
      lower.remove();
      panels.prepend(sideStack);
      // Themes straight under alerts, where a lead looks next; actions after them.
      sideStack.append(themes.element, actions);
      content.after(breakdown);
    }
  };
  wall.addEventListener('change', placeThemes);
  const loading = h('p', { class: 'loading', role: 'status' }, 'Loading the board…');

  const main = renderPage(
    'Quality board',
    h(
      'div',
      { class: 'board-bar' },
      h(
        'form',
        {
          class: 'board-controls',
          'aria-label': 'What the board shows',
          onsubmit: (e: Event) => e.preventDefault(),
        },
        field('Show', scopeSelect),
        field('Period', periodSelect),
        audiences.element,
      ),
      status.element,
      csvLink,
    ),
    errors,
    loading,
    content,
  );
  main.classList.add('board-page');
  // After the page is in place: below the wall size, figures by group follow the board's content.
  placeThemes();

  function applySummary(next: TBoardSummary): void {
    if (!sameScope(next.scope, view.scope) || next.period !== view.period) return;
    // An ack and an update can cross: never go back to older figures.
    if (
      summary &&
      sameScope(summary.scope, next.scope) &&
      summary.period === next.period &&
      next.asOf < summary.asOf
    )
      return;
    summary = next;
    loading.hidden = true;
    content.hidden = false;
    replace(errors);
    nameScope(next);
    replace(
      scopeLine,
      h('strong', {}, next.scopeName),
      ` · last ${PERIOD_LABELS[next.period]}, ${formatDay(next.from)} to ${formatDay(next.to)}`,
    );
    draw(next);
    status.setAsOf(next.asOf);
  }

  /** The chosen audience's figures (never patients and clinicians summed), or words where there are none. */
  function draw(next: TBoardSummary): void {
    const { summary: shown, view: audienceView } = audienceSummary(next, audience);
    audiences.update(next, audience);
    figures.update(shown, audienceView);
    const none = audienceView === null || shown.totals.responses.value === 0;
    empty.hidden = !none;
    replace(
      empty,
      audienceView === null
        ? 'No survey collects answers here yet. Figures and trends appear once a survey is linked here and answered.'
        : `No answers yet in the last ${PERIOD_LABELS[next.period]}. Trends appear as answers arrive.`,
    );
    trends.element.hidden = none;
    if (!none) trends.update(shown, audienceView);
    themes.update(shown);
    comments.summaryChanged(shown);
  }

  /** The picker names the current scope even when it is not among the options (an old survey). */
  function nameScope(next: TBoardSummary): void {
    const value = scopeValue(next.scope);
    const option = [...scopeSelect.options].find((o) => o.value === value);
    if (!option) scopeSelect.prepend(h('option', { value }, next.scopeName));
    else if (option.textContent === '…') option.textContent = next.scopeName;
    scopeSelect.value = value;
  }

  async function load(): Promise<void> {
    const asked = view;
    try {
      applySummary(await boardApi.summary(asked.scope, asked.period));
    } catch (error) {
      if (asked !== view) return;
      loading.hidden = true;
      if (!summary || !sameScope(summary.scope, view.scope) || summary.period !== view.period)
        content.hidden = true;
      replace(errors, messageBox('error', describeError(error)));
    }
  }

  function show(next: TBoardView): void {
    const previous = view;
    view = next;
    history.replaceState(history.state, '', withAudience(hashOfView(view), audience));
    csvLink.href = boardApi.csvUrl(view.scope, view.period);
    loading.hidden = false;
    void load();
    comments.show(view.scope, view.period);
    alerts?.show(view.scope);
    if (previous !== next) live.follow(previous);
  }

  const live = connectLive({
    views: () => [view],
    summary: applySummary,
    // A push carries only what changed, so it needs figures of the same board to apply to; until
    // they arrive (a scope just picked) the load or the subscription's answer brings them whole.
    update: (update) => {
      if (summary && sameScope(summary.scope, update.scope) && summary.period === update.period) {
        applySummary(applySummaryChanges(summary, update.changed, update.asOf));
      }
    },
    alert: (notice, raised) => alerts?.noticed(notice, raised),
    state: (state) => {
      // Back from a gap: the resubscription's ack brings the figures; alerts may have moved too.
      if (state === 'live' && liveState !== 'live' && liveState !== 'connecting') alerts?.show(view.scope);
      liveState = state;
      status.setState(state);
    },
    refused: (error) => replace(errors, messageBox('error', error.message)),
    sessionEnded: () => {
      showSignInDialog();
      document.getElementById('sign-in-dialog')?.addEventListener('close', () => {
        live.reconnect();
        void load();
      });
    },
  });

  const fallback = setInterval(() => {
    if (liveState !== 'live') void load();
  }, FALLBACK_REFRESH_MS);

  function close(): void {
    clearInterval(fallback);
    wall.removeEventListener('change', placeThemes);
    live.close();
    trends.destroy();
    comments.destroy();
    if (closeActive === close) closeActive = null;
  }
  closeActive = close;
  // The router's leave hook doubles as the page's unload: the socket goes when the board does.
  setLeaveGuard(() => {
    close();
    return true;
  });

  scopeSelect.addEventListener('change', () => {
    const scope = scopeOfValue(scopeSelect.value);
    if (scope) show({ scope, period: view.period });
  });
  periodSelect.addEventListener('change', () => {
    show({ scope: view.scope, period: periodSelect.value as TBoardView['period'] });
  });

  show(view);
  void fillScopes();

  async function fillScopes(): Promise<void> {
    const [org, changes, surveys] = await Promise.allSettled([
      api.getOrg(),
      api.listChanges(),
      user!.scope.level === 'organisation' ? api.listSurveys() : Promise.resolve({ items: [] }),
    ]);
    const options = scopeOptions(user!.scope, {
      org: org.status === 'fulfilled' ? org.value : null,
      changes: changes.status === 'fulfilled' ? changes.value.items : [],
      surveys: surveys.status === 'fulfilled' ? surveys.value.items : [],
    });
    replace(scopeSelect, options);
    if (summary) nameScope(summary);
    else if (![...scopeSelect.options].some((o) => o.value === scopeValue(view.scope))) {
      scopeSelect.prepend(h('option', { value: scopeValue(view.scope) }, '…'));
    }
    scopeSelect.value = scopeValue(view.scope);
  }
}

/** The audience chosen on a board that has two, kept in the address beside the scope. */
function audienceFromHash(hash: string): TAudience | undefined {
  const value = new URLSearchParams(hash.split('?')[1] ?? '').get('audience');
  return value === 'patient' || value === 'clinician' ? value : undefined;
}

const withAudience = (hash: string, audience: TAudience | undefined): string =>
  audience ? `${hash}&audience=${audience}` : hash;
