import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { changeUnits, changes } from '../../db/schema';

export type TChangeRow = typeof changes.$inferSelect & { unitIds: string[] };

export async function insertChange(
  db: Db,
  row: typeof changes.$inferInsert,
  unitIds: string[],
): Promise<TChangeRow> {
  const [change] = await db.insert(changes).values(row).returning();
  await db.insert(changeUnits).values(unitIds.map((unitId) => ({ changeId: change!.id, unitId })));
  return { ...change!, unitIds };
}

export async function listChanges(db: Db, organisationId: string): Promise<TChangeRow[]> {
  const rows = await db
    .select()
    .from(changes)
    .where(eq(changes.organisationId, organisationId))
    .orderBy(desc(changes.goLiveDate));
  if (rows.length === 0) return [];
  const links = await db
    .select()
    .from(changeUnits)
    .where(
      inArray(
        changeUnits.changeId,
        rows.map((r) => r.id),
      ),
    );
  return rows.map((r) => ({ ...r, unitIds: links.filter((l) => l.changeId === r.id).map((l) => l.unitId) }));
}

/** `forUpdate` locks the row until the transaction ends, so concurrent edits audit true befores. */
export async function findChange(
  db: Db,
  organisationId: string,
  id: string,
  { forUpdate = false } = {},
): Promise<TChangeRow | null> {
  const query = db
    .select()
    .from(changes)
    .where(and(eq(changes.id, id), eq(changes.organisationId, organisationId)));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) return null;
  const unitRows = await db.select().from(changeUnits).where(eq(changeUnits.changeId, id));
  return { ...row, unitIds: unitRows.map((u) => u.unitId) };
}

/** Writes the given columns and, when `unitIds` is given, replaces the change's units with them. */
export async function updateChange(
  db: Db,
  id: string,
  fields: Partial<Pick<typeof changes.$inferInsert, 'name' | 'kind' | 'description' | 'goLiveDate'>>,
  unitIds?: string[],
): Promise<void> {
  if (Object.keys(fields).length > 0) await db.update(changes).set(fields).where(eq(changes.id, id));
  if (!unitIds) return;
  await db.delete(changeUnits).where(eq(changeUnits.changeId, id));
  await db.insert(changeUnits).values(unitIds.map((unitId) => ({ changeId: id, unitId })));
}
