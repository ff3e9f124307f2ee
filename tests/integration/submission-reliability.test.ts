import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { Client } from 'pg';
import { outbox, responses } from '../../server/src/db/schema';
import { waitForRedis } from '../../server/src/redis';
import { startTestApp, type TTestApp } from '../support/app';
import { TEST_DATABASE_URL } from '../support/env';
import { createOrg, createStaff, type TOrgFixture } from '../support/fixtures';
import { client, signIn, type TClient } from '../support/http';
import type { TSurvey } from '../../shared/src/api/surveys';
import { freePort, startThrowawayRedis } from '../support/redis-server';
import { publishedSurveyWithLink } from '../support/surveys';

type TBody = { id: string; code: string };

let app: TTestApp;
let org: TOrgFixture;
let staff: TClient;

beforeAll(async () => {
  // Many submissions from one address: the per-IP limit has its own tests, on apps of their own.
  app = await startTestApp({ RATE_LIMIT_SUBMIT_PER_IP: '1000' });
  org = await createOrg(app.db);
  const lead = await createStaff(app.db, org.organisationId, 'quality_lead');
  staff = await signIn(app.url, lead.email, lead.password);
});
afterAll(() => app.close());

const submitTo = (
  baseUrl: string,
  token: string,
  answers: Record<string, unknown>,
  key: string = randomUUID(),
) =>
  client(baseUrl).request<TBody>(
    'POST',
    `/api/v1/public/surveys/${token}/responses`,
    { answers },
    {
      'idempotency-key': key,
    },
  );
const submit = (token: string, answers: Record<string, unknown>, key?: string) =>
  submitTo(app.url, token, answers, key);

async function countWhere(linkId: string): Promise<number> {
  const [row] = await app.db.select({ n: count() }).from(responses).where(eq(responses.linkId, linkId));
  return row!.n;
}

