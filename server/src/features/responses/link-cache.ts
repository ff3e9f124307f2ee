import type { TCtx } from '../../http/context';
import { findLink, type TFoundLink } from '../links/links.service';

/**
 * Respondent links as the submit path last read them, per server process, for a few seconds. Only a
 * hint: the one submit statement checks again, in the database, that the link is still open (and, for
 * a submission that names no version, that no newer version was published), and a submission the
 * cache misled is redone from a fresh read. So closing a link refuses submissions at once on every
 * process; the time to live only bounds how long an unused entry stays. Rejected: invalidation
 * messages between processes (Redis pub/sub), which a lost message would make wrong.
 */
const TTL_MS = 5_000;
const MAX_ENTRIES = 2_000;
const entries = new Map<string, { found: TFoundLink; at: number }>();

export function cachedLink(token: string): TFoundLink | null {
  const entry = entries.get(token);
  if (!entry) return null;
  if (Date.now() - entry.at > TTL_MS) {
    entries.delete(token);
    return null;
  }
  return entry.found;
}

/** Reads the link from the database (404 for unknown tokens, never cached) and remembers it. */
export async function freshLink(ctx: TCtx, token: string): Promise<TFoundLink> {
  const found = await findLink(ctx, token);
  entries.delete(token);
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  entries.set(token, { found, at: Date.now() });
  return found;
}
