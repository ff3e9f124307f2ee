import type { TOrgTree, TChange } from '../../../shared/src/api/org';
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
import { staffRequest } from './session';

type TList<T> = { items: T[] };
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
  getOrg: () => staffRequest<TOrgTree>('/org'),
  listChanges: () => staffRequest<TList<TChange>>('/changes'),
};
