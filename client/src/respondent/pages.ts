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
  const heading = h('h1', {}, t.loadErrorTitle);
  replace(
    app,
    h(
      'div',
      { class: 'panel' },
      heading,
      h('p', {}, t.loadErrorBody),
      h('button', { type: 'button', class: 'primary', onclick: retry }, t.retry),
    ),
  );
  document.title = t.loadErrorTitle;
  focusElement(heading);
}

export function showLoading(app: HTMLElement, t: TUiStrings): void {
  replace(app, h('p', { class: 'loading', role: 'status' }, t.loading));
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
