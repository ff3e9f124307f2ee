import type { TBoardSummary } from '../../shared/src/api/board';
import { createOrg, createStaff, type TOrgFixture } from '../support/fixtures';
import { signIn, submitAnswers, type TClient } from '../support/http';
import { connectBoard, follow, liveSuite, record, subscribe, watch } from '../support/live';
import { publishedTemplateWithLink } from '../support/surveys';
import { countAnalysed, waitFor } from '../support/workers';

const suite = liveSuite();

const board = (staff: TClient) => suite.board(staff);

/** An organisation with a quality lead for its first unit and an NHS FFT link there. */
async function ward() {
  const org = await createOrg(suite.app.db);
  const lead = await createStaff(suite.app.db, org.organisationId, 'quality_lead', {
    level: 'unit',
    id: org.unitId,
  });
  const asLead = await signIn(suite.app.url, lead.email, lead.password);
  const { link } = await publishedTemplateWithLink(asLead, 'nhs-fft', { kind: 'open', unitId: org.unitId });
  return { org, asLead, token: link.token };
}

async function submitAndAnalyse(
  token: string,
  count: number,
  answers: Record<string, unknown> = { fft: 'good' },
) {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) ids.push(await submitAnswers(suite.app.url, token, answers));
  await waitFor('the analyses', async () => (await countAnalysed(suite.app.db, ids)) === ids.length, 20_000);
  return ids;
}

const unitScope = (org: TOrgFixture) => ({ level: 'unit' as const, id: org.unitId });

function refusal(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('the connection was accepted');
    },
    (err: { data?: unknown }) => err.data,
  );
}

describe('the live board layer (Socket.IO /live)', () => {
  it('refuses a socket without a staff session, from another site, or for a role without boards', async () => {
    const { org, asLead } = await ward();
    expect(await refusal(connectBoard(suite.app.url))).toEqual({
      code: 'unauthenticated',
      message: 'Please sign in',
    });
    expect(
      await refusal(connectBoard(suite.app.url, { cookie: 'careloop_sid=not-a-session' })),
    ).toMatchObject({
      code: 'unauthenticated',
    });
    expect(
      await refusal(connectBoard(suite.app.url, { cookie: asLead.cookie, origin: 'https://evil.example' })),
    ).toMatchObject({ code: 'forbidden' });
    const clinician = await createStaff(suite.app.db, org.organisationId, 'clinician');
    const asClinician = await signIn(suite.app.url, clinician.email, clinician.password);
    expect(await refusal(connectBoard(suite.app.url, { cookie: asClinician.cookie }))).toMatchObject({
      code: 'forbidden',
    });
  });

  it('refuses subscriptions outside the user’s rights with a coded error, and malformed ones', async () => {
    const { org, asLead } = await ward();
    const socket = await board(asLead);
    expect(await subscribe(socket, { level: 'organisation' })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: expect.any(String) },
    });
    expect(await subscribe(socket, { level: 'unit', id: org.otherUnitId })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await subscribe(socket, { level: 'site', id: org.siteId })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    const other = await createOrg(suite.app.db);
    expect(await subscribe(socket, { level: 'unit', id: other.unitId })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    const malformed = await socket.timeout(5000).emitWithAck('board:subscribe', { scope: { level: 'ward' } });
    expect(malformed).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    expect(await subscribe(socket, unitScope(org))).toMatchObject({ ok: true });
  });

  it('pushes summary:updated to a subscribed board after a submission is analysed', async () => {
    const { org, asLead, token } = await ward();
    await submitAndAnalyse(token, 5);
    const socket = await board(asLead);
    const ack = await subscribe(socket, unitScope(org));
    if (!ack.ok) throw new Error(ack.error.message);
    expect(ack.summary.totals.responses).toEqual({ value: 5, n: 5, hidden: null });
    expect(ack.summary.totals.fftPositive).toEqual({ value: 100, n: 5, hidden: null });
    const updates = record(socket, 'summary:updated');
    const figures = follow(socket, ack.summary);

    await submitAnswers(suite.app.url, token, { fft: 'poor', fft_reason: 'The wait was far too long.' });
    await waitFor('a pushed update', async () => updates.length > 0, 15_000);
    const { scope, period, changed } = updates[0]!.payload;
    expect({ scope, period }).toEqual({ scope: unitScope(org), period: '30d' });
    // The changed figures only: the totals and today's point, not the 29 days before.
    expect(changed.trend?.map((p) => p.start)).toEqual([ack.summary.to]);
    expect(changed.changes).toBeUndefined();
    expect(changed.totals?.responses.value).toBe(6);
    expect(figures().totals.responses.value).toBe(6);
    expect(figures().totals.fftPositive.value).toBeCloseTo((5 / 6) * 100, 1);
    expect(figures().trend).toHaveLength(30);
  });

  it('coalesces a burst into at most one summary:updated per second, the last carrying every response', async () => {
    const { org, asLead, token } = await ward();
    const socket = await board(asLead);
    const figures = await watch(socket, unitScope(org));
    const updates = record(socket, 'summary:updated');

    const ids = await Promise.all(
      Array.from({ length: 30 }, () => submitAnswers(suite.app.url, token, { fft: 'good' })),
    );
    await waitFor('the burst analysed', async () => (await countAnalysed(suite.app.db, ids)) === 30, 20_000);
    await waitFor('the final figures', async () => figures().totals.responses.value === 30, 5000);
    // Nothing more once everything is in.
    await new Promise((r) => setTimeout(r, 1500));

    expect(updates.length).toBeGreaterThan(0);
    expect(updates.length).toBeLessThan(30);
    for (let i = 1; i < updates.length; i += 1) {
      // One second apart at the server; the margin is for delivery jitter on this side.
      expect(updates[i]!.at - updates[i - 1]!.at).toBeGreaterThan(900);
    }
    expect(updates.at(-1)!.payload.changed.totals?.responses.value).toBe(30);
  });

  it('hides figures from fewer than k respondents in the reply and in pushes', async () => {
    const { org, asLead, token } = await ward();
    const socket = await board(asLead);
    const ack = await subscribe(socket, unitScope(org), '7d');
    if (!ack.ok) throw new Error(ack.error.message);
    expect(ack.summary.totals.responses).toEqual({ value: 0, n: 0, hidden: null });
    const updates = record(socket, 'summary:updated');

    await submitAndAnalyse(token, 3, {
      fft: 'poor',
      fft_reason: 'Nobody told me anything about my operation.',
    });
    await waitFor('a pushed update', async () => updates.length > 0, 15_000);
    const pushed = updates.at(-1)!.payload.changed;
    expect(pushed.totals?.responses).toEqual({ value: null, n: null, hidden: 'small' });
    expect(pushed.totals?.fftPositive).toEqual({ value: null, n: null, hidden: 'small' });
    expect(pushed.trend?.at(-1)!.responses.hidden).toBe('small');
    expect(JSON.stringify(pushed)).not.toMatch(/"(value|n)":3\b/);

    const reply = await asLead.request<TBoardSummary>(
      'GET',
      `/api/v1/board/summary?level=unit&id=${org.unitId}&period=7d`,
    );
    expect(reply.status).toBe(200);
    expect(reply.body.totals.responses.hidden).toBe('small');
  });
});
