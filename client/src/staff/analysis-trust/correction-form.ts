import type { TCommentAnalysisView, TCommentCorrection } from '../../../../shared/src/api/analysis-trust';
import {
  FRAMEWORK_THEMES,
  type TFrameworkTheme,
  type TSentimentLabel,
  type TUrgencyTier,
} from '../../../../shared/src/analysis/contract';
import { domId, focusElement, h, replace } from '../../common/dom';
import { describeError } from '../../common/http';
import { field } from '../forms';
import { messageBox } from '../layout';
import { userIs } from '../session';
import { trustApi } from './trust-api';

const SENTIMENTS: TSentimentLabel[] = ['positive', 'neutral', 'negative'];
const URGENCY: { value: TUrgencyTier; label: string }[] = [
  { value: 'urgent', label: 'Urgent: raise an alert' },
  { value: 'review', label: 'Review: for a quality lead to read' },
  { value: 'none', label: 'Not urgent' },
];
const capital = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}`;

/** Quality leads and admins correct the analysis; the server checks the comment is in their scope. */
export const canCorrect = (): boolean => userIs('admin', 'quality_lead');

/**
 * A small "Correct" button, to sit in a comment's line of details (a wall board must not grow a row
 * per comment), and the panel under the comment where it opens a form: sentiment, themes and
 * urgency, each preset to what the figures count now. Only what was changed is sent; "Use the
 * model's answer" takes every correction back. `saved` gets the comment as it now stands.
 */
export function correctionControl(
  view: TCommentAnalysisView,
  saved: (view: TCommentAnalysisView) => void,
): { toggle: HTMLElement; panel: HTMLElement } {
  const panel = h('div', { class: 'correction' });
  const formId = domId('correct', view.analysisId);
  const toggle = h(
    'button',
    {
      type: 'button',
      class: 'secondary small correction-toggle',
      'aria-label': 'Correct the analysis',
      'aria-expanded': 'false',
      'aria-controls': formId,
      onclick: () => (form.isConnected ? close() : open()),
    },
    'Correct',
  );
  const status = h('div', { 'aria-live': 'polite' });
  const sentiment = h(
    'select',
    { id: `${formId}-sentiment` },
    SENTIMENTS.map((s) => h('option', { value: s, selected: s === view.sentiment }, capital(s))),
  );
  const urgency = h(
    'select',
    { id: `${formId}-urgency` },
    URGENCY.map((u) => h('option', { value: u.value, selected: u.value === view.urgency }, u.label)),
  );
  const themes = h(
    'select',
    { id: `${formId}-themes`, multiple: true, size: '6' },
    FRAMEWORK_THEMES.map((t) => h('option', { value: t, selected: view.themes.includes(t) }, t)),
  );
  const form = h(
    'form',
    {
      id: formId,
      class: 'correction-form',
      'aria-label': 'Correct the analysis of this comment',
      onsubmit: (e: Event) => (e.preventDefault(), void save(changes())),
    },
    h(
      'p',
      { class: 'hint' },
      `The model said: ${capital(view.model.sentiment)}`,
      view.model.themes.length > 0 ? `; ${view.model.themes.join(', ')}` : '; no theme',
      `; ${view.model.urgency === 'none' ? 'not urgent' : view.model.urgency}.`,
    ),
    field('Sentiment', sentiment),
    field('Themes', themes, 'Hold Ctrl (or ⌘) to choose several.'),
    field('Urgency', urgency),
    h(
      'div',
      { class: 'correction-actions' },
      h('button', { type: 'submit', class: 'small' }, 'Save correction'),
      view.correction &&
        h(
          'button',
          {
            type: 'button',
            class: 'secondary small',
            onclick: () => void save({ sentiment: null, themes: null, urgency: null }),
          },
          'Use the model’s answer',
        ),
      h('button', { type: 'button', class: 'secondary small', onclick: () => close() }, 'Cancel'),
    ),
    status,
  );

  function changes(): TCommentCorrection {
    const chosen = [...themes.selectedOptions].map((o) => o.value as TFrameworkTheme);
    const sameThemes = chosen.length === view.themes.length && chosen.every((t) => view.themes.includes(t));
    return {
      ...(sentiment.value !== view.sentiment ? { sentiment: sentiment.value as TSentimentLabel } : {}),
      ...(!sameThemes ? { themes: chosen } : {}),
      ...(urgency.value !== view.urgency ? { urgency: urgency.value as TUrgencyTier } : {}),
    };
  }

  async function save(body: TCommentCorrection): Promise<void> {
    if (Object.keys(body).length === 0) {
      replace(status, messageBox('info', 'Nothing changed: choose a different sentiment, theme or urgency.'));
      return;
    }
    try {
      const updated = await trustApi.correct(view.analysisId, body);
      saved(updated);
    } catch (error) {
      replace(status, messageBox('error', describeError(error)));
    }
  }

  function open(): void {
    panel.append(form);
    toggle.setAttribute('aria-expanded', 'true');
    focusElement(sentiment);
  }
  function close(): void {
    form.remove();
    replace(status);
    toggle.setAttribute('aria-expanded', 'false');
    focusElement(toggle);
  }

  return { toggle, panel };
}
