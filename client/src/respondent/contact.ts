import type { TSessionInfo } from '../../../shared/src/api/auth';
import { h, replace } from '../common/dom';
import { apiRequest } from '../common/http';
import type { TUiStrings } from '../../../shared/src/i18n';

/**
 * The staff session of whoever uses this browser, or null when nobody is signed in (or the server
 * cannot be asked). Only clinician surveys ask, and only once someone ticks "happy to be contacted".
 */
export async function staffSession(): Promise<TSessionInfo | null> {
  try {
    return await apiRequest<TSessionInfo>('/auth/me');
  } catch {
    return null;
  }
}

/** Headers for a submission that asks for contact: the session's CSRF token, as for any staff write. */
export async function contactHeaders(): Promise<Record<string, string>> {
  const session = await staffSession();
  // CSRF_HEADER in shared/src/api/auth.ts, not imported for the reason given in submit.ts.
  return session ? { 'X-CSRF-Token': session.csrfToken } : {};
}

/**
 * The staff sign-in page, told to come back to this survey afterwards. The answers wait in the
 * draft on this device meanwhile.
 */
export function signInHref(): string {
  return `/?next=${encodeURIComponent(location.pathname + location.search)}#/sign-in`;
}

export type TContactBlock = {
  element: HTMLElement;
  /** Re-checks the session when the box is ticked; resolves to whether someone is signed in. */
  check: () => Promise<boolean>;
};

/**
 * "I'm happy to be contacted": anonymous stays the default; ticking it names the signed-in staff
 * member, or offers the sign-in page.
 */
export function contactBlock(
  t: TUiStrings,
  wanted: boolean,
  onChange: (wanted: boolean) => void,
): TContactBlock {
  const status = h('div', { class: 'contact-status', 'aria-live': 'polite' });
  const box = h('input', {
    type: 'checkbox',
    id: 'contact-consent',
    checked: wanted,
    onchange: () => {
      onChange(box.checked);
      void check();
    },
  });
  async function check(): Promise<boolean> {
    if (!box.checked) {
      status.replaceChildren();
      return false;
    }
    replace(status, h('p', { class: 'hint' }, t.contactChecking));
    const session = await staffSession();
    if (!box.checked) return false;
    if (session) {
      replace(status, h('p', {}, t.contactSignedIn(session.user.name)));
      return true;
    }
    replace(
      status,
      h('p', {}, h('a', { href: signInHref(), class: 'standalone-link' }, t.contactSignIn)),
      h('p', { class: 'hint' }, t.contactSignInHint),
    );
    return false;
  }
  const element = h(
    'div',
    { class: 'contact' },
    h('label', { class: 'option', for: 'contact-consent' }, box, h('span', {}, t.contactConsent)),
    status,
  );
  if (wanted) void check();
  return { element, check };
}
