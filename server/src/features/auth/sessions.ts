import { createHash, randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import { z } from 'zod';
import { AppError } from '../../http/app-error';

/** What a session keeps in Redis. The cookie holds a random id; Redis keys hold only its hash. */
const ZSession = z.object({ userId: z.uuid(), csrfToken: z.string(), createdAt: z.string() });
export type TSession = z.infer<typeof ZSession>;

export const newSecret = (): string => randomBytes(32).toString('base64url');
const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

const keyFor = (prefix: string, sessionKey: string) => `${prefix}:sess:${sessionKey}`;

function unavailable(): never {
  throw new AppError('unavailable', 'Sign-in is temporarily unavailable; please try again shortly');
}

export async function createSession(
  redis: Redis,
  prefix: string,
  userId: string,
  ttlSeconds: number,
): Promise<{ sessionId: string; session: TSession }> {
  const sessionId = newSecret();
  const session: TSession = { userId, csrfToken: newSecret(), createdAt: new Date().toISOString() };
  await redis
    .set(keyFor(prefix, sha256(sessionId)), JSON.stringify(session), 'EX', ttlSeconds)
    .catch(unavailable);
  return { sessionId, session };
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
