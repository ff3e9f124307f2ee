/**
 * The API's paths for the OpenAPI document (openapi.ts): each operation's summary, body and reply
 * schemas by their component names, and its parameters. Kept apart so the document's builder stays
 * short; the board's and analysis's routes, and closing the loop's, are in their own tables.
 */
import { BOARD_ROUTES } from './openapi.board-routes';
import { LOOP_ROUTES } from './openapi.loop-routes';
import { BOARD_QUERY, IMPACT_WINDOWS, type TOp } from './openapi.route-parts';

export type { TOp } from './openapi.route-parts';

const CORE_ROUTES: Record<string, Record<string, TOp>> = {
  '/auth/login': {
    post: { summary: 'Sign in', body: 'LoginRequest', ok: [200, 'SessionInfo'], auth: 'none' },
  },
  '/auth/logout': { post: { summary: 'Sign out', ok: [204, null] } },
  '/auth/me': { get: { summary: 'The signed-in user and CSRF token', ok: [200, 'SessionInfo'] } },
  '/org': { get: { summary: 'Sites, departments and units in your scope', ok: [200, 'OrgTree'] } },
  '/org/sites': { post: { summary: 'Add a site (admin)', body: 'SiteCreate', ok: [201, null] } },
  '/org/departments': {
    post: { summary: 'Add a department (admin)', body: 'DepartmentCreate', ok: [201, null] },
  },
  '/org/units': { post: { summary: 'Add a unit (admin)', body: 'UnitCreate', ok: [201, null] } },
  '/org/units/{id}': {
    patch: {
      summary:
        'Change a unit: its "You said, we did" address and concern contact (staff in scope); rename or retire it (admin)',
      body: 'UnitUpdate',
      ok: [200, null],
      params: ['id'],
    },
  },
  '/org/sites/{id}': {
    patch: {
      summary: 'Rename or retire a site (admin); retired places keep their history and leave pickers',
      body: 'PlaceUpdate',
      ok: [200, null],
      params: ['id'],
    },
  },
  '/org/departments/{id}': {
    patch: {
      summary: 'Rename or retire a department (admin); retired places keep their history and leave pickers',
      body: 'PlaceUpdate',
      ok: [200, null],
      params: ['id'],
    },
  },
  '/org/concern-contact': {
    get: {
      summary: 'How to raise a concern now, for units without their own contact',
      ok: [200, 'ConcernContact'],
    },
    put: { summary: 'Set it (admin)', body: 'ConcernContact', ok: [200, 'ConcernContact'] },
  },
  '/taxonomies/friction': {
    get: { summary: 'The clinician-friction taxonomy, latest version', ok: [200, 'TaxonomyVersion'] },
    put: {
      summary: 'Save a new version (409 when baseVersion is not the latest)',
      body: 'TaxonomyUpdate',
      ok: [200, 'TaxonomyVersion'],
    },
  },
  '/taxonomies/friction/versions': {
    get: { summary: 'Saved versions of the friction taxonomy', ok: [200, null] },
  },
  '/ops/pipeline': {
    get: {
      summary: 'Analysis pipeline health: outbox backlog, queues, failures (admin)',
      ok: [200, 'PipelineHealth'],
    },
  },
  '/ops/metrics': {
    get: { summary: 'The same as Prometheus text (admin; scrape with an API token)', ok: [200, null] },
  },
  '/org/privacy': {
    get: { summary: 'Small-group thresholds for boards and exports', ok: [200, 'PrivacySettings'] },
    put: { summary: 'Set the thresholds (admin)', body: 'PrivacySettings', ok: [200, 'PrivacySettings'] },
  },
  '/org/analysis': {
    get: {
      summary: 'Change analysis: how far back history may be imported, the smallest change worth acting on',
      ok: [200, 'AnalysisSettings'],
    },
    put: { summary: 'Set them (admin)', body: 'AnalysisSettings', ok: [200, 'AnalysisSettings'] },
  },
  '/changes': {
    get: { summary: 'Technology changes', ok: [200, 'Change', 'list'] },
    post: { summary: 'Record a technology change', body: 'ChangeCreate', ok: [201, 'Change'] },
  },
  '/changes/{id}': {
    patch: {
      summary: 'Edit a change’s name, kind, description, units or go-live date (audited before and after)',
      body: 'ChangeUpdate',
      ok: [200, 'Change'],
      params: ['id'],
    },
  },
  '/changes/{id}/impact': {
    get: {
      summary:
        'Before/after figures of a change, with intervals, difference-in-differences, interrupted time series and verdicts',
      ok: [200, 'Impact'],
      params: ['id'],
      query: {
        ...IMPACT_WINDOWS,
        comparison: {
          type: 'string',
          default: 'auto',
          description: 'auto, none, or comma-separated unit ids',
        },
      },
    },
  },
  '/equity/breakdown': {
    get: {
      summary:
        'A board’s figures split by an “about you” dimension or channel (audited; groups below k merged into “other groups” or hidden, with complementary suppression)',
      ok: [200, 'Breakdown'],
      query: {
        ...BOARD_QUERY,
        dimension: { enum: ['age_band', 'sex', 'ethnicity', 'disability', 'first_language', 'channel'] },
      },
    },
  },
  '/equity/league': {
    get: {
      summary:
        'Unit league table: raw and case-mix adjusted (age band, English as first language) figures with intervals; units below k not ranked (audited)',
      ok: [200, 'League'],
      query: {
        level: { enum: ['organisation', 'site', 'department'], default: 'organisation' },
        id: { type: 'string', format: 'uuid' },
        period: { ...BOARD_QUERY.period, default: '90d' },
        metric: { enum: ['fft_positive', 'nps', 'mean_rating'], default: 'fft_positive' },
      },
    },
  },
  '/equity/invitations': {
    get: {
      summary:
        'Invitation (single-use link) response rates by channel and by unit over time; small counts hidden (audited)',
      ok: [200, 'Invitations'],
      query: { ...BOARD_QUERY, period: { ...BOARD_QUERY.period, default: '90d' } },
    },
  },
  '/changes/{id}/comments': {
    get: {
      summary:
        'Comments from a change’s units in its before or after window, redacted, when enough people wrote them (audited)',
      ok: [200, 'BoardComments'],
      params: ['id'],
      query: {
        ...IMPACT_WINDOWS,
        side: { enum: ['before', 'after'], default: 'after' },
        theme: { type: 'string', description: 'a theme’s label or a friction theme’s key' },
        sentiment: { enum: ['positive', 'neutral', 'negative'] },
        limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
      },
    },
  },
  ...Object.fromEntries(
    (['html', 'pdf'] as const).map((format) => [
      `/changes/{id}/report.${format}`,
      {
        get: {
          summary: `The impact as a printable board-meeting report (${format.toUpperCase()}; audited; small groups hidden)`,
          ok: [200, null] as TOp['ok'],
          params: ['id'],
          query: {
            ...IMPACT_WINDOWS,
            comparison: { type: 'string', default: 'auto' },
          },
        },
      },
    ]),
  ),
  '/users': {
    get: { summary: 'Staff users (admin)', ok: [200, 'StaffAccount', 'list'] },
    post: { summary: 'Add a staff user (admin)', body: 'UserCreate', ok: [201, 'StaffAccount'] },
  },
  '/users/{id}': {
    patch: {
      summary:
        'Change a staff account (admin): role, scope, or deactivate it (ends its sessions and API tokens at once)',
      body: 'UserUpdate',
      ok: [200, 'StaffAccount'],
      params: ['id'],
    },
  },
  '/users/{id}/api-tokens': {
    post: {
      summary: 'Issue an API token acting as a user (shown once)',
      body: 'ApiTokenCreate',
      ok: [201, 'ApiTokenCreated'],
      params: ['id'],
    },
  },
  '/survey-templates': { get: { summary: 'Built-in templates', ok: [200, 'TemplateSummary', 'list'] } },
  '/surveys': {
    get: { summary: 'Surveys', ok: [200, 'SurveySummary', 'list'] },
    post: {
      summary: 'Create a survey from a template or a definition',
      body: 'SurveyCreate',
      ok: [201, 'Survey'],
    },
  },
  '/surveys/{id}': {
    get: { summary: 'A survey with its draft', ok: [200, 'Survey'], params: ['id'] },
    put: {
      summary: 'Save the draft (409 on a stale revision)',
      body: 'SurveyUpdate',
      ok: [200, 'Survey'],
      params: ['id'],
    },
  },
  '/surveys/{id}/publish': {
    post: {
      summary: 'Freeze the draft as a new immutable version',
      ok: [201, 'VersionInfo'],
      params: ['id'],
    },
  },
  '/surveys/import': {
    post: {
      summary:
        'Import a FHIR R4 Questionnaire as a draft survey; what cannot be represented is listed in `unsupported`, an import that would change meaning is refused',
      altBody: { 'application/fhir+json': 'FhirQuestionnaire' },
      ok: [201, 'SurveyImported'],
    },
  },
  '/surveys/{id}/fhir': {
    get: {
      summary: 'The survey as a FHIR R4 Questionnaire (latest published version, else the draft)',
      ok: [200, 'FhirQuestionnaire'],
      params: ['id'],
    },
  },
  '/surveys/{id}/responses.fhir': {
    get: {
      summary:
        'Responses as a FHIR searchset Bundle of QuestionnaireResponse, streamed, free text redacted (admins and quality leads; audited)',
      ok: [200, 'FhirResponseBundle'],
      params: ['id'],
      query: {
        unitId: { type: 'string', format: 'uuid' },
        from: { type: 'string', format: 'date' },
        to: { type: 'string', format: 'date' },
      },
    },
  },
  '/surveys/{id}/archive': {
    post: { summary: 'Archive; closes its links', ok: [200, 'Survey'], params: ['id'] },
  },
  '/surveys/{id}/links': {
    get: { summary: 'Distribution links in your scope', ok: [200, 'Link', 'list'], params: ['id'] },
    post: {
      summary: 'Create an open or single-use link',
      body: 'LinkCreate',
      ok: [201, 'Link'],
      params: ['id'],
    },
  },
  '/links/{id}/close': {
    post: {
      summary: 'Close a link at once; its page says it is closed and stored responses stay',
      ok: [200, 'Link'],
      params: ['id'],
    },
  },
  '/surveys/{id}/responses/import': {
    post: {
      summary:
        'Import past responses, streamed: NDJSON (one ImportRow a line) or CSV; 200 when every row went in ' +
        '(duplicates by externalId are skipped), 207 when some were refused (admins, organisation-wide leads)',
      altBody: { 'application/x-ndjson': 'ImportRow', 'text/csv': 'ImportCsv' },
      ok: [200, 'ResponseImportResult'],
      params: ['id'],
      query: {
        versionId: { type: 'string', format: 'uuid', description: 'else the latest published version' },
      },
    },
  },
  '/surveys/{id}/imports': {
    get: {
      summary: 'The survey’s latest imports',
      ok: [200, 'ResponseImportSummary', 'list'],
      params: ['id'],
    },
  },
  '/imports/{id}': {
    get: {
      summary: 'An import’s progress: rows read, stored, duplicates, refused, analysed',
      ok: [200, 'ResponseImport'],
      params: ['id'],
    },
  },
  '/public/surveys/{token}': {
    get: {
      summary: 'What a respondent needs (404 unknown, 410 closed)',
      ok: [200, 'PublicSurvey'],
      auth: 'none',
      params: ['token'],
    },
  },
  '/public/surveys/{token}/responses': {
    post: {
      summary: 'Submit answers, exactly once per Idempotency-Key',
      body: 'ResponseSubmit',
      altBody: { 'application/fhir+json': 'QuestionnaireResponse' },
      ok: [201, 'ResponseAccepted'],
      auth: 'none',
      params: ['token'],
      headers: ['Idempotency-Key'],
    },
  },
};

/** Every documented route: the core above, the board and analysis's, and closing the loop's. */
export const ROUTES: Record<string, Record<string, TOp>> = {
  ...CORE_ROUTES,
  ...BOARD_ROUTES,
  ...LOOP_ROUTES,
};