describe('Idempotency-Key', () => {
  it('the same key and body give the same result, and one response is stored', async () => {
    const { link } = await publishedSurveyWithLink(staff, { kind: 'open', unitId: org.unitId });
    const key = randomUUID();
    const first = await submit(link.token, { overall: 5 }, key);
    const again = await submit(link.token, { overall: 5 }, key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(await countWhere(link.id)).toBe(1);
    const [queued] = await app.db
      .select({ n: count() })
      .from(outbox)
      .where(eq(outbox.aggregateId, first.body.id));
    expect(queued!.n).toBe(1);
  });

  it('a retry with the same key and body replays the original even after the survey is republished', async () => {
    const { survey, link } = await publishedSurveyWithLink(staff, { kind: 'open', unitId: org.unitId });
    const key = randomUUID();
    const first = await submit(link.token, { overall: 5 }, key);
    const current = await staff.request<TSurvey>('GET', `/api/v1/surveys/${survey.id}`);
    const edited = { ...current.body.draft, title: { en: 'Your visit, again', es: 'Su visita, otra vez' } };
    await staff.request('PUT', `/api/v1/surveys/${survey.id}`, {
      definition: edited,
      revision: current.body.revision,
    });
    expect((await staff.request('POST', `/api/v1/surveys/${survey.id}/publish`)).status).toBe(201);

    const retry = await submit(link.token, { overall: 5 }, key);

    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    expect(await countWhere(link.id)).toBe(1);
  });

  it('the same key with a different body answers 422 and stores nothing more', async () => {
    const { link } = await publishedSurveyWithLink(staff, { kind: 'open', unitId: org.unitId });
    const key = randomUUID();
    expect((await submit(link.token, { overall: 5 }, key)).status).toBe(201);
    const changed = await submit(link.token, { overall: 1 }, key);
    expect(changed.status).toBe(422);
    expect(changed.body.code).toBe('idempotency_key_reused');
    expect(await countWhere(link.id)).toBe(1);
  });

  it('a retry while the first attempt is still running answers 409, and the first then completes', async () => {
    const { link } = await publishedSurveyWithLink(staff, { kind: 'single_use', unitId: org.unitId });
    // Hold the link's row so that the first attempt stays in flight inside its transaction.
    await holdingLinkRow(link.id, async ({ waitForSubmissions, release }) => {
      const key = randomUUID();
      const first = submit(link.token, { overall: 4 }, key);
      await waitForSubmissions(1);
      const retry = await submit(link.token, { overall: 4 }, key);
      expect(retry.status).toBe(409);
      expect(retry.headers.get('retry-after')).toBe('1');
      await release();
      expect((await first).status).toBe(201);
      const later = await submit(link.token, { overall: 4 }, key);
      expect(later.status).toBe(201);
      expect(later.body.id).toBe((await first).body.id);
    });
    expect(await countWhere(link.id)).toBe(1);
  });
});

/**
 * Holds a link's row locked while `during` runs, so that submissions reaching the single-use
 * consumption wait inside their transactions; `release()` lets them go. Waiting for `n` of them is
 * how a test knows they are all in flight. The lock is always released, so a failing assertion
 * cannot leave a submission waiting and hang the suite.
 */
async function holdingLinkRow(
  linkId: string,
  during: (ctl: { waitForSubmissions(n: number): Promise<void>; release(): Promise<void> }) => Promise<void>,
): Promise<void> {
  const blocker = new Client({ connectionString: TEST_DATABASE_URL });
  await blocker.connect();
  try {
    await blocker.query('BEGIN');
    await blocker.query('SELECT id FROM links WHERE id = $1 FOR UPDATE', [linkId]);
    await during({
      async waitForSubmissions(n) {
        for (let i = 0; i < 250; i++) {
          const { rows } = await blocker.query(
            "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()",
          );
          if ((rows[0] as { n: number }).n >= n) return;
          await new Promise((r) => setTimeout(r, 20));
        }
        throw new Error(`${n} submissions never reached the database together`);
      },
      release: () => blocker.query('COMMIT').then(() => undefined),
    });
  } finally {
    await blocker.query('ROLLBACK').catch(() => undefined);
    await blocker.end();
  }
}

describe('single-use links', () => {
  it('two submissions racing for the link give one 201 and one 410, with one response stored', async () => {
    const { link } = await publishedSurveyWithLink(staff, { kind: 'single_use', unitId: org.unitId });
    // Hold the link's row so that both submissions are inside their transactions, past every check
    // made before it, when the row is released: the race is forced, not hoped for.
    await holdingLinkRow(link.id, async ({ waitForSubmissions, release }) => {
      const racing = Promise.all([submit(link.token, { overall: 2 }), submit(link.token, { overall: 3 })]);
      await waitForSubmissions(2);
      await release();
      const results = await racing;
      expect(results.map((r) => r.status).sort()).toEqual([201, 410]);
    });
    expect(await countWhere(link.id)).toBe(1);
  });

  it('a used link answers 410 to a new submission but replays the original to its own retry', async () => {
    const { link } = await publishedSurveyWithLink(staff, { kind: 'single_use', unitId: org.unitId });
    const key = randomUUID();
    const first = await submit(link.token, { overall: 5 }, key);
    expect(first.status).toBe(201);
    const retry = await submit(link.token, { overall: 5 }, key);
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    expect((await submit(link.token, { overall: 5 })).status).toBe(410);
    // Closed is closed: a bad body to a used link is told the link is gone, not what to fix.
    expect((await submit(link.token, { overall: 'five' })).status).toBe(410);
    const page = await client(app.url).request('GET', `/api/v1/public/surveys/${link.token}`);
    expect(page.status).toBe(410);
  });
});

describe('rate limits', () => {
  it('past the per-IP limit a submission gets 429 with Retry-After, and is not stored', async () => {
    const limited = await startTestApp({ RATE_LIMIT_SUBMIT_PER_IP: '3' });
    try {
      const lead = await createStaff(limited.db, org.organisationId, 'quality_lead');
      const s = await signIn(limited.url, lead.email, lead.password);
      const { link } = await publishedSurveyWithLink(s, { kind: 'open', unitId: org.unitId });
      const statuses = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await submitTo(limited.url, link.token, { overall: 3 })).status);
      expect(statuses).toEqual([201, 201, 201, 429]);
      const refused = await submitTo(limited.url, link.token, { overall: 3 });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(refused.body.code).toBe('rate_limited');
      expect(await countWhere(link.id)).toBe(3);
    } finally {
      await limited.close();
    }
  });

  it('past the per-IP limit on survey pages, loading one gets 429 with Retry-After', async () => {
    const limited = await startTestApp({ RATE_LIMIT_PUBLIC_READ_PER_IP: '2' });
    try {
      const { link } = await publishedSurveyWithLink(staff, { kind: 'open', unitId: org.unitId });
      const get = () => client(limited.url).request('GET', `/api/v1/public/surveys/${link.token}`);
      expect([(await get()).status, (await get()).status]).toEqual([200, 200]);
      const refused = await get();
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });

  it('past the per-link limit a link is throttled whoever submits; refused answers do not count', async () => {
    const limited = await startTestApp({ RATE_LIMIT_SUBMIT_PER_LINK: '2' });
    try {
      const lead = await createStaff(limited.db, org.organisationId, 'quality_lead');
      const s = await signIn(limited.url, lead.email, lead.password);
      const { link } = await publishedSurveyWithLink(s, { kind: 'open', unitId: org.unitId });
      const other = await publishedSurveyWithLink(s, { kind: 'open', unitId: org.unitId });
      const statuses = [];
      for (let i = 0; i < 3; i++)
        statuses.push((await submitTo(limited.url, link.token, { overall: 3 })).status);
      expect(statuses).toEqual([201, 201, 429]);
      const throttled = await submitTo(limited.url, link.token, { overall: 3 });
      expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await submitTo(limited.url, other.link.token, { overall: 3 })).status).toBe(201);
    } finally {
      await limited.close();
    }
  });
});

