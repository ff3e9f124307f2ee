import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { count, eq } from 'drizzle-orm';
import { responses, surveys } from '../../server/src/db/schema';
import { startTestApp, type TTestApp } from '../support/app';
import { createOrg, createStaff, type TOrgFixture } from '../support/fixtures';
import { signIn, type TClient } from '../support/http';
import { ALL_TYPES_SURVEY, VALID_ANSWERS, publishedSurveyWithLink } from '../support/surveys';

/**
 * Property-based probes of the three doors patient data and survey definitions come in by: a
 * submission, a history import and a survey definition. Every generated case is invalid by
 * construction; each must get a 4xx problem+json (never a 500) and store nothing.
 */
let app: TTestApp;
let org: TOrgFixture;
let lead: TClient;
let surveyId: string;
let token: string;

const RUNS = Number(process.env.FUZZ_RUNS ?? 120);

beforeAll(async () => {
  app = await startTestApp({ RATE_LIMIT_SUBMIT_PER_IP: '1000000', RATE_LIMIT_SUBMIT_PER_LINK: '1000000' });
  org = await createOrg(app.db);
  const staff = await createStaff(app.db, org.organisationId, 'quality_lead');
  lead = await signIn(app.url, staff.email, staff.password);
  const published = await publishedSurveyWithLink(lead, { kind: 'open', unitId: org.unitId });
  surveyId = published.survey.id;
  token = published.link.token;
});
afterAll(() => app.close());

const storedResponses = async () =>
  (await app.db.select({ n: count() }).from(responses).where(eq(responses.surveyId, surveyId)))[0]!.n;
const storedSurveys = async () =>
  (
    await app.db.select({ n: count() }).from(surveys).where(eq(surveys.organisationId, org.organisationId))
  )[0]!.n;

async function expectProblem(res: Response): Promise<void> {
  const text = await res.text();
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect((JSON.parse(text) as { detail?: string }).detail).toBeTruthy();
}

/** Strings a probe likes: control characters, unpaired surrogates, long runs, formula starts. */
const nastyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '\u0000',
    '\ud800',
    '=cmd|x',
    '__proto__',
    'constructor',
    '../../etc/passwd',
    'a'.repeat(5000),
  ),
);
/**
 * The nasty strings that are an answer at all: blank text is how forms send a skipped question, so
 * it counts as no answer (validateAnswers) and is no probe of a value.
 */
const givenString = nastyString.filter((s) => s.trim() !== '');
const notANumber = fc.oneof(
  givenString,
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
);

/** One change to the valid answers that makes them invalid, whatever else is in them. */
const invalidAnswers: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  // The required rating: missing, out of range, not a whole number, or not a number.
  fc.constant({ ...VALID_ANSWERS, overall: undefined }),
  fc
    .oneof(
      fc.integer({ max: 0 }),
      fc.integer({ min: 6 }),
      fc.double({ min: 1.01, max: 4.99, noInteger: true }),
      notANumber,
    )
    .map((overall) => ({ ...VALID_ANSWERS, overall })),
  // A choice that is not one of the options, or not a string.
  fc
    .oneof(
      givenString.filter((s) => s !== 'doctor' && s !== 'nurse'),
      fc.integer(),
      fc.dictionary(fc.string(), fc.integer()),
    )
    .map((seen_by) => ({ ...VALID_ANSWERS, seen_by })),
  fc
    .array(
      nastyString.filter((s) => !['kind', 'quick', 'clear'].includes(s)),
      { minLength: 1, maxLength: 3 },
    )
    .map((helped) => ({ ...VALID_ANSWERS, helped })),
  fc
    .oneof(givenString, fc.integer(), fc.constant([true]))
    .map((first_visit) => ({ ...VALID_ANSWERS, first_visit })),
  fc
    .oneof(
      fc.integer({ max: -1 }),
      fc.integer({ min: 601 }),
      fc.double({ min: 0.01, max: 599.99, noInteger: true }),
      notANumber,
    )
    .map((wait_minutes) => ({ ...VALID_ANSWERS, wait_minutes })),
  fc
    .oneof(fc.double({ max: 29.99, noNaN: true }), fc.double({ min: 45.01, noNaN: true }), notANumber)
    .map((temperature) => ({ ...VALID_ANSWERS, temperature })),
  fc
    .oneof(givenString, fc.constantFrom('2026-13-01', '2026-02-30', '20261120', 'yesterday'))
    .map((visit_date) => ({
      ...VALID_ANSWERS,
      visit_date,
    })),
  // Text past its length once trimmed, or not text.
  fc
    .string({ minLength: 201, maxLength: 400 })
    .filter((s) => s.trim().length > 200)
    .map((why_not_first) => ({ ...VALID_ANSWERS, why_not_first })),
  fc.oneof(fc.integer(), fc.dictionary(fc.string(), fc.string()), fc.array(fc.string())).map((better) => ({
    ...VALID_ANSWERS,
    better,
  })),
  // An answer to a question the survey does not have.
  fc
    .tuple(
      nastyString.filter((k) => k.length > 0 && !(k in VALID_ANSWERS)),
      fc.jsonValue(),
    )
    .map(([key, value]) => ({ ...VALID_ANSWERS, [key]: value })),
);

