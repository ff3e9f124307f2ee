import type { TPublicSurvey } from '../../../shared/src/api/public';
import type { TProblem } from '../../../shared/src/errors';
import { ApiError, apiRequest } from '../common/http';

/** Written by the server into the page it serves at /s/{token} (server/src/http/client-pages.ts). */
const SURVEY_BLOCK_ID = 'careloop-survey';

type TEmbeddedProblem = Pick<TProblem, 'status' | 'code' | 'detail'>;

/**
 * The survey the server embedded in the page, taken once: a retry asks the API afresh, since the
 * link may have closed or the survey been republished since the page was served.
 */
function takeEmbedded(): TPublicSurvey | TEmbeddedProblem | null {
  const block = document.getElementById(SURVEY_BLOCK_ID);
  if (!block) return null;
  block.remove();
  try {
    return JSON.parse(block.textContent ?? '') as TPublicSurvey | TEmbeddedProblem;
  } catch {
    return null;
  }
}

/**
 * What the respondent needs to answer: from the page itself when the server embedded it (saving a
 * round trip, which on a slow mobile link is most of the wait), else from the API (`vite dev`, a
 * retry). Throws `ApiError` for a closed or unknown link either way, so the page shows the same.
 */
export async function loadSurvey(token: string): Promise<TPublicSurvey> {
  const embedded = takeEmbedded();
  if (embedded && 'status' in embedded) {
    const problem: TProblem = { type: 'about:blank', title: embedded.detail ?? '', ...embedded };
    throw new ApiError(problem, null);
  }
  return embedded ?? apiRequest<TPublicSurvey>(`/public/surveys/${encodeURIComponent(token)}`);
}
