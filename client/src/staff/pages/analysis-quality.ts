import type {
  TAnalysisQuality,
  TLabelCorrections,
  TModelCard,
} from '../../../../shared/src/api/analysis-trust';
import { h, type TChild } from '../../common/dom';
import { describeError } from '../../common/http';
import { trustApi } from '../analysis-trust/trust-api';
import '../analysis-trust/trust.css';
import { dataTable, formatDate, messageBox, renderPage } from '../layout';
import { userIs } from '../session';

const TITLE = 'How good is the analysis?';
const two = (n: number | undefined): string => (n === undefined ? '—' : n.toFixed(2));
const percent = (n: number | null): string => (n === null ? '—' : `${(n * 100).toFixed(1)}%`);

/**
 * `#/analysis`: the current model's figures on its held-out test comments (from the model card
 * `npm run train` writes), per class and label, and how often staff here corrected each label.
 */
export async function showAnalysisQuality(): Promise<void> {
  renderPage(TITLE, h('p', { class: 'loading' }, 'Loading…'));
  let quality: TAnalysisQuality;
  try {
    quality = await trustApi.quality();
  } catch (error) {
    renderPage(TITLE, messageBox('error', describeError(error)));
    return;
  }
  renderPage(
    TITLE,
    h(
      'p',
      {},
      'Comments are scored for sentiment, sorted into themes and checked for urgency by a model. ',
      'Here is how well the current model did on test comments it never saw in training, and how often ',
      'your staff corrected it.',
    ),
    section(
      'model-heading',
      'The model on its test comments',
      modelCard(quality.modelCard, quality.cardProblem),
    ),
    section('corrections-heading', 'Corrections by your staff', corrections(quality)),
  );
}

function section(id: string, title: string, ...content: (TChild | TChild[])[]): HTMLElement {
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), ...content);
}

function modelCard(card: TModelCard | null, problem: string | null): TChild[] {
  if (!card) return [messageBox('info', problem ?? 'No model card.')];
  const perClass = Object.entries(card.sentiment.perClass);
  const perLabel = Object.entries(card.themes.perLabel).sort((a, b) => b[1].support - a[1].support);
  const encoder =
    typeof card.encoder === 'string' ? card.encoder : card.encoder ? JSON.stringify(card.encoder) : 'none';
  return [
    h(
      'p',
      {},
      `Model ${card.modelVersion}`,
      card.generatedAt ? `, trained ${formatDate(card.generatedAt)}` : '',
      `; sentence encoder: ${encoder}`,
      card.testSize ? `; ${card.testSize} test comments.` : '.',
    ),
    h(
      'p',
      {},
      `Sentiment: macro-F1 ${two(card.sentiment.macroF1)}, negative recall ${two(card.sentiment.negativeRecall)}, `,
      `calibration error ${two(card.sentiment.ece)}. Themes: micro-F1 ${two(card.themes.microF1)}, `,
      `macro-F1 ${two(card.themes.macroF1)}, calibration error ${two(card.themes.ece)}.`,
    ),
    h(
      'p',
      { class: 'hint' },
      'Precision: of the comments given a label, the share that truly had it. Recall: of the comments that had it, the share found. F1 combines both (1 is perfect).',
    ),
    h('h3', {}, 'Sentiment, per class'),
    dataTable(
      'Sentiment test figures per class',
      ['Class', 'Precision', 'Recall', 'F1', 'Test comments'],
      perClass.map(([label, f]) => [label, two(f.precision), two(f.recall), two(f.f1), String(f.support)]),
      'quality-figures',
    ),
    h('h3', {}, 'Themes, per label'),
    dataTable(
      'Theme test figures per label',
      ['Theme', 'Precision', 'Recall', 'F1', 'Test comments'],
      perLabel.map(([label, f]) => [label, two(f.precision), two(f.recall), two(f.f1), String(f.support)]),
      'quality-figures',
    ),
  ];
}

function corrections(q: TAnalysisQuality): TChild[] {
  const table = (caption: string, first: string, rows: TLabelCorrections[]) =>
    rows.length === 0
      ? h('p', {}, 'None yet.')
      : dataTable(
          caption,
          [first, 'Given by the model', 'Corrected away', 'Added by staff', 'Correction rate'],
          rows.map((r) => [r.label, String(r.model), String(r.removed), String(r.added), percent(r.rate)]),
          'quality-figures',
        );
  return [
    h(
      'p',
      {},
      `${q.correctedComments} of ${q.analysedComments} analysed comments have been corrected. `,
      'The correction rate of a label is the corrections that took it away or added it, over the comments the model gave it.',
    ),
    userIs('admin', 'quality_lead') &&
      h(
        'p',
        {},
        h('a', { href: trustApi.exportUrl, download: 'corrections.jsonl' }, 'Download the corrections'),
        ' (JSON lines, redacted text) to train the next model with them.',
      ),
    h('h3', {}, 'Sentiment'),
    table('Sentiment corrections per class', 'Class', q.corrections.sentiment),
    h('h3', {}, 'Urgency'),
    table('Urgency corrections per tier', 'Tier', q.corrections.urgency),
    h('h3', {}, 'Themes'),
    table('Theme corrections per label', 'Theme', q.corrections.themes),
  ];
}
