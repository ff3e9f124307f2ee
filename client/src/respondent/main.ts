import type { TPublicSurvey } from '../../../shared/src/api/public';
import { ApiError, apiRequest } from '../common/http';
import { uiStrings } from '../i18n';
import '../common/base.css';
import './respondent.css';
import { clearDraft, loadDraft, sweepDrafts } from './draft';
import { mountForm, type TFormHandle } from './form';
import { applyDocumentLocale, browserLocale } from './locale';
import { showClosed, showLoadError, showLoading, showNotSent, showThanks } from './pages';
import { submitResponse, type TSubmitOutcome } from './submit';

/** A kiosk goes back to a fresh form this long after the thank-you page, or after this much idleness. */
const KIOSK_THANKS_MS = 20_000;
const KIOSK_IDLE_MS = 3 * 60_000;

const app = document.getElementById('app') as HTMLElement;

function readToken(): string | null {
  const match = /^\/s\/([^/]+)\/?$/.exec(location.pathname);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

async function start(): Promise<void> {
  sweepDrafts();
  const early = uiStrings(browserLocale());
  applyDocumentLocale(browserLocale().split('-')[0] ?? 'en');
  const token = readToken();
  if (!token) {
    showClosed(app, early);
    return;
  }
  showLoading(app, early);
  const resumed = await resendPending(token);
  if (resumed === 'settled') return;
  let survey: TPublicSurvey;
  try {
    survey = await apiRequest<TPublicSurvey>(`/public/surveys/${encodeURIComponent(token)}`);
  } catch (error) {
    const closed = error instanceof ApiError && (error.status === 404 || error.status === 410);
    if (resumed?.kind === 'retry') {
      // Answers whose fate is unknown stay, even when the link now says closed: a used single-use
      // link is what a stored submission with a lost reply looks like.
      showNotSent(app, early, () => void start());
    } else if (closed) {
      clearDraft(token);
      showClosed(app, early);
    } else {
      showLoadError(app, early, () => void start());
    }
    return;
  }
  if (survey.link.kiosk) startKiosk(token, survey);
  else openForm(token, survey, null, resumed);
}

/**
 * Re-sends the submission a previous visit left pending, before anything else: its reply may have
 * been lost after it was stored, and only the server's answer to its key can tell (the survey may
 * have been republished or the single-use link used since, which a GET would report as closed).
 * Returns 'settled' when a final page is showing, else what the form should tell the respondent.
 */
async function resendPending(token: string): Promise<TSubmitOutcome | 'settled' | null> {
  const pending = loadDraft(token)?.pending;
  if (!pending) return null;
  const t = uiStrings(pending.body.locale ?? browserLocale());
  const outcome = await submitResponse(token, pending.body, pending.key, () =>
    showLoading(app, t, t.stillSaving),
  );
  if (outcome.kind === 'accepted') {
    clearDraft(token);
    if (pending.body.locale) applyDocumentLocale(pending.body.locale);
    showThanks(app, t, pending.gaveContact, null);
    return 'settled';
  }
  if (outcome.kind === 'closed') {
    clearDraft(token);
    showClosed(app, t);
    return 'settled';
  }
  return outcome;
}

type TKioskHooks = { restart: () => void; onThanks: () => void };

function openForm(
  token: string,
  survey: TPublicSurvey,
  kiosk: TKioskHooks | null,
  resumed: TSubmitOutcome | null,
): TFormHandle {
  return mountForm(app, {
    token,
    survey,
    persist: kiosk === null,
    resumed,
    onAccepted: (locale, gaveContact) => {
      showThanks(app, uiStrings(locale), gaveContact, kiosk?.restart ?? null);
      kiosk?.onThanks();
    },
    onClosed: (locale) => showClosed(app, uiStrings(locale)),
  });
}

/**
 * A shared tablet in a waiting room: nothing is kept on the device, the page returns to a fresh
 * form after each response, and a half-filled form left behind is cleared after a few minutes.
 */
function startKiosk(token: string, survey: TPublicSurvey): void {
  // The address the kiosk was set up with: a language switch writes `?lang=` into it, and the next
  // person should get the kiosk's own language, not the last person's.
  const home = location.href;
  let handle: TFormHandle | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const restart = (): void => {
    clearTimeout(timer);
    if (location.href !== home) history.replaceState(null, '', home);
    handle = openForm(
      token,
      survey,
      {
        restart,
        onThanks: () => {
          handle = null;
          timer = setTimeout(restart, KIOSK_THANKS_MS);
        },
      },
      null,
    );
  };
  const onActivity = (): void => {
    if (!handle) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      // A response waiting to be retried is not abandoned: its answers must not be lost.
      const used = handle !== null && (handle.hasAnswers() || location.href !== home);
      if (used && !handle?.isPending()) restart();
    }, KIOSK_IDLE_MS);
  };
  for (const type of ['pointerdown', 'keydown', 'input'])
    document.addEventListener(type, onActivity, { passive: true });
  restart();
}

void start();
