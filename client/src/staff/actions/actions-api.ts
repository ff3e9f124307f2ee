import type {
  TAction,
  TActionCreate,
  TActionsQuery,
  TActionStatus,
  TActionUpdate,
  TMyReports,
} from '../../../../shared/src/api/actions';
import type { TAlert } from '../../../../shared/src/api/board';
import type { TImpact } from '../../../../shared/src/api/impact';
import { staffRequest } from '../session';

const id = (value: string): string => encodeURIComponent(value);

export const STATUS_LABELS: Record<TActionStatus, string> = {
  planned: 'Planned',
  in_progress: 'In progress',
  done: 'Done',
};

/** The actions endpoints the app uses, typed by the shared contracts. */
export const actionsApi = {
  list: (query: TActionsQuery = {}) => {
    const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => !!e[1]));
    return staffRequest<{ items: TAction[] }>(`/actions${params.size > 0 ? `?${params.toString()}` : ''}`);
  },
  get: (actionId: string) => staffRequest<TAction>(`/actions/${id(actionId)}`),
  create: (body: TActionCreate) => staffRequest<TAction>('/actions', { method: 'POST', body }),
  update: (actionId: string, body: TActionUpdate) =>
    staffRequest<TAction>(`/actions/${id(actionId)}`, { method: 'PATCH', body }),
  remove: (actionId: string) => staffRequest<null>(`/actions/${id(actionId)}`, { method: 'DELETE' }),
  impact: (actionId: string) => staffRequest<TImpact>(`/actions/${id(actionId)}/impact`),
  publicPages: (unitIds: string[]) =>
    staffRequest<{ pages: Record<string, string> }>(
      `/actions/public-pages?${unitIds.map((u) => `unitId=${id(u)}`).join('&')}`,
    ),
  /** Open alerts in the organisation-wide scope the lead may see: the server audits the read. */
  alerts: (scope: { level: string; id?: string }) =>
    staffRequest<{ items: TAlert[] }>(
      `/alerts?${new URLSearchParams(scope.id ? { level: scope.level, id: scope.id } : { level: scope.level }).toString()}`,
    ),
  myReports: () => staffRequest<TMyReports>('/me/reports'),
};
