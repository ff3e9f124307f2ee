import type { TBoardComments, TFigure } from '../../../../shared/src/api/board';
import type { TQuestionResult, TResultOption, TSurveyResults } from '../../../../shared/src/api/results';
import { h, replace, type TChild } from '../../common/dom';
import { describeError } from '../../common/http';
import { figureText, formatCount, formatMoment, formatNps, formatPercent } from '../board/format';
import { dataTable, messageBox } from '../layout';

type TBar = { label: string; figure: TFigure; share: number | null };

const formatMean = (v: number): string => v.toLocaleString(undefined, { maximumFractionDigits: 2 });
const people = (n: number): string => `${formatCount(n)} ${n === 1 ? 'person' : 'people'}`;

/**
 * Horizontal bars (label, bar, share and count in words) and the same figures as a table behind a
 * Chart/Table switch, like the board's trends. Hidden counts say why and draw no bar.
 */
export function barsWithTable(
  id: string,
  title: string,
  bars: TBar[],
  k: number,
  shareOf: string,
): HTMLElement {
  const value = (bar: TBar): string =>
    bar.figure.value === null
      ? figureText(bar.figure, k, formatCount)
      : `${bar.share === null ? '' : `${formatPercent(bar.share)} · `}${people(bar.figure.value)}`;
  const chart = h(
    'ul',
    { class: 'result-bars plain' },
    bars.map((bar) =>
      h(
        'li',
        { class: 'result-bar' },
        h('span', { class: 'bar-label' }, bar.label),
        h(
          'span',
          { class: 'bar-track', 'aria-hidden': 'true' },
          bar.share !== null &&
            h('span', { class: 'bar-fill', style: `width: ${Math.min(100, bar.share)}%` }),
        ),
        h('span', { class: bar.figure.value === null ? 'bar-value withheld' : 'bar-value' }, value(bar)),
      ),
    ),
  );
  const table = h(
    'div',
    {
      class: 'chart-table',
      role: 'region',
      tabindex: '0',
      'aria-label': `${title} as a table`,
      hidden: true,
    },
    dataTable(
      title,
      ['Answer', 'People', `Share of ${shareOf}`],
      bars.map((bar) => [
        bar.label,
        figureText(bar.figure, k, formatCount),
        bar.share === null ? '—' : formatPercent(bar.share),
      ]),
      'compact',
    ),
  );
  const chartButton = h('button', { type: 'button', class: 'small', 'aria-pressed': 'true' }, 'Chart');
  const tableButton = h('button', { type: 'button', class: 'small', 'aria-pressed': 'false' }, 'Table');
  const setView = (showTable: boolean) => {
    chartButton.setAttribute('aria-pressed', String(!showTable));
    tableButton.setAttribute('aria-pressed', String(showTable));
    chart.hidden = showTable;
    table.hidden = !showTable;
  };
  chartButton.addEventListener('click', () => setView(false));
  tableButton.addEventListener('click', () => setView(true));
  return h(
    'div',
    { class: 'result-chart', id },
    h(
      'div',
      { class: 'view-switch', role: 'group', 'aria-label': `View of ${title}` },
      chartButton,
      tableButton,
    ),
    chart,
    table,
  );
}

const optionBars = (options: TResultOption[]): TBar[] =>
  options.map((o) => ({ label: o.label, figure: o.count, share: o.share }));

/** "Mean 4.25 · Median 4": statistics in words, hidden ones saying why. */
function statLine(k: number, stats: [string, TFigure | null, (v: number) => string][]): HTMLElement {
  return h(
    'p',
    { class: 'result-stats' },
    stats
      .filter(([, f]) => f !== null)
      .flatMap(([label, f, format], i) => [
        i > 0 ? ' · ' : '',
        h('span', {}, `${label} `, h('strong', {}, figureText(f!, k, format))),
      ]),
  );
}

export type TCommentsLoader = (linkId: string) => Promise<TBoardComments>;

