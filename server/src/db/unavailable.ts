/**
 * PostgreSQL error codes (SQLSTATE) and socket errors that mean "the database cannot answer now"
 * rather than "this request is wrong": a restart, a failover, too many connections, a statement or
 * lock timeout. A caller should try again shortly; nothing was stored (the transaction rolled back).
 */
const UNAVAILABLE_CODES = new Set([
  // Connection exceptions (class 08) and operator intervention (57P0x: shutdown, crash, starting up).
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01',
  '57P02',
  '57P03',
  // Too many connections; statement timeout or cancel; lock timeout.
  '53300',
  '57014',
  '55P03',
  // The socket itself.
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/** What node-postgres says when a connection ends under it, or the pool has none to give in time. */
const UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is closed|terminating connection/i;

/** Whether `err` (or what it wraps: drizzle wraps the driver's error as `cause`) is the database being away. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (
    let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 5;
    depth += 1
  ) {
    if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
    if (
      typeof e.message === 'string' &&
      UNAVAILABLE_MESSAGE.test(e.message) &&
      !/^Failed query/.test(e.message)
    )
      return true;
    e = e.cause as typeof e;
  }
  return false;
}
