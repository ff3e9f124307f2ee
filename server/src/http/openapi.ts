import { z } from 'zod';
import { ZAlert, ZBoardComments, ZBoardSummary, ZPrivacySettings } from '../../../shared/src/api/board';
import { ZLoginRequest, ZSessionInfo, ZStaffUser } from '../../../shared/src/api/auth';
import {
  ZAnalysisQuality,
  ZCommentAnalysisView,
  ZCommentCorrection,
  ZCorrectionExportLine,
  ZNotAnalysedCount,
  ZReviewList,
} from '../../../shared/src/api/analysis-trust';
import { ZResponseCounts, ZSurveyResults } from '../../../shared/src/api/results';
import {
  ZAnalysisSettings,
  ZApiTokenCreate,
  ZApiTokenCreated,
  ZChange,
  ZChangeCreate,
  ZChangeUpdate,
  ZConcernContact,
  ZDepartmentCreate,
  ZOrgTree,
  ZPlaceUpdate,
  ZSiteCreate,
  ZUnitCreate,
  ZStaffAccount,
  ZUnitUpdate,
  ZUserCreate,
  ZUserUpdate,
} from '../../../shared/src/api/org';
import { ZAction, ZActionCreate, ZActionUpdate, ZMyReports } from '../../../shared/src/api/actions';
import { ZImpact, ZSpcChart } from '../../../shared/src/api/impact';
import { ZBreakdown, ZInvitations, ZLeague } from '../../../shared/src/api/equity';
import {
  ZImportCsv,
  ZImportRow,
  ZResponseImport,
  ZResponseImportResult,
  ZResponseImportSummary,
} from '../../../shared/src/api/imports';
import { ZPipelineHealth } from '../../../shared/src/api/ops';
import { ZTaxonomyUpdate, ZTaxonomyVersion } from '../../../shared/src/api/taxonomies';
import { ZPublicSurvey, ZResponseAccepted, ZResponseSubmit } from '../../../shared/src/api/public';
import {
  ZLink,
  ZLinkCreate,
  ZSurvey,
  ZSurveyCreate,
  ZSurveySummary,
  ZSurveyUpdate,
  ZTemplateSummary,
  ZVersionInfo,
} from '../../../shared/src/api/surveys';
import { ZProblem } from '../../../shared/src/errors';
import { ZFhirQuestionnaire, ZFhirResponseBundle, ZSurveyImported } from '../../../shared/src/fhir/contracts';
import { ZQuestionnaireResponse } from '../../../shared/src/fhir/questionnaire-response';
import { ZSurveyDefinition, ZSurveyItem } from '../../../shared/src/survey/definition';
import {
  ZApiTokenSummary,
  ZRetentionSettings,
  ZWebhook,
  ZWebhookCreate,
  ZWebhookCreated,
  ZWebhookDelivery,
} from '../../../shared/src/api/integrations';
import { ROUTES, type TOp } from './openapi.routes';

