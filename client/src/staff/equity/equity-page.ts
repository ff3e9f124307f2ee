import type { TBoardPeriod, TBoardScope } from '../../../../shared/src/api/board';
import type {
  TInvitations,
  TInvitationSeries,
  TLeague,
  TLeagueQuery,
} from '../../../../shared/src/api/equity';
import type { TInterval } from '../../../../shared/src/api/impact';
import { h, replace } from '../../common/dom';
import { describeError } from '../../common/http';
import { PERIOD_LABELS } from '../board/format';
import { dataTable, messageBox, renderPage } from '../layout';
import { currentUser } from '../session';
import { breakdownPanel, inSentence } from './breakdown-panel';
import { equityApi } from './equity-api';
import './equity.css';

type TMetric = TLeagueQuery['metric'];
const METRICS: Record<TMetric, string> = {
  fft_positive: 'FFT % positive',
  nps: 'Net Promoter Score',
  mean_rating: 'Mean rating',
};

function formatInterval(metric: TMetric, i: TInterval | null): string {
  if (!i) return '—';
  const f = (v: number) =>
    metric === 'fft_positive'
      ? `${Math.round(v * 100)}%`
      : metric === 'nps'
        ? `${Math.round(v)}`.replace('-', '−')
        : v.toFixed(2).replace('-', '−');
  return `${f(i.estimate)} (${f(i.low)} to ${f(i.high)})`;
}

function leagueTable(l: TLeague): HTMLElement {
  const rows = [...l.rows].sort(
    (a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.unitName.localeCompare(b.unitName),
  );
  return dataTable(
    `Units by ${METRICS[l.metric]}, raw and adjusted for case mix`,
    ['Unit', 'Rank (adjusted)', 'People', 'Raw (95% CI)', 'Adjusted for case mix (95% CI)'],
    rows.map((r) => [
      r.unitName,
      r.rank === null ? h('span', { class: 'not-ranked' }, 'not ranked') : String(r.rank),
      r.hidden ? `fewer than ${l.k}` : String(r.n ?? 0),
      r.hidden === 'complement' ? 'hidden to protect a small unit' : formatInterval(l.metric, r.raw),
      r.hidden === 'complement' ? 'hidden to protect a small unit' : formatInterval(l.metric, r.adjusted),
    ]),
    'compact league-table',
  );
}

function invitationTable(title: string, series: TInvitationSeries[], k: number): HTMLElement {
  const rate = (c: TInvitationSeries['total']) =>
    c.answered.hidden ? `fewer than ${k} answered` : c.rate === null ? '—' : `${Math.round(c.rate * 100)}%`;
  return dataTable(
    title,
    ['', 'Invitations', 'Answered', 'Response rate', 'By period (rate)'],
    series.map((s) => [
      s.label,
      String(s.total.issued),
      s.total.answered.hidden ? `fewer than ${k}` : String(s.total.answered.value ?? 0),
      rate(s.total),
      s.points
        .filter((p) => p.issued > 0)
        .map((p) => `${p.start}: ${rate(p)}`)
        .join('; ') || '—',
    ]),
    'compact',
  );
}

function invitationsSection(i: TInvitations): HTMLElement {
  return h(
    'section',
    { class: 'equity-panel', 'aria-labelledby': 'invitations-heading' },
    h('h2', { id: 'invitations-heading' }, 'Who is missing: invitations answered'),
    h(
      'p',
      { class: 'hint' },
      'Single-use links (invitations) issued and answered, by how they were sent and by unit. A channel or unit whose rate falls after a change may be a group the change stopped from answering.',
    ),
    i.byChannel.length === 0
      ? h('p', { class: 'empty-note' }, 'No invitations in this period.')
      : [invitationTable('By channel', i.byChannel, i.k), invitationTable('By unit', i.byUnit, i.k)],
  );
}

/**
 * `#/equity`: a fair comparison of units (raw and case-mix adjusted league table), who is missing
 * from invitations, and the organisation's figures by group. For staff whose scope is a site or
 * department, their place; a unit's staff have no league to compare.
 */
export function showEquity(): void {
  const user = currentUser();
  if (!user) return;
  const scope: TBoardScope =
    user.scope.level === 'organisation'
      ? { level: 'organisation' }
      : (user.scope as Exclude<TBoardScope, { level: 'organisation' }>);
  let period: TBoardPeriod = '90d';
  let metric: TMetric = 'fft_positive';
  const periodSelect = h(
    'select',
    { id: 'equity-period' },
    Object.entries(PERIOD_LABELS).map(([value, label]) => h('option', { value }, `Last ${label}`)),
  );
  periodSelect.value = period;
  const metricSelect = h(
    'select',
    { id: 'equity-metric' },
    Object.entries(METRICS).map(([value, label]) => h('option', { value }, label)),
  );
  const league = h('div', { class: 'table-scroll', 'aria-live': 'polite' });
  const invitations = h('div');
  const note = h('p', { class: 'hint' });
  renderPage(
    'Fair comparisons',
    h(
      'form',
      { class: 'board-controls', onsubmit: (e: Event) => e.preventDefault() },
      h('p', {}, h('label', { for: 'equity-period' }, 'Period '), periodSelect),
      h('p', {}, h('label', { for: 'equity-metric' }, 'Measure '), metricSelect),
    ),
    h(
      'section',
      { class: 'equity-panel', 'aria-labelledby': 'league-heading' },
      h('h2', { id: 'league-heading' }, 'Units side by side'),
      note,
      league,
    ),
    invitations,
    scope.level === 'unit' ? null : breakdownPanel(() => ({ scope, period })),
  );

  const load = async () => {
    try {
      if (scope.level !== 'unit') {
        const l = await equityApi.league({ scope, period, metric });
        replace(
          note,
          `Adjusted figures predict each unit at the same mix of ${l.adjustedFor.map(inSentence).join(' and ')} (a regression on ${l.modelN} answers, as the CMS HCAHPS patient-mix adjustment), so a ward is not ranked lower for who it serves. Units with fewer than ${l.k} people are not ranked.`,
        );
        replace(league, leagueTable(l));
      } else {
        replace(league, h('p', {}, 'A league table compares units: your scope is one unit.'));
      }
      replace(invitations, invitationsSection(await equityApi.invitations(scope, period)));
    } catch (error) {
      replace(league, messageBox('error', describeError(error)));
    }
  };
  periodSelect.addEventListener('change', () => {
    period = periodSelect.value as TBoardPeriod;
    void load();
  });
  metricSelect.addEventListener('change', () => {
    metric = metricSelect.value as TMetric;
    void load();
  });
  void load();
}