/** One question's results: who answered, then its answers as the question type calls for. */
export function questionCard(
  q: TQuestionResult,
  results: TSurveyResults,
  index: number,
  loadComments: TCommentsLoader,
): HTMLElement {
  const k = results.k.counts;
  const id = `q-${index}`;
  const answered =
    q.answered.value === null
      ? `Fewer than ${k} people answered: the answers are not shown, to protect a small group.`
      : q.answered.value === 0
        ? 'No answers yet.'
        : `Answered by ${people(q.answered.value)}.`;
  const body: TChild[] = [];
  const some = q.answered.value !== null && q.answered.value > 0;
  if (some) {
    switch (q.kind) {
      case 'choice':
        body.push(
          barsWithTable(`${id}-chart`, q.text, optionBars(q.options), k, 'people who answered'),
          q.multiple && h('p', { class: 'hint' }, 'People could choose more than one answer.'),
        );
        break;
      case 'boolean':
        body.push(barsWithTable(`${id}-chart`, q.text, optionBars(q.options), k, 'people who answered'));
        break;
      case 'rating':
        body.push(
          statLine(k, [
            ['Mean', q.mean, formatMean],
            ['Median', q.median, formatMean],
            ['Net Promoter Score', q.nps, formatNps],
          ]),
          barsWithTable(`${id}-chart`, q.text, optionBars(q.options), k, 'people who answered'),
        );
        break;
      case 'number':
        body.push(
          statLine(k, [
            ['Mean', q.mean, formatMean],
            ['Median', q.median, formatMean],
          ]),
        );
        break;
      case 'text':
        body.push(textResults(q, results, id, loadComments));
        break;
      case 'date':
        break;
    }
  }
  return h(
    'section',
    { class: 'card result-question', 'aria-labelledby': `${id}-heading`, 'data-kind': q.kind },
    h('h3', { id: `${id}-heading` }, q.text),
    h('p', { class: 'figure-n' }, answered),
    ...body,
  );
}

function textResults(
  q: Extract<TQuestionResult, { kind: 'text' }>,
  results: TSurveyResults,
  id: string,
  loadComments: TCommentsLoader,
): HTMLElement {
  const k = results.k.counts;
  const n = q.answered.value ?? 0;
  const share = (f: TFigure) => (f.value === null || n === 0 ? null : Math.round((f.value / n) * 1000) / 10);
  const sentiment: TBar[] = (['positive', 'neutral', 'negative'] as const).map((s) => ({
    label: s[0]!.toUpperCase() + s.slice(1),
    figure: q.sentiment[s],
    share: share(q.sentiment[s]),
  }));
  const themes: TBar[] = q.themes.map((t) => ({ label: t.label, figure: t.count, share: share(t.count) }));
  const examples = h('div', { class: 'result-comments' });
  const button = h('button', { type: 'button', class: 'secondary small' }, 'Read example comments');
  button.addEventListener('click', () => {
    button.disabled = true;
    replace(examples, h('p', { class: 'loading', role: 'status' }, 'Loading comments…'));
    loadComments(q.linkId)
      .then((reply) => {
        replace(
          examples,
          reply.comments === null
            ? h('p', {}, `Comments show once ${reply.k} or more people have written them here.`)
            : reply.comments.length === 0
              ? h('p', {}, 'No comments to show.')
              : h(
                  'ul',
                  { class: 'comment-list plain' },
                  reply.comments.map((c) =>
                    h(
                      'li',
                      { class: `comment ${c.sentiment}` },
                      h('p', { class: 'comment-text' }, c.redactedText),
                      h(
                        'p',
                        { class: 'comment-meta' },
                        [c.sentiment, c.unitName, formatMoment(c.submittedAt)].filter(Boolean).join(' · '),
                        c.themes.length > 0 && ` · ${c.themes.join(', ')}`,
                      ),
                    ),
                  ),
                ),
        );
      })
      .catch((error: unknown) => replace(examples, messageBox('error', describeError(error))))
      .finally(() => (button.disabled = false));
  });
  return h(
    'div',
    { class: 'result-text' },
    h('h4', {}, 'Sentiment'),
    barsWithTable(`${id}-sentiment`, `${q.text}: sentiment`, sentiment, k, 'people who commented'),
    h('h4', {}, 'Themes'),
    themes.length === 0
      ? h('p', {}, `No theme was mentioned by ${k} or more people.`)
      : barsWithTable(`${id}-themes`, `${q.text}: themes`, themes, k, 'people who commented'),
    h('p', { class: 'hint' }, 'Example comments are redacted, and every read of them is recorded.'),
    button,
    examples,
  );
}
