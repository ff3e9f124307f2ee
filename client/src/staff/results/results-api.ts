import type { TBoardComments } from '../../../../shared/src/api/board';
import type { TResponseCounts, TSurveyResults } from '../../../../shared/src/api/results';
import type { TSentimentLabel } from '../../../../shared/src/analysis/contract';
import { staffRequest } from '../session';

/** A results page's filter, as it sits in the address and the API's query string. */
export type TResultsFilter = { unitId?: string; changeId?: string; from?: string; to?: string };

export function filterQuery(filter: TResultsFilter, extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filter, ...extra })) if (value) params.set(key, value);
  return params.toString();
}

/** The results endpoints, typed by the shared contracts. */
export const resultsApi = {
  results: (surveyId: string, filter: TResultsFilter) =>
    staffRequest<TSurveyResults>(`/surveys/${encodeURIComponent(surveyId)}/results?${filterQuery(filter)}`),
  comments: (
    surveyId: string,
    filter: TResultsFilter,
    linkId: string,
    narrow: { theme?: string; sentiment?: TSentimentLabel } = {},
  ) =>
    staffRequest<TBoardComments>(
      `/surveys/${encodeURIComponent(surveyId)}/results/comments?${filterQuery(filter, { linkId, ...narrow })}`,
    ),
  responseCounts: () => staffRequest<TResponseCounts>('/results/response-counts'),
};
