import { h, replace } from '../../common/dom';
import { ApiError, describeError } from '../../common/http';
import { messageBox, renderPage } from '../layout';
import { navigate } from '../router';
import { signIn } from '../session';

/**
 * Where `?next=` asks to go after signing in: only a survey page of this site (`/s/<token>`), as a
 * clinician does who signs in to be contacted about their feedback. Anything else is ignored, so the
 * parameter cannot send people elsewhere.
 */
export function nextSurveyPage(search: string = location.search): string | null {
  const next = new URLSearchParams(search).get('next');
  if (!next?.startsWith('/s/') || next.startsWith('//')) return null;
  const url = URL.canParse(next, location.origin) ? new URL(next, location.origin) : null;
  if (!url || url.origin !== location.origin || !/^\/s\/[A-Za-z0-9_-]+\/?$/.test(url.pathname)) return null;
  return url.pathname + url.search;
}

/** The sign-in page. `returnTo` is the page that sent the user here. */
export function showSignIn(returnTo: string): void {
  const next = nextSurveyPage();
  const form = signInForm('page', () => {
    if (next) location.assign(next);
    else navigate(returnTo === '/sign-in' ? '/' : returnTo);
  });
  renderPage(
    'Sign in',
    h(
      'p',
      {},
      next
        ? 'Sign in with your CareLoop staff account, then you will go back to your feedback.'
        : 'Sign in with your CareLoop staff account.',
    ),
    form,
  );
  form.querySelector('input')?.focus();
}

/**
 * When the session ends mid-task (it expired, or was revoked), sign in again in a dialog so the
 * page underneath, and any unsaved edits in it, stay as they were.
 */
export function showSignInDialog(): void {
  if (document.getElementById('sign-in-dialog')) return;
  const dialog = h(
    'dialog',
    { id: 'sign-in-dialog', 'aria-labelledby': 'sign-in-dialog-title' },
    h('h2', { id: 'sign-in-dialog-title' }, 'Your session has ended'),
    h('p', {}, 'Sign in again to carry on. Nothing on this page has been lost.'),
  );
  dialog.append(
    signInForm('dialog', () => {
      dialog.close();
      dialog.remove();
    }),
  );
  // Closing with Escape would leave a page whose every request fails; keep the dialog until signed in.
  dialog.addEventListener('cancel', (event) => event.preventDefault());
  document.body.append(dialog);
  dialog.showModal();
}

function signInForm(idPrefix: string, onSignedIn: () => void): HTMLFormElement {
  const errorArea = h('div');
  const email = h('input', {
    type: 'email',
    id: `${idPrefix}-email`,
    autocomplete: 'username',
    required: true,
  });
  const password = h('input', {
    type: 'password',
    id: `${idPrefix}-password`,
    autocomplete: 'current-password',
    required: true,
  });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign in');

  async function attempt(): Promise<void> {
    if (!email.value.trim() || !password.value) {
      replace(errorArea, messageBox('error', 'Enter your email address and password.'));
      (email.value.trim() ? password : email).focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = 'Signing in…';
    try {
      await signIn(email.value.trim(), password.value);
      onSignedIn();
    } catch (error) {
      replace(errorArea, messageBox('error', signInError(error)));
      password.value = '';
      password.focus();
    } finally {
      submit.disabled = false;
      submit.textContent = 'Sign in';
    }
  }

  return h(
    'form',
    {
      class: 'sign-in',
      novalidate: true,
      onsubmit: (event: Event) => {
        event.preventDefault();
        void attempt();
      },
    },
    errorArea,
    h('div', { class: 'field' }, h('label', { for: `${idPrefix}-email` }, 'Email address'), email),
    h('div', { class: 'field' }, h('label', { for: `${idPrefix}-password` }, 'Password'), password),
    submit,
  );
}

function signInError(error: unknown): string {
  if (error instanceof ApiError && error.status === 401)
    return 'That email address and password do not match an account.';
  if (error instanceof ApiError && error.status === 429) {
    const minutes = Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60));
    return `Too many sign-in attempts. For your security, try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
  }
  return describeError(error);
}
