import type { TPublicSurvey } from '../../../shared/src/api/public';
import { pickText } from '../../../shared/src/locale';
import type { TAnswers, TAnswerValue } from '../../../shared/src/survey/definition';
import { enabledAnswerableItems } from '../../../shared/src/survey/enable-when';
import { indexItems, isGiven, readAnswer } from '../../../shared/src/survey/items';
import { validateAnswers } from '../../../shared/src/survey/validate-answers';
import { focusElement, h, randomUuid, replace } from '../common/dom';
import { languageName } from '../common/language';
import { uiStrings, type TUiStrings } from '../i18n';
import { clearDraft, loadDraft, saveDraft, type TPendingSubmission } from './draft';
import { renderSummary, showQuestionIssues, toIssues, type TIssue } from './issues';
import { applyDocumentLocale, chooseLocale, rememberLocale } from './locale';
import { renderItems } from './questions';
import { restoreAnswers, visibleLinkIds } from './visibility';
import { renderNotice, type TNotice } from './notice';
import { submitResponse, type TSubmitOutcome } from './submit';
import { createRetrier } from './retry';

export type TFormOptions = {
  token: string;
  survey: TPublicSurvey;
  /** Keep a draft in localStorage. Off for kiosks: the next person must not see the last one's answers. */
  persist: boolean;
  /**
   * What became of re-sending the draft's pending submission as the page loaded, when that settled
   * nothing (accepted and closed are handled before the form is shown).
   */
  resumed: TSubmitOutcome | null;
  /** `gaveContact`: an answer to a question asking for contact details was sent. */
  onAccepted: (locale: string, gaveContact: boolean) => void;
  onClosed: (locale: string) => void;
};

export type TFormHandle = { hasAnswers: () => boolean; isPending: () => boolean };

