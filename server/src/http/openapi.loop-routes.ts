import { IMPACT_WINDOWS, type TOp } from './openapi.route-parts';

/** Closing the loop and integrations: actions, My reports, API tokens, exports, webhooks, retention. */
export const LOOP_ROUTES: Record<string, Record<string, TOp>> = {
  '/actions': {
    get: {
      summary: 'Actions on units in your scope (a change: those made from it or on its units since go-live)',
      ok: [200, 'Action', 'list'],
      query: {
        unitId: { type: 'string', format: 'uuid' },
        changeId: { type: 'string', format: 'uuid' },
        status: { enum: ['planned', 'in_progress', 'done'] },
      },
    },
    post: {
      summary:
        'Record an action from a theme, SPC signal, change, alert or comments (admins, quality leads; audited)',
      body: 'ActionCreate',
      ok: [201, 'Action'],
    },
  },
  '/actions/public-pages': {
    get: {
      summary: 'The public "You said, we did" page address (/u/{publicId}) of each unit asked for',
      ok: [200, null],
      query: { unitId: { type: 'array', items: { type: 'string', format: 'uuid' } } },
    },
  },
  '/actions/{id}': {
    get: { summary: 'An action', ok: [200, 'Action'], params: ['id'] },
    patch: {
      summary: 'Edit an action, e.g. mark it done (audited)',
      body: 'ActionUpdate',
      ok: [200, 'Action'],
      params: ['id'],
    },
    delete: { summary: 'Delete an action (audited)', ok: [204, null], params: ['id'] },
  },
  '/actions/{id}/impact': {
    get: {
      summary:
        'A done action’s impact, anchored at its done date on its units; same shape as a change’s (409 until done)',
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
  '/me/reports': {
    get: {
      summary:
        'My reports: your own reports sent with consent to contact, and the actions linked to them (audited)',
      ok: [200, 'MyReports'],
    },
  },
  '/api-tokens': {
    get: {
      summary:
        'Every API token of the organisation (admin): scopes, expiry, last use, revocation; never the token',
      ok: [200, 'ApiTokenSummary', 'list'],
    },
  },
  '/api-tokens/{id}': {
    delete: {
      summary: 'Revoke an API token (admin): refused from the next request',
      ok: [204, null],
      params: ['id'],
    },
  },
  '/exports/responses.csv': {
    get: {
      summary:
        "CSV of a survey's responses (admin; token scope `export`): one row per response, one column per question, redacted text, sentiment, themes, urgency. Streamed, formula-safe, audited (counts)",
      ok: [200, null],
      query: {
        surveyId: { type: 'string', format: 'uuid' },
        from: { type: 'string', format: 'date' },
        to: { type: 'string', format: 'date' },
        bom: { enum: ['0', '1'], description: '1: start with a UTF-8 byte order mark, for Excel' },
      },
    },
  },
  '/exports/rollups.csv': {
    get: {
      summary:
        'CSV of weekly counts per survey, unit and change (admin, quality lead; token scope `export`), small groups suppressed as on the board; audited',
      ok: [200, null],
      query: {
        surveyId: { type: 'string', format: 'uuid' },
        from: { type: 'string', format: 'date' },
        to: { type: 'string', format: 'date' },
        bom: { enum: ['0', '1'] },
      },
    },
  },
  '/webhooks': {
    get: { summary: 'Webhooks (admin)', ok: [200, 'Webhook', 'list'] },
    post: {
      summary:
        'Register an https webhook (admin) for response.analysed, alert.raised, change.verdict_changed; the secret is shown once. Each delivery is a POST of JSON `{id, type, createdAt, organisationId, data}` with header `CareLoop-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`, retried with exponential backoff',
      body: 'WebhookCreate',
      ok: [201, 'WebhookCreated'],
    },
  },
  '/webhooks/{id}': {
    delete: { summary: 'Disable a webhook (admin); its delivery log stays', ok: [204, null], params: ['id'] },
  },
  '/webhooks/{id}/deliveries': {
    get: {
      summary: 'Delivery log of a webhook (admin): status, attempts, last status and error code; no bodies',
      ok: [200, 'WebhookDelivery', 'list'],
      params: ['id'],
    },
  },
  '/org/retention': {
    get: {
      summary: 'Retention period (admin); days null: responses kept for ever',
      ok: [200, 'RetentionSettings'],
    },
    put: {
      summary:
        'Set the retention period (admin): a daily job deletes or anonymises older responses; rollups stay',
      body: 'RetentionSettings',
      ok: [200, 'RetentionSettings'],
    },
  },
};
