import type { TMyReport } from '../../../../shared/src/api/actions';
import { h, replace } from '../../common/dom';
import { describeError } from '../../common/http';
import { actionsApi, STATUS_LABELS } from '../actions/actions-api';
import { formatDate, messageBox, renderPage } from '../layout';

function reportCard(report: TMyReport, index: number): HTMLElement {
  const headingId = `my-report-${index}`;
  return h(
    'article',
    { class: 'card my-report', 'aria-labelledby': headingId },
    h(
      'h2',
      { id: headingId },
      `Report of ${formatDate(report.submittedAt)}${report.unitName ? ` · ${report.unitName}` : ''}`,
    ),
    report.themes.length > 0 && h('p', { class: 'hint' }, `About: ${report.themes.join(', ')}`),
    report.actions.length === 0
      ? h('p', {}, 'No action is linked to this report yet.')
      : h(
          'ul',
          { class: 'plain my-report-actions' },
          report.actions.map((a) =>
            h(
              'li',
              {},
              h('strong', {}, a.title),
              ' ',
              h('span', { class: `action-status action-status-${a.status}` }, STATUS_LABELS[a.status]),
              a.status === 'done'
                ? ` on ${formatDate(a.doneDate)}`
                : a.dueDate
                  ? ` · due ${formatDate(a.dueDate)}`
                  : '',
              h('br'),
              a.publicDescription,
            ),
          ),
        ),
  );
}

/**
 * "My reports": the reports the signed-in clinician sent while signed in and happy to be
 * contacted, and what has been done about each. Anonymous reports are not tied to anyone, so
 * the page says how to have a report followed.
 */
export async function showMyReports(): Promise<void> {
  const list = h('div', {}, h('p', { class: 'loading' }, 'Loading your reports…'));
  renderPage(
    'My reports',
    h(
      'p',
      {},
      'Reports you sent while signed in, with “I’m happy to be contacted” ticked, and the actions taken on them. ',
      'Reports sent anonymously are not linked to you, so they cannot be shown here.',
    ),
    list,
  );
  try {
    const { items } = await actionsApi.myReports();
    replace(
      list,
      items.length === 0
        ? h('p', {}, 'You have no reports with contact details yet.')
        : items.map((report, i) => reportCard(report, i)),
    );
  } catch (error) {
    replace(list, messageBox('error', describeError(error)));
  }
}
