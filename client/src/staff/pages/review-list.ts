import type { TCommentAnalysisView, TReviewList } from '../../../../shared/src/api/analysis-trust';
import type { TBoardScope } from '../../../../shared/src/api/board';
import { focusElement, h, replace } from '../../common/dom';
import { describeError } from '../../common/http';
import { analysisMarks } from '../analysis-trust/comment-marks';
import { correctionControl } from '../analysis-trust/correction-form';
import { trustApi } from '../analysis-trust/trust-api';
import { api } from '../api';
import { scopeOfValue, scopeOptions, scopeValue } from '../board/board-scope';
import { formatMoment } from '../board/format';
import { field } from '../forms';
import { messageBox, renderPage } from '../layout';
import { currentUser, userIs } from '../session';

const TITLE = 'Comments to review';

const REASONS: Record<string, string> = {
  safeguarding: 'safeguarding',
  self_harm: 'risk of self-harm',
  medication: 'medication',
  safety_incident: 'safety incident',
  threat: 'threat',
  care_failure: 'care not given',
};

/**
 * The review list (`#/review`): comments the model alone thinks a person should read, which raise no
 * alert. Quality leads and admins read each one, correct the analysis where it is wrong (to urgent,
 * which raises the alert, or not urgent), and mark it reviewed. Filtered by place, a unit usually.
 */
export async function showReviewList(initial = ''): Promise<void> {
  if (!userIs('admin', 'quality_lead')) {
    renderPage(TITLE, messageBox('error', 'Only quality leads and administrators review comments.'));
    return;
  }
  const user = currentUser()!;
  const scopeSelect = h('select', { id: 'review-scope' });
  const statusSelect = h(
    'select',
    { id: 'review-status' },
    h('option', { value: 'waiting' }, 'Waiting for review'),
    h('option', { value: 'reviewed' }, 'Reviewed'),
  );
  const announce = h('p', { class: 'visually-hidden', role: 'status' });
  const list = h('div', { class: 'review-area' }, h('p', { class: 'loading' }, 'Loading comments…'));
  const main = renderPage(
    TITLE,
    h(
      'p',
      {},
      'These comments may need a person: the model flagged them, but not strongly enough to raise an urgent alert. ',
      'Read each one; correct its analysis if the model got it wrong (choosing “Urgent” raises an alert), then mark it reviewed.',
    ),
    h('div', { class: 'comment-filters' }, field('Place', scopeSelect), field('Show', statusSelect)),
    announce,
    list,
  );

  const org = await api.getOrg().catch(() => null);
  replace(scopeSelect, scopeOptions(user.scope, { org, changes: [], surveys: [] }));
  const wanted = initial ? scopeOfValue(initial) : null;
  if (wanted && [...scopeSelect.options].some((o) => o.value === scopeValue(wanted))) {
    scopeSelect.value = scopeValue(wanted);
  }

  let request = 0;
  async function load(): Promise<void> {
    const scope = scopeOfValue(scopeSelect.value);
    if (!scope) {
      replace(list, messageBox('info', 'There is no place in your scope to review.'));
      return;
    }
    const mine = ++request;
    list.setAttribute('aria-busy', 'true');
    try {
      const reply = await trustApi.reviews(scope, statusSelect.value === 'reviewed' ? 'reviewed' : 'waiting');
      if (mine !== request) return;
      replace(list, drawList(reply, scope));
    } catch (error) {
      if (mine === request) replace(list, messageBox('error', describeError(error)));
    } finally {
      if (mine === request) list.setAttribute('aria-busy', 'false');
    }
  }

  function drawList(reply: TReviewList, scope: TBoardScope): HTMLElement {
    const waiting = statusSelect.value !== 'reviewed';
    if (reply.items.length === 0) {
      return h(
        'p',
        {},
        waiting ? 'Nothing is waiting for review here.' : 'No comment here has been reviewed yet.',
      );
    }
    return h(
      'div',
      {},
      waiting && h('p', {}, `${reply.waiting} comment${reply.waiting === 1 ? '' : 's'} waiting.`),
      h(
        'ul',
        {
          class: 'review-list plain',
          'aria-label': `Comments, ${scopeValue(scope) === 'organisation' ? 'whole organisation' : 'this place'}`,
        },
        reply.items.map((item) => reviewItem(item)),
      ),
    );
  }

  function reviewItem(item: TCommentAnalysisView): HTMLElement {
    const id = `review-${item.analysisId}`;
    const correction = correctionControl(item, () => {
      replace(announce, 'Correction saved. The figures now count it.');
      void load();
    });
    const reasons = item.urgencyReasons.map((r) => REASONS[r] ?? r.replace(/_/g, ' ')).join(', ');
    return h(
      'li',
      { class: 'review-item' },
      h('blockquote', { id }, item.redactedText),
      h(
        'p',
        { class: 'comment-meta' },
        h(
          'span',
          { class: 'badge review' },
          item.urgency === 'urgent' ? 'Urgent' : item.urgency === 'review' ? 'To review' : 'Not urgent',
        ),
        analysisMarks(item),
        reasons && ` · Flagged for: ${reasons}`,
        ` · ${item.sentiment.charAt(0).toUpperCase()}${item.sentiment.slice(1)}`,
        item.themes.length > 0 && ` · ${item.themes.join(', ')}`,
        item.unitName && ` · ${item.unitName}`,
        ` · ${formatMoment(item.submittedAt)}`,
      ),
      h(
        'div',
        { class: 'correction-actions' },
        item.reviewedAt
          ? h(
              'p',
              { class: 'hint' },
              `Reviewed${item.reviewedBy ? ` by ${item.reviewedBy}` : ''} ${formatMoment(item.reviewedAt)}.`,
            )
          : h(
              'button',
              {
                type: 'button',
                class: 'small',
                'aria-describedby': id,
                onclick: () => void markReviewed(item),
              },
              'Mark as reviewed',
            ),
        correction.toggle,
      ),
      correction.panel,
    );
  }

  async function markReviewed(item: TCommentAnalysisView): Promise<void> {
    try {
      await trustApi.markReviewed(item.analysisId);
      replace(announce, 'Marked as reviewed.');
      await load();
      focusElement(list.querySelector<HTMLElement>('.review-item blockquote') ?? main.querySelector('h1'));
    } catch (error) {
      replace(list, messageBox('error', describeError(error)));
    }
  }

  scopeSelect.addEventListener('change', () => void load());
  statusSelect.addEventListener('change', () => void load());
  await load();
}
