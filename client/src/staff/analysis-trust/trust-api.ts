import type {
  TAnalysisQuality,
  TCommentAnalysisView,
  TCommentCorrection,
  TNotAnalysedCount,
  TReviewList,
} from '../../../../shared/src/api/analysis-trust';
import type { TBoardPeriod, TBoardScope } from '../../../../shared/src/api/board';
import { API_BASE } from '../../common/http';
import { boardQuery } from '../board/board-api';
import { staffRequest } from '../session';

/** Corrections, the review list and the analysis' quality, typed by the shared contracts. */
export const trustApi = {
  analyses: (responseIds: string[]) => {
    const params = new URLSearchParams();
    for (const id of [...new Set(responseIds)]) params.append('responseId', id);
    return staffRequest<{ items: TCommentAnalysisView[] }>(`/comments/analyses?${params.toString()}`);
  },
  correct: (analysisId: string, body: TCommentCorrection) =>
    staffRequest<TCommentAnalysisView>(`/comments/${encodeURIComponent(analysisId)}/correction`, {
      method: 'PUT',
      body,
    }),
  reviews: (scope: TBoardScope, status: 'waiting' | 'reviewed') =>
    staffRequest<TReviewList>(`/reviews?${boardQuery(scope, { status })}`),
  markReviewed: (analysisId: string) =>
    staffRequest<TCommentAnalysisView>(`/reviews/${encodeURIComponent(analysisId)}/reviewed`, {
      method: 'POST',
    }),
  notAnalysed: (scope: TBoardScope, period: TBoardPeriod) =>
    staffRequest<TNotAnalysedCount>(`/analysis/not-analysed?${boardQuery(scope, { period })}`),
  quality: () => staffRequest<TAnalysisQuality>('/analysis/quality'),
  /** A plain link: the session cookie authenticates the download. */
  exportUrl: `${API_BASE}/corrections/export`,
};
