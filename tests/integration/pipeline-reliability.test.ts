import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { Queue } from 'bullmq';
import { inArray, sql } from 'drizzle-orm';
import Redis from 'ioredis';
import { openDatabase, queryRows } from '../../server/src/db/client';
import { outbox } from '../../server/src/db/schema';
import { rebuildRollups, snapshotRollups } from '../../server/src/features/analysis/analysis.service';
import { createLogger } from '../../server/src/logger';
import type { TPipelineHealth } from '../../shared/src/api/ops';
import { JOB_FEEDBACK_ANALYSE, queuePrefix } from '../../shared/src/jobs';
import { outboxJobId } from '../../workers/src/queues';
import { startOutboxRelay } from '../../workers/src/relay/outbox-relay';
import { startTestApp, type TTestApp } from '../support/app';
import { TEST_DATABASE_URL } from '../support/env';
import { createOrg, createStaff, type TOrgFixture } from '../support/fixtures';
import { signIn, submitAnswers, type TClient } from '../support/http';
import { freePort, startThrowawayRedis } from '../support/redis-server';
import { FEEDBACK_SURVEY, publishedSurveyWithLink } from '../support/surveys';
import { countAnalysed, startTestWorkers, waitFor, workerEnv } from '../support/workers';

const NO_LIMITS = { RATE_LIMIT_SUBMIT_PER_IP: '100000', RATE_LIMIT_SUBMIT_PER_LINK: '100000' };
const silent = createLogger('silent', 'test');

let app: TTestApp;
let org: TOrgFixture;
let lead: TClient;
let admin: TClient;

beforeAll(async () => {
  app = await startTestApp(NO_LIMITS);
  org = await createOrg(app.db);
  const user = await createStaff(app.db, org.organisationId, 'quality_lead');
  lead = await signIn(app.url, user.email, user.password);
  const adminUser = await createStaff(app.db, org.organisationId, 'admin');
  admin = await signIn(app.url, adminUser.email, adminUser.password);
});

afterAll(async () => {
  await app?.close();
});

const answers = (i: number) => ({
  nps: i % 11,
  overall: (i % 5) + 1,
  better: `Comment number ${i}: the wait was long`,
});

async function submitMany(baseUrl: string, token: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  // A few at a time, like several phones at once.
  for (let i = 0; i < n; i += 10) {
    const batch = Array.from({ length: Math.min(10, n - i) }, (_, k) =>
      submitAnswers(baseUrl, token, answers(i + k)),
    );
    ids.push(...(await Promise.all(batch)));
  }
  return ids;
}

async function rollupResponses(surveyId: string): Promise<number> {
  const [row] = await queryRows<{ n: string | null }>(
    app.db,
    sql`SELECT sum(responses) AS n FROM rollup_responses WHERE span = 'day' AND survey_id = ${surveyId}`,
  );
  return Number(row?.n ?? 0);
}

async function expectRollupsEqualRebuild(): Promise<void> {
  const incremental = await snapshotRollups(app.db, org.organisationId);
  await rebuildRollups(app.db);
  expect(await snapshotRollups(app.db, org.organisationId)).toEqual(incremental);
}

