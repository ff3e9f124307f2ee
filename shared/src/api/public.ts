import { z } from 'zod';
import { ZLocale } from '../locale';
import { ZAnswers, ZSurveyDefinition } from '../survey/definition';
import { ZLinkKind } from './surveys';

/** What a respondent's page needs, for `GET /public/surveys/{token}`. No staff or patient data. */
export const ZPublicSurvey = z.object({
  surveyId: z.uuid(),
  versionId: z.uuid(),
  definition: ZSurveyDefinition,
  link: z.object({
    kind: ZLinkKind,
    kiosk: z.boolean(),
    /** Kiosk links only: idle seconds before the page warns and then starts again. */
    kioskIdleSeconds: z.number().int().optional(),
    /** When staff chose one for the link: the page uses it unless the address names another. */
    locale: z.string().optional(),
    unitName: z.string().nullable(),
    /** When the unit has one: its "You said, we did" page (https), linked from the thank-you page. */
    youSaidWeDidUrl: z.string().optional(),
    /**
     * How to raise a concern now (the unit's, else the organisation's): the thank-you page shows them
     * after a comment that reads as urgent.
     */
    concernPhone: z.string().optional(),
    concernUrl: z.string().optional(),
  }),
});
export type TPublicSurvey = z.infer<typeof ZPublicSurvey>;

/**
 * A submission in the app's own JSON. `versionId` is the version the page showed; when left out,
 * the survey's latest published version is used. `contact: true` (clinician surveys only) asks for
 * the signed-in staff member to be stored with the response so the team can reply; it needs the
 * staff session cookie and its `X-CSRF-Token`. Without it the response is anonymous.
 */
export const ZResponseSubmit = z
  .object({
    versionId: z.uuid().optional(),
    locale: ZLocale.optional(),
    answers: ZAnswers,
    contact: z.boolean().optional(),
  })
  .strict();
export type TResponseSubmit = z.infer<typeof ZResponseSubmit>;

/**
 * `urgent: true` when a comment in the submission reads as urgent by the workers' rules: the page then
 * says how to raise a concern now. It says nothing of whether anyone has read the comment.
 */
export const ZResponseAccepted = z.object({ id: z.uuid(), urgent: z.literal(true).optional() });
export type TResponseAccepted = z.infer<typeof ZResponseAccepted>;

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** Idempotency keys: a UUID or any 8-128 printable characters. */
export const ZIdempotencyKey = z.string().regex(/^[\x21-\x7e]{8,128}$/, 'must be 8-128 printable characters');
