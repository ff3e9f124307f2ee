import type { TAlert, TAlertAction, TBoardScope } from '../../../../shared/src/api/board';
import type { TAlertNotice } from '../../../../shared/src/live';
import { focusElement, h, replace } from '../../common/dom';
import { describeError } from '../../common/http';
import { messageBox } from '../layout';
import { trustApi } from '../analysis-trust/trust-api';
import { boardApi } from './board-api';
import { scopeValue } from './board-scope';
import { formatMoment } from './format';
import { SPC_METRIC_LABELS, spcBoardHref, spcSignalText } from './spc-marks';
import { DEMOGRAPHIC_GROUPS, DEMOGRAPHIC_LABELS } from '../../../../shared/src/survey/about-you';
import type { TDemographic } from '../../../../shared/src/survey/definition';

const REASONS: Record<string, string> = {
  safeguarding: 'Safeguarding',
  self_harm: 'Risk of self-harm',
  medication: 'Medication',
  safety_incident: 'Safety incident',
  threat: 'Threat',
  care_failure: 'Care not given',
};
const reasonText = (reasons: string[]): string =>
  reasons.map((r) => REASONS[r] ?? r.replace(/_/g, ' ')).join(', ') || 'Urgent';

/** What an alert is about: the urgent comment's reasons, or the SPC signal in words. */
const alertTitle = (a: TAlert): string =>
  a.disparity ? 'Worse for a group since a change' : a.spc ? 'Special-cause signal' : reasonText(a.reasons);

/** An SPC alert has no comment: it says what moved, and links to the unit's trend. */
function alertBody(a: TAlert): HTMLElement {
  if (a.disparity) return disparityBody(a.disparity);
  if (!a.spc) return h('blockquote', {}, a.redactedText);
  return h(
    'p',
    { class: 'alert-spc' },
    `${spcSignalText(a.spc)}. `,
    a.unitId && h('a', { href: spcBoardHref(a.unitId) }, 'See the trend'),
  );
}

export type TAlertsPanel = {
  element: HTMLElement;
  show: (scope: TBoardScope) => void;
  /** A socket notice: reload the list, and announce an alert that was just raised. */
  noticed: (notice: TAlertNotice, raised: boolean) => void;
};

/**
 * Open alerts in the board's scope, for the people who act on them: urgent comments and
 * special-cause signals on a unit's SPC charts. Socket notices carry no comment text, so each one
 * reloads the list through the API (which records who read it).
 */
