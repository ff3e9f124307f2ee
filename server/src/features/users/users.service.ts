import type {
  TApiTokenCreate,
  TStaffAccount,
  TUserCreate,
  TUserUpdate,
} from '../../../../shared/src/api/org';
import { sql } from 'drizzle-orm';
import type { TConfig } from '../../config';
import type { Db } from '../../db/client';
import { AppError, invalid, notFound } from '../../http/app-error';
import { actorOf, type TCtx } from '../../http/context';
import type { TLogger } from '../../logger';
import { recordAudit } from '../audit/audit.service';
import { endUserSessions, hashApiToken, toStaffUser } from '../auth/auth.service';
import { hashPassword } from '../auth/passwords';
import { newSecret } from '../auth/sessions';
import { assertOrganisationWide, assertScopeInOrganisation } from '../org/org.service';
import * as repo from './users.repository';

const toStaffAccount = (u: repo.TUserRow): TStaffAccount => ({
  ...toStaffUser(u),
  disabled: u.disabledAt !== null,
});

export async function listUsers(ctx: TCtx): Promise<TStaffAccount[]> {
  assertOrganisationWide(ctx);
  return (await repo.listUsers(ctx.db, actorOf(ctx).organisationId)).map(toStaffAccount);
}

export async function createUser(ctx: TCtx, input: TUserCreate): Promise<TStaffAccount> {
  assertOrganisationWide(ctx);
  await assertScopeInOrganisation(ctx, input.scope);
  const user = await repo.insertUser(ctx.db, {
    organisationId: actorOf(ctx).organisationId,
    email: input.email,
    name: input.name,
    passwordHash: await hashPassword(input.password),
    role: input.role,
    scopeLevel: input.scope.level,
    scopeId: input.scope.level === 'organisation' ? null : input.scope.id,
  });
  if (!user) throw new AppError('conflict', 'A user with this e-mail already exists');
  await recordAudit(ctx, {
    action: 'user.created',
    targetType: 'user',
    targetId: user.id,
    detail: { role: user.role },
  });
  return toStaffAccount(user);
}

/** What an administrator may not do to their own account: it would lock them (or everyone) out. */
function assertNotSelfLockout(ctx: TCtx, userId: string, input: TUserUpdate): void {
  if (userId !== actorOf(ctx).userId) return;
  if (input.disabled) throw new AppError('conflict', 'You cannot deactivate your own account');
  if ((input.role && input.role !== 'admin') || (input.scope && input.scope.level !== 'organisation')) {
    throw new AppError('conflict', 'You cannot take away your own administrator rights; ask another admin');
  }
}

/**
 * Changes an account's role, scope or whether it is active. Rights are read afresh on every request,
 * so a change applies from the next one; deactivating also ends the account's sessions at once, and
 * its API tokens stop working with it.
 */
export async function updateUser(ctx: TCtx, userId: string, input: TUserUpdate): Promise<TStaffAccount> {
  assertOrganisationWide(ctx);
  const before = await repo.findUser(ctx.db, userId);
  if (!before || before.organisationId !== actorOf(ctx).organisationId) throw notFound('User not found');
  assertNotSelfLockout(ctx, userId, input);
  if (input.scope) await assertScopeInOrganisation(ctx, input.scope);
  const after = await repo.updateUser(ctx.db, userId, {
    ...(input.role ? { role: input.role } : {}),
    ...(input.scope
      ? {
          scopeLevel: input.scope.level,
          scopeId: input.scope.level === 'organisation' ? null : input.scope.id,
        }
      : {}),
    ...(input.disabled === undefined ? {} : { disabled: input.disabled }),
  });
  if (input.disabled) await endUserSessions(ctx, userId);
  const auditable = (u: repo.TUserRow) => {
    const { role, scope, disabled } = toStaffAccount(u);
    return { role, scope, disabled };
  };
  await recordAudit(ctx, {
    action: 'user.updated',
    targetType: 'user',
    targetId: userId,
    detail: { before: auditable(before), after: auditable(after) },
  });
  return toStaffAccount(after);
}

/** Issues an API token acting as `userId`. The token is returned once; only its hash is kept. */
export async function createApiToken(ctx: TCtx, userId: string, input: TApiTokenCreate) {
  assertOrganisationWide(ctx);
  const user = await repo.findUser(ctx.db, userId);
  if (!user || user.organisationId !== actorOf(ctx).organisationId) throw notFound('User not found');
  const token = `clt_${newSecret()}`;
  const row = await repo.insertApiToken(ctx.db, {
    userId,
    name: input.name,
    tokenHash: hashApiToken(token),
    scopes: input.scopes ? [...new Set(input.scopes)] : null,
    expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
  });
  await recordAudit(ctx, {
    action: 'api_token.created',
    targetType: 'api_token',
    targetId: row.id,
    detail: { userId, scopes: input.scopes ?? null },
  });
  return { ...row, token };
}

/** Refuses a user id that is not a member of the actor's organisation (as a change's owner, say). */
export async function assertUserInOrganisation(ctx: TCtx, userId: string): Promise<void> {
  const user = await repo.findUser(ctx.db, userId);
  if (!user || user.organisationId !== actorOf(ctx).organisationId) {
    throw invalid([{ name: 'ownerUserId', reason: 'no such user in this organisation' }]);
  }
}

/**
 * First start: make sure the organisation exists, and create the administrator from ADMIN_EMAIL and
 * ADMIN_PASSWORD when there is no user yet.
 */
export async function bootstrap(db: Db, config: TConfig, log: TLogger): Promise<void> {
  // Several servers may start on an empty database at once: one of them sets it up.
  await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(4242002)`);
    const organisation =
      (await repo.firstOrganisation(tx)) ?? (await repo.insertOrganisation(tx, config.ORGANISATION_NAME));
    if ((await repo.countUsers(tx)) > 0) return;
    if (!config.ADMIN_EMAIL || !config.ADMIN_PASSWORD) {
      log.warn(
        'no staff account exists: set ADMIN_EMAIL and ADMIN_PASSWORD and restart to create the administrator',
      );
      return;
    }
    const admin = await repo.insertUser(tx, {
      organisationId: organisation.id,
      email: config.ADMIN_EMAIL,
      name: 'Administrator',
      passwordHash: await hashPassword(config.ADMIN_PASSWORD),
      role: 'admin',
      scopeLevel: 'organisation',
    });
    if (admin) log.info({ userId: admin.id }, 'administrator created');
  });
}
