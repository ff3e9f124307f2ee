/**
 * `npm run demo`: the whole app, as `npm start` runs it, on its own embedded database
 * (`./data/demo`, or DEMO_DATA_DIR) and Redis key prefix, filled on first start with a year of a
 * made-up trust's feedback through the history import. Later starts find it filled and import
 * nothing. The app answers from the start; the board fills in as the worker analyses the history.
 *
 * DEMO_SCALE scales the volume. 1 is a busy trust's (about 85,000 responses a year, 19 FFT answers
 * per unit and weekday); the embedded database analyses some 55 responses a second on two cores,
 * which made that half an hour. The default, 0.2 (about 17,000), is analysed in five minutes or so
 * and still shows both changes clearly. Only counts are printed: no answer or comment reaches the
 * console.
 */
import { parseConfig } from '../server/src/config';
import { findActiveUserByEmail } from '../server/src/features/auth/auth.repository';
import { createLogger } from '../server/src/logger';
import { exitOnSignals } from '../server/src/process';
import { createRedis } from '../server/src/redis';
import { DEMO_CHANGES, DEMO_ORGANISATION, DEMO_TIME_ZONE } from './demo/layout';
import { addDays } from './demo/model';
import { analysisProgress, seedDemo, type TSeedDeps, type TSeedProgress } from './demo/seed';
import { startWholeApp } from './start';

export const DEMO_EMAIL = 'demo@careloop.example';
/** A local demo of made-up data: a fixed password the README can print. */
export const DEMO_PASSWORD = 'see-it-with-data';
const DEMO_SEED = 2026;
const POLL_MS = 2000;

const env = process.env;
const scale = Number(env.DEMO_SCALE ?? '0.2');
const tty = process.stdout.isTTY === true;
const count = (n: number) => n.toLocaleString('en-GB');
const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

/** One progress line: rewritten in place on a terminal, else printed at each new tenth of the way. */
function progressLine(): { show(text: string, fraction: number): void; done(text: string): void } {
  let lastTenth = -1;
  return {
    show(text, fraction) {
      if (tty) process.stdout.write(`\r\x1b[2K${text}`);
      else if (Math.floor(fraction * 10) !== lastTenth) {
        lastTenth = Math.floor(fraction * 10);
        console.log(text);
      }
    },
    done(text) {
      if (tty) process.stdout.write(`\r\x1b[2K${text}\n`);
      else console.log(text);
      lastTenth = -1;
    },
  };
}

/** Yesterday in the organisation's time zone: the history ends on the last whole day. */
function yesterday(timeZone: string): string {
  const today = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
  return addDays(today, -1);
}

async function main(): Promise<void> {
  if (!(scale > 0 && scale <= 10)) throw new Error('DEMO_SCALE: must be a number above 0, at most 10');
  // Always embedded: the demo never writes into a database DATABASE_URL points at.
  const config = parseConfig({
    ...env,
    DATABASE_URL: undefined,
    DATA_DIR: env.DEMO_DATA_DIR ?? './data/demo',
    REDIS_PREFIX: 'careloop-demo',
    ADMIN_EMAIL: DEMO_EMAIL,
    ADMIN_PASSWORD: DEMO_PASSWORD,
    ORGANISATION_NAME: DEMO_ORGANISATION,
    // The worker logs every analysed response at info: tens of thousands of lines would bury the progress.
    LOG_LEVEL: env.LOG_LEVEL ?? 'warn',
  });
  const app = await startWholeApp(config, { ...env, LOG_LEVEL: config.LOG_LEVEL });
  const redis = createRedis(config.REDIS_URL);
  exitOnSignals(async () => {
    redis.disconnect();
    await app.stop();
  });
  const url = app.running.url;
  const deps: TSeedDeps = {
    db: app.running.database.db,
    redis,
    config,
    log: createLogger(config.LOG_LEVEL, 'demo'),
  };
  const admin = await findActiveUserByEmail(deps.db, DEMO_EMAIL);
  if (!admin) {
    throw new Error(
      `${config.DATA_DIR} holds another CareLoop database (no ${DEMO_EMAIL}); set DEMO_DATA_DIR`,
    );
  }
  console.log(`\nCareLoop demo is running at ${url}`);
  console.log(`Sign in as ${DEMO_EMAIL} with the password ${DEMO_PASSWORD}\n`);

  const who = { organisationId: admin.organisationId, adminUserId: admin.id };
  const line = progressLine();
  const started = Date.now();
  let surveyStarted = started;
  let current: TSeedProgress['survey'] | null = null;
  const seeded = await seedDemo(deps, {
    ...who,
    scale,
    seed: DEMO_SEED,
    lastDay: yesterday(DEMO_TIME_ZONE),
    onProgress: (p) => {
      if (p.survey !== current) [current, surveyStarted] = [p.survey, Date.now()];
      const rate = p.stored / Math.max(1, (Date.now() - surveyStarted) / 1000);
      const pct = Math.min(100, (100 * p.stored) / Math.max(1, p.expected));
      line.show(
        `Importing ${p.survey}: ${count(p.stored)} rows stored (${pct.toFixed(0)}%, ${count(Math.round(rate))}/s)`,
        pct / 100,
      );
    },
  });
  const importMs = Date.now() - started;
  if (seeded.imported > 0) {
    line.done(
      `Imported ${count(seeded.imported)} responses in ${seconds(importMs)} (${count(Math.round(seeded.imported / (importMs / 1000)))} rows/s)`,
    );
  }

  const surveyIds = Object.values(seeded.surveyIds);
  for (;;) {
    const { imported, analysed } = await analysisProgress(deps, who, surveyIds);
    const pct = imported === 0 ? 100 : (100 * analysed) / imported;
    if (analysed >= imported) {
      line.done(`All ${count(imported)} responses analysed (${seconds(Date.now() - started)} since start)`);
      break;
    }
    line.show(
      `Analysing: ${count(analysed)} of ${count(imported)} responses (${pct.toFixed(1)}%)`,
      pct / 100,
    );
    await new Promise((r) => setTimeout(r, POLL_MS));
  }

  const { kiosk, scribe } = seeded.changeIds;
  console.log(`\nThe board:                       ${url}/#/board`);
  console.log(`${DEMO_CHANGES.kiosk.name} (made things worse): ${url}/#/changes/${kiosk}`);
  console.log(`${DEMO_CHANGES.scribe.name} (no effect):          ${url}/#/changes/${scribe}`);
  console.log(
    `\nSign in as ${DEMO_EMAIL} / ${DEMO_PASSWORD}. Ctrl-C stops the demo; npm run demo resumes it.\n`,
  );
}

main().catch((err: Error) => {
  console.error(`CareLoop demo failed: ${err.message}`);
  process.exit(1);
});
