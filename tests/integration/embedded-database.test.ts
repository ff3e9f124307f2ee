import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TEST_REDIS_URL } from '../support/env';
import { client, signIn } from '../support/http';
import type { TPipelineHealth } from '../../shared/src/api/ops';
import { freePort } from '../support/redis-server';
import type { TBoardSummary } from '../../shared/src/api/board';
import { connectBoard, watch } from '../support/live';
import { publishedSurveyWithLink, publishedTemplateWithLink } from '../support/surveys';
import type { TImpact, TSpcChart } from '../../shared/src/api/impact';
import type { TResponseImport, TResponseImportResult } from '../../shared/src/api/imports';
import { daysAgo, type TWindowAnswers } from '../support/impact-history';
import { waitFor } from '../support/workers';

/**
 * The tests below run in order against one process; the last one stops it.
 *
 * `npm start` on a fresh machine: the start script in its own process, on PGlite (no DATABASE_URL),
 * running the migrations, creating the administrator, serving a whole submission, analysing it with
 * the relay and worker it runs in the same process, and stopping cleanly on SIGTERM. PGlite runs in a child process because it loads its WebAssembly with a dynamic
 * import that jest's module sandbox does not allow.
 */
describe('npm start on the embedded database', () => {
  let dir: string;
  let proc: ChildProcess;
  let url: string;
  let output = '';

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'careloop-start-'));
    const port = await freePort();
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? dir,
      PORT: String(port),
      DATA_DIR: dir,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: `start${process.pid}`,
      ADMIN_EMAIL: 'first.admin@example.org',
      ADMIN_PASSWORD: 'a-long-enough-password',
      LOG_LEVEL: 'trace',
    };
    proc = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    proc.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    proc.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`start did not print its URL:\n${output}`)), 60_000);
      const onData = () => {
        const m = /CareLoop is running at (\S+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      };
      proc.stdout!.on('data', onData);
      proc.once('exit', (code) => reject(new Error(`start exited with ${code}:\n${output}`)));
    });
  }, 90_000);

  afterAll(() => {
    if (proc.exitCode === null) proc.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints its URL, signs in the administrator from the environment and stores a submission', async () => {
    expect(url).toMatch(/^http:\/\/localhost:\d+$/);
    expect(fs.existsSync(path.join(dir, 'pglite'))).toBe(true);
    const admin = await signIn(url, 'first.admin@example.org', 'a-long-enough-password');
    const { link, versionId } = await publishedSurveyWithLink(admin, { kind: 'single_use' });
    const submit = () =>
      client(url).request<{ id: string }>(
        'POST',
        `/api/v1/public/surveys/${link.token}/responses`,
        { versionId, answers: { overall: 5, better: 'Private remark by Jane Example' } },
        { 'idempotency-key': 'embedded-key-1' },
      );
    const first = await submit();
    expect(first.status).toBe(201);
    const replay = await submit();
    expect(replay.body.id).toBe(first.body.id);
    const other = await client(url).request('POST', `/api/v1/public/surveys/${link.token}/responses`, {
      answers: { overall: 5 },
    });
    expect(other.status).toBe(410);
  });

  let token = '';
  it('logs requests without the link token or what the respondent wrote', async () => {
    const lead = await signIn(url, 'first.admin@example.org', 'a-long-enough-password');
    const { link } = await publishedSurveyWithLink(lead, { kind: 'open' });
    token = link.token;
    const res = await client(url).request('POST', `/api/v1/public/surveys/${token}/responses`, {
      answers: { overall: 4, better: 'Private remark by Jane Example' },
    });
    expect(res.status).toBe(201);
    // The request line is written as the reply finishes; wait for it rather than for a fixed time.
    for (let i = 0; i < 100 && !output.includes('"route":"/public/surveys/:token/responses"'); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(output).toContain('"route":"/public/surveys/:token/responses"');
    expect(output).not.toContain(token);
    expect(output).not.toContain('Jane Example');
    expect(output).not.toContain('a-long-enough-password');
  });

  it('analyses the submissions with the outbox relay and worker running in the same process', async () => {
    const admin = await signIn(url, 'first.admin@example.org', 'a-long-enough-password');
    let health: TPipelineHealth | null = null;
    for (let i = 0; i < 200; i++) {
      health = (await admin.request<TPipelineHealth>('GET', '/api/v1/ops/pipeline')).body;
      if (health.outbox.unpublished === 0 && (health.queues?.[0]?.totals.completed ?? 0) >= 2) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(health?.outbox.unpublished).toBe(0);
    expect(health?.queues?.[0]).toMatchObject({ name: 'feedback.analyse', counts: { failed: 0 } });
    expect(health?.queues?.[0]?.totals.completed).toBeGreaterThanOrEqual(2);
    expect(output).toContain('"msg":"response analysed"');
  });

  it('serves the organisation’s board from the rollups, and pushes its changes live', async () => {
    const admin = await signIn(url, 'first.admin@example.org', 'a-long-enough-password');
    const board = await connectBoard(url, { cookie: admin.cookie });
    try {
      const figures = await watch(board, { level: 'organisation' }, '7d');
      const before = figures().totals.responses;
      // Two responses so far: fewer than k, so hidden.
      expect(before.hidden).toBe('small');
      const { link } = await publishedSurveyWithLink(admin, { kind: 'open' });
      for (let i = 0; i < 4; i += 1) {
        const res = await client(url).request(
          'POST',
          `/api/v1/public/surveys/${link.token}/responses`,
          {
            answers: { overall: 3 },
          },
          { 'idempotency-key': crypto.randomUUID() },
        );
        expect(res.status).toBe(201);
      }
      await waitFor('the live board update', async () => figures().totals.responses.value === 6, 20_000);
      const summary = await admin.request<TBoardSummary>(
        'GET',
        '/api/v1/board/summary?level=organisation&period=7d',
      );
      expect(summary.body.totals.responses.value).toBe(6);
    } finally {
      board.close();
    }
  });

  it('imports a history, finds the change’s fall in FFT positive and charts the ward, and a repeated file is all duplicates', async () => {
    const admin = await signIn(url, 'first.admin@example.org', 'a-long-enough-password');
    const site = await admin.request<{ id: string }>('POST', '/api/v1/org/sites', { name: 'History site' });
    const dept = await admin.request<{ id: string }>('POST', '/api/v1/org/departments', {
      siteId: site.body.id,
      name: 'History department',
    });
    const [ward, other, comparison] = await Promise.all(
      ['Ward H1', 'Ward H2', 'Ward H3'].map(async (name) => {
        const unit = await admin.request<{ id: string }>('POST', '/api/v1/org/units', {
          departmentId: dept.body.id,
          name,
        });
        expect(unit.status).toBe(201);
        return unit.body.id;
      }),
    );
    // Go-live 105 days ago: the default windows (84 days, 14 settling) end 8 days ago.
    const change = await admin.request<{ id: string }>('POST', '/api/v1/changes', {
      name: 'Electronic observations',
      kind: 'ehr_module',
      unitIds: [ward, other],
      goLiveDate: daysAgo(105).slice(0, 10),
    });
    expect(change.status).toBe(201);
    const { survey } = await publishedTemplateWithLink(admin, 'nhs-fft', { kind: 'open' });
    const windows: TWindowAnswers[] = [ward!, other!, comparison!].flatMap((unitId) => [
      { unitId, count: 60, fromDaysAgo: 189, toDaysAgo: 106, good: 0.9 },
      {
        unitId,
        count: 60,
        fromDaysAgo: 91,
        toDaysAgo: 8,
        good: unitId === comparison ? 0.9 : 0.5,
        ...(unitId === comparison ? {} : { changeId: change.body.id }),
      },
    ]);
    // Spread as importHistory spreads its rows; the answers are the nhs-fft template's codes.
    const rows = windows.flatMap((w, wi) =>
      Array.from({ length: w.count }, (_, i) => ({
        externalId: `fft-${wi}-${i}`,
        submittedAt: daysAgo(w.fromDaysAgo - Math.floor(((w.fromDaysAgo - w.toDaysAgo) * i) / (w.count - 1))),
        unitId: w.unitId,
        ...(w.changeId ? { changeId: w.changeId } : {}),
        answers: { fft: Math.floor((i + 1) * w.good) > Math.floor(i * w.good) ? 'very_good' : 'poor' },
      })),
    );
    const file = rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
    const upload = () =>
      admin.request<TResponseImportResult>('POST', `/api/v1/surveys/${survey.id}/responses/import`, file, {
        'content-type': 'application/x-ndjson',
      });
    const first = await upload();
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ rows: 360, imported: 360, duplicates: 0, rejected: 0 });
    await waitFor(
      'the imported history to be analysed',
      async () =>
        (await admin.request<TResponseImport>('GET', `/api/v1/imports/${first.body.importId}`)).body
          .analysed === 360,
      45_000,
    );

    const impact = await admin.request<TImpact>('GET', `/api/v1/changes/${change.body.id}/impact`);
    expect(impact.status).toBe(200);
    expect(impact.body.comparisonUnitIds).toEqual([comparison]);
    const fft = impact.body.metrics.find((m) => m.key === 'fft_positive')!;
    expect(fft.before).toMatchObject({ n: 120, value: expect.closeTo(0.9, 5) });
    expect(fft.after).toMatchObject({ n: 120, value: expect.closeTo(0.5, 5) });
    expect(fft.difference!.low).toBeLessThan(-0.4);
    expect(fft.difference!.high).toBeGreaterThan(-0.4);
    expect(fft.q).toBeLessThan(0.05);
    expect(fft.verdict).toBe('worse');

    const spc = await admin.request<TSpcChart>(
      'GET',
      `/api/v1/spc?level=unit&id=${ward}&metric=fft_positive&weeks=52`,
    );
    expect(spc.status).toBe(200);
    expect(spc.body.points).toHaveLength(52);
    expect(spc.body.points.some((p) => p.value !== null)).toBe(true);

    const again = await upload();
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ rows: 360, imported: 0, duplicates: 360, rejected: 0 });
  }, 60_000);

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
