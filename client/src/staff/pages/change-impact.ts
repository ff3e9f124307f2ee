import type { TImpact } from '../../../../shared/src/api/impact';
import {
  formatDay,
  headline,
  overview,
  rankMetrics,
  verdictLine,
} from '../../../../shared/src/impact/impact-text';
import { h, replace } from '../../common/dom';
import { describeError } from '../../common/http';
import { api } from '../api';
import { formatClock } from '../board/format';
import type { TBoardView } from '../board/board-scope';
import { connectLive } from '../board/live-connection';
import '../board/board.css';
import { disparityLead, equitySection } from '../impact/equity-panel';
import { beforeAfterCharts, itsCharts } from '../impact/impact-charts';
import {
  impactApi,
  isDefaultWindow,
  windowFromSearch,
  windowQuery,
  type TImpactWindow,
} from '../impact/impact-api';
import { metricsTable } from '../impact/impact-tables';
import { themesSection } from '../impact/impact-themes';
import { windowForm } from '../impact/window-form';
import '../impact/impact.css';
import { actionsList } from '../actions/actions-list';
import { messageBox, renderPage } from '../layout';
import { setLeaveGuard } from '../router';
import { showSignInDialog } from './sign-in';

/** New answers move a change's figures often on a busy ward: refetch at most this often. */
const REFETCH_AFTER_MS = 5_000;

/** Live boards followed for a change page: the change's own and at most this many of its units'. */
const MAX_LIVE_UNITS = 20;
/** Long enough that imported history and late analyses within the year still move a unit's board. */
const LIVE_PERIOD = '365d' as const;

/** Sentences for the other measures that moved; the table has them all. */
const OTHER_LINES = 3;

let closeActive: (() => void) | null = null;

/**
 * A technology change's impact (`#/changes/<id>?before=&after=&settle=&comparison=`): the verdict
 * in words first, then the windows, every measure, the charts and the themes that moved. It
 * follows the change's live board scope and rereads the impact when new answers move it.
 */
