import { sql } from 'drizzle-orm';
import { Client } from 'pg';
import { queryRows } from '../../server/src/db/client';
import { rebuildRollups, snapshotRollups } from '../../server/src/features/analysis/analysis.service';
import { signIn } from '../support/http';
import { FEEDBACK_SURVEY, publishedSurveyWithLink } from '../support/surveys';
import { pipelineReady } from './setup';
import {
  counts,
  startProcess,
  startStack,
  steadySubmissions,
  waitUntil,
  type TAppProcess,
  type TStack,
} from './stack';

const answers = (i: number) => ({
  nps: i % 11,
  overall: (i % 5) + 1,
  better: `The wait was long, visit ${i}`,
});

let stack: TStack;
let server: TAppProcess;
let worker: TAppProcess;
let surveyId: string;
let token: string;

beforeAll(async () => {
  stack = await startStack();
  server = await startProcess('server', stack.env);
  worker = await startProcess('worker', stack.env);
  const admin = await signIn(server.url, stack.env.ADMIN_EMAIL!, stack.env.ADMIN_PASSWORD!);
  const org = await admin.request<{ sites: { departments: { units: { id: string }[] }[] }[] }>(
    'GET',
    '/api/v1/org',
  );
  let unitId = org.body.sites[0]?.departments[0]?.units[0]?.id;
  if (!unitId) {
    const site = await admin.request<{ id: string }>('POST', '/api/v1/org/sites', { name: 'General' });
    const dept = await admin.request<{ id: string }>('POST', '/api/v1/org/departments', {
      siteId: site.body.id,
      name: 'Medicine',
    });
    unitId = (
      await admin.request<{ id: string }>('POST', '/api/v1/org/units', {
        departmentId: dept.body.id,
        name: 'Ward 7',
      })
    ).body.id;
  }
  const published = await publishedSurveyWithLink(admin, { kind: 'open', unitId }, FEEDBACK_SURVEY);
  surveyId = published.survey.id;
  token = published.link.token;
  await pipelineReady(stack, server, { surveyId, token });
}, 300_000);

afterAll(async () => {
  await server?.kill();
  await worker?.kill();
  await stack?.close();
});

async function expectRollupsEqualRebuild(): Promise<void> {
  const incremental = await snapshotRollups(stack.database.db);
  await rebuildRollups(stack.database.db);
  expect(await snapshotRollups(stack.database.db)).toEqual(incremental);
}

describe('PostgreSQL faults', () => {
  it('restarted during a stream of submissions: 503 with Retry-After (never a 500), each retried key stored once', async () => {
    const before = await counts(stack.database, surveyId);
    const stream = steadySubmissions(server.url, token, answers, { perSecond: 10, ms: 20_000 });
    await new Promise((r) => setTimeout(r, 5_000));
    await stack.pg.stop();
    await new Promise((r) => setTimeout(r, 5_000));
    await stack.pg.start();
    const log = await stream;

    const statuses = log.answers.map((a) => a.status);
    expect(statuses.filter((s) => s >= 500 && s !== 503)).toEqual([]);
    expect(statuses).toContain(503);
    expect(log.answers.filter((a) => a.status === 503).every((a) => Number(a.retryAfter) > 0)).toBe(true);
    expect(log.pending).toBe(0);
    // Exactly once each: as many stored as respondents, and a replay of every key gives its first id.
    const after = await counts(stack.database, surveyId);
    expect(after.stored - before.stored).toBe(log.stored.size);
    for (const [key, id] of [...log.stored].slice(0, 20)) {
      const replay = await fetch(`${server.url}/api/v1/public/surveys/${token}/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({ answers: answers(Number(key.split('-')[1])) }),
      });
      expect(((await replay.json()) as { id: string }).id).toBe(id);
    }
    expect((await counts(stack.database, surveyId)).stored).toBe(after.stored);
    // Nothing lost on the way to analysis either.
    await waitUntil(
      async () => (await counts(stack.database, surveyId)).analysed === after.stored,
      120_000,
      'analysis',
    ).catch(async (err: Error) => {
      const now = await counts(stack.database, surveyId);
      throw new Error(`${err.message}: ${JSON.stringify(now)}; worker said: ${worker.stderr().slice(-2000)}`);
    });
    await expectRollupsEqualRebuild();
  }, 300_000);

  it('slow (a held lock): submissions are shed with 503 within the time budget, not queued without bound', async () => {
    const holder = new Client({ connectionString: stack.pg.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE responses IN ACCESS EXCLUSIVE MODE');
      const started = Date.now();
      const replies = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          fetch(`${server.url}/api/v1/public/surveys/${token}/responses`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': `held-${i}-${Date.now()}` },
            body: JSON.stringify({ answers: answers(i) }),
          }).then(async (res) => ({
            status: res.status,
            retryAfter: res.headers.get('retry-after'),
            ms: Date.now() - started,
          })),
        ),
      );
      expect(replies.map((r) => r.status)).toEqual(replies.map(() => 503));
      expect(replies.every((r) => Number(r.retryAfter) > 0)).toBe(true);
      // The submit path's budget is a few seconds; the pool's wait and the lock timeout bound it.
      expect(Math.max(...replies.map((r) => r.ms))).toBeLessThan(15_000);
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end();
    }
    // With the lock gone, the same path stores again.
    const res = await fetch(`${server.url}/api/v1/public/surveys/${token}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `after-${Date.now()}` },
      body: JSON.stringify({ answers: answers(1) }),
    });
    expect(res.status).toBe(201);
  }, 120_000);

  it('every pool has a statement timeout', async () => {
    const rows = await queryRows<{ pid: number; application_name: string; setting: string }>(
      stack.database.db,
      sql`SELECT current_setting('statement_timeout') AS setting`,
    );
    expect(rows[0]!.setting).not.toBe('0');
  });
});
