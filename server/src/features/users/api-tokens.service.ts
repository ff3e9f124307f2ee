import { and, desc, eq, isNull } from 'drizzle-orm';
import type { TApiTokenScope, TApiTokenSummary } from '../../../../shared/src/api/integrations';
import { apiTokens, users } from '../../db/schema';
import { notFound } from '../../http/app-error';
import { actorOf, type TCtx } from '../../http/context';
import { recordAudit } from '../audit/audit.service';
import { assertOrganisationWide } from '../org/org.service';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Every API token of the organisation, newest first, for the Staff page: never the token itself. */
export async function listApiTokens(ctx: TCtx): Promise<TApiTokenSummary[]> {
  assertOrganisationWide(ctx);
  const rows = await ctx.db
    .select({ token: apiTokens, userEmail: users.email })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(users.organisationId, actorOf(ctx).organisationId))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map(({ token: t, userEmail }) => ({
    id: t.id,
    userId: t.userId,
    userEmail,
    name: t.name,
    scopes: (t.scopes as TApiTokenScope[] | null) ?? null,
    expiresAt: iso(t.expiresAt),
    lastUsedAt: iso(t.lastUsedAt),
    revokedAt: iso(t.revokedAt),
    createdAt: t.createdAt.toISOString(),
  }));
}

/**
 * Revokes a token. Every request looks its token up afresh, so the next one is refused (401); a
 * token already revoked answers the same, and another organisation's is "not found".
 */
export async function revokeApiToken(ctx: TCtx, tokenId: string): Promise<void> {
  assertOrganisationWide(ctx);
  const [found] = await ctx.db
    .select({ id: apiTokens.id, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.id, tokenId), eq(users.organisationId, actorOf(ctx).organisationId)));
  if (!found) throw notFound('API token not found');
  if (found.revokedAt) return;
  await ctx.db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)));
  await recordAudit(ctx, { action: 'api_token.revoked', targetType: 'api_token', targetId: tokenId });
}
