import type { TPublicSurvey } from '../../../shared/src/api/public';
import { ApiError, apiRequest } from '../common/http';
import { uiStrings } from '../i18n';
import '../common/base.css';
import './respondent.css';
import { mountForm, type TFormHandle } from './form';
import { applyDocumentLocale, browserLocale } from './locale';
import { showClosed, showLoadError, showLoading, showThanks } from './pages';

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
  const early = uiStrings(browserLocale());
  applyDocumentLocale(browserLocale().split('-')[0] ?? 'en');
  const token = readToken();
  if (!token) {
    showClosed(app, early);
    return;
  }
  showLoading(app, early);
  let survey: TPublicSurvey;
  try {
    survey = await apiRequest<TPublicSurvey>(`/public/surveys/${encodeURIComponent(token)}`);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 410)) showClosed(app, early);
    else showLoadError(app, early, () => void start());
    return;
  }
  if (survey.link.kiosk) startKiosk(token, survey);
  else openForm(token, survey, null);
}

type TKioskHooks = { restart: () => void; onThanks: () => void };

function openForm(token: string, survey: TPublicSurvey, kiosk: TKioskHooks | null): TFormHandle {
  return mountForm(app, {
    token,
    survey,
    persist: kiosk === null,
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
  let handle: TFormHandle | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const restart = (): void => {
    clearTimeout(timer);
    handle = openForm(token, survey, {
      restart,
      onThanks: () => {
        handle = null;
        timer = setTimeout(restart, KIOSK_THANKS_MS);
      },
    });
  };
  const onActivity = (): void => {
    if (!handle) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      // A response waiting to be retried is not abandoned: its answers must not be lost.
      if (handle && handle.hasAnswers() && !handle.isPending()) restart();
    }, KIOSK_IDLE_MS);
  };
  for (const type of ['pointerdown', 'keydown', 'input'])
    document.addEventListener(type, onActivity, { passive: true });
  restart();
}

void start();
