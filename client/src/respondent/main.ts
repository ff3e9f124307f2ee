import type { TPublicSurvey } from '../../../shared/src/api/public';
import { ApiError } from '../common/http';
import { uiStrings } from '../../../shared/src/i18n';
import '../common/base.css';
import './respondent.css';
import { clearDraft, loadDraft, sweepDrafts } from './draft';
import { contactHeaders } from './contact';
import { contactGiven, mountForm, type TFormHandle } from './form';
import { startKiosk, type TKioskHooks } from './kiosk';
import { loadSurvey } from './load-survey';
import { applyDocumentLocale, browserLocale } from './locale';
import { showClosed, showLoadError, showLoading, showNotSent, showThanks } from './pages';
import { submitResponse, type TSubmitOutcome } from './submit';

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
    survey = await loadSurvey(token);
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
  if (survey.link.kiosk) startKiosk(token, survey, (hooks) => openForm(token, survey, hooks, null));
  else openForm(token, survey, null, resumed);
  // How long the first question took to show, for real-user and lab measurements alike.
  performance.mark('careloop:first-question');
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
  const headers = pending.body.contact ? await contactHeaders() : {};
  const outcome = await submitResponse(
    token,
    pending.body,
    pending.key,
    () => showLoading(app, t, t.stillSaving),
    headers,
  );
  if (outcome.kind === 'accepted') {
    clearDraft(token);
    if (pending.body.locale) applyDocumentLocale(pending.body.locale);
    showThanks(app, t, {
      contact: contactGiven(pending),
      restart: null,
      youSaidWeDidUrl: null,
      // The survey is not loaded here, so no unit contact: the panel still says what to do now.
      concern: outcome.urgent ? {} : null,
    });
    return 'settled';
  }
  if (outcome.kind === 'closed') {
    clearDraft(token);
    showClosed(app, t);
    return 'settled';
  }
  return outcome;
}

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
    onAccepted: (locale, contact, urgent) => {
      const youSaidWeDidUrl = survey.link.youSaidWeDidUrl ?? null;
      const concern = urgent ? { phone: survey.link.concernPhone, url: survey.link.concernUrl } : null;
      showThanks(app, uiStrings(locale), {
        contact,
        restart: kiosk?.restart ?? null,
        youSaidWeDidUrl,
        concern,
      });
      kiosk?.onThanks();
    },
    onClosed: (locale) => showClosed(app, uiStrings(locale)),
  });
}

void start();
