import { startTestApp, type TTestApp } from '../support/app';

let app: TTestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe('the HTTP surface', () => {
  it('answers /healthz while alive and /readyz when Postgres and Redis answer', async () => {
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', checks: { postgres: 'ok', redis: 'ok' } });
  });

  it('echoes a caller-supplied x-request-id, and makes one up otherwise', async () => {
    const given = await fetch(`${app.url}/healthz`, { headers: { 'x-request-id': 'kiosk-42.abc' } });
    expect(given.headers.get('x-request-id')).toBe('kiosk-42.abc');
    const made = await fetch(`${app.url}/healthz`);
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown API paths with problem+json, never HTML', async () => {
    const res = await fetch(`${app.url}/api/v1/public/nothing-here`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = (await res.json()) as { code: string; status: number; type: string; title: string };
    expect(body).toMatchObject({ code: 'not_found', status: 404 });
    expect(body.type).toMatch(/^https:\/\//);
  });

  it('serves an OpenAPI 3.1 document generated from the contracts, with no dangling references', async () => {
    const res = await fetch(`${app.url}/api/docs`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/auth/login',
      '/surveys/{id}/publish',
      '/surveys/{id}/links',
      '/public/surveys/{token}/responses',
    ]) {
      expect(doc.paths[path]).toBeDefined();
    }
    const refs = JSON.stringify(doc).match(/"\$ref":"#\/components\/schemas\/([^"]+)"/g) ?? [];
    for (const ref of refs) {
      const name = /schemas\/([^"]+)"/.exec(ref)![1]!;
      expect(doc.components.schemas[name]).toBeDefined();
    }
  });

  it('sends headers that keep link tokens out of referrers and the app out of frames', async () => {
    const res = await fetch(`${app.url}/healthz`);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});
