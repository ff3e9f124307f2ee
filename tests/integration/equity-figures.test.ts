import { sql } from 'drizzle-orm';
import type { TBreakdown, TInvitations, TLeague } from '../../shared/src/api/equity';
import type { TLink } from '../../shared/src/api/surveys';
import { ZDemographic } from '../../shared/src/survey/definition';
import { queryRows } from '../../server/src/db/client';
import { units } from '../../server/src/db/schema';
import { startTestApp, type TTestApp } from '../support/app';
import { daysAgo } from '../support/impact-history';
import { EQUITY_SURVEY, importRows, seeded } from '../support/equity-history';
import { createOrg, createStaff } from '../support/fixtures';
import { signIn, submitAnswers, type TClient } from '../support/http';
import { publishedSurveyWithLink } from '../support/surveys';

let app: TTestApp;
beforeAll(async () => {
  app = await startTestApp({ RATE_LIMIT_SUBMIT_PER_IP: '100000', RATE_LIMIT_SUBMIT_PER_LINK: '100000' });
});
afterAll(async () => {
  await app?.close();
});

const K = 5;

type TRow = { unitId: string; answers: Record<string, string | number> };

/**
 * Four wards over the last 25 days. Ward A serves mostly older patients, ward B mostly younger;
 * older patients rate lower everywhere. Some groups are tiny on purpose: two people aged 16-24,
 * three of mixed ethnicity, a ward D of three people.
 */
function plan(unitIds: string[]): TRow[] {
  const random = seeded(99);
  const rows: TRow[] = [];
  const person = (
    unitId: string,
    age: string | null,
    positive: number,
    extra: Record<string, string> = {},
  ) => {
    const good = random() < positive;
    const english = random() < 0.8 ? 'yes' : random() < 0.8 ? 'no' : 'prefer_not_to_say';
    rows.push({
      unitId,
      answers: {
        fft: good ? 'very_good' : 'poor',
        nps: good ? 10 : 3,
        overall: good ? 5 : 2,
        ...(age ? { about_age: age } : {}),
        about_language: english,
        about_ethnicity: random() < 0.7 ? 'white' : 'asian',
        ...extra,
      },
    });
  };
  const [a, b, c, d] = unitIds as [string, string, string, string];
  for (let i = 0; i < 60; i++) person(a, i % 5 === 0 ? '35-44' : '75+', i % 5 === 0 ? 0.9 : 0.6);
  for (let i = 0; i < 60; i++) person(b, i % 5 === 0 ? '75+' : '35-44', i % 5 === 0 ? 0.6 : 0.9);
  for (let i = 0; i < 30; i++) person(c, i % 2 === 0 ? '55-64' : '75+', 0.75);
  for (let i = 0; i < 3; i++) person(d, '55-64', 0.5);
  // The tiny groups, all on ward C.
  person(c, '16-24', 1, { about_ethnicity: 'mixed' });
  person(c, '16-24', 0, { about_ethnicity: 'mixed' });
  person(c, '25-34', 1, { about_ethnicity: 'mixed' });
  for (let i = 0; i < 3; i++) person(c, '25-34', 0.5, { about_ethnicity: 'black' });
  for (let i = 0; i < 4; i++) person(c, null, 0.5, { about_sex: 'other' });
  return rows;
}

type TOrg = { admin: TClient; unitIds: string[]; surveyId: string; organisationId: string; rows: TRow[] };

async function setUp(): Promise<TOrg> {
  const o = await createOrg(app.db);
  const more = await app.db
    .insert(units)
    .values([
      { departmentId: o.departmentId, name: 'Ward C' },
      { departmentId: o.departmentId, name: 'Ward D' },
    ])
    .returning();
  const unitIds = [o.unitId, o.otherUnitId, ...more.map((u) => u.id)];
  const adminUser = await createStaff(app.db, o.organisationId, 'admin');
  const admin = await signIn(app.url, adminUser.email, adminUser.password);
  const { survey } = await publishedSurveyWithLink(admin, { kind: 'open' }, EQUITY_SURVEY);
  const rows = plan(unitIds);
  await importRows(
    app.db,
    admin,
    survey.id,
    rows.map((r, i) => ({ externalId: `f-${i}`, submittedAt: daysAgo(1 + (i % 25)), ...r })),
    false,
  );
  return { admin, unitIds, surveyId: survey.id, organisationId: o.organisationId, rows };
}

let org: TOrg;
beforeAll(async () => {
  org = await setUp();
}, 60_000);

const DIMENSION_ITEM: Record<string, string> = {
  age_band: 'about_age',
  sex: 'about_sex',
  ethnicity: 'about_ethnicity',
  disability: 'about_disability',
  first_language: 'about_language',
};

/** The truth: respondents by group, counted in the test from what was imported. */
function truth(rows: TRow[], dimension: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of rows) {
    const v = r.answers[DIMENSION_ITEM[dimension] ?? ''];
    const g = typeof v === 'string' && v !== 'prefer_not_to_say' ? v : 'not_stated';
    counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  return counts;
}

