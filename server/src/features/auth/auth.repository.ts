import { and, eq, isNull, sql } from 'drizzle-orm';
import type { TScope } from '../../../../shared/src/api/auth';
import type { Db } from '../../db/client';
import { apiTokens, users } from '../../db/schema';

export type TUserRow = typeof users.$inferSelect;

export const scopeOf = (u: Pick<TUserRow, 'scopeLevel' | 'scopeId'>): TScope =>
  u.scopeLevel === 'organisation' ? { level: 'organisation' } : { level: u.scopeLevel, id: u.scopeId ?? '' };

export async function findActiveUserByEmail(db: Db, email: string): Promise<TUserRow | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(sql`lower(${users.email}) = lower(${email})`, isNull(users.disabledAt)))
    .limit(1);
  return row ?? null;
}

export async function findActiveUserById(db: Db, id: string): Promise<TUserRow | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, id), isNull(users.disabledAt)))
    .limit(1);
  return row ?? null;
}

export async function findUserByApiTokenHash(
  db: Db,
  tokenHash: Buffer,
): Promise<(TUserRow & { tokenScopes: string[] | null }) | null> {
  // At most one write a minute per token: enough to see which tokens are still in use.
  await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiTokens.tokenHash, tokenHash),
        sql`(${apiTokens.lastUsedAt} IS NULL OR ${apiTokens.lastUsedAt} < now() - interval '1 minute')`,
      ),
    );
  const [row] = await db
    .select({ user: users, scopes: apiTokens.scopes })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, tokenHash),
        isNull(apiTokens.revokedAt),
        isNull(users.disabledAt),
        sql`(${apiTokens.expiresAt} IS NULL OR ${apiTokens.expiresAt} > now())`,
      ),
    )
    .limit(1);
  return row ? { ...row.user, tokenScopes: row.scopes } : null;
}
