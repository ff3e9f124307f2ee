import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { TValidatedAnswer } from '../../../../shared/src/survey/definition';
import { queryRows, type Db } from '../../db/client';
import { idempotencyKeys, outbox, responseAnswers, responses } from '../../db/schema';

export async function findIdempotencyRecord(db: Db, linkId: string, key: string) {
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.linkId, linkId), eq(idempotencyKeys.key, key)));
  return row ?? null;
}

/**
 * Takes a transaction-scoped advisory lock on (link, key). False means another submission with the
 * same key is in flight right now; the lock goes with that transaction, so a crash never strands it.
 */
export async function tryLockIdempotencyKey(db: Db, linkId: string, key: string): Promise<boolean> {
  const [row] = await queryRows<{ locked: boolean }>(
    db,
    sql`SELECT pg_try_advisory_xact_lock(hashtextextended(${`${linkId}/${key}`}, 0)) AS locked`,
  );
  return row?.locked === true;
}

function answerColumns(a: TValidatedAnswer) {
  switch (a.type) {
    case 'boolean':
      return { valueBoolean: a.value as boolean };
    case 'choice':
      return { valueCodes: Array.isArray(a.value) ? a.value : [String(a.value)] };
    case 'rating':
    case 'integer':
    case 'decimal':
      return { valueNumber: a.value as number };
    case 'date':
      return { valueDate: a.value as string };
    case 'text':
      return { valueText: a.value as string, textIntent: a.intent ?? 'general' };
  }
}

export type TNewResponse = {
  surveyId: string;
  surveyVersionId: string;
  linkId: string;
  unitId: string | null;
  changeId: string | null;
  locale: string;
  answers: TValidatedAnswer[];
  /** The staff member who asked to be contacted (clinician surveys); null for anonymous responses. */
  contactUserId: string | null;
};

/**
 * Response, answers, the outbox row that hands it to analysis and, when the caller sent a key, the
 * idempotency record: one statement (data-modifying CTEs), so one round trip on the hot path. Call
 * inside the submission's transaction. There is always at least one answer (validation sees to it).
 */
export async function insertResponseWithOutbox(
  db: Db,
  input: TNewResponse,
  topic: string,
  idempotency: { key: string; requestHash: string } | null,
): Promise<string> {
  const { answers, ...row } = input;
  const responseId = randomUUID();
  const response = db.$with('response').as(
    db
      .insert(responses)
      .values({ id: responseId, ...row })
      .returning({ id: responses.id }),
  );
  const queued = db
    .$with('queued')
    .as(db.insert(outbox).values({ topic, aggregateId: responseId }).returning({ id: outbox.id }));
  const keyed = idempotency
    ? [
        db.$with('keyed').as(
          db
            .insert(idempotencyKeys)
            .values({ linkId: row.linkId, responseId, ...idempotency })
            .returning({ key: idempotencyKeys.key }),
        ),
      ]
    : [];
  await db
    .with(response, queued, ...keyed)
    .insert(responseAnswers)
    .values(answers.map((a) => ({ responseId, linkId: a.linkId, itemType: a.type, ...answerColumns(a) })));
  return responseId;
}