export function alertsPanel(): TAlertsPanel {
  let scope: TBoardScope | null = null;
  let request = 0;
  let reloadTimer: ReturnType<typeof setTimeout> | null = null;
  const pendingNews: TAlertNotice[] = [];
  const heading = h('h2', { id: 'alerts-heading' }, 'Urgent alerts');
  // Assertive: an urgent comment may be about someone at risk now.
  const news = h('div', { class: 'alert-news', 'aria-live': 'assertive' });
  const status = h('div', { class: 'visually-hidden', 'aria-live': 'polite' });
  const list = h('div', {}, h('p', { class: 'loading' }, 'Loading alerts…'));
  // Comments the model only thinks a person should read raise no alert: the review list holds them.
  const reviews = h('p', { class: 'review-link' });
  const element = h(
    'section',
    { class: 'card board-alerts', 'aria-labelledby': 'alerts-heading' },
    heading,
    news,
    status,
    list,
    reviews,
  );

  async function load(): Promise<void> {
    if (!scope) return;
    const mine = ++request;
    try {
      const { items: alerts } = await boardApi.alerts(scope);
      if (mine !== request) return;
      replace(list, drawAlerts(alerts));
      announce(alerts);
    } catch (error) {
      if (mine === request) replace(list, messageBox('error', describeError(error)));
    }
    await loadReviews(scope, mine);
  }

  async function loadReviews(at: TBoardScope, mine: number): Promise<void> {
    try {
      const { waiting } = await trustApi.reviews(at, 'waiting');
      if (mine !== request) return;
      const href = `#/review?place=${encodeURIComponent(scopeValue(at))}`;
      replace(
        reviews,
        waiting === 0
          ? h('a', { href }, 'Review list: nothing waiting')
          : h('a', { href }, `${waiting} comment${waiting === 1 ? '' : 's'} waiting for review`),
      );
    } catch {
      replace(reviews);
    }
  }

  function announce(alerts: TAlert[]): void {
    const raised = pendingNews.splice(0).flatMap((n) => alerts.filter((a) => a.id === n.id));
    if (raised.length === 0) return;
    const at = new Date().toISOString();
    // A plain box, not role=alert: the region around it is already assertive.
    replace(
      news,
      h(
        'div',
        { class: 'message error' },
        raised.map((a) =>
          h(
            'p',
            {},
            h('strong', {}, a.spc ? 'New special-cause signal' : 'New urgent comment'),
            a.unitName ? ` on ${a.unitName}` : '',
            a.spc
              ? `: ${SPC_METRIC_LABELS[a.spc.metric]} (${formatMoment(at)}).`
              : `: ${reasonText(a.reasons)} (${formatMoment(at)}).`,
          ),
        ),
      ),
    );
  }

  async function act(alert: TAlert, action: TAlertAction, index: number): Promise<void> {
    try {
      await boardApi.actOnAlert(alert.id, action);
      replace(status, action === 'acknowledge' ? 'Alert acknowledged.' : 'Alert resolved.');
      await load();
      // The button pressed may be gone (resolved): carry on from the same place in the list.
      const items = list.querySelectorAll<HTMLElement>('.alert-item');
      focusElement(items[Math.min(index, items.length - 1)] ?? heading);
    } catch (error) {
      replace(status, '');
      replace(news, messageBox('error', describeError(error)));
    }
  }

  function drawAlerts(alerts: TAlert[]): HTMLElement {
    if (alerts.length === 0) return h('p', {}, 'No open alerts. Nothing needs action now.');
    return h(
      'ul',
      { class: 'alert-list plain' },
      alerts.map((alert, index) =>
        h(
          'li',
          { class: `alert-item ${alert.status}` },
          h(
            'p',
            { class: 'alert-title', id: `alert-${alert.id}` },
            h('strong', {}, alertTitle(alert)),
            alert.unitName && ` · ${alert.unitName}`,
          ),
          alertBody(alert),
          h(
            'p',
            { class: 'hint' },
            `Received ${formatMoment(alert.createdAt)}. `,
            alert.status === 'acknowledged'
              ? `Acknowledged${alert.acknowledgedBy ? ` by ${alert.acknowledgedBy}` : ''}${alert.acknowledgedAt ? ` at ${formatMoment(alert.acknowledgedAt)}` : ''}.`
              : h('span', { class: 'badge urgent' }, 'Open'),
          ),
          h(
            'div',
            { class: 'alert-actions' },
            alert.status === 'open' &&
              h(
                'button',
                {
                  type: 'button',
                  class: 'small',
                  'aria-describedby': `alert-${alert.id}`,
                  onclick: () => void act(alert, 'acknowledge', index),
                },
                'Acknowledge',
              ),
            h(
              'button',
              {
                type: 'button',
                class: 'small',
                'aria-describedby': `alert-${alert.id}`,
                onclick: () => void act(alert, 'resolve', index),
              },
              'Resolve',
            ),
          ),
        ),
      ),
    );
  }

  return {
    element,
    show: (next) => {
      scope = next;
      pendingNews.length = 0;
      replace(news);
      void load();
    },
    noticed: (notice, raised) => {
      if (raised) pendingNews.push(notice);
      // A burst of notices (a batch reanalysed) is one reload.
      if (reloadTimer) clearTimeout(reloadTimer);
      reloadTimer = setTimeout(() => {
        reloadTimer = null;
        void load();
      }, 300);
    },
  };
}

/** A disparity alert (equity feature): which group, on which measure, and the change's page. */
function disparityBody(d: NonNullable<TAlert['disparity']>): HTMLElement {
  const group = DEMOGRAPHIC_GROUPS[d.dimension as TDemographic]?.[d.group] ?? d.group;
  return h(
    'p',
    { class: 'alert-spc' },
    `${d.changeName}: ${group} (${DEMOGRAPHIC_LABELS[d.dimension as TDemographic] ?? d.dimension}) did worse on ${d.metric.replace(/_/g, ' ')} while others did not. `,
    h('a', { href: `#/changes/${encodeURIComponent(d.changeId)}` }, 'See who the change helped'),
  );
}
