import type { TPublicSurvey } from '../../../shared/src/api/public';
import { uiStrings, type TUiStrings } from '../../../shared/src/i18n';
import { pickText } from '../../../shared/src/locale';
import type { TAnswerValue } from '../../../shared/src/survey/definition';
import { toIssues, type TIssue } from '../../../shared/src/survey/issue-text';
import { indexItems } from '../../../shared/src/survey/items';
import { validateAnswers } from '../../../shared/src/survey/validate-answers';
import { focusElement, h, randomUuid, replace } from '../common/dom';
import { answersContact, answersToSend } from './answers';
import { contactBlock, contactHeaders, type TContactBlock } from './contact';
import { clearDraft, loadDraft, saveDraft, type TPendingSubmission } from './draft';
import { surveyHeader } from './header';
import { renderSummary, showQuestionIssues } from './issues';
import { applyDocumentLocale, chooseLocale, missingLocale, rememberLocale } from './locale';
import { languageName } from '../common/language';
import { textDirection } from '../../../shared/src/i18n';
import { offlineBanner, renderNotice, type TNotice } from './notice';
import type { TContactGiven } from './pages';
import { renderItems } from './questions';
import { createRetrier } from './retry';
import { createPager } from './pager';
import { stepKey } from './steps';
import { submitResponse, type TSubmitOutcome } from './submit';
import { restoreAnswers, visibleLinkIds } from './visibility';

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
  /** `locale` is the interface's; `urgent` when the server read a comment as urgent. */
  onAccepted: (locale: string, contact: TContactGiven, urgent: boolean) => void;
  onClosed: (locale: string) => void;
};

export type TFormHandle = {
  hasAnswers: () => boolean;
  isPending: () => boolean;
  /** Hands over the unconfirmed submission (a kiosk keeps sending it) and forgets it here. */
  takePending: () => TPendingSubmission | null;
};

/** What the thank-you page should say about contact for a submission. */
export function contactGiven(sent: TPendingSubmission): TContactGiven {
  return sent.body.contact ? 'signed-in' : sent.gaveContact ? 'details' : 'none';
}

