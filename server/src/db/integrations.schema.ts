import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { TWebhookEvent } from '../../../shared/src/api/integrations';
import { changes, organisations, users } from './schema';

/** Webhooks, their deliveries and the last impact verdicts (migration 0011). */

export const webhooks = pgTable(
  'webhooks',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    url: text('url').notNull(),
    events: text('events').array().$type<TWebhookEvent[]>().notNull(),
    includeRedactedText: boolean('include_redacted_text').notNull().default(false),
    /**
     * The HMAC key, kept in clear because every delivery needs it (a hash could not sign); shown
     * to the admin once. Rotating means a new hook.
     */
    secret: text('secret').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
  },
  (t) => [index('webhooks_org_idx').on(t.organisationId)],
);

/** One event for one hook: status and error codes only, never a body. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    webhookId: uuid('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    event: text('event').$type<TWebhookEvent>().notNull(),
    /** The response, alert or change the event is about. */
    subjectId: uuid('subject_id').notNull(),
    /** Unique per hook: the same event found twice (a retried job) is one delivery. */
    eventKey: text('event_key').notNull(),
    status: text('status').$type<'pending' | 'delivered' | 'failed'>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastStatusCode: integer('last_status_code'),
    lastErrorCode: text('last_error_code'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_event_key').on(t.webhookId, t.eventKey),
    index('webhook_deliveries_created_idx').on(t.webhookId, t.createdAt),
  ],
);

export const changeVerdicts = pgTable(
  'change_verdicts',
  {
    changeId: uuid('change_id')
      .notNull()
      .references(() => changes.id),
    metricKey: text('metric_key').notNull(),
    verdict: text('verdict').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'change_verdicts_pk', columns: [t.changeId, t.metricKey] })],
);
