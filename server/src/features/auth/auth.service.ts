import { createHash, timingSafeEqual } from 'node:crypto';
import type { TLoginRequest, TSessionInfo, TStaffUser } from '../../../../shared/src/api/auth';
import { AppError } from '../../http/app-error';
import type { TCtx, TPrincipal } from '../../http/context';
import type { TLimiter } from '../../http/rate-limit';
import { redisEventPublisher } from '../../realtime/live-events';
import { recordAudit } from '../audit/audit.service';
import {
  findActiveUserByEmail,
  findActiveUserById,
  findUserByApiTokenHash,
  scopeOf,
  type TUserRow,
} from './auth.repository';
import { timingDummyHash, verifyPassword } from './passwords';
import { createSession, deleteSession, deleteUserSessions, readSession } from './sessions';

export type TLoginLimiters = { perAccount: TLimiter; perIp: TLimiter };

export const toStaffUser = (u: TUserRow): TStaffUser => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  scope: scopeOf(u),
});

const principalOf = (u: TUserRow, via: TPrincipal['via']): TPrincipal => ({
  userId: u.id,
  organisationId: u.organisationId,
  role: u.role,
  scope: scopeOf(u),
  via,
});

const sessionTtl = (ctx: TCtx) => ctx.config.SESSION_TTL_HOURS * 3600;
const sessionLifetime = (ctx: TCtx) => ({
  idleSeconds: sessionTtl(ctx),
  maxSeconds: ctx.config.SESSION_MAX_HOURS * 3600,
});

/**
 * Signs a staff member in. Every attempt is counted per account and per IP before the password is
 * checked, so parallel guesses cannot slip past the limit; a success gives its points back. Past
 * the limit the account (or IP) is locked for a while, and the answer is the same whether the
 * e-mail exists or not.
 */
export async function login(
  ctx: TCtx,
  input: TLoginRequest,
  ip: string,
  limiters: TLoginLimiters,
): Promise<TSessionInfo & { sessionId: string }> {
  const accountKey = input.email.toLowerCase();
  // A rejection here (429) is the lockout; the attempt is counted before the password is looked at.
  await Promise.all([limiters.perAccount.consume(accountKey), limiters.perIp.consume(ip)]);
  const user = await findActiveUserByEmail(ctx.db, input.email);
  const ok = await verifyPassword(user?.passwordHash ?? (await timingDummyHash()), input.password);
  if (!user || !ok) {
    await recordAudit(ctx, {
      action: 'auth.login_failed',
      actorUserId: user?.id ?? null,
      organisationId: user?.organisationId,
    });
    throw new AppError('unauthenticated', 'The e-mail or password is not right');
  }
  await Promise.all([limiters.perAccount.reset(accountKey), limiters.perIp.reward(ip)]).catch(
    () => undefined,
  );
  const { sessionId, session } = await createSession(
    ctx.redis,
    ctx.config.REDIS_PREFIX,
    user.id,
    sessionLifetime(ctx),
  );
  await recordAudit(ctx, { action: 'auth.login', actorUserId: user.id, organisationId: user.organisationId });
  return { sessionId, user: toStaffUser(user), csrfToken: session.csrfToken };
}

export async function logout(ctx: TCtx): Promise<void> {
  const actor = ctx.actor;
  if (actor?.sessionKey) {
    await deleteSession(ctx.redis, ctx.config.REDIS_PREFIX, actor.sessionKey);
    await publishSessionEnded(ctx, actor.userId, actor.sessionKey);
  }
  await recordAudit(ctx, { action: 'auth.logout' });
}

export async function me(ctx: TCtx): Promise<TSessionInfo> {
  const actor = ctx.actor;
  const user = actor ? await findActiveUserById(ctx.db, actor.userId) : null;
  if (!actor || !user) throw new AppError('unauthenticated', 'Please sign in');
  return { user: toStaffUser(user), csrfToken: actor.csrfToken ?? '' };
}

/** Resolves the session cookie to a principal, or null when there is no live session. */
export async function principalFromSession(ctx: TCtx, sessionId: string): Promise<TPrincipal | null> {
  const found = await readSession(ctx.redis, ctx.config.REDIS_PREFIX, sessionId, sessionLifetime(ctx));
  if (!found) return null;
  const user = await findActiveUserById(ctx.db, found.session.userId);
  if (!user) return null;
  return {
    ...principalOf(user, 'session'),
    sessionKey: found.sessionKey,
    csrfToken: found.session.csrfToken,
  };
}

/** Ends every session of a deactivated account; its API tokens stop with the account itself. */
export async function endUserSessions(ctx: TCtx, userId: string): Promise<void> {
  await deleteUserSessions(ctx.redis, ctx.config.REDIS_PREFIX, userId);
  await publishSessionEnded(ctx, userId, null);
}

/** Live sockets on every server close with the session (each also re-checks once a minute). */
function publishSessionEnded(ctx: TCtx, userId: string, sessionKey: string | null): Promise<void> {
  return redisEventPublisher(ctx.redis, ctx.config.REDIS_PREFIX, ctx.log).publish({
    type: 'session.ended',
    userId,
    sessionKey,
  });
}

export const hashApiToken = (token: string): Buffer => createHash('sha256').update(token).digest();

export async function principalFromApiToken(ctx: TCtx, token: string): Promise<TPrincipal | null> {
  const user = await findUserByApiTokenHash(ctx.db, hashApiToken(token));
  return user ? { ...principalOf(user, 'api_token'), tokenScopes: user.tokenScopes } : null;
}

export function csrfTokenMatches(expected: string | undefined, given: string | undefined): boolean {
  if (!expected || !given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
