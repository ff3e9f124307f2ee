import net from 'node:net';
import { sql } from 'drizzle-orm';
import Redis from 'ioredis';
import { queryRows } from '../../server/src/db/client';
import { rebuildRollups, snapshotRollups } from '../../server/src/features/analysis/analysis.service';
import { signIn } from '../support/http';
import { connectBoard, watch } from '../support/live';
import { freePort } from '../support/redis-server';
import { feedback, surveyOnStack } from './setup';
import { counts, startProcess, startStack, submitN, waitUntil, type TAppProcess, type TStack } from './stack';

let stack: TStack;
let server: TAppProcess;
let relay: TAppProcess;
let worker: TAppProcess | null = null;
let survey: { surveyId: string; token: string; unitId: string };

beforeAll(async () => {
  stack = await startStack();
  server = await startProcess('server', stack.env);
  relay = await startProcess('relay', stack.env);
  survey = await surveyOnStack(stack, server);
}, 120_000);

afterAll(async () => {
  for (const p of [server, relay, worker]) await p?.kill();
  await stack?.close();
}, 60_000);

async function expectRollupsEqualRebuild(): Promise<void> {
  const incremental = await snapshotRollups(stack.database.db);
  await rebuildRollups(stack.database.db);
  expect(await snapshotRollups(stack.database.db)).toEqual(incremental);
}

const allAnalysed = async () => {
  const now = await counts(stack.database, survey.surveyId);
  return now.analysed === now.stored;
};

describe('process faults', () => {
  it('a worker SIGKILLed mid-batch: a new worker finishes the batch, each response analysed once, rollups equal a rebuild', async () => {
    const before = await counts(stack.database, survey.surveyId);
    await submitN(server.url, survey.token, feedback, 300);
    worker = await startProcess('worker', { ...stack.env, RUN_RELAY: 'false' });
    await waitUntil(
      async () => (await counts(stack.database, survey.surveyId)).analysed >= before.analysed + 20,
      60_000,
      'the batch under way',
    );
    await worker.kill('SIGKILL');
    const atKill = await counts(stack.database, survey.surveyId);
    expect(atKill.analysed).toBeLessThan(atKill.stored);
    worker = await startProcess('worker', { ...stack.env, RUN_RELAY: 'false' });
    await waitUntil(allAnalysed, 120_000, 'every response analysed');
    const [dupes] = await queryRows<{ n: string }>(
      stack.database.db,
      sql`SELECT count(*) AS n FROM (SELECT response_id FROM response_analyses GROUP BY response_id HAVING count(*) > 1) d`,
    );
    expect(Number(dupes!.n)).toBe(0);
    await expectRollupsEqualRebuild();
  }, 300_000);

  it('the outbox relay killed between claiming rows and queueing them: the rows are relayed again, once', async () => {
    // Redis refuses writes for a while: the relay claims a batch (its transaction open) and waits on
    // Redis to queue it.
    const control = new Redis(stack.redis.url);
    await control.call('CLIENT', 'PAUSE', '60000', 'WRITE');
    try {
      const before = await counts(stack.database, survey.surveyId);
      const ids = await submitN(server.url, survey.token, feedback, 20);
      await waitUntil(
        async () => {
          const [row] = await queryRows<{ n: string }>(
            stack.database.db,
            sql`SELECT count(*) AS n FROM pg_stat_activity WHERE state = 'idle in transaction'
                AND query ILIKE '%FOR UPDATE OF o SKIP LOCKED%'`,
          );
          return Number(row!.n) > 0;
        },
        20_000,
        'the relay holding claimed rows',
      );
      await relay.kill('SIGKILL');
      await control.call('CLIENT', 'UNPAUSE');
      relay = await startProcess('relay', stack.env);
      await waitUntil(
        async () => {
          const now = await counts(stack.database, survey.surveyId);
          return now.stored === before.stored + ids.length && now.analysed === now.stored;
        },
        120_000,
        'the claimed rows relayed again and analysed',
      );
      const [row] = await queryRows<{ unpublished: string; max: string }>(
        stack.database.db,
        sql`SELECT count(*) FILTER (WHERE published_at IS NULL) AS unpublished, max(attempts) AS max FROM outbox`,
      );
      expect(Number(row!.unpublished)).toBe(0);
      // Killed before its transaction committed: the claim left no trace, each row was queued once.
      expect(Number(row!.max)).toBe(1);
      await expectRollupsEqualRebuild();
    } finally {
      await control.call('CLIENT', 'UNPAUSE').catch(() => undefined);
      control.disconnect();
    }
  }, 300_000);

  it('a server killed while boards are connected: the boards reconnect to another server and catch up', async () => {
    // Two servers behind one address, as behind a load balancer: a TCP proxy to the first one alive.
    const proxyPort = await freePort();
    const proxyUrl = `http://127.0.0.1:${proxyPort}`;
    const env = { ...stack.env, PUBLIC_URL: proxyUrl };
    const first = await startProcess('server', env);
    const second = await startProcess('server', env);
    const backends = [first, second];
    const proxy = net.createServer((client) => {
      const target = backends.find((b) => b.proc.exitCode === null && b.proc.signalCode === null);
      if (!target) return client.destroy();
      const upstream = net.connect(Number(new URL(target.url).port), '127.0.0.1');
      for (const s of [client, upstream]) s.on('error', () => client.destroy());
      upstream.on('close', () => client.destroy());
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => proxy.listen(proxyPort, '127.0.0.1', () => resolve()));
    worker ??= await startProcess('worker', { ...stack.env, RUN_RELAY: 'false' });
    try {
      const admin = await signIn(proxyUrl, stack.env.ADMIN_EMAIL!, stack.env.ADMIN_PASSWORD!);
      const board = await connectBoard(proxyUrl, { cookie: admin.cookie });
      const scope = { level: 'unit' as const, id: survey.unitId };
      let figures = await watch(board, scope);
      // The app's board subscribes again on every reconnection; so does this one.
      board.on('connect', () => {
        void watch(board, scope).then((f) => (figures = f));
      });
      await waitUntil(allAnalysed, 120_000, 'the earlier responses analysed');
      const start = figures().totals.responses.value ?? 0;

      await first.kill('SIGKILL');
      // Through the same address; a connection still open to the killed server fails once and is retried,
      // as a respondent's page retries.
      await submitN(proxyUrl, survey.token, feedback, 5);
      await waitUntil(async () => board.connected, 30_000, 'the board reconnected to the other server');
      await waitUntil(
        async () => (figures().totals.responses.value ?? 0) === start + 5,
        60_000,
        'the board caught up',
      );
      board.close();
    } finally {
      proxy.close();
      await first.kill();
      await second.kill();
    }
  }, 300_000);
});