export async function showChangeImpact(changeId: string, search: string): Promise<void> {
  closeActive?.();
  let win: TImpactWindow = windowFromSearch(search);
  let impact: TImpact | null = null;
  let unitNames = new Map<string, string>();
  let request = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastLoad = 0;

  const verdict = h('section', { class: 'impact-verdict', 'aria-labelledby': 'impact-verdict-heading' });
  // A group the change left worse off leads the page, whatever the overall verdict.
  const equityLead = h('div', { class: 'equity-lead-holder' });
  // Only live updates are announced here; the first figures arrive with the page's own heading.
  const announcer = h('p', { class: 'visually-hidden', role: 'status' });
  const status = h('div', { class: 'messages' });
  const loading = h('p', { class: 'loading', role: 'status' }, 'Loading the change’s figures…');
  const form = windowForm(win, (next) => {
    win = next;
    history.replaceState(
      history.state,
      '',
      `#/changes/${encodeURIComponent(changeId)}${isDefaultWindow(win) ? '' : `?${windowQuery(win)}`}`,
    );
    void load(false);
  });
  const reports = h('p', { class: 'impact-reports' });
  const asOf = h('p', { class: 'hint impact-as-of' });
  const body = h('div', { class: 'impact-body' });
  const main = renderPage(
    'Change impact',
    loading,
    status,
    equityLead,
    verdict,
    announcer,
    asOf,
    form.element,
    reports,
    body,
  );
  main.classList.add('impact-page');
  const title = main.querySelector('h1')!;

  // Unit names for the sentences, read alongside the first figures; without them ("its units")
  // the page still says everything. Drawn once both are in, so the verdict does not change words.
  const names = api
    .getOrg()
    .then((org) => {
      unitNames = new Map(
        org.sites.flatMap((s) => s.departments.flatMap((d) => d.units.map((u) => [u.id, u.name]))),
      );
    })
    .catch(() => undefined);

  async function load(live: boolean): Promise<void> {
    const mine = ++request;
    lastLoad = Date.now();
    if (!live) loading.hidden = false;
    try {
      const [next] = await Promise.all([impactApi.impact(changeId, win), names]);
      if (mine !== request) return;
      const moved = impact !== null && headlineOf(impact) !== headlineOf(next);
      const first = impact === null;
      impact = next;
      // Now the units are known, follow them too (see `views`).
      if (first) boards.follow(null);
      replace(status);
      draw(next);
      if (live && moved) replace(announcer, `Figures updated: ${headlineOf(next)}`);
    } catch (error) {
      if (mine !== request) return;
      replace(
        status,
        messageBox(
          'error',
          describeError(error),
          ' ',
          h(
            'button',
            { type: 'button', class: 'secondary small', onclick: () => void load(false) },
            'Try again',
          ),
        ),
      );
    } finally {
      if (mine === request) loading.hidden = true;
    }
  }

  const wording = () => ({ unitNames: (impact?.unitIds ?? []).flatMap((id) => unitNames.get(id) ?? []) });
  const headlineOf = (i: TImpact) => headline(i, wording());

  function draw(i: TImpact): void {
    title.textContent = `${i.changeName}, live since ${formatDay(i.goLiveDate)}`;
    document.title = `${i.changeName} · CareLoop`;
    const moved = rankMetrics(i.metrics).filter((m) => m.verdict === 'better' || m.verdict === 'worse');
    replace(equityLead, disparityLead(i) ?? '');
    replace(
      verdict,
      h('h2', { id: 'impact-verdict-heading', class: 'visually-hidden' }, 'Verdict'),
      h('p', { class: 'verdict-line' }, headlineOf(i)),
      i.metrics.length > 0 && h('p', {}, overview(i)),
      moved.length > 1 &&
        h(
          'ul',
          { class: 'verdict-others' },
          moved.slice(1, 1 + OTHER_LINES).map((m) => h('li', {}, verdictLine(i, m, wording()))),
        ),
    );
    // Live updates reread the figures; the time says how fresh they are.
    replace(asOf, `Figures as of ${formatClock(i.asOf)}, updated as new answers are analysed.`);
    form.showDates(i);
    replace(
      reports,
      'Board-meeting report: ',
      h(
        'a',
        { href: impactApi.reportUrl(changeId, win, 'html'), target: '_blank', rel: 'noopener' },
        'printable page (opens in a new tab)',
      ),
      ' or ',
      h('a', { href: impactApi.reportUrl(changeId, win, 'pdf'), download: true }, 'PDF'),
      '. ',
      h(
        'a',
        { href: `#/board?level=change&id=${encodeURIComponent(changeId)}` },
        'Live board for this change',
      ),
      '.',
    );
    if (i.metrics.length === 0) {
      replace(
        body,
        h('p', { class: 'empty-note' }, 'No answers yet from this change’s units in these windows.'),
        equitySection(i),
      );
      return;
    }
    const themes = themesSection(i, win);
    const its = itsCharts(i);
    replace(
      body,
      h(
        'section',
        { 'aria-labelledby': 'impact-table-heading' },
        h('h2', { id: 'impact-table-heading' }, 'Every measure, before and after'),
        metricsTable(i),
        h(
          'p',
          { class: 'hint' },
          `q: the chance of a difference this large by chance alone, corrected for looking at ${i.metrics.length} measures at once. Figures from fewer than ${i.k} people are hidden.`,
        ),
      ),
      equitySection(i),
      h(
        'section',
        { 'aria-labelledby': 'impact-bars-heading' },
        h('h2', { id: 'impact-bars-heading' }, 'Before and after, with comparison units'),
        h('div', { class: 'chart-grid' }, beforeAfterCharts(i)),
      ),
      its.length > 0 &&
        h(
          'section',
          { 'aria-labelledby': 'impact-its-heading' },
          h('h2', { id: 'impact-its-heading' }, 'Week by week'),
          h('div', { class: 'chart-grid' }, its),
        ),
      themes,
    );
  }

  /** A push says the change's figures moved: reread soon, at most once per REFETCH_AFTER_MS. */
  function moved(): void {
    if (timer) return;
    timer = setTimeout(
      () => {
        timer = null;
        void load(true);
      },
      Math.max(0, lastLoad + REFETCH_AFTER_MS - Date.now()),
    );
  }

  /**
   * The change's live board follows answers given through its links; its units' boards follow every
   * answer there, imported history included, which is what the impact reads. A change over very
   * many units follows the first MAX_LIVE_UNITS, and the rest through a reconnection or reload.
   */
  const views = (): TBoardView[] => [
    { scope: { level: 'change', id: changeId }, period: LIVE_PERIOD },
    ...(impact?.unitIds ?? []).slice(0, MAX_LIVE_UNITS).map((id) => ({
      scope: { level: 'unit' as const, id },
      period: LIVE_PERIOD,
    })),
  ];
  // After a gap in the connection, the figures may have moved meanwhile: reread once it is back.
  let wasCut = false;
  const boards = connectLive({
    views,
    // A subscription's answer is a board's figures, not the impact: nothing to draw from it.
    summary: () => undefined,
    update: () => moved(),
    state: (state) => {
      if (state === 'live' && wasCut) moved();
      wasCut = state === 'reconnecting' || state === 'offline';
    },
    alert: () => undefined,
    refused: () => undefined,
    sessionEnded: () => {
      showSignInDialog();
      document.getElementById('sign-in-dialog')?.addEventListener('close', () => boards.reconnect());
    },
  });

  function close(): void {
    if (timer) clearTimeout(timer);
    request++;
    boards.close();
    if (closeActive === close) closeActive = null;
  }
  closeActive = close;
  setLeaveGuard(() => {
    close();
    return true;
  });
  main.append(actionsList({ changeId }));
  await load(false);
}
