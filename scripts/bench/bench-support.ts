import type { TOrgTree } from '../../shared/src/api/org';
/**
 * Helpers shared by the board benches (summary.ts, live.ts): a dedicated database, the app started
 * in-process, a signed-in administrator, percentiles and the machine the figures come from.
 */
import net from 'node:net';
import os from 'node:os';
import Redis from 'ioredis';
import { Client } from 'pg';
import { parseConfig, type TConfig } from '../../server/src/config';
import { runServer, type TRunningServer } from '../../server/src/main';

export const ADMIN_URL = process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const ADMIN_EMAIL = 'bench-admin@example.org';
export const ADMIN_PASSWORD = 'bench-admin-password-1';

export const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

export type TStats = { n: number; p50: number; p95: number; p99: number; max: number };

export function stats(samples: number[]): TStats {
  const s = [...samples].sort((a, b) => a - b);
  return {
    n: s.length,
    p50: percentile(s, 0.5),
    p95: percentile(s, 0.95),
    p99: percentile(s, 0.99),
    max: s[s.length - 1] ?? NaN,
  };
}

export const ms = (n: number): string => (Number.isFinite(n) ? `${n.toFixed(1)} ms` : '-');

export function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown cpu'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, node ${process.version}, ${os.platform()} ${os.release()}`;
}

/** The URL of database `name` on the admin URL's server, created when missing (or recreated). */
export async function ensureDatabase(name: string, opts: { recreate?: boolean } = {}): Promise<string> {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    if (opts.recreate) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function postgresVersion(url: string): Promise<string> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ v: string; sb: string; wm: string }>(
      `SELECT split_part(version(), ' on ', 1) AS v, current_setting('shared_buffers') AS sb,
              current_setting('work_mem') AS wm`,
    );
    return `${rows[0]!.v}, shared_buffers ${rows[0]!.sb}, work_mem ${rows[0]!.wm}`;
  } finally {
    await c.end();
  }
}

/** A port free right now: the server needs it before it starts, for PUBLIC_URL (origin checks, link URLs). */
export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise((r) => probe.close(r));
  return port;
}

export async function benchConfig(
  databaseUrl: string,
  redisPrefix: string,
  extra: Record<string, string> = {},
): Promise<TConfig> {
  const port = await freePort();
  return parseConfig({
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
    REDIS_PREFIX: redisPrefix,
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    ORGANISATION_NAME: 'Bench Hospitals NHS Trust',
    ...extra,
  });
}

export async function startServer(config: TConfig): Promise<TRunningServer & { base: string }> {
  const running = await runServer(config);
  return { ...running, base: config.publicUrl };
}

export type TAuth = { cookie: string; csrf: string };

export type TCall = <T = Record<string, unknown>>(
  method: string,
  path: string,
  body?: unknown,
) => Promise<{ status: number; body: T; headers: Headers }>;

/** Signs the bench administrator in and returns a caller carrying the session cookie and CSRF token. */
export async function signIn(base: string): Promise<{ auth: TAuth; call: TCall }> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { csrfToken: string };
  const auth = { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: body.csrfToken };
  const call: TCall = async (method, path, payload) => {
    const r = await fetch(`${base}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        cookie: auth.cookie,
        'x-csrf-token': auth.csrf,
        origin: base,
      },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
    const text = await r.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    return { status: r.status, body: parsed as never, headers: r.headers };
  };
  return { auth, call };
}

/** Throws with the problem body when a setup call did not answer `expected`. */
export function expectStatus<T>(res: { status: number; body: T }, expected: number, what: string): T {
  if (res.status !== expected) throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Deletes the bench's own Redis keys (app keys `prefix:*`, BullMQ keys `{prefix}:*`). */
export async function dropRedisKeys(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl);
  let dropped = 0;
  try {
    for (const match of [`${prefix}:*`, `{${prefix}}:*`]) {
      const stream = redis.scanStream({ match, count: 500 });
      for await (const keys of stream as AsyncIterable<string[]>) {
        if (keys.length > 0) dropped += await redis.unlink(...keys);
      }
    }
  } finally {
    redis.disconnect();
  }
  return dropped;
}

/** A site, a department, four wards and a published NHS FFT survey, made through the API as staff would. */
export async function fourWardsWithFft(call: TCall): Promise<{ units: string[]; survey: { id: string } }> {
  const site = expectStatus(
    await call<{ id: string }>('POST', '/api/v1/org/sites', { name: 'Main' }),
    201,
    'site',
  );
  const dept = expectStatus(
    await call<{ id: string }>('POST', '/api/v1/org/departments', { siteId: site.id, name: 'Medicine' }),
    201,
    'department',
  );
  for (const name of ['Ward 1', 'Ward 2', 'Ward 3', 'Ward 4']) {
    expectStatus(await call('POST', '/api/v1/org/units', { departmentId: dept.id, name }), 201, 'unit');
  }
  const tree = expectStatus(await call<TOrgTree>('GET', '/api/v1/org'), 200, 'org');
  const units = tree.sites.flatMap((s) => s.departments.flatMap((d) => d.units.map((u) => u.id)));
  const survey = expectStatus(
    await call<{ id: string }>('POST', '/api/v1/surveys', { templateId: 'nhs-fft' }),
    201,
    'survey',
  );
  expectStatus(await call('POST', `/api/v1/surveys/${survey.id}/publish`), 201, 'publish');
  return { units, survey };
}
