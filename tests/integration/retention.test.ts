import { Queue } from 'bullmq';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { JOB_RETENTION_APPLY, queuePrefix } from '../../shared/src/jobs';
import { commentAnalyses } from '../../server/src/db/analysis.schema';
import { auditLog, responseAnswers, responses } from '../../server/src/db/schema';
import { snapshotRollups } from '../../server/src/features/analysis/analysis.service';
import { applyRetention } from '../../server/src/features/retention/retention.service';
import { analyseResponse } from '../../workers/src/processors/analyse-feedback.processor';
import type { TRunningWorkers } from '../../workers/src/main';
import { startTestApp, type TTestApp } from '../support/app';
import { createOrg, createStaff } from '../support/fixtures';
import { signIn, submitAnswers } from '../support/http';
import { FEEDBACK_SURVEY, publishedSurveyWithLink } from '../support/surveys';
import { startTestWorkers } from '../support/workers';

let app: TTestApp;

beforeAll(async () => {
  app = await startTestApp({ RATE_LIMIT_SUBMIT_PER_IP: '100000', RATE_LIMIT_SUBMIT_PER_LINK: '100000' });
});
afterAll(() => app.close());

/** An organisation with four analysed responses, two of them aged `days` days. */
async function organisationWithHistory(days = 200) {
  const org = await createOrg(app.db);
  const a = await createStaff(app.db, org.organisationId, 'admin');
  const admin = await signIn(app.url, a.email, a.password);
  const { link } = await publishedSurveyWithLink(
    admin,
    { kind: 'open', unitId: org.unitId },
    FEEDBACK_SURVEY,
  );
  const ids: string[] = [];
  for (let i = 0; i < 4; i += 1) {
    ids.push(
      await submitAnswers(app.url, link.token, {
        overall: 3 + (i % 2),
        nps: 8,
        better: `Parking was hard ${i}`,
      }),
    );
  }
  for (const id of ids) await analyseResponse(app.db, id);
  const old = ids.slice(0, 2);
  await app.db.execute(
    sql`UPDATE responses SET submitted_at = now() - make_interval(days => ${days}) WHERE id IN (${sql.join(
      old.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`,
  );
  return { org, admin, ids, old, recent: ids.slice(2) };
}

const existing = async (ids: string[]) =>
  (await app.db.select({ id: responses.id }).from(responses).where(inArray(responses.id, ids)))
    .map((r) => r.id)
    .sort();

describe('retention', () => {
  it('is off by default, and an admin sets it through the API (audited)', async () => {
    const { admin, org } = await organisationWithHistory();
    expect((await admin.request('GET', '/api/v1/org/retention')).body).toEqual({
      days: null,
      mode: 'delete',
    });
    const put = await admin.request('PUT', '/api/v1/org/retention', { days: 90, mode: 'delete' });
    expect(put.status).toBe(200);
    expect((await admin.request('GET', '/api/v1/org/retention')).body).toEqual({ days: 90, mode: 'delete' });
    expect((await admin.request('PUT', '/api/v1/org/retention', { days: 3, mode: 'delete' })).status).toBe(
      400,
    );
    const audit = await app.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.organisationId, org.organisationId), eq(auditLog.action, 'org.retention_updated')),
      );
    expect(audit).toHaveLength(1);
  });

  it('deletes exactly the responses older than the period, keeps the rollups, and audits the count', async () => {
    const kept = await organisationWithHistory();
    const subject = await organisationWithHistory();
    expect(
      (await subject.admin.request('PUT', '/api/v1/org/retention', { days: 90, mode: 'delete' })).status,
    ).toBe(200);
    const rollupsBefore = await snapshotRollups(app.db);

    await applyRetention(app.db);

    expect(await existing(subject.ids)).toEqual([...subject.recent].sort());
    expect(await existing(kept.ids)).toEqual([...kept.ids].sort());
    expect(
      await app.db.select().from(responseAnswers).where(inArray(responseAnswers.responseId, subject.old)),
    ).toEqual([]);
    expect(await snapshotRollups(app.db)).toEqual(rollupsBefore);
    const audit = await app.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.organisationId, subject.org.organisationId),
          eq(auditLog.action, 'retention.deleted'),
        ),
      );
    expect(audit.map((a) => a.detail)).toEqual([{ responses: 2, olderThanDays: 90 }]);

    // Run again: nothing left to remove, and no new audit row.
    await applyRetention(app.db);
    expect(await existing(subject.ids)).toEqual([...subject.recent].sort());
    const again = await app.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.organisationId, subject.org.organisationId),
          eq(auditLog.action, 'retention.deleted'),
        ),
      );
    expect(again).toHaveLength(1);
  }, 60_000);

  it('anonymising keeps the responses and their figures but blanks every text', async () => {
    const subject = await organisationWithHistory();
    await subject.admin.request('PUT', '/api/v1/org/retention', { days: 90, mode: 'anonymise' });
    const rollupsBefore = await snapshotRollups(app.db);
    await applyRetention(app.db);
    expect(await existing(subject.ids)).toEqual([...subject.ids].sort());
    const answers = await app.db
      .select()
      .from(responseAnswers)
      .where(inArray(responseAnswers.responseId, subject.ids));
    for (const a of answers.filter((x) => x.itemType === 'text')) {
      expect(a.valueText === '').toBe(subject.old.includes(a.responseId));
    }
    expect(answers.filter((x) => x.linkId === 'overall').every((x) => x.valueNumber !== null)).toBe(true);
    const comments = await app.db
      .select()
      .from(commentAnalyses)
      .where(inArray(commentAnalyses.responseId, subject.old));
    expect(comments.every((c) => c.redactedText === '')).toBe(true);
    expect(await snapshotRollups(app.db)).toEqual(rollupsBefore);
    const audit = await app.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.organisationId, subject.org.organisationId),
          eq(auditLog.action, 'retention.anonymised'),
        ),
      );
    expect(audit.map((a) => a.detail)).toEqual([{ responses: 2, olderThanDays: 90 }]);
  }, 60_000);

  it('a worker registers the daily job scheduler once, however many start', async () => {
    let first: TRunningWorkers | undefined;
    let second: TRunningWorkers | undefined;
    const queue = new Queue(JOB_RETENTION_APPLY, {
      connection: app.redis,
      prefix: queuePrefix(app.config.REDIS_PREFIX),
    });
    try {
      first = await startTestWorkers(app);
      second = await startTestWorkers(app);
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((s) => [s.key, s.pattern])).toEqual([['retention-daily', '15 3 * * *']]);
    } finally {
      await first?.stop();
      await second?.stop();
      await queue.close();
    }
  }, 60_000);
});
