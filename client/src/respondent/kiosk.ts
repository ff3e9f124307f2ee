import type { TPublicSurvey } from '../../../shared/src/api/public';
import { h } from '../common/dom';
import { uiStrings } from '../../../shared/src/i18n';
import { clearDraft, type TPendingSubmission } from './draft';
import type { TFormHandle } from './form';
import { createRetrier } from './retry';
import { submitResponse } from './submit';

/** A kiosk goes back to a fresh form this long after the thank-you page. */
const KIOSK_THANKS_MS = 20_000;
/** The server's default, should a kiosk link come without its own. */
const DEFAULT_IDLE_SECONDS = 120;

export type TKioskHooks = { restart: () => void; onThanks: () => void };

/** How long "Are you still there?" counts down: a quarter of the idle time, from 5 to 30 seconds. */
export const warningSeconds = (idleSeconds: number): number =>
  Math.min(30, Math.max(5, Math.round(idleSeconds / 4)));

/**
 * A shared tablet in a waiting room: nothing is kept on the device, the page returns to a fresh
 * form after each response, and a form left part-answered asks "Are you still there?" and then
 * starts again after the link's idle time, so the next person never sees the last one's answers.
 */
export function startKiosk(
  token: string,
  survey: TPublicSurvey,
  openForm: (hooks: TKioskHooks) => TFormHandle,
): void {
  // The address the kiosk was set up with: a language switch writes `?lang=` into it, and the next
  // person should get the kiosk's own language, not the last person's.
  const home = location.href;
  const idleSeconds = survey.link.kioskIdleSeconds ?? DEFAULT_IDLE_SECONDS;
  const idleMs = idleSeconds * 1000;
  const warnSeconds = warningSeconds(idleSeconds);
  let handle: TFormHandle | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let touched = false;
  let warning: { dialog: HTMLDialogElement; tick: ReturnType<typeof setInterval> } | null = null;

  const restart = (): void => {
    clearTimeout(timer);
    closeWarning();
    touched = false;
    // A submission still unconfirmed is not abandoned: it keeps going in the background, unseen.
    const pending = handle?.takePending();
    if (pending) sendInBackground(token, pending);
    clearDraft(token);
    if (location.href !== home) history.replaceState(null, '', home);
    handle = openForm({
      restart,
      onThanks: () => {
        handle = null;
        timer = setTimeout(restart, KIOSK_THANKS_MS);
      },
    });
    window.scrollTo(0, 0);
  };

  function closeWarning(): void {
    if (!warning) return;
    clearInterval(warning.tick);
    warning.dialog.close();
    warning.dialog.remove();
    warning = null;
  }

  function showWarning(): void {
    const t = uiStrings(document.documentElement.lang || 'en');
    let left = warnSeconds;
    const countdown = h('p', { id: 'kiosk-countdown' }, t.kioskCountdown(left));
    const stay = h(
      'button',
      { type: 'button', class: 'primary', onclick: () => onActivity() },
      t.kioskContinue,
    );
    const dialog = h(
      'dialog',
      {
        class: 'kiosk-warning',
        role: 'alertdialog',
        'aria-labelledby': 'kiosk-warning-title',
        'aria-describedby': 'kiosk-countdown',
      },
      h('h2', { id: 'kiosk-warning-title' }, t.kioskStillThere),
      countdown,
      stay,
    );
    // Escape is an answer too: whoever pressed it is still there.
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      onActivity();
    });
    document.body.append(dialog);
    dialog.showModal();
    stay.focus();
    const tick = setInterval(() => {
      left -= 1;
      if (left <= 0) restart();
      else countdown.textContent = t.kioskCountdown(left);
    }, 1000);
    warning = { dialog, tick };
  }

  function onActivity(): void {
    if (!handle) return;
    touched = true;
    closeWarning();
    clearTimeout(timer);
    timer = setTimeout(
      () => {
        if (touched || location.href !== home) showWarning();
      },
      idleMs - warnSeconds * 1000,
    );
  }

  for (const type of ['pointerdown', 'keydown', 'input'])
    document.addEventListener(type, onActivity, { passive: true });
  restart();
}

/** Keeps re-sending, under its key, a submission a kiosk reset left unconfirmed, until it settles. */
function sendInBackground(token: string, pending: TPendingSubmission): void {
  const attempt = async (): Promise<void> => {
    const outcome = await submitResponse(token, pending.body, pending.key, () => undefined);
    if (outcome.kind === 'retry') retrier.later(outcome.retryAfterSeconds);
  };
  const retrier = createRetrier(() => void attempt());
  void attempt();
}
