import { spawn, type ChildProcess } from 'node:child_process';
import type { TRunningWorkers } from '../../workers/src/main';
import { startTestApp, type TTestApp } from '../support/app';
import { TEST_DATABASE_URL } from '../support/env';
import { createOrg, createStaff } from '../support/fixtures';
import { signIn, submitAnswers } from '../support/http';
import { connectBoard, record, watch, type TBoardSocket } from '../support/live';
import { waitForRedis } from '../../server/src/redis';
import { analyseResponse } from '../../workers/src/processors/analyse-feedback.processor';
import { freePort, startThrowawayRedis } from '../support/redis-server';
import { publishedTemplateWithLink } from '../support/surveys';
import { startTestWorkers, waitFor } from '../support/workers';

let app: TTestApp;
let workers: TRunningWorkers;
const children: ChildProcess[] = [];
const sockets: TBoardSocket[] = [];

beforeAll(async () => {
  app = await startTestApp();
  workers = await startTestWorkers(app);
});

afterAll(async () => {
  for (const s of sockets) s.close();
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(
    children.map((c) => new Promise((r) => (c.exitCode === null ? c.once('exit', r) : r(null)))),
  );
  await workers?.stop();
  await app?.close();
});

/** `npm run server` as its own process, sharing the database and Redis (and key prefix) with the rest. */
async function startServerProcess(): Promise<string> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      PORT: String(port),
      PUBLIC_URL: url,
      DATABASE_URL: TEST_DATABASE_URL,
      REDIS_URL: app.config.REDIS_URL,
      REDIS_PREFIX: app.config.REDIS_PREFIX,
    },
    stdio: 'ignore',
  });
  children.push(child);
  await waitFor(
    `the server on ${url}`,
    async () => (await fetch(`${url}/readyz`).catch(() => null))?.status === 200,
    30_000,
  );
  return url;
}

/** An organisation with a quality lead and an NHS FFT link on its first unit, in the given app. */
async function wardWithLead(on: TTestApp = app) {
  const org = await createOrg(on.db);
  const lead = await createStaff(on.db, org.organisationId, 'quality_lead');
  const asLead = await signIn(on.url, lead.email, lead.password);
  const { link } = await publishedTemplateWithLink(asLead, 'nhs-fft', { kind: 'open', unitId: org.unitId });
  return { org, asLead, token: link.token };
}

/** A board in the given app following the ward's unit, and five submissions to it (not analysed). */
async function boardWithSubmissions(on: TTestApp) {
  const { org, asLead, token } = await wardWithLead(on);
  const board = await connectBoard(on.url, { cookie: asLead.cookie });
  sockets.push(board);
  const figures = await watch(board, { level: 'unit', id: org.unitId });
  const ids: string[] = [];
  for (let i = 0; i < 5; i += 1) ids.push(await submitAnswers(on.url, token, { fft: 'good' }));
  return { board, figures, ids };
}

describe('live boards across processes and reconnections', () => {
  it('two server processes both deliver the update to their boards', async () => {
    const [first, second] = await Promise.all([startServerProcess(), startServerProcess()]);
    const { org, asLead, token } = await wardWithLead();
    // One sign-in: sessions live in Redis, so either server knows it.
    const boards = await Promise.all(
      [first!, second!].map((url) => connectBoard(url, { cookie: asLead.cookie, origin: url })),
    );
    sockets.push(...boards);
    const figures = await Promise.all(boards.map((b) => watch(b, { level: 'unit', id: org.unitId })));

    for (let i = 0; i < 5; i += 1) await submitAnswers(first!, token, { fft: 'good' });
    for (const board of figures) {
      await waitFor('both servers’ pushes', async () => board().totals.responses.value === 5, 20_000);
    }
  }, 90_000);

  it('a board that loses its connection gets the update it missed when it reconnects', async () => {
    const { org, asLead, token } = await wardWithLead();
    const scope = { level: 'unit' as const, id: org.unitId };
    const [watcher, dropping] = await Promise.all([
      connectBoard(app.url, { cookie: asLead.cookie }),
      connectBoard(app.url, { cookie: asLead.cookie }),
    ]);
    sockets.push(watcher!, dropping!);
    const watched = await watch(watcher!, scope);
    const board = await watch(dropping!, scope);
    const pushes = record(dropping!, 'summary:updated');
    // Recovery resumes after the last push a board received, so it has had one.
    await submitAnswers(app.url, token, { fft: 'good' });
    await waitFor('a first push', async () => pushes.length === 1, 20_000);

    // The network drops (the transport closes under the board) and stays down for a while.
    dropping!.io.reconnection(false);
    dropping!.io.engine.close();
    await waitFor('the drop', async () => !dropping!.connected, 5000);
    for (let i = 0; i < 5; i += 1) await submitAnswers(app.url, token, { fft: 'good' });
    await waitFor(
      'the push, seen by a board still connected',
      async () => watched().totals.responses.value === 6,
      20_000,
    );
    expect(pushes).toHaveLength(1);

    dropping!.connect();
    await waitFor('the reconnection', async () => dropping!.connected, 5000);
    expect(dropping!.recovered).toBe(true);
    await waitFor('the missed push, replayed', async () => pushes.length > 1, 5000);
    expect(board().totals.responses.value).toBe(6);
  });

  it('a board catches up on analyses whose live event was lost, within the re-read interval', async () => {
    const quiet = await startTestApp({ LIVE_RECONCILE_SECONDS: '1' });
    try {
      const { figures, ids } = await boardWithSubmissions(quiet);
      // Analysed without any event reaching the stream (as when Redis was away as the worker finished).
      for (const id of ids) await analyseResponse(quiet.db, id);
      await waitFor('the re-read', async () => figures().totals.responses.value === 5, 10_000);
    } finally {
      await quiet.close();
    }
  });

  it('after Redis comes back, every server re-reads its boards at once', async () => {
    const port = await freePort();
    let redis = await startThrowawayRedis(port);
    // A re-read interval far beyond the test: only the reconnection can explain the update.
    const isolated = await startTestApp({
      REDIS_URL: `redis://127.0.0.1:${port}`,
      LIVE_RECONCILE_SECONDS: '3600',
    });
    try {
      await waitForRedis(isolated.redis);
      const { board, figures, ids } = await boardWithSubmissions(isolated);

      redis.kill('SIGKILL');
      await new Promise((r) => redis.once('exit', r));
      for (const id of ids) await analyseResponse(isolated.db, id);
      redis = await startThrowawayRedis(port);
      await waitFor(
        'the re-read after reconnecting',
        async () => figures().totals.responses.value === 5,
        15_000,
      );
      expect(board.connected).toBe(true);
    } finally {
      await isolated.close();
      redis.kill('SIGKILL');
    }
  });
});
