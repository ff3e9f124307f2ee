import { Queue } from 'bullmq';
import { JOB_SPC_DETECT, queuePrefix } from '../../shared/src/jobs';
import { startTestApp, type TTestApp } from '../support/app';
import { createOrg, createStaff } from '../support/fixtures';
import { signIn, type TClient } from '../support/http';

let app: TTestApp;
let admin: TClient;
let lead: TClient;
let adminToken: string;

beforeAll(async () => {
  app = await startTestApp();
  const org = await createOrg(app.db);
  const a = await createStaff(app.db, org.organisationId, 'admin');
  const l = await createStaff(app.db, org.organisationId, 'quality_lead');
  admin = await signIn(app.url, a.email, a.password);
  lead = await signIn(app.url, l.email, l.password);
  const issued = await admin.request<{ token: string }>('POST', `/api/v1/users/${a.id}/api-tokens`, {
    name: 'ops',
  });
  adminToken = issued.body.token;
});
afterAll(() => app.close());

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${app.url}${path}`, { headers });

describe('bull-board at /admin/queues', () => {
  it("refuses a signed-out request (401), a quality lead (403) and an API token, even an admin's (401)", async () => {
    const out = await get('/admin/queues');
    expect(out.status).toBe(401);
    expect(out.headers.get('content-type')).toContain('application/problem+json');
    expect((await get('/admin/queues/api/queues')).status).toBe(401);
    expect((await get('/admin/queues', { cookie: lead.cookie! })).status).toBe(403);
    expect((await get('/admin/queues/api/queues', { cookie: lead.cookie! })).status).toBe(403);
    expect((await get('/admin/queues/api/queues', { authorization: `Bearer ${adminToken}` })).status).toBe(
      401,
    );
  });

  it('shows an admin the board and every queue of the app', async () => {
    const page = await get('/admin/queues', { cookie: admin.cookie! });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('CareLoop queues');
    const api = await get('/admin/queues/api/queues', { cookie: admin.cookie! });
    expect(api.status).toBe(200);
    const body = (await api.json()) as { queues: { name: string }[] };
    expect(body.queues.map((q) => q.name).sort()).toEqual([
      'feedback.analyse',
      'retention.apply',
      'spc.detect',
      'webhook.deliver',
    ]);
  });

  it('takes an admin action only with this site as Origin (CSRF), and the action happens', async () => {
    const pause = (headers: Record<string, string>) =>
      fetch(`${app.url}/admin/queues/api/queues/${JOB_SPC_DETECT}/pause`, {
        method: 'PUT',
        headers: { cookie: admin.cookie!, ...headers },
      });
    const queue = new Queue(JOB_SPC_DETECT, {
      connection: app.redis,
      prefix: queuePrefix(app.config.REDIS_PREFIX),
    });
    try {
      expect((await pause({})).status).toBe(403);
      expect((await pause({ origin: 'https://evil.example' })).status).toBe(403);
      expect(await queue.isPaused()).toBe(false);
      const ok = await pause({ origin: app.url });
      expect(ok.status).toBeLessThan(300);
      expect(await queue.isPaused()).toBe(true);
      await queue.resume();
    } finally {
      await queue.close();
    }
  });
});
