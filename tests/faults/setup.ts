import { signIn, type TClient } from '../support/http';
import { FEEDBACK_SURVEY, publishedSurveyWithLink } from '../support/surveys';
import { counts, submitN, waitUntil, type TAppProcess, type TStack } from './stack';

export const feedback = (i: number) => ({
  nps: i % 11,
  overall: (i % 5) + 1,
  better: `The wait was long, visit ${i}`,
});

/** Signs in as the bootstrap admin, makes a unit and a published feedback survey with an open link on it. */
export async function surveyOnStack(
  stack: TStack,
  server: TAppProcess,
): Promise<{ admin: TClient; unitId: string; surveyId: string; token: string }> {
  const admin = await signIn(server.url, stack.env.ADMIN_EMAIL!, stack.env.ADMIN_PASSWORD!);
  const site = await admin.request<{ id: string }>('POST', '/api/v1/org/sites', {
    name: `Site ${Date.now()}`,
  });
  const dept = await admin.request<{ id: string }>('POST', '/api/v1/org/departments', {
    siteId: site.body.id,
    name: 'Medicine',
  });
  const unit = await admin.request<{ id: string }>('POST', '/api/v1/org/units', {
    departmentId: dept.body.id,
    name: 'Ward 7',
  });
  const published = await publishedSurveyWithLink(
    admin,
    { kind: 'open', unitId: unit.body.id },
    FEEDBACK_SURVEY,
  );
  return { admin, unitId: unit.body.id, surveyId: published.survey.id, token: published.link.token };
}

/** One response through the whole pipeline, so the processes are up before a fault is injected. */
export async function pipelineReady(
  stack: TStack,
  server: TAppProcess,
  survey: { surveyId: string; token: string },
): Promise<void> {
  await submitN(server.url, survey.token, feedback, 1);
  await waitUntil(
    async () => (await counts(stack.database, survey.surveyId)).analysed >= 1,
    180_000,
    'a first response analysed (the worker started)',
  );
}
