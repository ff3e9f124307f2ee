import { count, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { apiTokens, organisations, users } from '../../db/schema';

export type TUserRow = typeof users.$inferSelect;

export async function listUsers(db: Db, organisationId: string) {
  return db.select().from(users).where(eq(users.organisationId, organisationId)).orderBy(users.email);
}

export async function insertUser(db: Db, row: typeof users.$inferInsert) {
  const [user] = await db.insert(users).values(row).onConflictDoNothing().returning();
  return user ?? null;
}

export async function findUser(db: Db, id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row ?? null;
}

export async function insertApiToken(db: Db, row: typeof apiTokens.$inferInsert) {
  const [token] = await db
    .insert(apiTokens)
    .values(row)
    .returning({ id: apiTokens.id, name: apiTokens.name });
  return token!;
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

export async function firstOrganisation(db: Db) {
  const [row] = await db.select().from(organisations).orderBy(organisations.createdAt).limit(1);
  return row ?? null;
}

export async function insertOrganisation(db: Db, name: string) {
  const [row] = await db.insert(organisations).values({ name }).returning();
  return row!;
}

/** Sets what is given; `disabled` keeps an earlier deactivation's time rather than moving it. */
export async function updateUser(
  db: Db,
  id: string,
  change: {
    role?: TUserRow['role'];
    scopeLevel?: TUserRow['scopeLevel'];
    scopeId?: string | null;
    disabled?: boolean;
  },
): Promise<TUserRow> {
  const { disabled, ...rest } = change;
  const [row] = await db
    .update(users)
    .set({
      ...rest,
      ...(disabled === undefined
        ? {}
        : { disabledAt: disabled ? sql`coalesce(${users.disabledAt}, now())` : null }),
    })
    .where(eq(users.id, id))
    .returning();
  return row!;
}
