import { rebuildRollups, snapshotRollups } from '../../server/src/features/analysis/analysis.service';
import { feedback, pipelineReady, surveyOnStack } from './setup';
import {
  counts,
  startProcess,
  startStack,
  steadySubmissions,
  waitUntil,
  type TAppProcess,
  type TStack,
} from './stack';

let stack: TStack;
let server: TAppProcess;
let relay: TAppProcess;
let worker: TAppProcess;
let survey: { surveyId: string; token: string };

beforeAll(async () => {
  stack = await startStack();
  server = await startProcess('server', stack.env);
  relay = await startProcess('relay', stack.env);
  worker = await startProcess('worker', { ...stack.env, RUN_RELAY: 'false' });
  survey = await surveyOnStack(stack, server);
  await pipelineReady(stack, server, survey);
}, 300_000);

afterAll(async () => {
  for (const p of [server, relay, worker]) await p?.kill();
  await stack?.close();
}, 60_000);

async function expectRollupsEqualRebuild(): Promise<void> {
  const incremental = await snapshotRollups(stack.database.db);
  await rebuildRollups(stack.database.db);
  expect(await snapshotRollups(stack.database.db)).toEqual(incremental);
}

describe('Redis faults', () => {
  it('down for 30 s during a steady stream: every submission accepted and stored, all analysed within 2 minutes of Redis returning', async () => {
    const before = await counts(stack.database, survey.surveyId);
    const stream = steadySubmissions(server.url, survey.token, feedback, { perSecond: 5, ms: 40_000 });
    await new Promise((r) => setTimeout(r, 5_000));
    await stack.redis.kill();
    await new Promise((r) => setTimeout(r, 30_000));
    await stack.redis.start();
    const back = Date.now();
    const log = await stream;
    // Redis is not on the submit path's critical side: nothing was refused while it was away.
    expect(log.answers.map((a) => a.status).filter((s) => s !== 201)).toEqual([]);
    expect(log.pending).toBe(0);
    const stored = (await counts(stack.database, survey.surveyId)).stored - before.stored;
    expect(stored).toBe(log.stored.size);
    const waited = await waitUntil(
      async () => {
        const now = await counts(stack.database, survey.surveyId);
        return now.analysed === now.stored;
      },
      120_000,
      'every response analysed',
    );
    expect(Date.now() - back).toBeLessThan(120_000 + waited);
    await expectRollupsEqualRebuild();
  }, 300_000);

  it('restarted empty with jobs queued (jobs lost): every response analysed within 2 minutes of Redis returning', async () => {
    // No worker: the relay moves the responses to the queue, and they wait there.
    await worker.kill();
    const before = await counts(stack.database, survey.surveyId);
    const log = await steadySubmissions(server.url, survey.token, feedback, { perSecond: 20, ms: 3_000 });
    await new Promise((r) => setTimeout(r, 3_000));
    expect((await counts(stack.database, survey.surveyId)).analysed).toBe(before.analysed);
    await stack.redis.kill();
    await stack.redis.start();
    const back = Date.now();
    worker = await startProcess('worker', { ...stack.env, RUN_RELAY: 'false' });
    await waitUntil(
      async () => {
        const now = await counts(stack.database, survey.surveyId);
        return now.stored === before.stored + log.stored.size && now.analysed === now.stored;
      },
      120_000,
      'the lost jobs queued again and analysed',
    );
    expect(Date.now() - back).toBeLessThan(120_000);
    await expectRollupsEqualRebuild();
  }, 300_000);
});
