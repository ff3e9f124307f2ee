import { createHmac } from 'node:crypto';
import http from 'node:http';
import { eq, sql } from 'drizzle-orm';
import type { TWebhookCreated, TWebhookDelivery } from '../../shared/src/api/integrations';
import { changeVerdicts, webhookDeliveries } from '../../server/src/db/integrations.schema';
import { detectVerdictChanges } from '../../server/src/features/webhooks/verdicts.service';
import { attemptDelivery } from '../../server/src/features/webhooks/webhooks.delivery';
import type { TRunningWorkers } from '../../workers/src/main';
import { startTestApp, type TTestApp } from '../support/app';
import { createOrg, createStaff, type TOrgFixture } from '../support/fixtures';
import { signIn, submitAnswers, type TClient } from '../support/http';
import { FEEDBACK_SURVEY, publishedSurveyWithLink } from '../support/surveys';
import { countAnalysed, startTestWorkers, waitFor } from '../support/workers';

/**
 * The receiver is a plain-http server on 127.0.0.1: the one non-https address a hook may have, and
 * only under NODE_ENV=test (a self-signed https receiver would need the worker to trust its CA).
 */
type TReceived = { headers: http.IncomingHttpHeaders; body: string };
let receiver: http.Server;
let receiverUrl: string;
const received: TReceived[] = [];
let failNext = 0;

let app: TTestApp;
let workers: TRunningWorkers;
let org: TOrgFixture;
let admin: TClient;

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      if (failNext > 0) {
        failNext -= 1;
        res.writeHead(503).end();
        return;
      }
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  const address = receiver.address() as { port: number };
  receiverUrl = `http://127.0.0.1:${address.port}/hooks`;
  app = await startTestApp({ RATE_LIMIT_SUBMIT_PER_IP: '100000', RATE_LIMIT_SUBMIT_PER_LINK: '100000' });
  workers = await startTestWorkers(app);
  org = await createOrg(app.db);
  const a = await createStaff(app.db, org.organisationId, 'admin');
  admin = await signIn(app.url, a.email, a.password);
}, 60_000);
afterAll(async () => {
  await workers?.stop();
  await app?.close();
  receiver?.close();
});

const parse = (r: TReceived) =>
  JSON.parse(r.body) as { id: string; type: string; data: Record<string, unknown> };

function verify(r: TReceived, secret: string): boolean {
  const header = String(r.headers['careloop-signature']);
  const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header) ?? [];
  return v1 === createHmac('sha256', secret).update(`${t}.${r.body}`).digest('hex');
}

async function register(body: Record<string, unknown>): Promise<TWebhookCreated> {
  const reply = await admin.request<TWebhookCreated>('POST', '/api/v1/webhooks', body);
  expect(reply.status).toBe(201);
  return reply.body;
}