describe('Redis unreachable during a submission', () => {
  it('the response is still stored with its outbox row, and rate limiting falls back to the process', async () => {
    const port = await freePort();
    const redis = await startThrowawayRedis(port);
    const withRedis = await startTestApp({
      REDIS_URL: `redis://127.0.0.1:${port}`,
      RATE_LIMIT_SUBMIT_PER_IP: '4',
    });
    try {
      const { link } = await publishedSurveyWithLink(staff, { kind: 'open', unitId: org.unitId });
      expect((await submitTo(withRedis.url, link.token, { overall: 5 })).status).toBe(201);

      redis.kill('SIGKILL');
      await new Promise((r) => redis.once('exit', r));
      const ready = await client(withRedis.url).request<{ checks: { redis: string } }>('GET', '/readyz');
      expect(ready.status).toBe(503);
      expect(ready.body.checks.redis).toBe('down');

      const started = Date.now();
      const during = await submitTo(withRedis.url, link.token, { overall: 4 });
      expect(during.status).toBe(201);
      // Generous: this is "does not wait for Redis", not a latency target (that is npm run bench).
      expect(Date.now() - started).toBeLessThan(10_000);
      const queued = await app.db.select().from(outbox).where(eq(outbox.aggregateId, during.body.id));
      expect(queued).toHaveLength(1);

      // The in-process insurance limiter counts from when it took over: 4 a minute, 1 used so far.
      const more = [];
      for (let i = 0; i < 4; i++)
        more.push((await submitTo(withRedis.url, link.token, { overall: 3 })).status);
      expect(more).toEqual([201, 201, 201, 429]);
      expect(await countWhere(link.id)).toBe(5);
    } finally {
      await withRedis.close();
      redis.kill('SIGKILL');
    }
  });

  it('a hung Redis (process stopped, connection open) delays a submission by a fraction of a second, no more', async () => {
    const port = await freePort();
    const redis = await startThrowawayRedis(port);
    const hung = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${port}` });
    try {
      await waitForRedis(hung.redis);
      const { link } = await publishedSurveyWithLink(staff, { kind: 'open', unitId: org.unitId });
      redis.kill('SIGSTOP');
      const started = Date.now();
      const res = await submitTo(hung.url, link.token, { overall: 5 });
      const elapsed = Date.now() - started;
      expect(res.status).toBe(201);
      // Bounded by the connection's command timeout (250 ms); generous here, as this is "does not
      // wait for Redis", not a latency target.
      expect(elapsed).toBeLessThan(10_000);
      expect(await countWhere(link.id)).toBe(1);
    } finally {
      redis.kill('SIGCONT');
      await hung.close();
      redis.kill('SIGKILL');
    }
  });

  it('with no Redis at all from the start, a submission is stored', async () => {
    const port = await freePort();
    const noRedis = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${port}` });
    try {
      const { link } = await publishedSurveyWithLink(staff, { kind: 'open', unitId: org.unitId });
      const res = await submitTo(noRedis.url, link.token, { overall: 5 });
      expect(res.status).toBe(201);
      const [stored] = await app.db.select().from(responses).where(eq(responses.id, res.body.id));
      expect(stored).toBeDefined();
    } finally {
      await noRedis.close();
    }
  });
});
