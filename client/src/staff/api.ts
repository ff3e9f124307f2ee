import type {
  TAnalysisSettings,
  TChange,
  TChangeCreate,
  TChangeUpdate,
  TDepartmentCreate,
  TOrgTree,
  TSiteCreate,
  TStaffAccount,
  TUnitCreate,
  TUserCreate,
  TUserUpdate,
} from '../../../shared/src/api/org';
import type {
  TLink,
  TLinkCreate,
  TSurvey,
  TSurveyCreate,
  TSurveySummary,
  TSurveyUpdate,
  TTemplateSummary,
  TVersionInfo,
} from '../../../shared/src/api/surveys';
import type { TTaxonomyUpdate, TTaxonomyVersion } from '../../../shared/src/api/taxonomies';
import type { TDepartment, TSite, TUnit } from './org-tree';
import { staffRequest } from './session';

type TList<T> = { items: T[] };
/** An entry of `GET /taxonomies/friction/versions`; `createdBy` is the saver's user id. */
export type TTaxonomyVersionSummary = { version: number; createdBy: string; createdAt: string };
const id = (value: string): string => encodeURIComponent(value);

/** The staff endpoints the app uses, typed by the shared contracts. */
export const api = {
  listSurveys: () => staffRequest<TList<TSurveySummary>>('/surveys'),
  listTemplates: () => staffRequest<TList<TTemplateSummary>>('/survey-templates'),
  createSurvey: (body: TSurveyCreate) => staffRequest<TSurvey>('/surveys', { method: 'POST', body }),
  getSurvey: (surveyId: string) => staffRequest<TSurvey>(`/surveys/${id(surveyId)}`),
  updateSurvey: (surveyId: string, body: TSurveyUpdate) =>
    staffRequest<TSurvey>(`/surveys/${id(surveyId)}`, { method: 'PUT', body }),
  publishSurvey: (surveyId: string) =>
    staffRequest<TVersionInfo>(`/surveys/${id(surveyId)}/publish`, { method: 'POST' }),
  archiveSurvey: (surveyId: string) =>
    staffRequest<TSurvey>(`/surveys/${id(surveyId)}/archive`, { method: 'POST' }),
  listLinks: (surveyId: string) => staffRequest<TList<TLink>>(`/surveys/${id(surveyId)}/links`),
  createLink: (surveyId: string, body: TLinkCreate) =>
    staffRequest<TLink>(`/surveys/${id(surveyId)}/links`, { method: 'POST', body }),
  closeLink: (linkId: string) => staffRequest<TLink>(`/links/${id(linkId)}/close`, { method: 'POST' }),
  getOrg: () => staffRequest<TOrgTree>('/org'),
  createSite: (body: TSiteCreate) =>
    staffRequest<Omit<TSite, 'departments'>>('/org/sites', { method: 'POST', body }),
  createDepartment: (body: TDepartmentCreate) =>
    staffRequest<Omit<TDepartment, 'units'>>('/org/departments', { method: 'POST', body }),
  createUnit: (body: TUnitCreate) => staffRequest<TUnit>('/org/units', { method: 'POST', body }),
  getAnalysisSettings: () => staffRequest<TAnalysisSettings>('/org/analysis'),
  saveAnalysisSettings: (body: TAnalysisSettings) =>
    staffRequest<TAnalysisSettings>('/org/analysis', { method: 'PUT', body }),
  listChanges: () => staffRequest<TList<TChange>>('/changes'),
  createChange: (body: TChangeCreate) => staffRequest<TChange>('/changes', { method: 'POST', body }),
  updateChange: (changeId: string, body: TChangeUpdate) =>
    staffRequest<TChange>(`/changes/${id(changeId)}`, { method: 'PATCH', body }),
  listUsers: () => staffRequest<TList<TStaffAccount>>('/users'),
  createUser: (body: TUserCreate) => staffRequest<TStaffAccount>('/users', { method: 'POST', body }),
  updateUser: (userId: string, body: TUserUpdate) =>
    staffRequest<TStaffAccount>(`/users/${id(userId)}`, { method: 'PATCH', body }),
  getFrictionTaxonomy: () => staffRequest<TTaxonomyVersion>('/taxonomies/friction'),
  listFrictionTaxonomyVersions: () =>
    staffRequest<TList<TTaxonomyVersionSummary>>('/taxonomies/friction/versions'),
  saveFrictionTaxonomy: (body: TTaxonomyUpdate) =>
    staffRequest<TTaxonomyVersion>('/taxonomies/friction', { method: 'PUT', body }),
};
