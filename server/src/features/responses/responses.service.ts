import { createHash } from 'node:crypto';
import type { TPublicSurvey, TResponseSubmit } from '../../../../shared/src/api/public';
import {
  answersFromQuestionnaireResponse,
  type TQuestionnaireResponse,
} from '../../../../shared/src/fhir/questionnaire-response';
import { JOB_FEEDBACK_ANALYSE } from '../../../../shared/src/jobs';
import { matchLocale } from '../../../../shared/src/locale';
import type { TSurveyDefinition } from '../../../../shared/src/survey/definition';
import { validateAnswers } from '../../../../shared/src/survey/validate-answers';
import { AppError, invalid } from '../../http/app-error';
import type { TCtx } from '../../http/context';
import type { TLimiter } from '../../http/rate-limit';
import { assertLinkOpen, consumeSingleUseLink, findLink, type TFoundLink } from '../links/links.service';
import { findVersionByNumber, getPublishedVersion } from '../surveys/surveys.service';
import * as repo from './responses.repository';

export async function getPublicSurvey(ctx: TCtx, token: string): Promise<TPublicSurvey> {
  const found = await findLink(ctx, token);
  assertLinkOpen(found);
  const version = await resolveVersion(ctx, found);
  return {
    surveyId: found.link.surveyId,
    versionId: version.id,
    definition: version.definition,
    // Optional fields are left out when they say nothing, so the page's contract stays small.
    link: {
      kind: found.link.kind,
      kiosk: found.link.kiosk,
      ...(found.link.kiosk ? { kioskIdleSeconds: found.link.kioskIdleSeconds } : {}),
      ...(found.link.locale ? { locale: found.link.locale } : {}),
      unitName: found.unitName,
      ...(found.youSaidWeDidUrl ? { youSaidWeDidUrl: found.youSaidWeDidUrl } : {}),
    },
  };
}

/** JSON with keys sorted at every level, so that equal bodies hash equally whatever their key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Which published version a page or a submission names: by id, by number, or none (the latest). */
type TVersionRef = { id?: string | undefined; number?: number | undefined; field?: string };

/**
 * The app's JSON names the version the page showed by `versionId`; a FHIR QuestionnaireResponse by a
 * `questionnaire` canonical ending in `|<version>`.
 */
function versionRefOf(submission: TSubmission): TVersionRef {
  if (submission.format === 'json') return { id: submission.body.versionId, field: 'versionId' };
  const number = /\|(\d{1,9})$/.exec(submission.body.questionnaire ?? '')?.[1];
  return { number: number ? Number(number) : undefined, field: 'questionnaire' };
}

function notAVersion(field = 'versionId'): never {
  throw invalid([{ name: field, reason: 'is not a published version of this survey' }]);
}

async function resolveVersion(ctx: TCtx, found: TFoundLink, ref: TVersionRef = {}) {
  const surveyId = found.link.surveyId;
  if (ref.number !== undefined) {
    return (await findVersionByNumber(ctx.db, surveyId, ref.number)) ?? notAVersion(ref.field);
  }
  const id = ref.id ?? found.latestVersionId;
  if (!id) throw new AppError('gone', 'This survey is not open');
  return (await getPublishedVersion(ctx, surveyId, id)) ?? notAVersion(ref.field);
}

/** Answers checked against the exact version they answer, every problem named. */
async function checkSubmission(ctx: TCtx, found: TFoundLink, submission: TSubmission) {
  const version = await resolveVersion(ctx, found, versionRefOf(submission));
  const definition = version.definition;
  const input = readSubmission(submission, definition);
  const locale = matchLocale(input.locale ?? definition.defaultLocale, definition.locales);
  const checked = validateAnswers(definition, input.answers);
  const problems = [...input.issues, ...(checked.ok ? [] : checked.issues)];
  if (!locale) problems.push({ name: 'locale', reason: `must be one of ${definition.locales.join(', ')}` });
  if (!checked.ok || !locale || problems.length > 0) throw invalid(problems, 'Some answers need attention');
  return { version, locale, answers: checked.answers };
}

/**
 * Who may be contacted about a response: nobody (anonymous, the default), or, when a clinician asks
 * for it, the staff member signed in on this browser. The route puts the session on `ctx.actor` only
 * when its cookie and CSRF token check out; an API token does not count, since no person consented.
 */
