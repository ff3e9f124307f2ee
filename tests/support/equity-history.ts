import { sql } from 'drizzle-orm';
import { AGE_BANDS, withAboutYou } from '../../shared/src/survey/about-you';
import type { TSurveyDefinition } from '../../shared/src/survey/definition';
import { TEMPLATES } from '../../shared/src/survey/templates';
import { queryRows, type Db } from '../../server/src/db/client';
import type { TClient } from './http';
import { waitFor } from './workers';

/** The NHS FFT template with a 0-10 recommend question, a 1-5 rating and the "about you" block switched on. */
export const EQUITY_SURVEY: TSurveyDefinition = withAboutYou(
  {
    ...TEMPLATES['nhs-fft'].definition,
    items: [
      ...TEMPLATES['nhs-fft'].definition.items,
      { linkId: 'nps', type: 'rating', min: 0, max: 10, text: { en: 'Recommend?', es: '¿Recomendaría?' } },
      { linkId: 'overall', type: 'rating', min: 1, max: 5, text: { en: 'Your stay?', es: '¿Su estancia?' } },
    ],
  },
  true,
);

/** mulberry32: a small seeded generator, so every run imports the same history. */
export function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Who answers: P(age band), P(English first language = yes); the other questions at random, some skipped. */
export type TMix = { age: Record<string, number>; englishFirst: number };

/** One respondent's "about you" answers drawn from a mix (10% skip age, 5% prefer not to say language). */
export function aboutYou(random: () => number, mix: TMix): Record<string, string> {
  const answers: Record<string, string> = {};
  let u = random();
  let age: string | undefined;
  for (const band of AGE_BANDS) {
    u -= mix.age[band] ?? 0;
    if (u < 0) {
      age = band;
      break;
    }
  }
  if (age && random() > 0.1) answers.about_age = age;
  const l = random();
  answers.about_language = l < 0.05 ? 'prefer_not_to_say' : l < 0.05 + 0.95 * mix.englishFirst ? 'yes' : 'no';
  answers.about_sex = random() < 0.5 ? 'female' : 'male';
  const e = random();
  answers.about_ethnicity = e < 0.7 ? 'white' : e < 0.85 ? 'asian' : e < 0.95 ? 'black' : 'mixed';
  if (random() < 0.8) answers.about_disability = random() < 0.25 ? 'yes' : 'no';
  return answers;
}

/** FFT, NPS and rating answers for a respondent who is positive or not. */
export function outcomeAnswers(random: () => number, positive: boolean): Record<string, string | number> {
  return {
    fft: positive
      ? random() < 0.5
        ? 'very_good'
        : 'good'
      : ['neither', 'poor', 'very_poor'][Math.floor(random() * 3)]!,
    nps: positive ? 9 + Math.floor(random() * 2) : Math.floor(random() * 7),
    overall: positive ? 4 + Math.floor(random() * 2) : 1 + Math.floor(random() * 3),
  };
}

/** Imports NDJSON rows through the API; with `analysed`, waits until the workers have analysed all of them. */
export async function importRows(
  db: Db,
  admin: TClient,
  surveyId: string,
  rows: object[],
  analysed: boolean,
): Promise<string> {
  const reply = await admin.request<{ importId: string; imported: number }>(
    'POST',
    `/api/v1/surveys/${surveyId}/responses/import`,
    rows.map((r) => JSON.stringify(r)).join('\n'),
    { 'content-type': 'application/x-ndjson' },
  );
  expect(reply.status).toBe(200);
  expect(reply.body.imported).toBe(rows.length);
  if (analysed) {
    await waitFor(
      'the imported history to be analysed',
      async () => {
        const [row] = await queryRows<{ n: string }>(
          db,
          sql`SELECT count(*) AS n FROM responses r JOIN response_analyses a ON a.response_id = r.id
            WHERE r.import_id = ${reply.body.importId}`,
        );
        return Number(row?.n) === rows.length;
      },
      180_000,
    );
  }
  return reply.body.importId;
}
