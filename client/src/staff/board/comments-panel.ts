import type { TSentimentLabel } from '../../../../shared/src/analysis/contract';
import type {
  TBoardComment,
  TBoardComments,
  TBoardPeriod,
  TBoardScope,
  TBoardSummary,
} from '../../../../shared/src/api/board';
import { h, replace } from '../../common/dom';
import { describeError } from '../../common/http';
import { field } from '../forms';
import { messageBox } from '../layout';
import type { TCommentAnalysisView } from '../../../../shared/src/api/analysis-trust';
import { analysisMarks, commentKey } from '../analysis-trust/comment-marks';
import { canCorrect, correctionControl } from '../analysis-trust/correction-form';
import { trustApi } from '../analysis-trust/trust-api';
import { boardApi } from './board-api';
import { formatMoment } from './format';

/** A busy ward must not refetch on every response: at most one reload per this many ms. */
const REFETCH_AFTER_MS = 5_000;

/** Enough to read what people say on a wall screen without the list running off it. */
const COMMENTS_SHOWN = 10;

const SENTIMENTS: { value: TSentimentLabel; label: string }[] = [
  { value: 'positive', label: 'Positive' },
  { value: 'neutral', label: 'Neutral' },
  { value: 'negative', label: 'Negative' },
];

export type TCommentsPanel = {
  element: HTMLElement;
  /** A new scope or period: reload now. */
  show: (scope: TBoardScope, period: TBoardPeriod) => void;
  /** A summary arrived: offer its themes as filters, and reload soon if the comment count moved. */
  summaryChanged: (summary: TBoardSummary) => void;
  destroy: () => void;
};

/** The latest comments (redacted), narrowed by theme and sentiment; hidden below k respondents. */
export function commentsPanel(): TCommentsPanel {
  let scope: TBoardScope | null = null;
  let period: TBoardPeriod = '30d';
  let seenCount: string | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let request = 0;
  const theme = h('select', { id: 'comments-theme' }, h('option', { value: '' }, 'All themes'));
  const sentiment = h(
    'select',
    { id: 'comments-sentiment' },
    h('option', { value: '' }, 'Any sentiment'),
    SENTIMENTS.map((s) => h('option', { value: s.value }, s.label)),
  );
  // On a wall screen the list scrolls inside the panel, so keyboard users must be able to reach it.
  const list = h('div', {
    class: 'comment-area',
    role: 'region',
    tabindex: '0',
    'aria-label': 'Comments, newest first',
    'aria-busy': 'false',
  });
  // Only what a filter change found is announced: a wall board reloading must not talk over people.
  const status = h('p', { class: 'visually-hidden', role: 'status' });
  const notAnalysed = h('p', { class: 'hint not-analysed-count' });
  const element = h(
    'section',
    { class: 'card board-comments', 'aria-labelledby': 'comments-heading' },
    h('h2', { id: 'comments-heading' }, 'Latest comments'),
    h(
      'p',
      { class: 'hint' },
      'Names, numbers and other personal details are taken out before comments are shown here.',
    ),
    h('div', { class: 'comment-filters' }, field('Theme', theme), field('Sentiment', sentiment)),
    status,
    notAnalysed,
    list,
  );

  async function load(announce = false): Promise<void> {
    if (!scope) return;
    if (timer) clearTimeout(timer);
    timer = null;
    const mine = ++request;
    list.setAttribute('aria-busy', 'true');
    try {
      const filters = {
        ...(theme.value ? { theme: theme.value } : {}),
        ...(sentiment.value ? { sentiment: sentiment.value as TSentimentLabel } : {}),
      };
      const reply = await boardApi.comments(scope, period, filters, COMMENTS_SHOWN);
      const views = await analysesOf(reply);
      if (mine !== request) return;
      replace(list, drawComments(reply, views, corrected));
      if (announce) replace(status, countSentence(reply));
    } catch (error) {
      if (mine === request) replace(list, messageBox('error', describeError(error)));
    } finally {
      if (mine === request) list.setAttribute('aria-busy', 'false');
    }
  }
  /** A correction shows at once: the list reloads, and the summary follows by the live event. */
  function corrected(): void {
    replace(status, 'Correction saved. The figures now count it.');
    void load();
  }

  async function loadNotAnalysed(): Promise<void> {
    if (!scope) return;
    try {
      const { comments: n } = await trustApi.notAnalysed(scope, period);
      replace(
        notAnalysed,
        n === null || n === 0
          ? ''
          : `${n} comment${n === 1 ? '' : 's'} in another language ${n === 1 ? 'is' : 'are'} not analysed: ` +
              'counted here, left out of the sentiment figures.',
      );
    } catch {
      replace(notAnalysed);
    }
  }

  theme.addEventListener('change', () => void load(true));
  sentiment.addEventListener('change', () => void load(true));

  function offerThemes(summary: TBoardSummary): void {
    const chosen = theme.value;
    const names = [...new Set(summary.themes.map((t) => t.theme))];
    if (chosen && !names.includes(chosen)) names.push(chosen);
    replace(
      theme,
      h('option', { value: '' }, 'All themes'),
      names.map((name) => h('option', { value: name }, name)),
    );
    theme.value = chosen;
  }

  return {
    element,
    show: (nextScope, nextPeriod) => {
      scope = nextScope;
      period = nextPeriod;
      seenCount = null;
      void load();
      void loadNotAnalysed();
    },
    summaryChanged: (summary) => {
      offerThemes(summary);
      const count = JSON.stringify(summary.totals.comments);
      if (seenCount !== null && count !== seenCount && !timer) {
        timer = setTimeout(() => (void load(), void loadNotAnalysed()), REFETCH_AFTER_MS);
      }
      seenCount = count;
    },
    destroy: () => {
      if (timer) clearTimeout(timer);
      request++;
    },
  };
}

