import {
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { ZActionStatus, type TActionSource, type TActionStatus } from '../../../shared/src/api/actions';
import { organisations, responses, units, users } from './schema';

/** Actions and what they are linked to: kept apart from the core schema, as the analysis tables are. */

export const actionStatusEnum = pgEnum(
  'action_status',
  ZActionStatus.options as unknown as [TActionStatus, ...TActionStatus[]],
);

export const actions = pgTable(
  'actions',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    title: text('title').notNull(),
    /** Shown on the unit's public page as entered. */
    publicDescription: text('public_description').notNull(),
    ownerUserId: uuid('owner_user_id').references(() => users.id),
    dueDate: date('due_date'),
    status: actionStatusEnum('status').notNull().default('planned'),
    /** The organisation-local day it was done: the anchor of its impact. Null unless done. */
    doneDate: date('done_date'),
    source: jsonb('source').$type<TActionSource>().notNull(),
    /** How many reports were linked when it was made (the rows of `action_responses`). */
    linkedReports: integer('linked_reports').notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('actions_organisation_idx').on(t.organisationId, t.createdAt)],
);

export const actionUnits = pgTable(
  'action_units',
  {
    actionId: uuid('action_id')
      .notNull()
      .references(() => actions.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
  },
  (t) => [primaryKey({ columns: [t.actionId, t.unitId] }), index('action_units_unit_idx').on(t.unitId)],
);

/**
 * The reports an action answers, fixed when it is made. "My reports" reads it backwards from a
 * clinician's own responses (those with `contact_user_id`); nothing here says who wrote what.
 */
export const actionResponses = pgTable(
  'action_responses',
  {
    actionId: uuid('action_id')
      .notNull()
      .references(() => actions.id, { onDelete: 'cascade' }),
    responseId: uuid('response_id')
      .notNull()
      .references(() => responses.id),
  },
  (t) => [
    primaryKey({ columns: [t.actionId, t.responseId] }),
    index('action_responses_response_idx').on(t.responseId),
  ],
);
