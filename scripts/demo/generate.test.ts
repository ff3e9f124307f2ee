import { createHash } from 'node:crypto';
import { ZImportRow } from '../../shared/src/api/imports';
import { validateAnswers } from '../../shared/src/survey/validate-answers';
import { TEMPLATES } from '../../shared/src/survey/templates';
import { generateRows, type TDemoRow } from './generate';
import { DEMO_CHANGES, DEMO_SURVEYS, DEMO_UNITS, type TDemoSurveyKey } from './layout';
import { addDays, daysBetween, expectedShift, planDemo, windowsAround } from './model';

const unitIds = Object.fromEntries(
  DEMO_UNITS.map((u, i) => [u.key, `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`]),
);
const keyOf = new Map(Object.entries(unitIds).map(([key, id]) => [id, key]));
const changeIds = {
  kiosk: '00000000-0000-4000-9000-000000000001',
  scribe: '00000000-0000-4000-9000-000000000002',
};
const plan = planDemo('2026-11-30');
const rows = (survey: TDemoSurveyKey, scale = 1, seed = 1) => [
  ...generateRows(survey, { plan, scale, seed, unitIds, changeIds }),
];
const fft = rows('fft');
const day = (r: TDemoRow) => r.submittedAt.slice(0, 10);
const positive = (r: TDemoRow) => r.answers.fft === 'very_good' || r.answers.fft === 'good';

/** FFT positive share of the rows of these units between two days, both included. */
function share(units: readonly string[], from: string, to: string): number {
  const picked = fft.filter((r) => units.includes(keyOf.get(r.unitId)!) && day(r) >= from && day(r) <= to);
  return picked.filter(positive).length / picked.length;
}

const kioskUnits = DEMO_CHANGES.kiosk.unitKeys;
const scribeUnits = DEMO_CHANGES.scribe.unitKeys;
const others = (except: readonly string[]) => DEMO_UNITS.map((u) => u.key).filter((k) => !except.includes(k));