export function mountForm(app: HTMLElement, options: TFormOptions): TFormHandle {
  const { token, survey } = options;
  const def = survey.definition;
  const byLinkId = indexItems(def.items);
  const draft = options.persist ? loadDraft(token) : null;
  const pager = createPager(def.items, draft?.step ?? null);
  // A shared kiosk never holds a staff session, so it never offers to name whoever answers.
  const offersContact = def.audience === 'clinician' && !survey.link.kiosk;
  const asked = missingLocale(def.locales);
  const state = {
    locale: asked
      ? def.defaultLocale
      : chooseLocale(def.locales, def.defaultLocale, survey.link.locale ?? null),
    /** The interface language when it differs from the questions' (asked for, but not in the survey). */
    uiLocale: asked,
    // Answers to questions this version no longer has are dropped; the pending submission is not,
    // whatever version it answers: it may already be stored, and only re-sending it can tell.
    answers: restoreAnswers(draft?.answers ?? {}, byLinkId),
    pending: draft?.pending ?? null,
    contact: offersContact && (draft?.contact ?? false),
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
  let contact: TContactBlock | null = null;

  const t = (): TUiStrings => uiStrings(state.uiLocale ?? state.locale);

  function persist(): void {
    if (!options.persist) return;
    const { answers, pending, contact: wantsContact } = state;
    const step = pager.current();
    saveDraft(token, { versionId: survey.versionId, answers, pending, step, contact: wantsContact });
  }

  function onAnswer(linkId: string, value: TAnswerValue | undefined): void {
    if (value === undefined) delete state.answers[linkId];
    else state.answers[linkId] = value;
    persist();
    refreshVisibility();
    // Once errors are showing, fixing one clears it at once; new ones wait for the next submit.
    if (state.issues.length > 0) narrowIssues();
  }

  const visibleNow = (): Set<string> => visibleLinkIds(def.items, state.answers, byLinkId);

  /**
   * Hides what the answers rule out, and on a small screen every step but the current one. Hidden
   * answers stay in memory so they return if the question does.
   */
  function refreshVisibility(): void {
    const visible = visibleNow();
    for (const el of form.querySelectorAll<HTMLElement>('[data-link-id]')) {
      el.hidden = !visible.has(el.dataset.linkId ?? '');
    }
    pager.refresh(questions, visible, t());
    if (contact) contact.element.hidden = !pager.isLastStep();
    setBusy(state.busy);
  }

  function go(delta: number): void {
    pager.go(delta, visibleNow());
    persist();
    refreshVisibility();
    pager.focusProgress();
  }

  /** Shows the step holding a question: error summary links may point to another step. */
  function revealStep(linkId: string): void {
    pager.reveal(linkId);
    persist();
    refreshVisibility();
  }

  /** Checks the questions of the step in view before moving on, so problems are fixed where they are. */
  function next(): void {
    const here = pager.currentLinkIds();
    state.issues = currentIssues().filter((issue) => issue.linkId !== null && here.has(issue.linkId));
    showIssues();
    if (state.issues.length > 0) {
      focusElement(summary);
      return;
    }
    go(1);
  }

  /**
   * While a submission is pending its answers cannot change. It may already be stored with the reply
   * lost, so changed answers could only go under a new key and be stored twice; re-sending the old
   * body instead would silently drop the changes. Both were rejected.
   */
  function syncLock(): void {
    const locked = state.pending !== null;
    for (const control of form.querySelectorAll<
      HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | HTMLButtonElement
    >('.questions input, .questions textarea, .questions select, .questions button, .contact input')) {
      control.disabled = locked;
    }
  }

  function currentIssues(): TIssue[] {
    const answers = answersToSend(def, state.answers);
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
    renderSummary(summary, state.issues, def, state.locale, byLinkId, t(), revealStep);
  }

  function showNotice(): void {
    renderNotice(status, state.notice, t(), () => void submit(), options.persist);
  }

  function setBusy(busy: boolean): void {
    state.busy = busy;
    submitButton.disabled = busy;
    submitButton.textContent = busy ? t().sending : pager.isLastStep() ? t().submit : t().next;
    form.setAttribute('aria-busy', String(busy));
  }

  // Re-sends the pending submission by itself, while the page still shows it as not sent.
  const retrier = createRetrier(() => {
    if (form.isConnected && state.pending && state.notice?.kind === 'retry') void submit();
  });

  /** Makes the submission to send, or shows what stops it. Null when something must be fixed first. */
  async function prepare(): Promise<TPendingSubmission | null> {
    const answers = answersToSend(def, state.answers);
    const result = validateAnswers(def, answers);
    if (!result.ok) {
      state.issues = toIssues(result.issues, byLinkId, answers, t());
      const first = state.issues.find((issue) => issue.linkId !== null);
      if (first?.linkId) revealStep(first.linkId);
      showIssues();
      focusElement(summary);
      return null;
    }
    state.issues = [];
    showIssues();
    if (state.contact && !(await contact?.check())) {
      state.notice = { kind: 'sign-in' };
      showNotice();
      return null;
    }
    return {
      key: randomUuid(),
      body: {
        versionId: survey.versionId,
        locale: state.locale,
        answers,
        ...(state.contact ? { contact: true } : {}),
      },
      gaveContact: answersContact(answers, byLinkId),
    };
  }

  async function submit(): Promise<void> {
    if (state.busy) return;
    retrier.stop();
    if (!state.pending) {
      setBusy(true);
      const prepared = await prepare();
      setBusy(false);
      if (!prepared) return;
      // Kept before the first attempt, so that a reload re-sends this body under this key.
      state.pending = prepared;
      persist();
    }
    const pending: TPendingSubmission = state.pending;
    state.notice = null;
    showNotice();
    setBusy(true);
    syncLock();
    const headers = pending.body.contact ? await contactHeaders() : {};
    const outcome = await submitResponse(
      token,
      pending.body,
      pending.key,
      () => {
        state.notice = { kind: 'waiting' };
        showNotice();
      },
      headers,
    );
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
        options.onAccepted(state.uiLocale ?? state.locale, contactGiven(sent), outcome.urgent);
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
      case 'sign-in':
        dropPending();
        state.notice = { kind: 'sign-in' };
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
    applyDocumentLocale(state.uiLocale ?? state.locale);
    document.title = pickText(def.title, state.locale, def.defaultLocale);
    summary = h('div', { class: 'error-summary', tabindex: '-1', hidden: true });
    status = h('div', { class: 'submit-status', role: 'alert' });
    submitButton = h('button', { type: 'submit', class: 'primary' }, strings.submit);
    const paging = pager.render(strings, () => go(-1));
    contact = offersContact
      ? contactBlock(strings, state.contact, (wanted) => {
          state.contact = wanted;
          if (state.notice?.kind === 'sign-in') state.notice = null;
          persist();
          showNotice();
        })
      : null;
    const ctx = { def, locale: state.locale, t: strings, answers: state.answers, onAnswer };
    // Questions in another language than the page's carry their own, for screen readers and layout.
    const questionsLang = state.uiLocale ? { lang: state.locale, dir: textDirection(state.locale) } : {};
    questions = h(
      'div',
      { class: 'questions', ...questionsLang },
      pager.steps.map((step) =>
        h('div', { class: 'step', 'data-step': stepKey(step) }, renderItems(step, ctx)),
      ),
    );
    form = h(
      'form',
      {
        novalidate: true,
        onsubmit: (event: Event) => {
          event.preventDefault();
          if (pager.isLastStep()) void submit();
          else next();
        },
      },
      paging.progress,
      summary,
      questions,
      contact?.element,
      h(
        'div',
        { class: 'actions' },
        status,
        h('div', { class: 'buttons' }, paging.back, submitButton),
        options.persist && h('p', { class: 'hint' }, strings.answersKept),
      ),
    );
    replace(
      app,
      surveyHeader(survey, state.locale, strings, (locale) => {
        state.locale = locale;
        state.uiLocale = null;
        rememberLocale(locale);
        render();
      }),
      restored && h('p', { class: 'notice', role: 'status' }, strings.draftRestored),
      state.uiLocale &&
        h(
          'p',
          { class: 'notice', role: 'status' },
          strings.languageMissing(
            languageName(state.uiLocale, state.uiLocale),
            languageName(state.locale, state.uiLocale),
          ),
        ),
      offlineBanner(strings, () => form.isConnected),
      h('p', { class: 'hint' }, strings.requiredNote),
      form,
    );
    refreshVisibility();
    if (state.issues.length > 0) narrowIssues();
    showNotice();
    setBusy(state.busy);
    syncLock();
  }

  pager.watch(() => form.isConnected, refreshVisibility);
  render();
  if (options.resumed && state.pending) handleOutcome(options.resumed, state.pending);
  return {
    hasAnswers: () => Object.keys(state.answers).length > 0,
    isPending: () => state.pending !== null,
    takePending: () => {
      const pending = state.pending;
      retrier.stop();
      state.pending = null;
      return pending;
    },
  };
}