export function mountForm(app: HTMLElement, options: TFormOptions): TFormHandle {
  const { token, survey } = options;
  const def = survey.definition;
  const byLinkId = indexItems(def.items);
  const draft = options.persist ? loadDraft(token) : null;
  const state = {
    locale: chooseLocale(def.locales, def.defaultLocale),
    // Answers to questions this version no longer has are dropped; the pending submission is not,
    // whatever version it answers: it may already be stored, and only re-sending it can tell.
    answers: restoreAnswers(draft?.answers ?? {}, byLinkId),
    pending: draft?.pending ?? null,
    issues: [] as TIssue[],
    notice: null as TNotice | null,
    busy: false,
  };
  const restored = Object.keys(state.answers).length > 0;
  let form = h('form');
  let questions = h('div');
  let summary = h('div');
  let status = h('div');
  let submitButton = h('button');

  const t = (): TUiStrings => uiStrings(state.locale);

  function persist(): void {
    if (options.persist)
      saveDraft(token, { versionId: survey.versionId, answers: state.answers, pending: state.pending });
  }

  function onAnswer(linkId: string, value: TAnswerValue | undefined): void {
    if (value === undefined) delete state.answers[linkId];
    else state.answers[linkId] = value;
    persist();
    refreshVisibility();
    // Once errors are showing, fixing one clears it at once; new ones wait for the next submit.
    if (state.issues.length > 0) narrowIssues();
  }

  /** Hides what the answers rule out. Hidden answers stay in memory so they return if the question does. */
  function refreshVisibility(): void {
    const visible = visibleLinkIds(def.items, state.answers, byLinkId);
    for (const el of form.querySelectorAll<HTMLElement>('[data-link-id]')) {
      el.hidden = !visible.has(el.dataset.linkId ?? '');
    }
  }

  /**
   * While a submission is pending its answers cannot change. It may already be stored with the reply
   * lost, so changed answers could only go under a new key and be stored twice; re-sending the old
   * body instead would silently drop the changes. Both were rejected.
   */
  function syncLock(): void {
    const locked = state.pending !== null;
    for (const control of questions.querySelectorAll<
      HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | HTMLButtonElement
    >('input, textarea, select, button')) {
      control.disabled = locked;
    }
  }

  /** Only what is asked and answered is sent. */
  function answersToSend(): TAnswers {
    const answers: TAnswers = {};
    for (const item of enabledAnswerableItems(def, state.answers)) {
      const value = readAnswer(state.answers, item.linkId);
      if (isGiven(value)) answers[item.linkId] = value;
    }
    return answers;
  }

  function answersContact(answers: TAnswers): boolean {
    return Object.keys(answers).some((linkId) => {
      const item = byLinkId.get(linkId);
      return item?.type === 'text' && item.intent === 'contact';
    });
  }

  function currentIssues(): TIssue[] {
    const answers = answersToSend();
    const result = validateAnswers(def, answers);
    return result.ok ? [] : toIssues(result.issues, byLinkId, answers, t());
  }

  /** Re-checks the questions already marked, in the current language; new problems wait for the next submit. */
  function narrowIssues(): void {
    state.issues = currentIssues().filter((now) => state.issues.some((old) => old.linkId === now.linkId));
    showIssues();
  }

  function showIssues(): void {
    showQuestionIssues(form, state.issues);
    renderSummary(summary, state.issues, def, state.locale, byLinkId, t());
  }

  function showNotice(): void {
    renderNotice(status, state.notice, t(), () => void submit());
  }

  function setBusy(busy: boolean): void {
    state.busy = busy;
    submitButton.disabled = busy;
    submitButton.textContent = busy ? t().sending : t().submit;
    form.setAttribute('aria-busy', String(busy));
  }

  // Re-sends the pending submission by itself, while the page still shows it as not sent.
  const retrier = createRetrier(() => {
    if (form.isConnected && state.pending && state.notice?.kind === 'retry') void submit();
  });

  async function submit(): Promise<void> {
    if (state.busy) return;
    retrier.stop();
    if (!state.pending) {
      const answers = answersToSend();
      const result = validateAnswers(def, answers);
      if (!result.ok) {
        state.issues = toIssues(result.issues, byLinkId, answers, t());
        showIssues();
        focusElement(summary);
        return;
      }
      state.issues = [];
      showIssues();
      // Kept before the first attempt, so that a reload re-sends this body under this key.
      state.pending = {
        key: randomUuid(),
        body: { versionId: survey.versionId, locale: state.locale, answers },
        gaveContact: answersContact(answers),
      };
      persist();
    }
    const pending: TPendingSubmission = state.pending;
    state.notice = null;
    showNotice();
    setBusy(true);
    syncLock();
    const outcome = await submitResponse(token, pending.body, pending.key, () => {
      state.notice = { kind: 'waiting' };
      showNotice();
    });
    setBusy(false);
    handleOutcome(outcome, pending);
  }

  /** The pending submission was certainly not stored: the answers become editable and sendable again. */
  function dropPending(): void {
    state.pending = null;
    persist();
  }

  function handleOutcome(outcome: TSubmitOutcome, sent: TPendingSubmission): void {
    switch (outcome.kind) {
      case 'accepted':
        retrier.stop();
        clearDraft(token);
        options.onAccepted(state.locale, sent.gaveContact);
        return;
      case 'closed':
        // The answers can never be sent through this link, so nothing is kept on the device.
        retrier.stop();
        clearDraft(token);
        options.onClosed(state.locale);
        return;
      case 'invalid':
        dropPending();
        state.notice = null;
        state.issues = toIssues(outcome.params, byLinkId, sent.body.answers, t());
        break;
      case 'key-reused':
        dropPending();
        state.notice = { kind: 'send-again' };
        break;
      case 'too-large':
        dropPending();
        state.notice = { kind: 'too-large' };
        break;
      case 'retry':
        state.notice = { kind: 'retry', reason: outcome.reason, seconds: outcome.retryAfterSeconds };
        retrier.later(outcome.retryAfterSeconds);
        break;
    }
    syncLock();
    showNotice();
    if (outcome.kind === 'invalid') {
      showIssues();
      focusElement(summary);
    }
  }

  function render(): void {
    const strings = t();
    applyDocumentLocale(state.locale);
    const title = pickText(def.title, state.locale, def.defaultLocale);
    document.title = title;
    summary = h('div', { class: 'error-summary', tabindex: '-1', hidden: true });
    status = h('div', { class: 'submit-status', role: 'alert' });
    submitButton = h('button', { type: 'submit', class: 'primary' }, strings.submit);
    const ctx = { def, locale: state.locale, t: strings, answers: state.answers, onAnswer };
    questions = h('div', { class: 'questions' }, renderItems(def.items, ctx));
    form = h(
      'form',
      {
        novalidate: true,
        onsubmit: (event: Event) => {
          event.preventDefault();
          void submit();
        },
      },
      summary,
      questions,
      h(
        'div',
        { class: 'actions' },
        status,
        submitButton,
        options.persist && h('p', { class: 'hint' }, strings.answersKept),
      ),
    );
    replace(
      app,
      h(
        'header',
        { class: 'survey-header' },
        def.locales.length > 1 && languageSwitch(strings),
        h('h1', {}, title),
        def.description &&
          h('p', { class: 'description' }, pickText(def.description, state.locale, def.defaultLocale)),
        survey.link.unitName &&
          h(
            'p',
            { class: 'unit' },
            def.audience === 'clinician'
              ? strings.aboutPlace(survey.link.unitName)
              : strings.aboutUnit(survey.link.unitName),
          ),
      ),
      restored && h('p', { class: 'notice', role: 'status' }, strings.draftRestored),
      h('p', { class: 'hint' }, strings.requiredNote),
      form,
    );
    refreshVisibility();
    if (state.issues.length > 0) narrowIssues();
    showNotice();
    setBusy(state.busy);
    syncLock();
  }

  function languageSwitch(strings: TUiStrings): HTMLElement {
    const select = h(
      'select',
      {
        id: 'language',
        value: state.locale,
        onchange: () => {
          state.locale = select.value;
          rememberLocale(state.locale);
          render();
          document.getElementById('language')?.focus();
        },
      },
      def.locales.map((locale) => h('option', { value: locale, lang: locale }, languageName(locale))),
    );
    return h('div', { class: 'language' }, h('label', { for: 'language' }, strings.language), select);
  }

  render();
  if (options.resumed && state.pending) handleOutcome(options.resumed, state.pending);
  return { hasAnswers: () => Object.keys(state.answers).length > 0, isPending: () => state.pending !== null };
}
