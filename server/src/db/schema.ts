import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { ZRole } from '../../../shared/src/api/auth';
import { ZChangeKind } from '../../../shared/src/api/org';
import { ZLinkKind, ZSurveyStatus } from '../../../shared/src/api/surveys';
import type { TSurveyDefinition } from '../../../shared/src/survey/definition';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });
const id = () =>
  uuid('id')
    .primaryKey()
    .default(sql`gen_random_uuid()`);
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

// Enum values come from the shared contracts, so the API and the database cannot drift apart.
const values = <T extends string>(options: readonly T[]) => options as unknown as [T, ...T[]];
export const roleEnum = pgEnum('staff_role', values(ZRole.options));
export const scopeLevelEnum = pgEnum('scope_level', ['organisation', 'site', 'department', 'unit']);
export const surveyStatusEnum = pgEnum('survey_status', values(ZSurveyStatus.options));
export const linkKindEnum = pgEnum('link_kind', values(ZLinkKind.options));
export const changeKindEnum = pgEnum('change_kind', values(ZChangeKind.options));

export const organisations = pgTable('organisations', {
  id: id(),
  name: text('name').notNull(),
  /** Small-group suppression: counts from fewer respondents than this are hidden. */
  minGroupSize: integer('min_group_size').notNull().default(5),
  /** A higher threshold for showing free-text comments. */
  minCommentGroupSize: integer('min_comment_group_size').notNull().default(10),
  /** IANA time zone: rollups bucket responses by the organisation's local day. */
  timezone: text('timezone').notNull().default('Europe/London'),
  /** How far back imported history may reach, in years: older rows are refused. */
  historyYears: integer('history_years').notNull().default(10),
  /**
   * The smallest change anyone would act on, in points of 100 (10 = ten percentage points of a
   * proportion, ten NPS points, a tenth of a rating scale): a change's impact reads "too few to tell"
   * when its minimum detectable effect is larger.
   */
  impactMinEffect: integer('impact_min_effect').notNull().default(10),
  /** How to raise a concern now, for units without their own: a phone number and/or an https page. */
  concernPhone: text('concern_phone'),
  concernUrl: text('concern_url'),
  /** Retention (migration 0011): responses older than this many days are removed daily; null: off. */
  retentionDays: integer('retention_days'),
  retentionMode: text('retention_mode').$type<'delete' | 'anonymise'>().notNull().default('delete'),
  createdAt: createdAt(),
});

export const sites = pgTable('sites', {
  id: id(),
  organisationId: uuid('organisation_id')
    .notNull()
    .references(() => organisations.id),
  name: text('name').notNull(),
  /** Retired places keep their history (figures count them) and leave every picker. */
  retiredAt: timestamp('retired_at', { withTimezone: true }),
  createdAt: createdAt(),
});

