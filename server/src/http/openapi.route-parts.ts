/** What the route tables of the OpenAPI document share: the operation's shape and common queries. */
export type TOp = {
  summary: string;
  body?: string;
  /** Extra request media types, as schema names. */
  altBody?: Record<string, string>;
  ok: [number, string | null, 'list'?];
  auth?: 'staff' | 'none';
  params?: string[];
  /** Query string parameters, as name and JSON schema. */
  query?: Record<string, object>;
  headers?: string[];
};

export const BOARD_QUERY = {
  level: { enum: ['organisation', 'site', 'department', 'unit', 'change', 'survey'] },
  id: { type: 'string', format: 'uuid' },
  period: { enum: ['7d', '30d', '90d', '365d'], default: '30d' },
};

/** A results page's filter, as `ZResultsQuery` reads it. */
export const RESULTS_QUERY = {
  unitId: { type: 'string', format: 'uuid' },
  changeId: { type: 'string', format: 'uuid' },
  from: { type: 'string', format: 'date' },
  to: { type: 'string', format: 'date' },
};

/** The impact windows in days, as `ZImpactQuery` reads them. */
export const IMPACT_WINDOWS = {
  before: { type: 'integer', minimum: 7, maximum: 730, default: 84 },
  after: { type: 'integer', minimum: 7, maximum: 730, default: 84 },
  settle: { type: 'integer', minimum: 0, maximum: 365, default: 14 },
};
