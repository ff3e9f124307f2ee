import { focusElement, h, replace } from '../common/dom';
import type { TUiStrings } from '../i18n';

/** For 404 and 410: nothing the respondent can do, said kindly and without blame. */
export function showClosed(app: HTMLElement, t: TUiStrings): void {
  const heading = h('h1', {}, t.closedTitle);
  replace(app, h('div', { class: 'panel' }, heading, h('p', {}, t.closedBody)));
  document.title = t.closedTitle;
  focusElement(heading);
}

export function showLoadError(app: HTMLElement, t: TUiStrings, retry: () => void): void {
  showRetryPanel(app, t.loadErrorTitle, t.loadErrorBody, t, retry);
}

/** Answers from an earlier visit could not be confirmed, and the survey could not be shown with them. */
export function showNotSent(app: HTMLElement, t: TUiStrings, retry: () => void): void {
  showRetryPanel(app, t.notSent, t.notSentBody, t, retry);
}

function showRetryPanel(
  app: HTMLElement,
  title: string,
  body: string,
  t: TUiStrings,
  retry: () => void,
): void {
  const heading = h('h1', {}, title);
  replace(
    app,
    h(
      'div',
      { class: 'panel' },
      heading,
      h('p', {}, body),
      h('button', { type: 'button', class: 'primary', onclick: retry }, t.retry),
    ),
  );
  document.title = title;
  focusElement(heading);
}

export function showLoading(app: HTMLElement, t: TUiStrings, message: string = t.loading): void {
  replace(app, h('p', { class: 'loading', role: 'status' }, message));
}

/** The thank-you page says plainly what happens to the answers; kiosks offer a fresh start. */
export function showThanks(
  app: HTMLElement,
  t: TUiStrings,
  gaveContact: boolean,
  restart: (() => void) | null,
): void {
  const heading = h('h1', {}, t.thanksTitle);
  replace(
    app,
    h(
      'div',
      { class: 'panel thanks' },
      heading,
      h('p', {}, t.thanksSent),
      h('p', {}, gaveContact ? t.thanksContact : t.thanksAnonymous),
      h('p', {}, t.thanksUse),
      h('p', {}, t.thanksUrgent),
      restart && h('p', { class: 'hint' }, t.kioskReset),
      restart && h('button', { type: 'button', class: 'primary', onclick: restart }, t.startAgain),
    ),
  );
  document.title = t.thanksTitle;
  focusElement(heading);
}
