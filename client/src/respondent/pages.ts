import { focusElement, h, replace } from '../common/dom';
import type { TUiStrings } from '../../../shared/src/i18n';

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

/** What the respondent told us about being contacted, which the thank-you page repeats back. */
export type TContactGiven = 'none' | 'details' | 'signed-in';

export type TThanksOptions = {
  contact: TContactGiven;
  /** Kiosks offer a fresh start. */
  restart: (() => void) | null;
  /** The unit's "You said, we did" page, when it has one. */
  youSaidWeDidUrl: string | null;
  /**
   * Set when a comment just sent reads as urgent: the page then says how to raise a concern now,
   * with the unit's (or organisation's) phone and page when they are known.
   */
  concern?: { phone?: string | undefined; url?: string | undefined } | null;
};

/** How to raise a concern now. It says what to do, never that anyone has read the comment. */
function concernPanel(t: TUiStrings, contact: { phone?: string | undefined; url?: string | undefined }) {
  return h(
    'section',
    { class: 'concern', 'aria-labelledby': 'concern-heading' },
    h('h2', { id: 'concern-heading' }, t.concernTitle),
    h('p', {}, t.concernBody),
    contact.phone &&
      h(
        'p',
        {},
        h(
          'a',
          { href: `tel:${contact.phone.replace(/[^+0-9]/g, '')}`, class: 'standalone-link' },
          t.concernPhone(contact.phone),
        ),
      ),
    contact.url && h('p', {}, h('a', { href: contact.url, class: 'standalone-link' }, t.concernLink)),
    h('p', {}, t.concernEmergency),
  );
}

/** The thank-you page says plainly what happens to the answers, and where to see what changed. */
export function showThanks(app: HTMLElement, t: TUiStrings, options: TThanksOptions): void {
  const { contact, restart, youSaidWeDidUrl, concern } = options;
  const heading = h('h1', {}, t.thanksTitle);
  replace(
    app,
    h(
      'div',
      { class: 'panel thanks' },
      heading,
      h('p', {}, t.thanksSent),
      concern && concernPanel(t, concern),
      h(
        'p',
        {},
        contact === 'signed-in'
          ? t.thanksSignedContact
          : contact === 'details'
            ? t.thanksContact
            : t.thanksAnonymous,
      ),
      h('p', {}, t.thanksUse),
      youSaidWeDidUrl &&
        h('p', {}, h('a', { href: youSaidWeDidUrl, class: 'standalone-link' }, t.youSaidWeDid)),
      !concern && h('p', {}, t.thanksUrgent),
      restart && h('p', { class: 'hint' }, t.kioskReset),
      restart && h('button', { type: 'button', class: 'primary', onclick: restart }, t.startAgain),
    ),
  );
  document.title = t.thanksTitle;
  focusElement(heading);
}
