import type { TResponseSubmit } from '../../../shared/src/api/public';
import type { TAnswers } from '../../../shared/src/survey/definition';

/**
 * A submission sent but not confirmed: it may already be stored with its reply lost, so it is only
 * ever re-sent as it is, under its key, also after a reload and after the survey is republished
 * (`body.versionId` names the version it answers).
 */
export type TPendingSubmission = {
  key: string;
  body: TResponseSubmit;
  /** It answers a question asking for contact details: the thank-you page says how they are used. */
  gaveContact: boolean;
};

export type TDraft = {
  /** The version the unsent answers were given against. */
  versionId: string;
  answers: TAnswers;
  pending: TPendingSubmission | null;
  /** The step a small screen was showing (its first item's linkId), so a reload resumes there. */
  step: string | null;
  /** A clinician ticked "happy to be contacted": kept across the trip to the sign-in page. */
  contact: boolean;
  savedAt: number;
};

/** Old drafts are dropped: the answers are about a visit, and a stale one would only confuse. */
const MAX_AGE_MS = 14 * 24 * 60 * 60 * 1000;
const PREFIX = 'careloop.draft.';
const keyFor = (token: string): string => PREFIX + token;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function readPending(value: unknown): TPendingSubmission | null {
  if (!isObject(value) || typeof value.key !== 'string' || !isObject(value.body)) return null;
  if (!isObject(value.body.answers)) return null;
  return {
    key: value.key,
    body: value.body as TResponseSubmit,
    gaveContact: value.gaveContact === true,
  };
}

/** The draft stored as `raw`, or null when it is unreadable or too old. */
function parseDraft(raw: string | null, now: number): TDraft | null {
  if (!raw) return null;
  try {
    const draft = JSON.parse(raw) as unknown;
    if (!isObject(draft) || typeof draft.versionId !== 'string' || !isObject(draft.answers)) return null;
    if (typeof draft.savedAt !== 'number' || now - draft.savedAt >= MAX_AGE_MS) return null;
    return {
      versionId: draft.versionId,
      answers: draft.answers as TAnswers,
      pending: readPending(draft.pending),
      step: typeof draft.step === 'string' ? draft.step : null,
      contact: draft.contact === true,
      savedAt: draft.savedAt,
    };
  } catch {
    return null;
  }
}

export function loadDraft(token: string): TDraft | null {
  try {
    const raw = localStorage.getItem(keyFor(token));
    const draft = parseDraft(raw, Date.now());
    if (raw && !draft) clearDraft(token);
    return draft;
  } catch {
    return null;
  }
}

/** Best effort: private browsing or a full quota must not stop anyone answering. */
export function saveDraft(token: string, draft: Omit<TDraft, 'savedAt'>): void {
  try {
    localStorage.setItem(keyFor(token), JSON.stringify({ ...draft, savedAt: Date.now() }));
  } catch {
    // Nothing to do: the answers are still in the page.
  }
}

export function clearDraft(token: string): void {
  try {
    localStorage.removeItem(keyFor(token));
  } catch {
    // As above.
  }
}

/**
 * Removes every stale or unreadable draft on this device, not only this link's: a phone that once
 * opened a link it never went back to would otherwise keep those answers indefinitely.
 */
export function sweepDrafts(): void {
  try {
    const now = Date.now();
    const stale: string[] = [];
    for (let i = 0; i < localStorage.length; i += 1) {
      const key = localStorage.key(i);
      if (key?.startsWith(PREFIX) && !parseDraft(localStorage.getItem(key), now)) stale.push(key);
    }
    for (const key of stale) localStorage.removeItem(key);
  } catch {
    // Storage is unavailable: then nothing was kept either.
  }
}