describe('equity breakdowns', () => {
  it('hold the small-group rule on every split: no group below k is shown or recoverable from the total', async () => {
    const scopes = [
      { query: 'level=organisation', rows: org.rows },
      { query: `level=unit&id=${org.unitIds[2]}`, rows: org.rows.filter((r) => r.unitId === org.unitIds[2]) },
    ];
    for (const scope of scopes) {
      for (const dimension of ZDemographic.options) {
        const reply = await org.admin.request<TBreakdown>(
          'GET',
          `/api/v1/equity/breakdown?${scope.query}&period=30d&dimension=${dimension}`,
        );
        expect(reply.status).toBe(200);
        const b = reply.body;
        expect(b.k).toBe(K);
        if (dimension === 'channel') {
          // Imported history came through no link: everyone is "not stated".
          expect(b.groups.map((g) => g.group)).toEqual(['not_stated']);
          continue;
        }
        const counts = truth(scope.rows, dimension);
        const total = scope.rows.length;
        for (const g of b.groups) {
          if (g.group === 'other_groups') {
            const named = new Set(b.groups.map((x) => x.group));
            expect([...counts.keys()].filter((x) => !named.has(x)).length).toBeGreaterThanOrEqual(2);
          } else if (g.responses.hidden === null) {
            // A shown group is the true count, and at least k.
            expect(g.responses.n).toBe(counts.get(g.group));
            expect(g.responses.n!).toBeGreaterThanOrEqual(K);
          }
          for (const f of [g.responses, ...Object.values(g.metrics)]) {
            if (f.hidden !== null) expect([f.value, f.n]).toEqual([null, null]);
            else if (f.n) expect(f.n).toBeGreaterThanOrEqual(K);
          }
        }
        // Total minus the shown rows never isolates one hidden row.
        const hidden = b.groups.filter((g) => g.responses.hidden !== null);
        const shownSum = b.groups.reduce((s, g) => s + (g.responses.n ?? 0), 0);
        if (hidden.length === 1) expect(total - shownSum).toBe(0);
        for (const metric of ['fft_positive', 'nps', 'mean_rating'] as const) {
          expect(b.groups.filter((g) => g.metrics[metric].hidden !== null).length).not.toBe(1);
        }
        // No figure anywhere equals a small group's true size as a shown count.
        const small = [...counts].filter(([, n]) => n < K);
        for (const [group] of small)
          expect(b.groups.find((g) => g.group === group)?.responses.hidden ?? 'absent').not.toBeNull();
      }
    }
    const [audit] = await queryRows<{ n: string }>(
      app.db,
      sql`SELECT count(*) AS n FROM audit_log WHERE action = 'equity.breakdown_viewed' AND organisation_id = ${org.organisationId}`,
    );
    expect(Number(audit?.n)).toBe(12);
  });
});

