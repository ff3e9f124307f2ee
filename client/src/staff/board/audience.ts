import type { TAudienceView, TBoardSummary } from '../../../../shared/src/api/board';
import { h } from '../../common/dom';

export type TAudience = TAudienceView['audience'];

export const AUDIENCE_LABELS: Record<TAudience, string> = { patient: 'Patients', clinician: 'Clinicians' };

/**
 * The board as one audience's figures: patients and clinicians are never summed into one figure,
 * so every panel draws from the chosen audience's view (the first, where the scope has one).
 * Null view: no survey collects in the scope.
 */
export function audienceSummary(
  summary: TBoardSummary,
  audience: TAudience | undefined,
): { summary: TBoardSummary; view: TAudienceView | null } {
  const view = summary.audiences.find((a) => a.audience === audience) ?? summary.audiences[0] ?? null;
  if (!view) return { summary, view: null };
  return { summary: { ...summary, totals: view.totals, trend: view.trend, themes: view.themes }, view };
}

/** "Patients | Clinicians" as radio buttons, shown only where a scope has both. */
export function audienceSwitch(onChange: (audience: TAudience) => void): {
  element: HTMLElement;
  update: (summary: TBoardSummary, chosen: TAudience | undefined) => void;
} {
  const radios = (Object.keys(AUDIENCE_LABELS) as TAudience[]).map((audience) =>
    h('input', { type: 'radio', name: 'board-audience', value: audience, id: `board-audience-${audience}` }),
  );
  const element = h(
    'fieldset',
    { class: 'audience-switch', hidden: true },
    h('legend', {}, 'Who answered'),
    radios.map((radio) =>
      h('label', { for: radio.id }, radio, ` ${AUDIENCE_LABELS[radio.value as TAudience]}`),
    ),
  );
  for (const radio of radios)
    radio.addEventListener('change', () => radio.checked && onChange(radio.value as TAudience));
  return {
    element,
    update: (summary, chosen) => {
      element.hidden = summary.audiences.length < 2;
      const shown = audienceSummary(summary, chosen).view?.audience;
      for (const radio of radios) radio.checked = radio.value === shown;
    },
  };
}
