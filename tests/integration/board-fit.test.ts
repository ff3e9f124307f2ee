import type { TBoardSummary } from '../../shared/src/api/board';
import { createOrg, createStaff } from '../support/fixtures';
import { signIn, submitAnswers, type TClient } from '../support/http';
import { liveSuite } from '../support/live';
import { publishedTemplateWithLink } from '../support/surveys';
import { countAnalysed, waitFor } from '../support/workers';

const suite = liveSuite();

async function submitAll(token: string, answers: Record<string, unknown>[]): Promise<void> {
  const ids: string[] = [];
  for (const a of answers) ids.push(await submitAnswers(suite.app.url, token, a));
  await waitFor('the analyses', async () => (await countAnalysed(suite.app.db, ids)) === ids.length, 30_000);
}

const many = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));

async function summaryOf(staff: TClient, query: string): Promise<TBoardSummary> {
  const reply = await staff.request<TBoardSummary>('GET', `/api/v1/board/summary?${query}`);
  expect(reply.status).toBe(200);
  return reply.body;
}

async function ward() {
  const org = await createOrg(suite.app.db);
  const adminUser = await createStaff(suite.app.db, org.organisationId, 'admin');
  const admin = await signIn(suite.app.url, adminUser.email, adminUser.password);
  return { org, admin };
}

const pulse = (i: number) => ({
  change: 'ehr_module',
  effect_time: [1, 2, 2, 3, 1][i % 5],
  effect_safety: 3,
  effect_workload: [2, 1, 2, 2, 1][i % 5],
  friction: 'I keep getting logged out and the password and smartcard login takes ages',
});

describe('a board that fits what was asked', () => {
  it('a pulse-only ward has no FFT or NPS card, each aspect on its own, and friction themes by their names', async () => {
    const { org, admin } = await ward();
    const { link } = await publishedTemplateWithLink(admin, 'change-pulse', {
      kind: 'open',
      unitId: org.unitId,
    });
    await submitAll(link.token, many(6, pulse));

    const s = await summaryOf(admin, `level=unit&id=${org.unitId}&period=7d`);
    expect(s.audiences.map((a) => a.audience)).toEqual(['clinician']);
    const [clinicians] = s.audiences;
    expect(clinicians!.measures).toEqual({ fft: false, nps: false, sus: false });
    expect(clinicians!.totals.responses.value).toBe(6);
    // Time, safety and workload each on their own, on their own 1-5 scale, never blended.
    const aspects = Object.fromEntries(clinicians!.aspects.map((a) => [a.key, a]));
    expect(Object.keys(aspects).sort()).toEqual(['effect_safety', 'effect_time', 'effect_workload']);
    expect(aspects.effect_time!.label).toBe('What effect has this change had on the time your work takes?');
    expect(aspects.effect_time!).toMatchObject({ min: 1, max: 5, total: { value: 1.67, n: 6 } });
    expect(aspects.effect_safety!.total.value).toBe(3);
    expect(aspects.effect_workload!.trend.at(-1)).toEqual({ value: 1.67, n: 6, hidden: null });
    const signIn = clinicians!.themes.find((t) => t.theme === 'sign-in-access');
    expect(signIn).toMatchObject({ taxonomy: 'friction', label: 'Sign-in and access' });
    expect(s.themes.find((t) => t.theme === 'sign-in-access')?.label).toBe('Sign-in and access');
  });

  it('never sums patients and clinicians: each audience has its own figures, and a small one hides the other too', async () => {
    const { org, admin } = await ward();
    const fft = await publishedTemplateWithLink(admin, 'nhs-fft', { kind: 'open', unitId: org.unitId });
    const pulseLink = await publishedTemplateWithLink(admin, 'change-pulse', {
      kind: 'open',
      unitId: org.unitId,
    });
    await submitAll(
      fft.link.token,
      many(6, () => ({ fft: 'very_good' })),
    );
    await submitAll(pulseLink.link.token, many(1, pulse));

    const s = await summaryOf(admin, `level=unit&id=${org.unitId}&period=30d`);
    expect(s.audiences.map((a) => a.audience)).toEqual(['patient', 'clinician']);
    const [patients, clinicians] = s.audiences;
    expect(patients!.measures).toEqual({ fft: true, nps: false, sus: false });
    expect(patients!.totals.fftPositive).toEqual({ value: 100, n: 6, hidden: null });
    expect(clinicians!.totals.responses.hidden).toBe('small');
    // Seven for everyone is shown, so six patients would give the one clinician away.
    expect(s.totals.responses.value).toBe(7);
    expect(patients!.totals.responses.hidden).toBe('complement');
    expect(clinicians!.aspects.every((a) => a.total.value === null)).toBe(true);
  });

  it('a place where no survey collects has no audience at all, so the board can say so', async () => {
    const { org, admin } = await ward();
    const s = await summaryOf(admin, `level=unit&id=${org.otherUnitId}&period=30d`);
    expect(s.audiences).toEqual([]);
    expect(s.totals.responses).toEqual({ value: 0, n: 0, hidden: null });
  });
});