/** Solves A·x = b by Gaussian elimination (the test's own, not the app's). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / m[c]![c]!;
      for (let j = c; j <= n; j++) m[r]![j]! -= f * m[c]![j]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

describe('the unit league table', () => {
  it('agrees, raw and adjusted, with an independent within-unit regression on age band and first language', async () => {
    const reply = await org.admin.request<TLeague>(
      'GET',
      '/api/v1/equity/league?period=30d&metric=fft_positive',
    );
    expect(reply.status).toBe(200);
    const league = reply.body;
    const [a, b, c, d] = org.unitIds;
    const row = (id: string) => league.rows.find((r) => r.unitId === id)!;
    // Ward D (3 people) is hidden and unranked; the smallest other ward goes with it.
    expect(row(d!)).toMatchObject({ hidden: 'small', rank: null, raw: null, adjusted: null });
    expect(row(c!)).toMatchObject({ hidden: 'complement', rank: null });

    // Frisch–Waugh: demean the dummies and outcome within units, regress, and predict each unit at
    // the overall mix. The model as specified: per dimension, the commonest group is the reference;
    // every other group seen on two wards or more gets a dummy (one only a single ward serves is that
    // ward's own effect, so it stays with the reference).
    const categoryOf = (r: TRow) => {
      const age = typeof r.answers.about_age === 'string' ? r.answers.about_age : 'not_stated';
      const l = r.answers.about_language;
      return [`age:${age}`, `english:${l === 'yes' || l === 'no' ? l : 'not_stated'}`];
    };
    const counts = new Map<string, number>();
    const wards = new Map<string, Set<string>>();
    for (const r of org.rows) {
      for (const c of categoryOf(r)) {
        counts.set(c, (counts.get(c) ?? 0) + 1);
        wards.set(c, (wards.get(c) ?? new Set()).add(r.unitId));
      }
    }
    const used: string[] = [];
    for (const dim of ['age:', 'english:']) {
      const present = [...counts]
        .filter(([c]) => c.startsWith(dim))
        .sort((p, q) => q[1] - p[1] || (p[0] < q[0] ? -1 : 1));
      used.push(
        ...present
          .slice(1)
          .map(([c]) => c)
          .filter((c) => wards.get(c)!.size >= 2),
      );
    }
    const xs = (r: TRow) => {
      const mine = categoryOf(r);
      return used.map((c) => (mine.includes(c) ? 1 : 0));
    };
    const y = (r: TRow) => (r.answers.fft === 'very_good' ? 1 : 0);
    const mean = (vs: number[][]) => vs[0]!.map((_, j) => vs.reduce((s, v) => s + v[j]!, 0) / vs.length);
    const byUnit = new Map<string, TRow[]>();
    for (const r of org.rows) byUnit.set(r.unitId, [...(byUnit.get(r.unitId) ?? []), r]);
    const p = used.length;
    const xtx = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    const xty = new Array<number>(p).fill(0);
    for (const group of byUnit.values()) {
      const xm = mean(group.map(xs));
      const ym = group.reduce((s, r) => s + y(r), 0) / group.length;
      for (const r of group) {
        const xd = xs(r).map((v, j) => v - xm[j]!);
        const yd = y(r) - ym;
        for (let i = 0; i < p; i++) {
          xty[i]! += xd[i]! * yd;
          for (let j = 0; j < p; j++) xtx[i]![j]! += xd[i]! * xd[j]!;
        }
      }
    }
    const beta = solve(xtx, xty);
    const overall = mean(org.rows.map(xs));
    for (const id of [a!, b!]) {
      const group = byUnit.get(id)!;
      const xm = mean(group.map(xs));
      const ym = group.reduce((s, r) => s + y(r), 0) / group.length;
      const adjusted = ym - xm.reduce((s, v, j) => s + (v - overall[j]!) * beta[j]!, 0);
      expect(row(id).n).toBe(group.length);
      expect(row(id).raw!.estimate).toBeCloseTo(ym, 5);
      expect(row(id).adjusted!.estimate).toBeCloseTo(adjusted, 5);
      expect(row(id).adjusted!.low).toBeLessThan(row(id).adjusted!.estimate);
      expect(row(id).adjusted!.high).toBeGreaterThan(row(id).adjusted!.estimate);
    }
    // Ward A serves older patients: ranked lower raw, not lower once adjusted (same care by age).
    expect(row(a!).raw!.estimate).toBeLessThan(row(b!).raw!.estimate - 0.1);
    expect(Math.abs(row(a!).adjusted!.estimate - row(b!).adjusted!.estimate)).toBeLessThan(
      Math.abs(row(a!).raw!.estimate - row(b!).raw!.estimate) / 2,
    );
    expect(
      league.rows
        .filter((r) => r.rank !== null)
        .map((r) => r.rank)
        .sort(),
    ).toEqual([1, 2]);
  });
});

describe('who is missing', () => {
  it('gives invitation response rates by channel and by unit, hiding answered counts below k', async () => {
    const [a] = org.unitIds;
    const links = async (channel: 'phone' | 'paper' | 'online', count: number) => {
      const made: TLink[] = [];
      for (let i = 0; i < count; i++) {
        const reply = await org.admin.request<TLink>('POST', `/api/v1/surveys/${org.surveyId}/links`, {
          kind: 'single_use',
          unitId: a,
          channel,
        });
        expect(reply.status).toBe(201);
        made.push(reply.body);
      }
      return made;
    };
    const phone = await links('phone', 12);
    const paper = await links('paper', 4);
    const online = await links('online', 10);
    const answer = (l: TLink) => submitAnswers(app.url, l.token, { fft: 'good', about_age: '75+' });
    for (const l of [...phone.slice(0, 9), ...paper.slice(0, 2), ...online.slice(0, 5)]) await answer(l);

    const reply = await org.admin.request<TInvitations>(
      'GET',
      `/api/v1/equity/invitations?level=unit&id=${a}&period=30d`,
    );
    expect(reply.status).toBe(200);
    const byKey = new Map(reply.body.byChannel.map((s) => [s.key, s]));
    expect(byKey.get('phone')!.total).toMatchObject({
      issued: 12,
      answered: { value: 9, hidden: null },
      rate: 0.75,
    });
    expect(byKey.get('paper')!.total).toMatchObject({
      issued: 4,
      answered: { value: null, hidden: 'small' },
      rate: null,
    });
    // Paper's 2 could be worked out from the unit's total: online (the smaller) is hidden with it.
    expect(byKey.get('online')!.total.answered.hidden).toBe('complement');
    expect(reply.body.byUnit.map((s) => s.total)).toEqual([
      expect.objectContaining({ issued: 26, answered: { value: 16, n: 16, hidden: null } }),
    ]);
    // Answers through a phone link count in the breakdown by channel too.
    const split = await org.admin.request<TBreakdown>(
      'GET',
      `/api/v1/equity/breakdown?level=unit&id=${a}&period=30d&dimension=channel`,
    );
    expect(split.body.groups.find((g) => g.group === 'phone')!.responses.n).toBe(9);
  });
});
