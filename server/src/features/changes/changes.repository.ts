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

export async function findChange(db: Db, organisationId: string, id: string): Promise<TChangeRow | null> {
  const [row] = await db
    .select()
    .from(changes)
    .where(and(eq(changes.id, id), eq(changes.organisationId, organisationId)));
  if (!row) return null;
  const unitRows = await db.select().from(changeUnits).where(eq(changeUnits.changeId, id));
  return { ...row, unitIds: unitRows.map((u) => u.unitId) };
}
