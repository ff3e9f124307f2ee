import type { TBoardPeriod, TBoardScope } from '../../../../shared/src/api/board';
import type { TBreakdown, TInvitations, TLeague, TLeagueQuery } from '../../../../shared/src/api/equity';
import type { TDemographic } from '../../../../shared/src/survey/definition';
import { staffRequest } from '../session';

const scopeQuery = (scope: TBoardScope): Record<string, string> =>
  scope.level === 'organisation' ? { level: 'organisation' } : { level: scope.level, id: scope.id };

/** The equity endpoints, typed by the shared contracts. */
export const equityApi = {
  breakdown: (scope: TBoardScope, period: TBoardPeriod, dimension: TDemographic) =>
    staffRequest<TBreakdown>(
      `/equity/breakdown?${new URLSearchParams({ ...scopeQuery(scope), period, dimension }).toString()}`,
    ),
  league: (q: Pick<TLeagueQuery, 'period' | 'metric'> & { scope: TBoardScope }) =>
    staffRequest<TLeague>(
      `/equity/league?${new URLSearchParams({ ...scopeQuery(q.scope), period: q.period, metric: q.metric }).toString()}`,
    ),
  invitations: (scope: TBoardScope, period: TBoardPeriod) =>
    staffRequest<TInvitations>(
      `/equity/invitations?${new URLSearchParams({ ...scopeQuery(scope), period }).toString()}`,
    ),
};