function countSentence(reply: TBoardComments): string {
  if (reply.comments === null) return `Fewer than ${reply.k} people wrote comments matching this.`;
  const n = reply.comments.length;
  return n === 0 ? 'No comments match.' : `Showing the latest ${n} comment${n === 1 ? '' : 's'}.`;
}

/** How far to trust each comment's analysis; the list still shows if this read fails. */
async function analysesOf(reply: TBoardComments): Promise<Map<string, TCommentAnalysisView>> {
  if (!reply.comments || reply.comments.length === 0) return new Map();
  try {
    const { items } = await trustApi.analyses(reply.comments.map((c) => c.responseId));
    return new Map(items.map((v) => [commentKey(v.responseId, v.linkId), v]));
  } catch {
    return new Map();
  }
}

function drawComments(
  reply: TBoardComments,
  views: Map<string, TCommentAnalysisView>,
  corrected: () => void,
): HTMLElement {
  if (reply.comments === null) {
    return h(
      'p',
      { class: 'withheld-note' },
      `Fewer than ${reply.k} people wrote comments matching this, so they are not shown.`,
    );
  }
  if (reply.comments.length === 0) return h('p', {}, 'No comments match this yet.');
  return h(
    'ul',
    { class: 'comment-list plain' },
    reply.comments.map((c) => commentItem(c, views.get(commentKey(c.responseId, c.linkId)), corrected)),
  );
}

const SENTIMENT_GLYPH: Record<TSentimentLabel, string> = { positive: '+', neutral: '○', negative: '−' };

function commentItem(
  comment: TBoardComment,
  view: TCommentAnalysisView | undefined,
  corrected: () => void,
): HTMLElement {
  // The analysis read is newer than the board's list when a correction has just been saved.
  const label = view?.sentiment ?? comment.sentiment;
  const themes = view ? view.themes : comment.themes;
  const urgent = view ? view.urgency === 'urgent' : comment.urgent;
  const correction = view && canCorrect() ? correctionControl(view, corrected) : null;
  return h(
    'li',
    { class: 'comment' },
    h('blockquote', {}, comment.redactedText),
    h(
      'p',
      { class: 'comment-meta' },
      urgent && h('span', { class: 'badge urgent' }, 'Urgent'),
      analysisMarks(view, { short: true }),
      // A comment no model could read has no sentiment to show: its mark says so instead.
      view?.notAnalysed !== 'language' &&
        h(
          'span',
          { class: `sentiment ${label}` },
          h('span', { 'aria-hidden': 'true' }, SENTIMENT_GLYPH[label]),
          ` ${label.charAt(0).toUpperCase()}${label.slice(1)}`,
        ),
      themes.length > 0 && ` · ${themes.join(', ')}`,
      comment.unitName && ` · ${comment.unitName}`,
      ` · ${formatMoment(comment.submittedAt)}`,
      correction && ' ',
      correction?.toggle,
    ),
    correction?.panel,
  );
}