function contactUserFor(
  ctx: TCtx,
  found: TFoundLink,
  submission: TSubmission,
  definition: TSurveyDefinition,
): string | null {
  if (submission.format !== 'json' || submission.body.contact !== true) return null;
  if (definition.audience !== 'clinician') {
    throw invalid([{ name: 'contact', reason: 'only staff surveys can record who answered' }]);
  }
  if (ctx.actor?.via !== 'session') {
    throw new AppError(
      'unauthenticated',
      'Sign in to be contacted about this feedback, or send it anonymously',
    );
  }
  if (ctx.actor.organisationId !== found.organisationId) {
    throw new AppError('forbidden', 'Only staff of the organisation that runs this survey can be contacted');
  }
  return ctx.actor.userId;
}

function replay(prior: { requestHash: string; responseId: string }, requestHash: string) {
  if (prior.requestHash !== requestHash) {
    throw new AppError(
      'idempotency_key_reused',
      'This Idempotency-Key was already used for a different submission; use a new key for new answers',
    );
  }
  return { id: prior.responseId, replayed: true };
}

/** A submission as the app's own JSON or as a FHIR QuestionnaireResponse. */
export type TSubmission =
  { format: 'json'; body: TResponseSubmit } | { format: 'fhir'; body: TQuestionnaireResponse };

function readSubmission(submission: TSubmission, definition: TSurveyDefinition) {
  if (submission.format === 'json') {
    return { locale: submission.body.locale, answers: submission.body.answers, issues: [] };
  }
  return {
    locale: submission.body.language,
    ...answersFromQuestionnaireResponse(submission.body, definition),
  };
}

/**
 * Stores a respondent's answers exactly once. The answers are checked against the exact published
 * version they answer; the response, its answers, the idempotency record and the outbox row commit
 * in one transaction, and only then does the caller reply. Redis plays no part here.
 */
export async function submitResponse(
  ctx: TCtx,
  token: string,
  submission: TSubmission,
  idempotencyKey: string | undefined,
  perLinkLimit: TLimiter,
): Promise<{ id: string; replayed: boolean }> {
  const found = await findLink(ctx, token);
  const linkId = found.link.id;
  // The request as sent identifies a retry, whatever has been published or closed since.
  const requestHash = createHash('sha256').update(canonicalJson(submission)).digest('hex');
  if (idempotencyKey) {
    const prior = await repo.findIdempotencyRecord(ctx.db, linkId, idempotencyKey);
    if (prior) return replay(prior, requestHash);
  }
  // After the replay check, so that the retry of the submission that used a single-use link gets its
  // answer; before validation, so that a closed link says so rather than what to fix.
  assertLinkOpen(found);
  const { version, locale, answers } = await checkSubmission(ctx, found, submission);
  const contactUserId = contactUserFor(ctx, found, submission, version.definition);
  // Only answers that would be stored count against the link, so junk posted to a kiosk's link by
  // someone who scanned its poster cannot lock patients out of it.
  await perLinkLimit.consume(token);

  return ctx.db.transaction(async (tx) => {
    if (idempotencyKey) {
      if (!(await repo.tryLockIdempotencyKey(tx, linkId, idempotencyKey))) {
        throw new AppError(
          'conflict',
          'A submission with this Idempotency-Key is still being processed; retry shortly',
          {
            retryAfterSeconds: 1,
          },
        );
      }
      const prior = await repo.findIdempotencyRecord(tx, linkId, idempotencyKey);
      if (prior) return replay(prior, requestHash);
    }
    if (found.link.kind === 'single_use' && !(await consumeSingleUseLink(tx, linkId))) {
      throw new AppError('gone', 'This survey link has already been used');
    }
    const id = await repo.insertResponseWithOutbox(
      tx,
      {
        surveyId: found.link.surveyId,
        surveyVersionId: version.id,
        linkId,
        unitId: found.link.unitId,
        changeId: found.link.changeId,
        locale,
        answers,
        contactUserId,
      },
      JOB_FEEDBACK_ANALYSE,
      idempotencyKey ? { key: idempotencyKey, requestHash } : null,
    );
    return { id, replayed: false };
  });
}