export const departments = pgTable('departments', {
  id: id(),
  siteId: uuid('site_id')
    .notNull()
    .references(() => sites.id),
  name: text('name').notNull(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
  createdAt: createdAt(),
});

export const units = pgTable('units', {
  id: id(),
  departmentId: uuid('department_id')
    .notNull()
    .references(() => departments.id),
  name: text('name').notNull(),
  /** The unit's public "You said, we did" page, linked from the thank-you page when set. */
  youSaidWeDidUrl: text('you_said_we_did_url'),
  /**
   * The id in the unit's public page address (`/u/{publicId}`): 96 random bits, base64url, so the
   * address says nothing of the internal id and units cannot be listed by guessing.
   */
  publicId: text('public_id')
    .notNull()
    .default(
      sql`translate(encode(substring(uuid_send(gen_random_uuid()) from 1 for 6) || substring(uuid_send(gen_random_uuid()) from 11 for 6), 'base64'), '+/', '-_')`,
    )
    .unique(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
  /** How to raise a concern now, on the thank-you page after an urgent comment; else the organisation's. */
  concernPhone: text('concern_phone'),
  concernUrl: text('concern_url'),
  createdAt: createdAt(),
});

export const users = pgTable(
  'users',
  {
    id: id(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: roleEnum('role').notNull(),
    scopeLevel: scopeLevelEnum('scope_level').notNull(),
    /** The site, department or unit id; null for the whole organisation. */
    scopeId: uuid('scope_id'),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_email_key').on(sql`lower(${t.email})`)],
);

export const apiTokens = pgTable('api_tokens', {
  id: id(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id),
  name: text('name').notNull(),
  /** SHA-256 of the token; the token itself is shown once and never stored. */
  tokenHash: bytea('token_hash').notNull().unique(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  /** What the token may do on top of its user's role (migration 0011); null: a token made before scopes, acting fully as its user. */
  scopes: text('scopes').array(),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  createdAt: createdAt(),
});

export const changes = pgTable('changes', {
  id: id(),
  organisationId: uuid('organisation_id')
    .notNull()
    .references(() => organisations.id),
  name: text('name').notNull(),
  kind: changeKindEnum('kind').notNull(),
  description: text('description').notNull().default(''),
  goLiveDate: date('go_live_date').notNull(),
  ownerUserId: uuid('owner_user_id').references(() => users.id),
  createdAt: createdAt(),
});

export const changeUnits = pgTable(
  'change_units',
  {
    changeId: uuid('change_id')
      .notNull()
      .references(() => changes.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
  },
  (t) => [primaryKey({ columns: [t.changeId, t.unitId] })],
);

export const surveys = pgTable('surveys', {
  id: id(),
  organisationId: uuid('organisation_id')
    .notNull()
    .references(() => organisations.id),
  status: surveyStatusEnum('status').notNull().default('draft'),
  draft: jsonb('draft').$type<TSurveyDefinition>().notNull(),
  /** Bumped on every draft save; the editor sends back the one it loaded (optimistic concurrency). */
  revision: integer('revision').notNull().default(0),
  /** The draft revision last published; differs from `revision` while there are unpublished edits. */
  publishedRevision: integer('published_revision'),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  archivedAt: timestamp('archived_at', { withTimezone: true }),
});

/** Published versions are immutable: rows are inserted, never updated. */
export const surveyVersions = pgTable(
  'survey_versions',
  {
    id: id(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id),
    version: integer('version').notNull(),
    definition: jsonb('definition').$type<TSurveyDefinition>().notNull(),
    publishedBy: uuid('published_by').references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('survey_versions_survey_version_key').on(t.surveyId, t.version)],
);

export const links = pgTable(
  'links',
  {
    id: id(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id),
    kind: linkKindEnum('kind').notNull(),
    /** 256 random bits, base64url. Links are shown again to staff (QR posters), so kept in clear. */
    token: text('token').notNull(),
    unitId: uuid('unit_id').references(() => units.id),
    changeId: uuid('change_id').references(() => changes.id),
    kiosk: boolean('kiosk').notNull().default(false),
    /** Kiosk mode: seconds without input before the page clears itself for the next person. */
    kioskIdleSeconds: integer('kiosk_idle_seconds').notNull().default(120),
    /** The language the link opens in; the browser's language when null. */
    locale: text('locale'),
    /** How people answer through it, for equity splits (migration 0008): phone, paper entered by staff; null: online (or kiosk). */
    channel: text('channel').$type<'online' | 'kiosk' | 'phone' | 'paper'>(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('links_token_key').on(t.token),
    index('links_survey_idx').on(t.surveyId),
    // Boards' response rate: single-use links issued per unit and day.
    index('links_single_use_unit_idx')
      .on(t.unitId, t.createdAt)
      .where(sql`kind = 'single_use'`),
  ],
);

export const importStatusEnum = pgEnum('import_status', ['running', 'done', 'failed']);

/** One upload of past responses: its progress while it streams in, and its outcome. */
export const responseImports = pgTable(
  'response_imports',
  {
    id: id(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id),
    surveyVersionId: uuid('survey_version_id')
      .notNull()
      .references(() => surveyVersions.id),
    format: text('format').$type<'ndjson' | 'csv'>().notNull(),
    status: importStatusEnum('status').notNull().default('running'),
    /** Rows read so far, and what became of them. */
    rows: integer('rows').notNull().default(0),
    imported: integer('imported').notNull().default(0),
    duplicates: integer('duplicates').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('response_imports_survey_idx').on(t.surveyId, t.createdAt)],
);

/** No IP address, and no respondent identity unless they asked to be contacted, is stored with a response. */
export const responses = pgTable(
  'responses',
  {
    id: id(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id),
    surveyVersionId: uuid('survey_version_id')
      .notNull()
      .references(() => surveyVersions.id),
    /** The link it was answered through; null for history imported from another system. */
    linkId: uuid('link_id').references(() => links.id),
    unitId: uuid('unit_id').references(() => units.id),
    changeId: uuid('change_id').references(() => changes.id),
    locale: text('locale').notNull(),
    /** Imported history: the import that brought it and its id in the source system (unique per survey). */
    importId: uuid('import_id').references(() => responseImports.id),
    externalId: text('external_id'),
    /**
     * Set only when a signed-in staff member answering a clinician survey agreed to be contacted.
     * Otherwise nothing identifies the respondent.
     */
    contactUserId: uuid('contact_user_id').references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('responses_unit_submitted_idx').on(t.unitId, t.submittedAt),
    index('responses_survey_submitted_idx').on(t.surveyId, t.submittedAt),
    // Boards: a change's latest comments, and an organisation's.
    index('responses_change_submitted_idx').on(t.changeId, t.submittedAt),
    index('responses_submitted_idx').on(t.submittedAt),
    // Imports are idempotent by (survey, externalId); live responses have none (nulls are distinct).
    uniqueIndex('responses_survey_external_key').on(t.surveyId, t.externalId),
    index('responses_import_idx')
      .on(t.importId)
      .where(sql`import_id IS NOT NULL`),
  ],
);

/**
 * One row per answered question. Typed columns rather than one JSON blob so that rollups and
 * analysis read numbers, codes and comments with plain SQL.
 */
export const responseAnswers = pgTable(
  'response_answers',
  {
    responseId: uuid('response_id')
      .notNull()
      .references(() => responses.id),
    linkId: text('link_id').notNull(),
    itemType: text('item_type').notNull(),
    valueNumber: doublePrecision('value_number'),
    valueBoolean: boolean('value_boolean'),
    valueCodes: text('value_codes').array(),
    valueDate: date('value_date'),
    /** Free-text comment, as typed. Staff views show the redacted text the analysis stores. */
    valueText: text('value_text'),
    textIntent: text('text_intent'),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.linkId] })],
);

/** Transactional outbox: written with the response, moved to the queue by the relay. */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    topic: text('topic').notNull(),
    aggregateId: uuid('aggregate_id').notNull(),
    createdAt: createdAt(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
  },
  (t) => [
    index('outbox_unpublished_idx')
      .on(t.id)
      .where(sql`${t.publishedAt} IS NULL`),
  ],
);

/** The stored reply of a submission, so that a retry with the same key gets the same answer. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    linkId: uuid('link_id')
      .notNull()
      .references(() => links.id),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    responseId: uuid('response_id')
      .notNull()
      .references(() => responses.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.linkId, t.key] })],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    organisationId: uuid('organisation_id'),
    actorUserId: uuid('actor_user_id'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    requestId: text('request_id'),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
  },
  (t) => [index('audit_log_at_idx').on(t.at)],
);
