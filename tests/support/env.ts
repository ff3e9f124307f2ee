/**
 * Where the tests find Postgres and Redis. Both must be running: a missing one fails the run, it
 * never skips. `.ci/run` starts them where they are not.
 */
export const ADMIN_DATABASE_URL =
  process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_DATABASE_NAME = process.env.TEST_DATABASE_NAME ?? 'careloop_test';
export const TEST_DATABASE_URL = (() => {
  const u = new URL(ADMIN_DATABASE_URL);
  u.pathname = `/${TEST_DATABASE_NAME}`;
  return u.toString();
})();
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
