import type {
  TAlert,
  TAlertAction,
  TBoardComments,
  TBoardPeriod,
  TBoardScope,
  TBoardSummary,
  TPrivacySettings,
} from '../../../../shared/src/api/board';
import type { TSentimentLabel } from '../../../../shared/src/analysis/contract';
import { API_BASE } from '../../common/http';
import { staffRequest } from '../session';

export type TCommentFilters = { theme?: string; sentiment?: TSentimentLabel };

/** The board endpoints' query string: the scope as `level` (and `id`), then the rest. */
export function boardQuery(scope: TBoardScope, extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams({ level: scope.level });
  if (scope.level !== 'organisation') params.set('id', scope.id);
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) params.set(key, value);
  return params.toString();
}

/** The board, comments, alerts and privacy endpoints, typed by the shared contracts. */
export const boardApi = {
  summary: (scope: TBoardScope, period: TBoardPeriod) =>
    staffRequest<TBoardSummary>(`/board/summary?${boardQuery(scope, { period })}`),
  /** A plain link: the session cookie authenticates the download, and the browser saves the file. */
  csvUrl: (scope: TBoardScope, period: TBoardPeriod) =>
    `${API_BASE}/board/summary.csv?${boardQuery(scope, { period })}`,
  comments: (scope: TBoardScope, period: TBoardPeriod, filters: TCommentFilters, limit = 20) =>
    staffRequest<TBoardComments>(
      `/board/comments?${boardQuery(scope, { period, ...filters, limit: String(limit) })}`,
    ),
  alerts: (scope: TBoardScope) =>
    staffRequest<{ items: TAlert[] }>(`/alerts?${boardQuery(scope, { status: 'unresolved' })}`),
  actOnAlert: (alertId: string, action: TAlertAction) =>
    staffRequest<TAlert>(`/alerts/${encodeURIComponent(alertId)}/${action}`, { method: 'POST' }),
  privacy: () => staffRequest<TPrivacySettings>('/org/privacy'),
  savePrivacy: (body: TPrivacySettings) =>
    staffRequest<TPrivacySettings>('/org/privacy', { method: 'PUT', body }),
};