describe('pipeline failures', () => {
  it('with Redis stopped, 100 responses submitted and Redis restarted, all 100 are analysed, once each', async () => {
    const port = await freePort();
    let redis = await startThrowawayRedis(port);
    const withRedis = await startTestApp({ ...NO_LIMITS, REDIS_URL: `redis://127.0.0.1:${port}` });
    const workers = await startTestWorkers(withRedis);
    try {
      const { link, survey } = await publishedSurveyWithLink(
        lead,
        { kind: 'open', unitId: org.unitId },
        FEEDBACK_SURVEY,
      );
      redis.kill('SIGKILL');
      await new Promise((r) => redis.once('exit', r));

      const ids = await submitMany(withRedis.url, link.token, 100);
      await new Promise((r) => setTimeout(r, 500));
      expect(await countAnalysed(app.db, ids)).toBe(0);

      redis = await startThrowawayRedis(port);
      await waitFor('all 100 analysed', async () => (await countAnalysed(app.db, ids)) === 100, 60_000);
      // Once each: the rollups count every response one time, and each outbox row was relayed once.
      expect(await rollupResponses(survey.id)).toBe(100);
      const rows = await app.db.select().from(outbox).where(inArray(outbox.aggregateId, ids));
      expect(rows.every((r) => r.publishedAt !== null && r.attempts === 1)).toBe(true);
    } finally {
      await workers.stop();
      await withRedis.close();
      redis.kill('SIGKILL');
    }
  }, 120_000);

  it('a worker killed with SIGKILL mid-batch and restarted: every response analysed, rollups equal a rebuild', async () => {
    const { link, survey } = await publishedSurveyWithLink(
      lead,
      { kind: 'open', unitId: org.unitId },
      FEEDBACK_SURVEY,
    );
    // Submitted before any worker runs, so the batch is waiting when the first worker starts.
    const ids = await submitMany(app.url, link.token, 400);
    let worker = startWorkerProcess();
    try {
      await waitFor('the batch under way', async () => (await countAnalysed(app.db, ids)) >= 20, 60_000);
      worker.kill('SIGKILL');
      await new Promise((r) => worker.once('exit', r));
      const atKill = await countAnalysed(app.db, ids);
      expect(atKill).toBeLessThan(ids.length);

      worker = startWorkerProcess();
      await waitFor(
        'all 400 analysed',
        async () => (await countAnalysed(app.db, ids)) === ids.length,
        90_000,
      );
      expect(await rollupResponses(survey.id)).toBe(ids.length);
      await expectRollupsEqualRebuild();
    } finally {
      worker.kill('SIGKILL');
    }
  }, 180_000);

  it('several relays at once move each outbox row to the queue exactly once, with job id = outbox id', async () => {
    const { link } = await publishedSurveyWithLink(
      lead,
      { kind: 'open', unitId: org.unitId },
      FEEDBACK_SURVEY,
    );
    const ids = await submitMany(app.url, link.token, 150);
    const prefix = queuePrefix(`relay${Date.now()}`);
    const connection = new Redis(app.config.REDIS_URL, { maxRetriesPerRequest: 1 });
    const queue = new Queue(JOB_FEEDBACK_ANALYSE, { connection, prefix });
    const relays = [1, 2, 3].map(() =>
      startOutboxRelay({
        db: app.db,
        queue,
        log: silent,
        batchSize: 20,
        idleMs: 10,
      }),
    );
    try {
      const mine = () => app.db.select().from(outbox).where(inArray(outbox.aggregateId, ids));
      await waitFor('all relayed', async () => (await mine()).every((r) => r.publishedAt !== null), 30_000);
      const rows = await mine();
      expect(rows.every((r) => r.attempts === 1)).toBe(true);
      const jobs = await Promise.all(rows.map((r) => queue.getJob(outboxJobId(r.id))));
      expect(jobs.map((j) => j?.data)).toEqual(rows.map((r) => ({ responseId: r.aggregateId })));
    } finally {
      await Promise.all(relays.map((r) => r.stop()));
      await queue.obliterate({ force: true });
      await queue.close();
      connection.disconnect();
    }
  });

  it('the relay survives a Postgres outage and catches up when it returns', async () => {
    const proxy = await startTcpProxy(5432);
    const url = new URL(TEST_DATABASE_URL);
    url.port = String(proxy.port);
    const database = await openDatabase({ url: url.toString(), dataDir: '' });
    const connection = new Redis(app.config.REDIS_URL, { maxRetriesPerRequest: 1 });
    const queue = new Queue(JOB_FEEDBACK_ANALYSE, { connection, prefix: queuePrefix(`pgdown${Date.now()}`) });
    const relay = startOutboxRelay({
      db: database.db,
      queue,
      log: silent,
      idleMs: 10,
      maxBackoffMs: 200,
    });
    try {
      const { link } = await publishedSurveyWithLink(
        lead,
        { kind: 'open', unitId: org.unitId },
        FEEDBACK_SURVEY,
      );
      proxy.down();
      const ids = await submitMany(app.url, link.token, 20);
      await new Promise((r) => setTimeout(r, 700));
      const unpublished = await app.db.select().from(outbox).where(inArray(outbox.aggregateId, ids));
      expect(unpublished.every((r) => r.publishedAt === null)).toBe(true);

      proxy.up();
      await waitFor(
        'relayed after Postgres returned',
        async () =>
          (await app.db.select().from(outbox).where(inArray(outbox.aggregateId, ids))).every(
            (r) => r.publishedAt,
          ),
        30_000,
      );
    } finally {
      await relay.stop();
      await queue.obliterate({ force: true });
      await queue.close();
      connection.disconnect();
      await database.close();
      await proxy.close();
    }
  });

  it('a job that cannot succeed ends in the failed set, is counted in the metrics, and nothing else is held up', async () => {
    const workers = await startTestWorkers(app, { RUN_RELAY: 'false' });
    const connection = new Redis(app.config.REDIS_URL, { maxRetriesPerRequest: 1 });
    const queue = new Queue(JOB_FEEDBACK_ANALYSE, {
      connection,
      prefix: queuePrefix(app.config.REDIS_PREFIX),
    });
    try {
      await queue.add(JOB_FEEDBACK_ANALYSE, { responseId: 'not-a-uuid' }, { jobId: 'broken-1', attempts: 3 });
      await waitFor('the job to fail', async () => (await queue.getFailedCount()) >= 1, 15_000);
      const [failed] = await queue.getFailed();
      expect(failed?.id).toBe('broken-1');
      expect(failed?.failedReason).toMatch(/job contract/);
      const metrics = await queue.getMetrics('failed');
      expect(metrics.meta.count).toBeGreaterThanOrEqual(1);

      // Operators see it without Redis tools: the pipeline health API and Prometheus metrics (admins).
      const health = await admin.request<TPipelineHealth>('GET', '/api/v1/ops/pipeline');
      expect(health.status).toBe(200);
      const analyse = health.body.queues!.find((q) => q.name === JOB_FEEDBACK_ANALYSE)!;
      expect(analyse.counts.failed).toBeGreaterThanOrEqual(1);
      expect(analyse.totals.failed).toBeGreaterThanOrEqual(1);
      expect(analyse.recentFailures[0]).toMatchObject({
        jobId: 'broken-1',
        responseId: 'not-a-uuid',
        attempts: 1,
      });
      const prometheus = await fetch(`${app.url}/api/v1/ops/metrics`, { headers: { cookie: admin.cookie! } });
      expect(await prometheus.text()).toMatch(/bullmq_job_failed_total\{queue="feedback\.analyse"\} [1-9]/);
      expect((await lead.request('GET', '/api/v1/ops/pipeline')).status).toBe(403);
    } finally {
      await workers.stop();
      await queue.close();
      connection.disconnect();
    }
  });
});

/** The worker as its own process, as deployed, so that SIGKILL is a real crash. */
function startWorkerProcess(): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'workers/src/main.ts'], {
    // A crashed worker's jobs are taken over once their lock lapses: short here, 30 s by default.
    env: { ...process.env, ...workerEnv(app, { WORKER_LOCK_MS: '2000' }) },
    stdio: 'ignore',
  });
}

/** A TCP proxy in front of Postgres that can drop every connection and refuse new ones: an outage. */
async function startTcpProxy(targetPort: number) {
  let isUp = true;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    if (!isUp) return client.destroy();
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)),
  );
  return {
    port,
    down() {
      isUp = false;
      for (const s of sockets) s.destroy();
    },
    up() {
      isUp = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
