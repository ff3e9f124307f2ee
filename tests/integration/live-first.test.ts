import { sql } from 'drizzle-orm';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { queryRows } from '../../server/src/db/client';
import { HISTORY_ANALYSIS_PRIORITY, JOB_FEEDBACK_ANALYSE, queuePrefix } from '../../shared/src/jobs';
import { parseWorkerConfig } from '../../workers/src/config';
import { runWorkers, type TRunningWorkers } from '../../workers/src/main';
import { startTestApp, type TTestApp } from '../support/app';
import { createOrg, createStaff, type TOrgFixture } from '../support/fixtures';
import { signIn, submitAnswers, type TClient } from '../support/http';
import { FEEDBACK_SURVEY, publishedSurveyWithLink } from '../support/surveys';
import { countAnalysed, waitFor, workerEnv } from '../support/workers';

let app: TTestApp;
let org: TOrgFixture;
let lead: TClient;
const running: TRunningWorkers[] = [];

beforeAll(async () => {
  app = await startTestApp();
  org = await createOrg(app.db);
  const l = await createStaff(app.db, org.organisationId, 'quality_lead');
  lead = await signIn(app.url, l.email, l.password);
});

afterAll(async () => {
  for (const w of running) await w.stop();
  await app?.close();
});

const BACKLOG = 40;

describe('live feedback first, imported history later', () => {
  it('a live response overtakes a queued backlog of imported ones', async () => {
    const { link, survey } = await publishedSurveyWithLink(
      lead,
      { kind: 'open', unitId: org.unitId },
      FEEDBACK_SURVEY,
    );
    const day = new Date(Date.now() - 200 * 86_400_000).toISOString();
    const rows = Array.from({ length: BACKLOG }, (_, i) => ({
      externalId: `h-${i}`,
      submittedAt: day,
      unitId: org.unitId,
      answers: { fft: 'good', good: `The nurses on the ward were kind, visit ${i}` },
    }));
    const imported = await lead.request<{ imported: number }>(
      'POST',
      `/api/v1/surveys/${survey.id}/responses/import`,
      rows.map((r) => JSON.stringify(r)).join('\n') + '\n',
      { 'content-type': 'application/x-ndjson' },
    );
    expect(imported.body.imported).toBe(BACKLOG);
    // The live response arrives after the whole backlog: its outbox row is the last.
    const live = await submitAnswers(app.url, link.token, {
      fft: 'poor',
      better: 'Nobody answered the call bell',
    });

    // The relay alone first, so the whole backlog is queued before any worker takes a job.
    const config = parseWorkerConfig(workerEnv(app, { WORKER_CONCURRENCY: '1' }));
    running.push(await runWorkers(config, { relay: true, work: false }));
    await waitFor('the backlog and the live response queued', async () => {
      const [row] = await queryRows<{ n: string }>(
        app.db,
        sql`SELECT count(*) AS n FROM outbox o JOIN responses r ON r.id = o.aggregate_id
            WHERE r.survey_id = ${survey.id} AND o.published_at IS NOT NULL`,
      );
      return Number(row!.n) === BACKLOG + 1;
    });
    const redis = new Redis(app.config.REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue(JOB_FEEDBACK_ANALYSE, {
      connection: redis,
      prefix: queuePrefix(app.config.REDIS_PREFIX),
    });
    // Other suites' responses may share the database: look at this survey's jobs only.
    const ids = await queryRows<{ id: string }>(
      app.db,
      sql`SELECT id FROM responses WHERE survey_id = ${survey.id}`,
    );
    const mine = new Set(ids.map((r) => r.id));
    const waiting = (await queue.getJobs(['prioritized', 'wait'])).filter((j) =>
      mine.has((j.data as { responseId: string }).responseId),
    );
    expect(waiting).toHaveLength(BACKLOG + 1);
    const liveJob = waiting.find((j) => (j.data as { responseId: string }).responseId === live)!;
    expect(liveJob.opts.priority ?? 0).toBe(0);
    for (const job of waiting.filter((j) => j !== liveJob)) {
      expect(job.opts.priority).toBe(HISTORY_ANALYSIS_PRIORITY);
    }
    await queue.close();
    redis.disconnect();

    running.push(await runWorkers(config, { relay: false }));
    await waitFor(
      'every response analysed',
      async () =>
        (await countAnalysed(
          app.db,
          ids.map((r) => r.id),
        )) ===
        BACKLOG + 1,
      60_000,
    );
    const order = await queryRows<{ response_id: string }>(
      app.db,
      sql`SELECT ra.response_id FROM response_analyses ra JOIN responses r ON r.id = ra.response_id
          WHERE r.survey_id = ${survey.id} ORDER BY ra.analysed_at, ra.response_id`,
    );
    expect(order[0]!.response_id).toBe(live);
  });
});
