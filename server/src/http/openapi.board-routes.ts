import { BOARD_QUERY, RESULTS_QUERY, type TOp } from './openapi.route-parts';

/** The board's, results', alerts', analysis's and SPC's routes for the OpenAPI document. */
export const BOARD_ROUTES: Record<string, Record<string, TOp>> = {
  '/board/summary': {
    get: {
      summary: 'A board: figures for a scope and period from the rollups, small groups hidden',
      ok: [200, 'BoardSummary'],
      query: BOARD_QUERY,
    },
  },
  '/surveys/{id}/results': {
    get: {
      summary:
        "A survey's answers question by question, by unit, change and days (audited; small groups hidden)",
      ok: [200, 'SurveyResults'],
      params: ['id'],
      query: RESULTS_QUERY,
    },
  },
  '/surveys/{id}/results/comments': {
    get: {
      summary:
        'Example comments of one free-text question, redacted (audited; hidden below the comment threshold)',
      ok: [200, 'BoardComments'],
      params: ['id'],
      query: {
        linkId: { type: 'string' },
        ...RESULTS_QUERY,
        theme: { type: 'string' },
        sentiment: { enum: ['positive', 'neutral', 'negative'] },
        limit: { type: 'integer', minimum: 1, maximum: 50, default: 10 },
      },
    },
  },
  '/results/response-counts': {
    get: {
      summary: 'Analysed responses per survey in your scope (small counts hidden)',
      ok: [200, 'ResponseCounts'],
    },
  },
  '/board/summary.csv': {
    get: { summary: 'The same figures as CSV (audited)', ok: [200, null], query: BOARD_QUERY },
  },
  '/board/comments': {
    get: {
      summary: 'Latest comments, redacted, when enough people wrote them (audited)',
      ok: [200, 'BoardComments'],
      query: {
        ...BOARD_QUERY,
        theme: { type: 'string' },
        sentiment: { enum: ['positive', 'neutral', 'negative'] },
        limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
      },
    },
  },
  '/alerts': {
    get: {
      summary: 'Alerts in a scope: urgent comments and SPC signals (quality leads, admins; audited)',
      ok: [200, 'Alert', 'list'],
      query: { level: BOARD_QUERY.level, id: BOARD_QUERY.id, status: { enum: ['unresolved', 'resolved'] } },
    },
  },
  '/alerts/{id}/acknowledge': {
    post: { summary: 'Acknowledge an alert', ok: [200, 'Alert'], params: ['id'] },
  },
  '/alerts/{id}/resolve': {
    post: { summary: 'Resolve an alert', ok: [200, 'Alert'], params: ['id'] },
  },
  '/comments/{analysisId}/correction': {
    put: {
      summary:
        'Correct a comment’s sentiment, themes or urgency (quality leads, admins in scope; figures follow; audited)',
      body: 'CommentCorrection',
      ok: [200, 'CommentAnalysisView'],
      params: ['analysisId'],
    },
  },
  '/comments/analyses': {
    get: {
      summary: 'The analyses of the comments of some responses: confidence, language, corrections (audited)',
      ok: [200, 'CommentAnalysisView', 'list'],
      query: { responseId: { type: 'array', items: { type: 'string', format: 'uuid' }, maxItems: 100 } },
    },
  },
  '/corrections/export': {
    get: {
      summary:
        'Staff corrections as JSON lines {text (redacted), sentiment?, themes?, urgency?} for `npm run train -- --corrections` (quality leads, admins; audited)',
      ok: [200, 'CorrectionExportLine'],
    },
  },
  '/reviews': {
    get: {
      summary:
        'Review list: comments of the `review` urgency tier in a scope, no alert (quality leads, admins; audited)',
      ok: [200, 'ReviewList'],
      query: {
        level: BOARD_QUERY.level,
        id: BOARD_QUERY.id,
        status: { enum: ['waiting', 'reviewed'], default: 'waiting' },
        limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
      },
    },
  },
  '/reviews/{analysisId}/reviewed': {
    post: {
      summary: 'Mark a review-list comment as reviewed (audited)',
      ok: [200, 'CommentAnalysisView'],
      params: ['analysisId'],
    },
  },
  '/analysis/not-analysed': {
    get: {
      summary: 'Comments not analysed because of their language, in a scope and period (small groups hidden)',
      ok: [200, 'NotAnalysedCount'],
      query: BOARD_QUERY,
    },
  },
  '/analysis/quality': {
    get: {
      summary: 'How good is the analysis: the model card’s test figures and staff correction rates per label',
      ok: [200, 'AnalysisQuality'],
    },
  },
  '/spc': {
    get: {
      summary:
        'A unit’s weekly SPC chart (p-chart or XmR) with Making Data Count signals; small weeks hidden',
      ok: [200, 'SpcChart'],
      query: {
        level: { enum: ['unit'] },
        id: { type: 'string', format: 'uuid' },
        metric: { enum: ['fft_positive', 'nps', 'mean_rating', 'negative_share'] },
        weeks: { type: 'integer', minimum: 8, maximum: 260, default: 52 },
        changeId: { type: 'string', format: 'uuid', description: 'new limits from this change’s go-live' },
        baselineFrom: { type: 'string', format: 'date' },
        baselineTo: { type: 'string', format: 'date' },
      },
    },
  },
};
