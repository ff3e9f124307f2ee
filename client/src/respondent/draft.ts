import type { TResponseSubmit } from '../../../shared/src/api/public';
import type { TAnswers } from '../../../shared/src/survey/definition';

/** A submission sent but not confirmed: retrying it must reuse the key, also after a reload. */
export type TPendingSubmission = { key: string; body: TResponseSubmit };

export type TDraft = {
  versionId: string;
  answers: TAnswers;
  pending: TPendingSubmission | null;
  savedAt: number;
};

/** Old drafts are dropped: the answers are about a visit, and a stale one would only confuse. */
const MAX_AGE_MS = 14 * 24 * 60 * 60 * 1000;
const keyFor = (token: string): string => `careloop.draft.${token}`;

export function loadDraft(token: string): TDraft | null {
  try {
    const raw = localStorage.getItem(keyFor(token));
    if (!raw) return null;
    const draft = JSON.parse(raw) as Partial<TDraft>;
    const valid =
      typeof draft.versionId === 'string' &&
      typeof draft.answers === 'object' &&
      draft.answers !== null &&
      typeof draft.savedAt === 'number' &&
      Date.now() - draft.savedAt < MAX_AGE_MS;
    if (!valid) {
      clearDraft(token);
      return null;
    }
    return {
      versionId: draft.versionId ?? '',
      answers: draft.answers ?? {},
      pending: draft.pending ?? null,
      savedAt: draft.savedAt ?? 0,
    };
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