describe('the demo history generator', () => {
  it('gives the same rows for the same seed, and other rows for another seed', () => {
    const digest = (r: TDemoRow[]) => createHash('sha256').update(JSON.stringify(r)).digest('hex');
    expect(digest(rows('nps', 0.2, 9))).toBe(digest(rows('nps', 0.2, 9)));
    expect(digest(rows('nps', 0.2, 9))).not.toBe(digest(rows('nps', 0.2, 10)));
  });

  it('makes a year of about 70,000 FFT answers, fewer at weekends, and fewer NPS and pulse answers', () => {
    expect(fft.length).toBeGreaterThan(60_000);
    expect(fft.length).toBeLessThan(80_000);
    const weekend = fft.filter((r) => [0, 6].includes(new Date(day(r)).getUTCDay())).length;
    expect(weekend / fft.length).toBeLessThan(0.15);
    expect(rows('nps').length / fft.length).toBeCloseTo(DEMO_SURVEYS.nps.share, 1);
    expect(rows('pulse').length).toBeGreaterThan(1000);
    expect(rows('pulse').length).toBeLessThan(3000);
    expect(rows('fft', 0.1).length).toBeLessThan(fft.length / 8);
    const days = new Set(fft.map(day));
    expect(days.size).toBe(365);
    expect([...days].sort()[0]).toBe(addDays('2026-11-30', -364));
  });

  it('gives every row a unique external id and answers that the import accepts', () => {
    for (const survey of ['fft', 'nps', 'pulse'] as const) {
      const all = rows(survey, 0.3);
      expect(new Set(all.map((r) => r.externalId)).size).toBe(all.length);
      const definition = TEMPLATES[DEMO_SURVEYS[survey].templateId].definition;
      for (const row of all) {
        expect(ZImportRow.safeParse(row).success).toBe(true);
        expect(validateAnswers(definition, row.answers).ok).toBe(true);
      }
    }
  });

  it('lowers FFT positive by about twelve points on the kiosk’s units after go-live, while the other units drift by a point or two', () => {
    const w = windowsAround(plan.goLive.kiosk);
    const mine = share(kioskUnits, w.after.from, w.after.to) - share(kioskUnits, w.before.from, w.before.to);
    const rest = others(kioskUnits);
    const theirs = share(rest, w.after.from, w.after.to) - share(rest, w.before.from, w.before.to);
    expect(mine - theirs).toBeGreaterThan(-0.15);
    expect(mine - theirs).toBeLessThan(-0.1);
    expect(theirs).toBeLessThan(-0.005);
    expect(theirs).toBeGreaterThan(-0.03);
    expect(mine).toBeCloseTo(expectedShift(kioskUnits, plan.goLive.kiosk, plan), 1);
  });

  it('leaves the scribe’s units where they were, their windows holding the same season', () => {
    const w = windowsAround(plan.goLive.scribe);
    const shift =
      share(scribeUnits, w.after.from, w.after.to) - share(scribeUnits, w.before.from, w.before.to);
    expect(Math.abs(shift)).toBeLessThan(0.02);
    expect(Math.abs(expectedShift(scribeUnits, plan.goLive.scribe, plan))).toBeLessThan(0.005);
  });

  it('dips a few points everywhere in winter', () => {
    const all = DEMO_UNITS.map((u) => u.key);
    const january = share(all, '2026-01-01', '2026-01-31');
    const may = share(all, '2026-05-01', '2026-05-31');
    expect(may - january).toBeGreaterThan(0.03);
  });

  it('writes comments on about a third of responses, varied, never empty, more about checking in at the kiosk', () => {
    const texts = fft
      .flatMap((r) => [r.answers.fft_reason, r.answers.fft_improve])
      .filter((t) => t !== undefined);
    const commented = fft.filter(
      (r) => r.answers.fft_reason !== undefined || r.answers.fft_improve !== undefined,
    );
    expect(commented.length / fft.length).toBeGreaterThan(0.3);
    expect(commented.length / fft.length).toBeLessThan(0.45);
    for (const t of texts)
      expect(typeof t === 'string' && t.trim().length >= 3 && !t.includes('  ')).toBe(true);
    expect(new Set(texts).size / texts.length).toBeGreaterThan(0.5);
    const kioskMentions = (from: string, to: string) =>
      fft.filter(
        (r) =>
          kioskUnits.includes(keyOf.get(r.unitId)!) &&
          day(r) >= from &&
          day(r) <= to &&
          /kiosk|check-in|check in/i.test(String(r.answers.fft_reason ?? '')),
      ).length;
    expect(kioskMentions(plan.firstDay, addDays(plan.goLive.kiosk, -1))).toBe(0);
    expect(kioskMentions(plan.goLive.kiosk, plan.lastDay)).toBeGreaterThan(100);
    const friction = rows('pulse').filter((r) => typeof r.answers.friction === 'string');
    expect(friction.length).toBeGreaterThan(500);
  });

  it('has the kiosk’s clinicians report on the kiosk, with worse effect on their time, after go-live', () => {
    const pulse = rows('pulse').filter((r) => kioskUnits.includes(keyOf.get(r.unitId)!));
    const after = pulse.filter((r) => day(r) >= plan.goLive.kiosk);
    const before = pulse.filter((r) => day(r) < plan.goLive.kiosk);
    expect(after.every((r) => r.changeId === changeIds.kiosk && r.answers.change === 'kiosk')).toBe(true);
    expect(before.every((r) => r.changeId === undefined)).toBe(true);
    const mean = (rs: TDemoRow[]) => rs.reduce((s, r) => s + Number(r.answers.effect_time), 0) / rs.length;
    expect(mean(before) - mean(after)).toBeGreaterThan(0.7);
  });

  it('dates rows in the organisation’s time zone, with the summer-time offset', () => {
    const summer = fft.find((r) => day(r) === '2026-07-01')!;
    const winter = fft.find((r) => day(r) === '2026-01-07')!;
    expect(summer.submittedAt).toMatch(/^2026-07-01T\d\d:\d\d:\d\d\+01:00$/);
    expect(winter.submittedAt).toMatch(/^2026-01-07T\d\d:\d\d:\d\d\+00:00$/);
  });
});

describe('the demo plan', () => {
  it.each(['2026-12-05', '2027-03-10', '2027-06-15', '2027-07-20', '2027-09-01'])(
    'ending %s, fits both changes’ windows in the year and keeps the scribe’s windows in one season',
    (lastDay) => {
      const p = planDemo(lastDay);
      for (const goLive of Object.values(p.goLive)) {
        const w = windowsAround(goLive);
        expect(w.before.from >= p.firstDay && w.after.to <= p.lastDay).toBe(true);
      }
      expect(Math.abs(daysBetween(p.goLive.kiosk, lastDay) - 150)).toBe(0);
      expect(Math.abs(expectedShift(scribeUnits, p.goLive.scribe, p))).toBeLessThan(0.01);
      expect(expectedShift(kioskUnits, p.goLive.kiosk, p)).toBeLessThan(-0.1);
    },
  );
});