describe('webhooks', () => {
  it('only an https address is accepted (plain http to 127.0.0.1 in tests only)', async () => {
    const reply = await admin.request('POST', '/api/v1/webhooks', {
      url: 'http://example.org/hook',
      events: ['alert.raised'],
    });
    expect(reply.status).toBe(400);
  });

  it('signs each delivery, retries a failing receiver with backoff, carries ids and figures but no text, and logs it', async () => {
    const hook = await register({ url: receiverUrl, events: ['response.analysed', 'alert.raised'] });
    expect(hook.secret).toMatch(/^whsec_/);
    const listed = await admin.request<{ items: object[] }>('GET', '/api/v1/webhooks');
    expect(JSON.stringify(listed.body)).not.toContain(hook.secret);

    const { link } = await publishedSurveyWithLink(
      admin,
      { kind: 'open', unitId: org.unitId },
      FEEDBACK_SURVEY,
    );
    failNext = 1;
    const comment = 'They gave my mum the wrong medication and nobody came for hours when she fell';
    const responseId = await submitAnswers(app.url, link.token, { overall: 2, better: comment });

    await waitFor(
      'both deliveries',
      async () => received.filter((r) => r.body.includes(responseId)).length >= 2,
      30_000,
    );
    const mine = received.filter((r) => r.body.includes(responseId));
    for (const r of mine) {
      expect(verify(r, hook.secret)).toBe(true);
      expect(r.body).not.toContain('my mum');
    }
    const analysed = parse(mine.find((r) => parse(r).type === 'response.analysed')!);
    expect(analysed.data).toMatchObject({ responseId, unitId: org.unitId });
    const comments = analysed.data.comments as { linkId: string; sentiment: string; urgency: string }[];
    expect(comments[0]).toMatchObject({ linkId: 'better', urgency: 'urgent' });
    const alert = parse(mine.find((r) => parse(r).type === 'alert.raised')!);
    expect(alert.data).toMatchObject({ responseId, kind: 'comment', unitId: org.unitId });

    const log = await admin.request<{ items: TWebhookDelivery[] }>(
      'GET',
      `/api/v1/webhooks/${hook.id}/deliveries`,
    );
    expect(log.status).toBe(200);
    const statuses = log.body.items.map((d) => [d.event, d.status]).sort();
    expect(statuses).toEqual([
      ['alert.raised', 'delivered'],
      ['response.analysed', 'delivered'],
    ]);
    // One of the two met the 503 first and succeeded on a retry.
    expect(log.body.items.map((d) => d.attempts).sort()).toEqual([1, 2]);
    expect(JSON.stringify(log.body)).not.toContain('my mum');
  }, 60_000);

  it('a hook marked for redacted text receives the comment as redacted', async () => {
    const hook = await register({
      url: receiverUrl,
      events: ['response.analysed'],
      includeRedactedText: true,
    });
    const { link } = await publishedSurveyWithLink(
      admin,
      { kind: 'open', unitId: org.otherUnitId },
      FEEDBACK_SURVEY,
    );
    const responseId = await submitAnswers(app.url, link.token, {
      overall: 4,
      good: 'Nurse Sarah Jones was lovely, call 07700 900123',
    });
    await waitFor(
      'the redacted delivery',
      async () => received.some((r) => r.body.includes(responseId) && r.body.includes('redactedText')),
      30_000,
    );
    const r = received.find((x) => x.body.includes(responseId) && x.body.includes('redactedText'))!;
    expect(verify(r, hook.secret)).toBe(true);
    expect(r.body).toContain('[PHONE]');
    expect(r.body).not.toContain('07700');
  }, 60_000);

  it('a change whose impact verdict moves fires change.verdict_changed once; the first verdict is the baseline', async () => {
    const hook = await register({ url: receiverUrl, events: ['change.verdict_changed'] });
    const change = await admin.request<{ id: string }>('POST', '/api/v1/changes', {
      name: 'Kiosk',
      kind: 'kiosk',
      // Twenty days ago: the earlier tests' responses fall in the after window.
      goLiveDate: new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10),
      unitIds: [org.unitId],
    });
    expect(change.status).toBe(201);
    expect(await detectVerdictChanges(app.db, org.unitId)).toEqual([]);
    const baseline = await app.db
      .select()
      .from(changeVerdicts)
      .where(eq(changeVerdicts.changeId, change.body.id));
    expect(baseline.length).toBeGreaterThan(0);
    const metric = baseline[0]!;
    // As if the figures had said "better" last time.
    await app.db.execute(
      sql`UPDATE change_verdicts SET verdict = 'better' WHERE change_id = ${change.body.id} AND metric_key = ${metric.metricKey}`,
    );
    const deliveries = await detectVerdictChanges(app.db, org.unitId);
    expect(deliveries).toHaveLength(1);
    expect(await detectVerdictChanges(app.db, org.unitId)).toEqual([]);
    expect(await attemptDelivery(app.db, deliveries[0]!, false)).toBe('delivered');
    const r = received.find((x) => x.body.includes(deliveries[0]!))!;
    expect(verify(r, hook.secret)).toBe(true);
    expect(parse(r).data).toEqual({
      changeId: change.body.id,
      metricKey: metric.metricKey,
      previousVerdict: 'better',
      verdict: metric.verdict,
    });
    const [row] = await app.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.id, deliveries[0]!));
    expect(row).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 204 });
  });

  it('a disabled hook gets nothing more', async () => {
    const hook = await register({ url: receiverUrl, events: ['response.analysed'] });
    expect((await admin.request('DELETE', `/api/v1/webhooks/${hook.id}`)).status).toBe(204);
    const { link } = await publishedSurveyWithLink(
      admin,
      { kind: 'open', unitId: org.unitId },
      FEEDBACK_SURVEY,
    );
    const id = await submitAnswers(app.url, link.token, { overall: 5, good: 'Kind staff' });
    await waitFor('the analysis', async () => (await countAnalysed(app.db, [id])) === 1, 30_000);
    const log = await admin.request<{ items: TWebhookDelivery[] }>(
      'GET',
      `/api/v1/webhooks/${hook.id}/deliveries`,
    );
    expect(log.body.items).toEqual([]);
  });

  it('the OpenAPI document lists the new routes and the signature scheme', async () => {
    const doc = (await (await fetch(`${app.url}/api/docs`)).json()) as {
      paths: Record<string, Record<string, { summary: string }>>;
    };
    for (const path of [
      '/webhooks',
      '/webhooks/{id}',
      '/webhooks/{id}/deliveries',
      '/api-tokens',
      '/api-tokens/{id}',
      '/exports/responses.csv',
      '/exports/rollups.csv',
      '/org/retention',
    ]) {
      expect(doc.paths[path]).toBeDefined();
    }
    expect(doc.paths['/webhooks']!.post!.summary).toContain('CareLoop-Signature: t=<unix seconds>,v1=');
  });
});
