import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import zlib from 'node:zlib';
import { eq } from 'drizzle-orm';
import { links } from '../../server/src/db/schema';
import { startTestApp, type TTestApp } from '../support/app';
import { createOrg, createStaff, type TOrgFixture } from '../support/fixtures';
import { client, signIn, type TClient } from '../support/http';
import { ALL_TYPES_SURVEY, publishedSurveyWithLink } from '../support/surveys';

let app: TTestApp;
let org: TOrgFixture;
let staff: TClient;

beforeAll(async () => {
  if (!fs.existsSync('client/dist/s.html')) {
    throw new Error('client/dist is missing: run `npm run build:client` before these tests');
  }
  app = await startTestApp();
  org = await createOrg(app.db);
  const lead = await createStaff(app.db, org.organisationId, 'quality_lead');
  staff = await signIn(app.url, lead.email, lead.password);
});
afterAll(() => app.close());

type TScript = { attrs: string; text: string };

/**
 * The page's script elements as an HTML parser sees them: outside comments, each from its start tag
 * to the first `</script` after it (where the tokenizer leaves script data whatever came before).
 */
function scriptElements(html: string): TScript[] {
  const found: TScript[] = [];
  const tags = /<!--[\s\S]*?-->|<script\b([^>]*)>/gi;
  for (let m = tags.exec(html); m; m = tags.exec(html)) {
    if (m[1] === undefined) continue;
    const end = html.toLowerCase().indexOf('</script', tags.lastIndex);
    found.push({ attrs: m[1], text: html.slice(tags.lastIndex, end) });
    tags.lastIndex = end;
  }
  return found;
}

function surveyBlock(html: string): TScript {
  const blocks = scriptElements(html).filter((s) => /\bid="careloop-survey"/.test(s.attrs));
  expect(blocks).toHaveLength(1);
  expect(blocks[0]!.attrs).toContain('type="application/json"');
  // Without a `<` the tokenizer cannot leave script data early or enter its escaped states.
  expect(blocks[0]!.text).not.toContain('<');
  return blocks[0]!;
}

async function page(token: string): Promise<{ res: Response; html: string }> {
  const res = await fetch(`${app.url}/s/${token}`);
  return { res, html: await res.text() };
}

/** A raw GET, so that the test sees the bytes on the wire rather than fetch's decoded body. */
function rawGet(
  path: string,
  headers: Record<string, string>,
): Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${app.url}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

describe('the respondent page at /s/{token}', () => {
  it('carries the survey exactly as GET /api/v1/public/surveys/{token} gives it, uncached', async () => {
    const { link } = await publishedSurveyWithLink(staff, { kind: 'open', unitId: org.unitId });
    const { res, html } = await page(link.token);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const api = await client(app.url).request('GET', `/api/v1/public/surveys/${link.token}`);
    expect(api.status).toBe(200);
    expect(JSON.parse(surveyBlock(html).text)).toEqual(api.body);
  });

  it('keeps staff-written markup in a survey inert: `</script>` in a title stays text in the data', async () => {
    const title = '</script><script>alert(1)</script><!-- <script> \u2028\u2029 & >';
    const { link } = await publishedSurveyWithLink(
      staff,
      { kind: 'open', unitId: org.unitId },
      { ...ALL_TYPES_SURVEY, title: { en: title, es: title } },
    );
    const { html } = await page(link.token);
    expect(html).not.toContain('alert(1)</script>');
    const block = surveyBlock(html);
    expect(block.text).not.toMatch(/[\u2028\u2029]/);
    expect((JSON.parse(block.text) as { definition: { title: { en: string } } }).definition.title.en).toBe(
      title,
    );
    // The page's own module (inlined or referenced) and the data block: nothing the title added.
    expect(scriptElements(html)).toHaveLength(2);
  });

  it.each([
    ['an expired link', 410, 'gone'],
    ['an unknown link', 404, 'not_found'],
  ] as const)('for %s carries the problem the API answers with', async (_name, status, code) => {
    let token = 'x'.repeat(43);
    if (status === 410) {
      const { link } = await publishedSurveyWithLink(staff, { kind: 'open', unitId: org.unitId });
      await app.db
        .update(links)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(links.id, link.id));
      token = link.token;
    }
    const api = await client(app.url).request<{ status: number; code: string; detail: string }>(
      'GET',
      `/api/v1/public/surveys/${token}`,
    );
    expect(api.status).toBe(status);
    const { res, html } = await page(token);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(JSON.parse(surveyBlock(html).text)).toEqual({ status, code, detail: api.body.detail });
  });

  it('allows exactly its inlined script by hash in its CSP; other pages keep script-src self', async () => {
    const { link } = await publishedSurveyWithLink(staff, { kind: 'open', unitId: org.unitId });
    const { res, html } = await page(link.token);
    const modules = scriptElements(html).filter((s) => /\btype="module"/.test(s.attrs));
    expect(modules).toHaveLength(1);
    // Inlined: no script or stylesheet left to fetch before the first question.
    expect(modules[0]!.attrs).not.toContain('src=');
    expect(html).not.toMatch(/<link\b[^>]*rel="(?:stylesheet|modulepreload)"/);
    const hash = createHash('sha256').update(modules[0]!.text, 'utf8').digest('base64');
    const csp = res.headers.get('content-security-policy')!;
    expect(/script-src ([^;]*)/.exec(csp)![1]).toBe(`'self' 'sha256-${hash}'`);
    expect(csp).toContain("frame-ancestors 'none'");
    const staffPage = await fetch(`${app.url}/`);
    expect(staffPage.headers.get('content-security-policy')).toContain("script-src 'self';");
  });

  it('is sent gzip-compressed, like the API’s JSON and the staff app’s assets, to a client that accepts it', async () => {
    const { link } = await publishedSurveyWithLink(staff, { kind: 'open', unitId: org.unitId });
    const gz = { 'accept-encoding': 'gzip' };
    const compressed = await rawGet(`/s/${link.token}`, gz);
    expect(compressed.headers['content-encoding']).toBe('gzip');
    const html = zlib.gunzipSync(compressed.body).toString('utf8');
    expect(compressed.body.length).toBeLessThan(html.length / 2);
    expect(surveyBlock(html).text).toContain('"definition"');

    const json = await rawGet(`/api/v1/public/surveys/${link.token}`, gz);
    expect(json.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(json.body).toString('utf8'))).toHaveProperty('definition');

    const index = fs.readFileSync('client/dist/index.html', 'utf8');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(index)![1]!;
    expect((await rawGet(script, gz)).headers['content-encoding']).toBe('gzip');

    const plain = await rawGet(`/s/${link.token}`, { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(surveyBlock(plain.body.toString('utf8')).text).toContain('"definition"');
  });

  it('spends the same per-IP read budget as the JSON route, and says so when it is spent', async () => {
    const strict = await startTestApp({ RATE_LIMIT_PUBLIC_READ_PER_IP: '2' });
    try {
      const { link } = await publishedSurveyWithLink(staff, { kind: 'open', unitId: org.unitId });
      const pageAt = async () => (await fetch(`${strict.url}/s/${link.token}`)).text();
      expect(JSON.parse(surveyBlock(await pageAt()).text)).toHaveProperty('definition');
      expect((await fetch(`${strict.url}/api/v1/public/surveys/${link.token}`)).status).toBe(200);
      expect(JSON.parse(surveyBlock(await pageAt()).text)).toMatchObject({
        status: 429,
        code: 'rate_limited',
      });
      expect((await fetch(`${strict.url}/api/v1/public/surveys/${link.token}`)).status).toBe(429);
    } finally {
      await strict.close();
    }
  });
});