/** Every contract that appears in the API, by the name it has in the document. */
const SCHEMAS: Record<string, z.ZodType> = {
  Problem: ZProblem,
  LoginRequest: ZLoginRequest,
  SessionInfo: ZSessionInfo,
  StaffUser: ZStaffUser,
  OrgTree: ZOrgTree,
  SiteCreate: ZSiteCreate,
  DepartmentCreate: ZDepartmentCreate,
  UnitCreate: ZUnitCreate,
  UnitUpdate: ZUnitUpdate,
  PlaceUpdate: ZPlaceUpdate,
  ConcernContact: ZConcernContact,
  TaxonomyVersion: ZTaxonomyVersion,
  TaxonomyUpdate: ZTaxonomyUpdate,
  PipelineHealth: ZPipelineHealth,
  Change: ZChange,
  ChangeCreate: ZChangeCreate,
  ChangeUpdate: ZChangeUpdate,
  UserCreate: ZUserCreate,
  UserUpdate: ZUserUpdate,
  StaffAccount: ZStaffAccount,
  ApiTokenCreate: ZApiTokenCreate,
  ApiTokenCreated: ZApiTokenCreated,
  SurveyDefinition: ZSurveyDefinition,
  SurveyItem: ZSurveyItem,
  SurveyCreate: ZSurveyCreate,
  SurveyUpdate: ZSurveyUpdate,
  SurveySummary: ZSurveySummary,
  Survey: ZSurvey,
  TemplateSummary: ZTemplateSummary,
  VersionInfo: ZVersionInfo,
  LinkCreate: ZLinkCreate,
  Link: ZLink,
  PublicSurvey: ZPublicSurvey,
  ResponseSubmit: ZResponseSubmit,
  QuestionnaireResponse: ZQuestionnaireResponse,
  FhirQuestionnaire: ZFhirQuestionnaire,
  SurveyImported: ZSurveyImported,
  FhirResponseBundle: ZFhirResponseBundle,
  ResponseAccepted: ZResponseAccepted,
  PrivacySettings: ZPrivacySettings,
  AnalysisSettings: ZAnalysisSettings,
  BoardSummary: ZBoardSummary,
  BoardComments: ZBoardComments,
  SurveyResults: ZSurveyResults,
  ResponseCounts: ZResponseCounts,
  Alert: ZAlert,
  CommentCorrection: ZCommentCorrection,
  CommentAnalysisView: ZCommentAnalysisView,
  CorrectionExportLine: ZCorrectionExportLine,
  ReviewList: ZReviewList,
  NotAnalysedCount: ZNotAnalysedCount,
  AnalysisQuality: ZAnalysisQuality,
  SpcChart: ZSpcChart,
  Impact: ZImpact,
  Breakdown: ZBreakdown,
  League: ZLeague,
  Invitations: ZInvitations,
  ImportRow: ZImportRow,
  ImportCsv: ZImportCsv,
  ResponseImportResult: ZResponseImportResult,
  ResponseImportSummary: ZResponseImportSummary,
  ResponseImport: ZResponseImport,
  Action: ZAction,
  ActionCreate: ZActionCreate,
  ActionUpdate: ZActionUpdate,
  MyReports: ZMyReports,
  ApiTokenSummary: ZApiTokenSummary,
  Webhook: ZWebhook,
  WebhookCreate: ZWebhookCreate,
  WebhookCreated: ZWebhookCreated,
  WebhookDelivery: ZWebhookDelivery,
  RetentionSettings: ZRetentionSettings,
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problemResponse = {
  description: 'Problem',
  content: { 'application/problem+json': { schema: ref('Problem') } },
};

function operation(op: TOp) {
  const [status, schema, shape] = op.ok;
  const okSchema =
    schema &&
    (shape === 'list'
      ? { type: 'object', properties: { items: { type: 'array', items: ref(schema) } } }
      : ref(schema));
  return {
    summary: op.summary,
    security: op.auth === 'none' ? [] : [{ session: [], csrf: [] }, { bearer: [] }],
    parameters: [
      ...(op.params ?? []).map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
      ...Object.entries(op.query ?? {}).map(([name, schema]) => ({
        name,
        in: 'query',
        required: false,
        schema,
      })),
      ...(op.headers ?? []).map((name) => ({
        name,
        in: 'header',
        required: false,
        schema: { type: 'string', minLength: 8, maxLength: 128 },
      })),
    ],
    ...(op.body || op.altBody
      ? {
          requestBody: {
            required: true,
            content: {
              ...(op.body ? { 'application/json': { schema: ref(op.body) } } : {}),
              ...Object.fromEntries(
                Object.entries(op.altBody ?? {}).map(([type, name]) => [type, { schema: ref(name) }]),
              ),
            },
          },
        }
      : {}),
    responses: {
      [status]: okSchema
        ? { description: 'OK', content: { 'application/json': { schema: okSchema } } }
        : { description: 'OK' },
      default: problemResponse,
    },
  };
}

let cached: object | null = null;

/** The OpenAPI 3.1 document, generated from the same zod contracts that parse requests. */
export function openApiDocument(): object {
  if (cached) return cached;
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(SCHEMAS)) registry.add(schema, { id });
  const generated = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    unrepresentable: 'any',
    io: 'input',
    uri: (id) => `#/components/schemas/${id}`,
  });
  // Schemas used by several components come out in a `__shared` bundle; OpenAPI wants each one
  // as a component of its own, and no per-schema $id or $schema.
  const { __shared, ...named } = generated.schemas;
  const all: Record<string, unknown> = { ...((__shared?.$defs as Record<string, unknown>) ?? {}), ...named };
  const schemas = JSON.parse(
    JSON.stringify(all, (key, value: unknown) =>
      key === '$id' || key === '$schema' ? undefined : value,
    ).replaceAll('#/components/schemas/__shared#/$defs/', '#/components/schemas/'),
  ) as Record<string, unknown>;
  cached = {
    openapi: '3.1.0',
    info: { title: 'CareLoop API', version: '1' },
    servers: [{ url: '/api/v1' }],
    paths: Object.fromEntries(
      Object.entries(ROUTES).map(([path, ops]) => [
        path,
        Object.fromEntries(Object.entries(ops).map(([method, op]) => [method, operation(op)])),
      ]),
    ),
    components: {
      schemas,
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'careloop_sid' },
        csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
  };
  return cached;
}
