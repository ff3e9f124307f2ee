import type { TBoardScope } from '../../../../shared/src/api/board';
import type { TSurveyResults } from '../../../../shared/src/api/results';
import { h, replace } from '../../common/dom';
import { describeError } from '../../common/http';
import { api } from '../api';
import '../board/board.css';
import { figureText, formatCount, formatDay } from '../board/format';
import { connectLive, type TLiveState } from '../board/live-connection';
import { liveStatus } from '../board/live-status';
import { field } from '../forms';
import { messageBox, renderPage } from '../layout';
import { questionCard } from '../results/question-card';
import { filterQuery, resultsApi, type TResultsFilter } from '../results/results-api';
import '../results/results.css';
import { setLeaveGuard } from '../router';
import { currentUser } from '../session';

/** Live events only say that figures moved; the page re-reads its results at most this often. */
const REREAD_MS = 5000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

let closeActive: (() => void) | null = null;

function filterFromQuery(query: string): TResultsFilter {
  const params = new URLSearchParams(query);
  const pick = (name: string, pattern: RegExp) => {
    const v = params.get(name) ?? '';
    return pattern.test(v) ? v : undefined;
  };
  return {
    unitId: pick('unitId', UUID),
    changeId: pick('changeId', UUID),
    from: pick('from', DAY),
    to: pick('to', DAY),
  };
}

/**
 * A survey's results (`#/surveys/{id}/results?unitId=&changeId=&from=&to=`): every question with
 * its answers, narrowed by unit, change and days, small groups hidden. It follows the live board
 * events of what it shows and re-reads when they say the figures moved.
 */
export function showSurveyResults(surveyId: string, query: string): void {
  closeActive?.();
  const user = currentUser();
  if (!user) return;
  let filter = filterFromQuery(query);
  let shown: TSurveyResults | null = null;

  const unitSelect = h(
    'select',
    { id: 'results-unit' },
    h('option', { value: '' }, 'Every unit you can see'),
  );
  const changeSelect = h('select', { id: 'results-change' }, h('option', { value: '' }, 'Any or no change'));
  const fromInput = h('input', { id: 'results-from', type: 'date', value: filter.from ?? '' });
  const toInput = h('input', { id: 'results-to', type: 'date', value: filter.to ?? '' });
  const status = liveStatus();
  const errors = h('div', { class: 'messages' });
  const headline = h('div', { class: 'results-headline' });
  const questions = h('div', { class: 'results-questions' });
  const loading = h('p', { class: 'loading', role: 'status' }, 'Loading the results…');
  // The filter's controls, in order. A "split by" control (equity) joins this list.
  const controls = [
    field('Unit', unitSelect),
    field('Technology change', changeSelect),
    field('From', fromInput),
    field('To', toInput),
  ];
  const form = h(
    'form',
    { class: 'board-controls results-filter', 'aria-label': 'Which answers to show' },
    ...controls,
    h('button', { type: 'submit', class: 'secondary' }, 'Show'),
  );
  const main = renderPage(
    'Survey results',
    h('p', {}, h('a', { href: `#/surveys/${encodeURIComponent(surveyId)}` }, 'Back to the survey')),
    h('div', { class: 'board-bar' }, form, status.element),
    errors,
    loading,
    headline,
    questions,
  );
  main.classList.add('results-page');

  async function load(): Promise<void> {
    const asked = filter;
    try {
      const next = await resultsApi.results(surveyId, asked);
      if (asked !== filter) return;
      shown = next;
      render(next);
      status.setAsOf(next.asOf);
      replace(errors);
    } catch (error) {
      if (asked !== filter) return;
      replace(errors, messageBox('error', describeError(error)));
    } finally {
      loading.hidden = true;
    }
  }

  function render(r: TSurveyResults): void {
    document.querySelector('main h1')!.textContent = `Results: ${r.title}`;
    const where = [r.unit?.name ?? 'every unit you can see', r.change && `during “${r.change.name}”`]
      .filter(Boolean)
      .join(', ');
    replace(
      headline,
      h(
        'p',
        { class: 'board-scope' },
        h('strong', {}, figureText(r.responses, r.k.counts, formatCount)),
        ` ${r.responses.value === 1 ? 'response' : 'responses'} · ${where} · ${formatDay(r.from)} to ${formatDay(r.to)}`,
      ),
      h(
        'p',
        { class: 'hint' },
        `${r.audience === 'clinician' ? 'Clinicians' : 'Patients'}. Analysed answers only. A figure from fewer than ${r.k.counts} people is hidden, and so is one that would give it away.`,
      ),
      r.responses.value === 0 && h('p', { class: 'empty-state' }, 'No answers yet for these choices.'),
    );
    replace(
      questions,
      r.questions.map((q, i) =>
        questionCard(q, r, i, (linkId) => resultsApi.comments(surveyId, filter, linkId)),
      ),
    );
  }

  /** What to follow live: the unit or change asked for, else the whole survey or the user's own scope. */
  function liveScope(): TBoardScope {
    if (filter.unitId) return { level: 'unit', id: filter.unitId };
    if (filter.changeId) return { level: 'change', id: filter.changeId };
    return user!.scope.level === 'organisation' ? { level: 'survey', id: surveyId } : user!.scope;
  }
  let view = { scope: liveScope(), period: '7d' as const };
  let rereadTimer: ReturnType<typeof setTimeout> | null = null;
  const reread = (): void => {
    rereadTimer ??= setTimeout(() => {
      rereadTimer = null;
      void load();
    }, REREAD_MS);
  };
  const live = connectLive({
    views: () => [view],
    // The subscription's answer is the board's figures: here only a sign to re-read, after the first load.
    summary: () => shown && reread(),
    update: () => reread(),
    alert: () => undefined,
    state: (state: TLiveState) => status.setState(state),
    refused: () => undefined,
    sessionEnded: () => undefined,
  });

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    filter = {
      unitId: unitSelect.value || undefined,
      changeId: changeSelect.value || undefined,
      from: fromInput.value || undefined,
      to: toInput.value || undefined,
    };
    const q = filterQuery(filter);
    history.replaceState(
      history.state,
      '',
      `#/surveys/${encodeURIComponent(surveyId)}/results${q ? `?${q}` : ''}`,
    );
    const previous = view;
    view = { scope: liveScope(), period: '7d' };
    live.follow(previous);
    loading.hidden = false;
    void load();
  });

  function close(): void {
    if (rereadTimer) clearTimeout(rereadTimer);
    live.close();
    if (closeActive === close) closeActive = null;
  }
  closeActive = close;
  setLeaveGuard(() => {
    close();
    return true;
  });

  void load();
  void fillPickers();

  async function fillPickers(): Promise<void> {
    const [org, changes] = await Promise.allSettled([api.getOrg(), api.listChanges()]);
    if (org.status === 'fulfilled') {
      for (const site of org.value.sites)
        for (const d of site.departments)
          for (const u of d.units)
            unitSelect.append(h('option', { value: u.id }, `${site.name} › ${d.name} › ${u.name}`));
    }
    if (changes.status === 'fulfilled') {
      for (const c of changes.value.items) changeSelect.append(h('option', { value: c.id }, c.name));
    }
    unitSelect.value = filter.unitId ?? '';
    changeSelect.value = filter.changeId ?? '';
  }
}
