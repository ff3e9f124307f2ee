import { z } from 'zod';
import { ZLocale } from '../locale';
import { ZAnswers, ZSurveyDefinition } from '../survey/definition';
import { ZLinkKind } from './surveys';

/** What a respondent's page needs, for `GET /public/surveys/{token}`. No staff or patient data. */
export const ZPublicSurvey = z.object({
  surveyId: z.uuid(),
  versionId: z.uuid(),
  definition: ZSurveyDefinition,
  link: z.object({ kind: ZLinkKind, kiosk: z.boolean(), unitName: z.string().nullable() }),
});
export type TPublicSurvey = z.infer<typeof ZPublicSurvey>;

/**
 * A submission in the app's own JSON. `versionId` is the version the page showed; when left out,
 * the survey's latest published version is used.
 */
export const ZResponseSubmit = z
  .object({ versionId: z.uuid().optional(), locale: ZLocale.optional(), answers: ZAnswers })
  .strict();
export type TResponseSubmit = z.infer<typeof ZResponseSubmit>;

export const ZResponseAccepted = z.object({ id: z.uuid() });
export type TResponseAccepted = z.infer<typeof ZResponseAccepted>;

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** Idempotency keys: a UUID or any 8-128 printable characters. */
export const ZIdempotencyKey = z.string().regex(/^[\x21-\x7e]{8,128}$/, 'must be 8-128 printable characters');
