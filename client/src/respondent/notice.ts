import { h, replace } from '../common/dom';
import type { TUiStrings } from '../i18n';

/** What the page says about sending, kept so it can be shown again after a language switch. */
export type TNotice =
  /** The server is still storing this submission (409): the page asks again by itself. */
  | { kind: 'waiting' }
  /** The outcome is unknown (no reply, 429, 5xx): the same submission is re-sent, never a new one. */
  | { kind: 'retry'; reason: 'network' | 'rate-limited' | 'server'; seconds: number | null }
  /** The server refused the key (422): nothing was stored under it, so a fresh send is safe. */
  | { kind: 'send-again' }
  /** 413: retrying cannot help, shorter answers can. */
  | { kind: 'too-large' };

/** Fills the status area above the send button; `retry` re-sends the waiting submission. */
export function renderNotice(
  status: HTMLElement,
  notice: TNotice | null,
  t: TUiStrings,
  retry: () => void,
): void {
  status.className = notice?.kind === 'waiting' ? 'submit-status info' : 'submit-status';
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
    case 'retry': {
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
