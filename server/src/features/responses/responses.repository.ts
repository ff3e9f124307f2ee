import { and, eq, sql } from 'drizzle-orm';
import type { TValidatedAnswer } from '../../../../shared/src/survey/definition';
import type { Db } from '../../db/client';
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
  const result = await db.execute(
    sql`SELECT pg_try_advisory_xact_lock(hashtextextended(${`${linkId}/${key}`}, 0)) AS locked`,
  );
  const row = (result as unknown as { rows: { locked: boolean }[] }).rows[0];
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
};

/** Response, answers and the outbox row that hands it to analysis: call inside one transaction. */
export async function insertResponseWithOutbox(db: Db, input: TNewResponse, topic: string): Promise<string> {
  const { answers, ...row } = input;
  const [created] = await db.insert(responses).values(row).returning({ id: responses.id });
  const responseId = created!.id;
  if (answers.length > 0) {
    await db
      .insert(responseAnswers)
      .values(answers.map((a) => ({ responseId, linkId: a.linkId, itemType: a.type, ...answerColumns(a) })));
  }
  await db.insert(outbox).values({ topic, aggregateId: responseId });
  return responseId;
}

export async function insertIdempotencyRecord(
  db: Db,
  row: typeof idempotencyKeys.$inferInsert,
): Promise<void> {
  await db.insert(idempotencyKeys).values(row);
}
