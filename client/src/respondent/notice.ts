import { h, replace } from '../common/dom';
import type { TUiStrings } from '../../../shared/src/i18n';
import type { TRetryReason } from './submit';

/** What the page says about sending, kept so it can be shown again after a language switch. */
export type TNotice =
  /** The server is still storing this submission (409): the page asks again by itself. */
  | { kind: 'waiting' }
  /** The outcome is unknown (no reply, 429, 5xx): the same submission is re-sent, never a new one. */
  | { kind: 'retry'; reason: TRetryReason; seconds: number | null }
  /** The server refused the key (422): nothing was stored under it, so a fresh send is safe. */
  | { kind: 'send-again' }
  /** 413: retrying cannot help, shorter answers can. */
  | { kind: 'too-large' }
  /** Contact was asked for without a staff session: sign in, or untick it. */
  | { kind: 'sign-in' };

/**
 * Fills the status area above the send button; `retry` re-sends the waiting submission. `kept`: the
 * answers are stored on the device, so a closed page still sends them later.
 */
export function renderNotice(
  status: HTMLElement,
  notice: TNotice | null,
  t: TUiStrings,
  retry: () => void,
  kept: boolean,
): void {
  const calm = notice?.kind === 'waiting' || (notice?.kind === 'retry' && notice.reason === 'offline');
  status.className = calm ? 'submit-status info' : 'submit-status';
  switch (notice?.kind) {
    case undefined:
      status.replaceChildren();
      return;
    case 'waiting':
      replace(status, h('p', {}, t.stillSaving));
      return;
    case 'send-again':
      replace(status, h('p', {}, h('strong', {}, t.notSent)), h('p', {}, t.sendAgain));
      return;
    case 'too-large':
      replace(status, h('p', {}, t.tooLarge));
      return;
    case 'sign-in':
      // The sign-in link is just above, beside the box that asked for it.
      replace(status, h('p', {}, h('strong', {}, t.notSent), ' ', t.contactNeedsSignIn));
      return;
    case 'retry': {
      if (notice.reason === 'offline') {
        replace(
          status,
          h('p', {}, h('strong', {}, t.offlineQueued)),
          h('p', {}, kept ? `${t.offlineCanClose} ` : '', t.answersLocked),
          h('button', { type: 'button', class: 'secondary', onclick: retry }, t.retry),
        );
        return;
      }
      const reason =
        notice.reason === 'network'
          ? t.networkError
          : notice.reason === 'rate-limited'
            ? t.rateLimited(notice.seconds ?? 30)
            : t.serverError;
      replace(
        status,
        h('p', {}, h('strong', {}, t.notSent), ' ', reason),
        h('p', {}, t.willRetry, ' ', t.answersLocked),
        h('button', { type: 'button', class: 'secondary', onclick: retry }, t.retry),
      );
    }
  }
}

/**
 * "You are offline", shown while the device says it has no connection and hidden when it returns.
 * Its listeners go quiet once `alive()` is false (the form was replaced).
 */
export function offlineBanner(t: TUiStrings, alive: () => boolean): HTMLElement {
  const banner = h(
    'p',
    { class: 'notice offline', role: 'status', hidden: navigator.onLine !== false },
    t.offlineBanner,
  );
  const update = (): void => {
    if (alive() && banner.isConnected) {
      banner.hidden = navigator.onLine !== false;
      return;
    }
    window.removeEventListener('online', update);
    window.removeEventListener('offline', update);
  };
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
  return banner;
}
