import type { TResponseAccepted, TResponseSubmit } from '../../../shared/src/api/public';
import type { TInvalidParam } from '../../../shared/src/errors';
import { ApiError, apiRequest, NetworkError } from '../common/http';

/** What became of one attempt, as the page needs to tell the respondent. */
export type TSubmitOutcome =
  /** `urgent`: a comment read as urgent, so the thank-you page says how to raise a concern now. */
  | { kind: 'accepted'; id: string; urgent: boolean }
  | { kind: 'invalid'; params: TInvalidParam[] }
  | { kind: 'closed' }
  /** 413: the body is over the server's limit. Sending it again cannot help; shorter answers can. */
  | { kind: 'too-large' }
  /** The key was used with other answers: the next attempt needs a new key. */
  | { kind: 'key-reused' }
  /**
   * 401/403 to a submission asking for contact: no staff session (or a stale CSRF token). The server
   * checks a replay first, so nothing was stored under this key.
   */
  | { kind: 'sign-in' }
  | { kind: 'retry'; reason: TRetryReason; retryAfterSeconds: number | null };

/** Why a submission waits: `offline` is a network failure while the device says it has no connection. */
export type TRetryReason = 'offline' | 'network' | 'rate-limited' | 'server';

/** How often to ask again while the server says the same key is still being processed (409). */
const IN_PROGRESS_RETRIES = 5;
const IN_PROGRESS_DELAY_MS = 1000;

/**
 * Sends one submission under `key`. A 409 means the first request with this key is still being
 * stored, so it waits and asks again rather than reporting a failure the respondent cannot act on.
 */
export async function submitResponse(
  token: string,
  body: TResponseSubmit,
  key: string,
  onWaiting: () => void,
  headers: Record<string, string> = {},
): Promise<TSubmitOutcome> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      const accepted = await apiRequest<TResponseAccepted>(
        `/public/surveys/${encodeURIComponent(token)}/responses`,
        {
          method: 'POST',
          // IDEMPOTENCY_HEADER in shared/src/api/public.ts. Not imported: that module pulls in schemas that call
          // `.extend()`, which the bundler must keep, and that would put zod in this bundle.
          headers: { ...headers, 'Idempotency-Key': key },
          body,
        },
      );
      return { kind: 'accepted', id: accepted.id, urgent: accepted.urgent === true };
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && attempt < IN_PROGRESS_RETRIES) {
        onWaiting();
        await delay(IN_PROGRESS_DELAY_MS * (attempt + 1));
        continue;
      }
      return classify(error);
    }
  }
}

function classify(error: unknown): TSubmitOutcome {
  if (error instanceof NetworkError) {
    const reason = navigator.onLine === false ? 'offline' : 'network';
    return { kind: 'retry', reason, retryAfterSeconds: null };
  }
  if (!(error instanceof ApiError)) return { kind: 'retry', reason: 'server', retryAfterSeconds: null };
  switch (error.status) {
    case 400:
      return { kind: 'invalid', params: error.invalidParams };
    case 401:
    case 403:
      return { kind: 'sign-in' };
    case 404:
    case 410:
      return { kind: 'closed' };
    case 413:
      return { kind: 'too-large' };
    case 422:
      return { kind: 'key-reused' };
    case 429:
      return { kind: 'retry', reason: 'rate-limited', retryAfterSeconds: error.retryAfterSeconds };
    default:
      return { kind: 'retry', reason: 'server', retryAfterSeconds: error.retryAfterSeconds };
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
