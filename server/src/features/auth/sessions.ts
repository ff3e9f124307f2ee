import { createHash, randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import { z } from 'zod';
import { AppError } from '../../http/app-error';

/** What a session keeps in Redis. The cookie holds a random id; Redis keys hold only its hash. */
const ZSession = z.object({ userId: z.uuid(), csrfToken: z.string(), createdAt: z.string() });
export type TSession = z.infer<typeof ZSession>;

export const newSecret = (): string => randomBytes(32).toString('base64url');
const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');
/** The key a session is stored under: the hash of the cookie's id. */
export const sessionKeyOf = (sessionId: string): string => sha256(sessionId);

const keyFor = (prefix: string, sessionKey: string) => `${prefix}:sess:${sessionKey}`;
/** A user's session keys, so that deactivating the account can end them all at once. */
const userKeyFor = (prefix: string, userId: string) => `${prefix}:user-sess:${userId}`;

function unavailable(): never {
  throw new AppError('unavailable', 'Sign-in is temporarily unavailable; please try again shortly');
}

export async function createSession(
  redis: Redis,
  prefix: string,
  userId: string,
  lifetime: { idleSeconds: number; maxSeconds: number },
): Promise<{ sessionId: string; session: TSession }> {
  const sessionId = newSecret();
  const sessionKey = sha256(sessionId);
  const session: TSession = { userId, csrfToken: newSecret(), createdAt: new Date().toISOString() };
  // The index outlives every session in it; keys of sessions already gone are harmless there.
  const index = userKeyFor(prefix, userId);
  const replies = await redis
    .multi()
    .set(keyFor(prefix, sessionKey), JSON.stringify(session), 'EX', lifetime.idleSeconds)
    .sadd(index, sessionKey)
    .expire(index, lifetime.maxSeconds)
    .exec()
    .catch(unavailable);
  if (!replies || replies.some(([error]) => error)) unavailable();
  return { sessionId, session };
}

/**
 * Ends every session of a user at once (a deactivated account). Each request also checks the
 * account is active, so this is what keeps a reactivated account's old cookies dead.
 */
export async function deleteUserSessions(redis: Redis, prefix: string, userId: string): Promise<void> {
  const index = userKeyFor(prefix, userId);
  const sessionKeys = await redis.smembers(index).catch(unavailable);
  await redis.del(index, ...sessionKeys.map((k) => keyFor(prefix, k))).catch(unavailable);
}

/** Finds a live session and slides its idle expiry; past its absolute lifetime it is ended. */
export async function readSession(
  redis: Redis,
  prefix: string,
  sessionId: string,
  lifetime: { idleSeconds: number; maxSeconds: number },
): Promise<{ sessionKey: string; session: TSession } | null> {
  const sessionKey = sha256(sessionId);
  const raw = await redis.getex(keyFor(prefix, sessionKey), 'EX', lifetime.idleSeconds).catch(unavailable);
  if (!raw) return null;
  const parsed = ZSession.safeParse(JSON.parse(raw));
  if (!parsed.success) return null;
  if (Date.now() - Date.parse(parsed.data.createdAt) > lifetime.maxSeconds * 1000) {
    await deleteSession(redis, prefix, sessionKey);
    return null;
  }
  return { sessionKey, session: parsed.data };
}

export async function deleteSession(redis: Redis, prefix: string, sessionKey: string): Promise<void> {
  await redis.del(keyFor(prefix, sessionKey)).catch(unavailable);
}
