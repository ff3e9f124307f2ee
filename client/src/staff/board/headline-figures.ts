import type { TAudienceView, TBoardSummary, TFigure } from '../../../../shared/src/api/board';
import { h, replace } from '../../common/dom';
import { figureText, formatCount, formatNps, formatPercent, formatRating, peopleText } from './format';

const formatPercentless = (v: number): string => v.toLocaleString(undefined, { maximumFractionDigits: 1 });

type TCard = {
  key: string;
  label: string;
  figure: TFigure;
  format: (v: number) => string;
  /** Set smaller after the value: "81.8%" is what the room should read from afar. */
  suffix?: string;
  note?: string;
};

/**
 * Cards only for what the audience's surveys ask: no FFT or NPS card on a clinician pulse, and
 * each rating question on its own card rather than one blended mean. Without any survey (`view`
 * null) only the counts show.
 */
function cardsOf(summary: TBoardSummary, view: TAudienceView | null): TCard[] {
  const { totals } = summary;
  const cards: TCard[] = [
    { key: 'responses', label: 'Responses', figure: totals.responses, format: formatCount },
  ];
  if (totals.responseRate) {
    cards.push({
      key: 'response-rate',
      label: 'Response rate',
      figure: totals.responseRate,
      format: formatPercent,
      note: 'of single-use invitations sent in the period',
    });
  }
  if (view?.measures.fft) {
    cards.push({
      key: 'fft',
      label: 'Friends and Family Test',
      figure: totals.fftPositive,
      format: formatPercent,
      suffix: 'positive',
      note: 'answered very good or good',
    });
  }
  if (view?.measures.nps) {
    cards.push({
      key: 'nps',
      label: 'Net Promoter Score',
      figure: totals.nps,
      format: formatNps,
      note: 'on a scale from −100 to +100',
    });
  }
  for (const aspect of view?.aspects ?? []) {
    const sus = aspect.key === 'sus';
    cards.push({
      key: `aspect-${aspect.key}`,
      label: aspect.label,
      figure: aspect.total,
      format: sus ? formatPercentless : formatRating,
      suffix: `out of ${formatCount(aspect.max)}`,
      note: sus
        ? 'mean score, 0 to 100'
        : `mean, on a scale of ${formatCount(aspect.min)} to ${formatCount(aspect.max)}`,
    });
  }
  cards.push({
    key: 'comments',
    label: 'Comments',
    figure: totals.comments,
    format: formatCount,
    note: sentimentLine(summary),
  });
  return cards;
}

/** "Positive 12 · Neutral 3 · Negative fewer than 5": the mix in words, never by colour alone. */
function sentimentLine(summary: TBoardSummary): string {
  const { positive, neutral, negative } = summary.totals.sentiment;
  const k = summary.k.counts;
  return [
    `Positive ${figureText(positive, k, formatCount)}`,
    `neutral ${figureText(neutral, k, formatCount)}`,
    `negative ${figureText(negative, k, formatCount)}`,
  ].join(', ');
}

/** The headline figures: one card each, the value large, its n and what it means beneath. */
export function headlineFigures(): {
  element: HTMLElement;
  update: (summary: TBoardSummary, view: TAudienceView | null) => void;
} {
  const list = h('ul', { class: 'board-figures plain', 'aria-label': 'Headline figures' });
  function update(summary: TBoardSummary, view: TAudienceView | null): void {
    replace(
      list,
      cardsOf(summary, view).map((card) => {
        const hidden = card.figure.value === null;
        return h(
          'li',
          { class: 'card board-figure', 'data-figure': card.key },
          h('h3', { class: 'figure-label' }, card.label),
          h(
            'p',
            { class: hidden ? 'figure-value withheld' : 'figure-value' },
            figureText(card.figure, summary.k.counts, card.format),
            !hidden && card.suffix && h('span', { class: 'figure-suffix' }, card.suffix),
          ),
          h('p', { class: 'figure-n' }, peopleText(card.figure) ?? 'number of people not shown'),
          card.note && h('p', { class: 'figure-note' }, card.note),
        );
      }),
    );
  }
  return { element: list, update };
}
