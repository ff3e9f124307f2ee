import { inArray } from 'drizzle-orm';
import { responses } from '../../server/src/db/schema';
import type { TSurvey } from '../../shared/src/api/surveys';
import type { TSurveyDefinition } from '../../shared/src/survey/definition';
import type { TTestApp } from './app';
import type { TClient } from './http';

const t = (en: string) => ({ en });

/** A patient survey with every impact measure: the FFT question, NPS, a 1-5 rating and a comment. */
export const IMPACT_SURVEY: TSurveyDefinition = {
  title: t('After your stay'),
  defaultLocale: 'en',
  locales: ['en'],
  audience: 'patient',
  items: [
    {
      linkId: 'fft',
      type: 'choice',
      text: t('Overall, how was your experience of our service?'),
      answerOption: [
        ['very_good', 'Very good'],
        ['good', 'Good'],
        ['neither', 'Neither good nor poor'],
        ['poor', 'Poor'],
        ['very_poor', 'Very poor'],
        ['dont_know', "Don't know"],
      ].map(([code, en]) => ({ code: code!, text: t(en!) })),
    },
    { linkId: 'nps', type: 'rating', text: t('How likely are you to recommend us?'), min: 0, max: 10 },
    { linkId: 'overall', type: 'rating', text: t('How would you rate your stay?'), min: 1, max: 5 },
    { linkId: 'better', type: 'text', intent: 'improvement', text: t('What could we do better?') },
  ],
};

/** Noon UTC `days` before today: the same calendar day in the organisation's zone (Europe/London). */
export const daysAgo = (days: number): string => {
  const d = new Date(Date.now() - days * 86_400_000);
  d.setUTCHours(12, 0, 0, 0);
  return d.toISOString();
};

export type TWindowAnswers = {
  unitId: string;
  /** Responses in the window, spread evenly over it. */
  count: number;
  /** Days ago the window starts and ends (from > to). */
  fromDaysAgo: number;
  toDaysAgo: number;
  /** Share answering "very good" or "good" to the FFT question (the rest "poor"). */
  good: number;
  /** Comments, cycled; every other response has one. */
  comments?: string[];
  /** Answered through the change's survey links: the change's board (and its comments) count them. */
  changeId?: string;
};

/**
 * History for a change's impact, through the import API as a trust would load it: one published
 * feedback survey, rows dated in each window. Returns the response ids (for waiting on analysis).
 */
export async function importHistory(
  app: TTestApp,
  staff: TClient,
  windows: TWindowAnswers[],
): Promise<string[]> {
  const created = await staff.request<TSurvey>('POST', '/api/v1/surveys', { definition: IMPACT_SURVEY });
  expect(created.status).toBe(201);
  const published = await staff.request('POST', `/api/v1/surveys/${created.body.id}/publish`);
  expect(published.status).toBe(201);
  const rows = windows.flatMap((w, wi) =>
    Array.from({ length: w.count }, (_, i) => {
      // Spread evenly through the window, so that each week has about the same share.
      const good = Math.floor((i + 1) * w.good) > Math.floor(i * w.good);
      const day = w.fromDaysAgo - Math.floor(((w.fromDaysAgo - w.toDaysAgo) * i) / Math.max(1, w.count - 1));
      const comment = w.comments && i % 2 === 0 ? w.comments[(i / 2) % w.comments.length] : undefined;
      return {
        externalId: `h-${wi}-${i}`,
        submittedAt: daysAgo(day),
        unitId: w.unitId,
        ...(w.changeId ? { changeId: w.changeId } : {}),
        answers: {
          fft: good ? (i % 3 === 0 ? 'good' : 'very_good') : 'poor',
          nps: good ? 9 : 4,
          overall: good ? 5 : 2,
          ...(comment ? { better: comment } : {}),
        },
      };
    }),
  );
  const body = rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
  const res = await staff.request<{ imported: number }>(
    'POST',
    `/api/v1/surveys/${created.body.id}/responses/import`,
    body,
    { 'content-type': 'application/x-ndjson' },
  );
  expect(res.status).toBe(200);
  expect(res.body.imported).toBe(rows.length);
  const stored = await app.db
    .select({ id: responses.id })
    .from(responses)
    .where(inArray(responses.surveyId, [created.body.id]));
  return stored.map((r) => r.id);
}