const invalidSubmission: fc.Arbitrary<unknown> = fc.oneof(
  invalidAnswers.map((answers) => ({ answers })),
  // Not a submission at all.
  fc.jsonValue().filter((v) => typeof v !== 'object' || v === null || Array.isArray(v) || !('answers' in v)),
  fc.record({
    answers: fc.oneof(
      fc.jsonValue().filter((v) => typeof v !== 'object' || v === null),
      fc.array(fc.jsonValue()),
    ),
  }),
  fc.record({
    answers: fc.constant(VALID_ANSWERS),
    versionId: fc.oneof(fc.uuid(), nastyString, fc.integer()),
  }),
  fc.record({
    answers: fc.constant(VALID_ANSWERS),
    locale: nastyString.filter((l) => l !== 'en' && l !== 'es'),
  }),
);

describe('fuzzing', () => {
  it('a submission: every invalid body is a 4xx problem and stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(invalidSubmission, async (body) => {
        const before = await storedResponses();
        const res = await fetch(`${app.url}/api/v1/public/surveys/${token}/responses`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
          body: JSON.stringify(body),
        });
        await expectProblem(res);
        expect(await storedResponses()).toBe(before);
      }),
      { numRuns: RUNS },
    );
  });

  it('a submission: raw bytes that are not a JSON object are a 4xx problem and store nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 200 }),
        fc.constantFrom('application/json', 'application/fhir+json', 'text/plain'),
        async (bytes, type) => {
          const before = await storedResponses();
          const res = await fetch(`${app.url}/api/v1/public/surveys/${token}/responses`, {
            method: 'POST',
            headers: { 'content-type': type, 'idempotency-key': randomUUID() },
            body: bytes,
          });
          await expectProblem(res);
          expect(await storedResponses()).toBe(before);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('a history import: invalid rows are refused with their line, the file as a whole never a 500, nothing stored', async () => {
    const invalidRow = fc.oneof(
      fc.record({
        externalId: fc.string({ minLength: 1, maxLength: 20 }),
        submittedAt: fc.constant(new Date(Date.now() - 86_400_000).toISOString()),
        unitId: fc.constant(org.unitId),
        answers: invalidAnswers,
      }),
      fc.record({
        externalId: fc.oneof(fc.integer(), fc.constant(''), fc.constant(null)),
        submittedAt: fc.oneof(nastyString, fc.constant('2999-01-01T00:00:00Z')),
        unitId: fc.oneof(fc.uuid(), nastyString),
        answers: fc.jsonValue(),
      }),
      fc.jsonValue(),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(invalidRow, { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        async (rows, asCsv) => {
          const before = await storedResponses();
          const body = asCsv
            ? `externalId,submittedAt,unitId,overall\n${rows.map((r) => JSON.stringify(r).replace(/\n/g, ' ')).join('\n')}\n`
            : rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
          const res = await fetch(`${app.url}/api/v1/surveys/${surveyId}/responses/import`, {
            method: 'POST',
            headers: {
              'content-type': asCsv ? 'text/csv' : 'application/x-ndjson',
              cookie: lead.cookie!,
              'x-csrf-token': lead.csrfToken!,
            },
            body,
          });
          if (res.status === 207) {
            const result = (await res.json()) as { imported: number; rejected: number };
            expect(result.imported).toBe(0);
            expect(result.rejected).toBeGreaterThan(0);
          } else {
            await expectProblem(res);
          }
          expect(await storedResponses()).toBe(before);
        },
      ),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  it('a survey definition: every invalid definition is a 4xx problem and stores no survey', async () => {
    const item = ALL_TYPES_SURVEY.items[0]!;
    const invalidDefinition = fc.oneof(
      fc.jsonValue(),
      fc.constant({ ...ALL_TYPES_SURVEY, items: [] }),
      fc.constant({ ...ALL_TYPES_SURVEY, items: [item, item] }),
      fc
        .record({
          linkId: fc.oneof(
            fc.constantFrom('', 'prototype', 'constructor', 'two words', 'x'.repeat(256)),
            fc.string({ minLength: 1, maxLength: 20 }).map((w) => `${w} \t${w}`),
          ),
        })
        .map((bad) => ({ ...ALL_TYPES_SURVEY, items: [{ ...item, ...bad }] })),
      fc.record({ type: nastyString }).map((bad) => ({ ...ALL_TYPES_SURVEY, items: [{ ...item, ...bad }] })),
      fc
        .tuple(fc.integer({ min: 2, max: 100 }), fc.integer({ min: -100, max: 1 }))
        .map(([min, max]) => ({ ...ALL_TYPES_SURVEY, items: [{ ...item, min, max }] })),
      nastyString
        .filter((l) => l !== 'en' && l !== 'es')
        .map((defaultLocale) => ({ ...ALL_TYPES_SURVEY, defaultLocale })),
      fc.constant({
        ...ALL_TYPES_SURVEY,
        items: [{ ...item, enableWhen: [{ question: 'nowhere', operator: '=', answer: 1 }] }],
      }),
    );
    await fc.assert(
      fc.asyncProperty(invalidDefinition, async (definition) => {
        const before = await storedSurveys();
        const raw = await fetch(`${app.url}/api/v1/surveys`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            cookie: lead.cookie!,
            'x-csrf-token': lead.csrfToken!,
          },
          body: JSON.stringify({ definition }),
        });
        await expectProblem(raw);
        expect(await storedSurveys()).toBe(before);
      }),
      { numRuns: RUNS },
    );
  });
});
