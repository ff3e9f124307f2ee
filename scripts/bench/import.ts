/**
 * `npm run bench:import`: history import throughput and memory. An N-row NDJSON file is generated
 * on the fly (never held in memory) and streamed as one POST to `/surveys/{id}/responses/import`
 * of the app started in-process on PostgreSQL (the local `test` server's `careloop_bench_import`
 * database, recreated) and Redis. Reports rows stored per second and the process's peak RSS and
 * heap, sampled every 50 ms; the generator runs in the same process, so the figures include it.
 * Target: ≥ 5,000 rows/s on 2 cores, and memory that does not grow with the file.
 *
 *   BENCH_IMPORT_ROWS=1000000   rows in the file
 */
import http from 'node:http';
import { Readable } from 'node:stream';
import type { TResponseImportResult } from '../../shared/src/api/imports';
import {
  benchConfig,
  dropRedisKeys,
  ensureDatabase,
  machine,
  postgresVersion,
  signIn,
  startServer,
  fourWardsWithFft,
} from './bench-support';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
const DAY_MS = 86_400_000;
const MiB = 2 ** 20;
const COMMENTS = [
  'The nurses were kind and explained everything',
  'Waited a long time in reception before anyone saw me',
  'Clean ward, friendly staff, good food',
  '',
  'Parking was difficult and expensive',
];
const FFT = ['very_good', 'good', 'neither', 'poor', 'very_poor', 'dont_know'];

/** The file, in chunks of about 64 kB: rows spread over the last two years, across the units. */
async function* ndjsonFile(units: string[]): AsyncGenerator<string> {
  const now = Date.now();
  let chunk = '';
  for (let i = 0; i < ROWS; i++) {
    const reason = COMMENTS[i % COMMENTS.length]!;
    chunk += `${JSON.stringify({
      externalId: `bench-${i}`,
      submittedAt: new Date(now - DAY_MS - ((i * 7919) % (730 * DAY_MS))).toISOString(),
      unitId: units[i % units.length],
      answers: { fft: FFT[i % FFT.length], ...(reason ? { fft_reason: reason } : {}) },
    })}\n`;
    if (chunk.length >= 65_536) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

function post(
  url: string,
  cookie: string,
  csrf: string,
  body: Readable,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson', cookie, 'x-csrf-token': csrf },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    body.pipe(req);
  });
}

async function main(): Promise<void> {
  const url = await ensureDatabase('careloop_bench_import', { recreate: true });
  const prefix = `benchimp${process.pid}`;
  const config = await benchConfig(url, prefix);
  const running = await startServer(config);
  // A million rows take minutes; Node's default 5-minute limit on receiving a request would cut it.
  running.server.requestTimeout = 0;
  try {
    const { auth, call } = await signIn(running.base);
    const { units, survey } = await fourWardsWithFft(call);

    global.gc?.();
    const before = process.memoryUsage();
    let peakRss = before.rss;
    let peakHeap = before.heapUsed;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 50);
    const started = performance.now();
    const res = await post(
      `${running.base}/api/v1/surveys/${survey.id}/responses/import`,
      auth.cookie,
      auth.csrf,
      Readable.from(ndjsonFile(units)),
    );
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    if (res.status !== 200) throw new Error(`import: HTTP ${res.status} ${res.text.slice(0, 500)}`);
    const result = JSON.parse(res.text) as TResponseImportResult;

    console.log(`machine: ${machine()}`);
    console.log(`postgres: ${await postgresVersion(url)}`);
    console.log(`rows: ${ROWS} (nhs-fft: a choice and, in 4 rows of 5, a comment), one POST`);
    console.log(
      `imported ${result.imported}, duplicates ${result.duplicates}, rejected ${result.rejected} in ${seconds.toFixed(1)} s`,
    );
    console.log(`throughput: ${Math.round(result.imported / seconds)} rows/s (target ≥ 5000)`);
    console.log(
      `memory: RSS ${(before.rss / MiB).toFixed(0)} MiB before, peak ${(peakRss / MiB).toFixed(0)} MiB; ` +
        `heap used ${(before.heapUsed / MiB).toFixed(0)} MiB before, peak ${(peakHeap / MiB).toFixed(0)} MiB`,
    );
  } finally {
    await running.stop();
    await dropRedisKeys(config.REDIS_URL, prefix);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
