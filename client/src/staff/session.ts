import { CSRF_HEADER, type TRole, type TSessionInfo, type TStaffUser } from '../../../shared/src/api/auth';
import { ApiError, apiRequest, type TRequestOptions } from '../common/http';

/**
 * The signed-in user and the CSRF token, held in memory only: the session itself is an HttpOnly
 * cookie, and the token is fetched again from `/auth/me` after a reload.
 */
let session: TSessionInfo | null = null;
let onSignedOut: () => void = () => undefined;

export function currentUser(): TStaffUser | null {
  return session?.user ?? null;
}

/**
 * Whether the signed-in user has one of `roles`: what to show, not what is allowed (the server
 * checks every request).
 */
export function userIs(...roles: TRole[]): boolean {
  const user = currentUser();
  return user !== null && roles.includes(user.role);
}

/** Called when the server says the session is gone (expired, signed out elsewhere). */
export function whenSignedOut(callback: () => void): void {
  onSignedOut = callback;
}

export async function restoreSession(): Promise<TStaffUser | null> {
  try {
    session = await apiRequest<TSessionInfo>('/auth/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) session = null;
    else throw error;
  }
  return currentUser();
}

export async function signIn(email: string, password: string): Promise<TStaffUser> {
  session = await apiRequest<TSessionInfo>('/auth/login', { method: 'POST', body: { email, password } });
  return session.user;
}

export async function signOut(): Promise<void> {
  const headers: Record<string, string> = session ? { [CSRF_HEADER]: session.csrfToken } : {};
  try {
    // Not staffRequest: a 401 here means "already signed out", not "ask to sign in again".
    await apiRequest<void>('/auth/logout', { method: 'POST', headers });
  } catch {
    // Signing out locally is what matters; the cookie expires on its own.
  } finally {
    session = null;
  }
}

/** An API call as the signed-in user: writes carry `X-CSRF-Token`; a 401 ends the session here too. */
export async function staffRequest<T>(path: string, options: TRequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers = { ...options.headers };
  if (method !== 'GET' && session) headers[CSRF_HEADER] = session.csrfToken;
  try {
    return await apiRequest<T>(path, { ...options, headers });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401 && session) {
      session = null;
      onSignedOut();
    }
    throw error;
  }
}
