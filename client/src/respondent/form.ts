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
import { submitResponse, type TSubmitOutcome } from './submit';

export type TFormOptions = {
  token: string;
  survey: TPublicSurvey;
  /** Keep a draft in localStorage. Off for kiosks: the next person must not see the last one's answers. */
  persist: boolean;
  /** `gaveContact`: an answer to a question asking for contact details was sent. */
  onAccepted: (locale: string, gaveContact: boolean) => void;
  onClosed: (locale: string) => void;
};

/** A problem with sending, kept so it can be shown again after a language switch. */
type TNotice =
  | { kind: 'waiting' }
  | { kind: 'retry'; reason: 'network' | 'rate-limited' | 'server'; seconds: number | null };

export type TFormHandle = { hasAnswers: () => boolean; isPending: () => boolean };

export function mountForm(app: HTMLElement, options: TFormOptions): TFormHandle {
  const { token, survey } = options;
  const def = survey.definition;
  const byLinkId = indexItems(def.items);
  const draft = options.persist ? loadDraft(token) : null;
  const sameVersion = draft?.versionId === survey.versionId;
  const state = {
    locale: chooseLocale(def.locales, def.defaultLocale),
    answers: restoreAnswers(draft?.answers ?? {}, byLinkId),
    pending: sameVersion ? (draft?.pending ?? null) : null,
    issues: [] as TIssue[],
    notice: null as TNotice | null,
    busy: false,
  };
  const restored = Object.keys(state.answers).length > 0;
  let form = h('form');
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

  /** Only what is asked and answered is sent. */
  function answersToSend(): TAnswers {
    const answers: TAnswers = {};
    for (const item of enabledAnswerableItems(def, state.answers)) {
      const value = readAnswer(state.answers, item.linkId);
      if (isGiven(value)) answers[item.linkId] = value;
    }
    return answers;
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
    const strings = t();
    const notice = state.notice;
    status.className = notice?.kind === 'waiting' ? 'submit-status info' : 'submit-status';
    if (notice === null) {
      status.replaceChildren();
      return;
    }
    if (notice.kind === 'waiting') {
      replace(status, h('p', {}, strings.stillSaving));
      return;
    }
    const message =
      notice.reason === 'network'
        ? strings.networkError
        : notice.reason === 'rate-limited'
          ? strings.rateLimited(notice.seconds ?? 30)
          : strings.serverError;
    const retry = h(
      'button',
      { type: 'button', class: 'secondary', onclick: () => void submit() },
      strings.retry,
    );
    replace(status, h('p', {}, message), retry);
  }

  function setBusy(busy: boolean): void {
    state.busy = busy;
    submitButton.disabled = busy;
    submitButton.textContent = busy ? t().sending : t().submit;
    form.setAttribute('aria-busy', String(busy));
  }

  async function submit(): Promise<void> {
    if (state.busy) return;
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
    // One key per set of answers: a retry of the same answers reuses it, so the server stores one response.
    if (!state.pending || JSON.stringify(state.pending.body.answers) !== JSON.stringify(answers)) {
      state.pending = {
        key: randomUuid(),
        body: { versionId: survey.versionId, locale: state.locale, answers },
      };
      persist();
    }
    const pending: TPendingSubmission = state.pending;
    state.notice = null;
    showNotice();
    setBusy(true);
    const outcome = await submitResponse(token, pending.body, pending.key, () => {
      state.notice = { kind: 'waiting' };
      showNotice();
    });
    setBusy(false);
    handleOutcome(outcome, answers);
  }

  function handleOutcome(outcome: TSubmitOutcome, sent: TAnswers): void {
    switch (outcome.kind) {
      case 'accepted':
        clearDraft(token);
        options.onAccepted(
          state.locale,
          Object.keys(sent).some((linkId) => {
            const item = byLinkId.get(linkId);
            return item?.type === 'text' && item.intent === 'contact';
          }),
        );
        return;
      case 'closed':
        options.onClosed(state.locale);
        return;
      case 'invalid':
        state.pending = null;
        persist();
        state.notice = null;
        showNotice();
        state.issues = toIssues(outcome.params, byLinkId, sent, t());
        showIssues();
        focusElement(summary);
        return;
      case 'key-reused':
        state.pending = null;
        persist();
        state.notice = { kind: 'retry', reason: 'server', seconds: null };
        break;
      case 'retry':
        state.notice = { kind: 'retry', reason: outcome.reason, seconds: outcome.retryAfterSeconds };
        break;
    }
    showNotice();
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
      renderItems(def.items, ctx),
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
        survey.link.unitName && h('p', { class: 'unit' }, strings.aboutUnit(survey.link.unitName)),
      ),
      restored && h('p', { class: 'notice', role: 'status' }, strings.draftRestored),
      h('p', { class: 'hint' }, strings.requiredNote),
      form,
    );
    refreshVisibility();
    if (state.issues.length > 0) narrowIssues();
    showNotice();
    setBusy(state.busy);
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
  return { hasAnswers: () => Object.keys(state.answers).length > 0, isPending: () => state.pending !== null };
}
