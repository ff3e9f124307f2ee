import { hash } from 'node:crypto';
import type { TPublicSurvey, TResponseSubmit } from '../../../../shared/src/api/public';
import {
  answersFromQuestionnaireResponse,
  type TQuestionnaireResponse,
} from '../../../../shared/src/fhir/questionnaire-response';
import { JOB_FEEDBACK_ANALYSE } from '../../../../shared/src/jobs';
import { matchLocale } from '../../../../shared/src/locale';
import type { TSurveyDefinition } from '../../../../shared/src/survey/definition';
import { validateAnswers } from '../../../../shared/src/survey/validate-answers';
import { answersFromLink, withoutAnswered } from '../../../../shared/src/survey/change-question';
import { AppError, invalid } from '../../http/app-error';
import type { TCtx } from '../../http/context';
import type { TLimiter } from '../../http/rate-limit';
import { assertLinkOpen, findLink, type TFoundLink } from '../links/links.service';
import { findVersionByNumber, getPublishedVersion } from '../surveys/surveys.service';
import { cachedLink, freshLink } from './link-cache';
import * as repo from './responses.repository';
import { commentsReadAsUrgent } from './safety-net';

export async function getPublicSurvey(ctx: TCtx, token: string): Promise<TPublicSurvey> {
  const found = await findLink(ctx, token);
  assertLinkOpen(found);
  const version = await resolveVersion(ctx, found);
  return {
    surveyId: found.link.surveyId,
    versionId: version.id,
    // A link that names a change answers the pulse's "which change" itself (see checkSubmission).
    definition: withoutAnswered(version.definition, answersFromLink(version.definition, found.changeKind)),
    // Optional fields are left out when they say nothing, so the page's contract stays small.
    link: {
      kind: found.link.kind,
      kiosk: found.link.kiosk,
      ...(found.link.kiosk ? { kioskIdleSeconds: found.link.kioskIdleSeconds } : {}),
      ...(found.link.locale ? { locale: found.link.locale } : {}),
      unitName: found.unitName,
      ...(found.youSaidWeDidUrl ? { youSaidWeDidUrl: found.youSaidWeDidUrl } : {}),
      ...(found.concernPhone ? { concernPhone: found.concernPhone } : {}),
      ...(found.concernUrl ? { concernUrl: found.concernUrl } : {}),
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
  // What the link answers itself wins over anything sent for it: the link is the record of the change.
  input.answers = { ...input.answers, ...answersFromLink(definition, found.changeKind) };
  const locale = matchLocale(input.locale ?? definition.defaultLocale, definition.locales);
  const checked = validateAnswers(definition, input.answers);
  // A FHIR response's own check already named these questions (one problem each), and left its
  // refused answers out, so "nothing answered" would only echo them.
  const named = new Set(input.issues.map((p) => p.name));
  if (named.size > 0) named.add('answers');
  const problems = [...input.issues, ...(checked.ok ? [] : checked.issues.filter((p) => !named.has(p.name)))];
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

type TSubmitted = { id: string; replayed: boolean; urgent: boolean };

/**
 * Stores a respondent's answers exactly once. The answers are checked against the exact published
 * version they answer; the response, its answers, the idempotency record and the outbox row commit
 * in one statement, and only then does the caller reply. Redis plays no part here.
 *
 * The hot path reads the link from a short-lived per-process cache and makes one round trip to
 * PostgreSQL; whenever the cache could have misled it (the link looks closed, the answers do not
 * check, or the statement finds the link closed, used or republished) the submission is redone the
 * careful way, from a fresh read, so every answer is the one a fresh read gives.
 */
export async function submitResponse(
  ctx: TCtx,
  token: string,
  submission: TSubmission,
  idempotencyKey: string | undefined,
  perLinkLimit: TLimiter,
): Promise<TSubmitted> {
  // The request as sent identifies a retry, whatever has been published or closed since.
  const requestHash = hash('sha256', canonicalJson(submission), 'hex');
  // A submission redone from a fresh read has already been counted against its link.
  let counted = false;
  const countOnce = async () => {
    if (!counted) await perLinkLimit.consume(token);
    counted = true;
  };
  const cached = cachedLink(token);
  if (cached) {
    const done = await submitFromCache(ctx, cached, submission, idempotencyKey, requestHash, countOnce);
    if (done) return done;
  }
  return submitFromFreshRead(ctx, token, submission, idempotencyKey, requestHash, countOnce);
}

async function submitFromCache(
  ctx: TCtx,
  found: TFoundLink,
  submission: TSubmission,
  idempotencyKey: string | undefined,
  requestHash: string,
  countOnce: () => Promise<void>,
): Promise<TSubmitted | null> {
  let checked: Awaited<ReturnType<typeof checkSubmission>>;
  let contactUserId: string | null;
  try {
    assertLinkOpen(found);
    checked = await checkSubmission(ctx, found, submission);
    contactUserId = contactUserFor(ctx, found, submission, checked.version.definition);
  } catch (err) {
    // A retry of a stored submission, a used link, a newer version: the careful path says which.
    if (err instanceof AppError) return null;
    throw err;
  }
  await countOnce();
  const ref = versionRefOf(submission);
  const implicit = ref.id === undefined && ref.number === undefined;
  return store(ctx, found, checked, contactUserId, idempotencyKey, requestHash, implicit);
}

async function submitFromFreshRead(
  ctx: TCtx,
  token: string,
  submission: TSubmission,
  idempotencyKey: string | undefined,
  requestHash: string,
  countOnce: () => Promise<void>,
): Promise<TSubmitted> {
  const found = await freshLink(ctx, token);
  if (idempotencyKey) {
    const prior = await repo.findIdempotencyRecord(ctx.db, found.link.id, idempotencyKey);
    if (prior) return { ...replay(prior, requestHash), urgent: await urgentOnReplay(ctx, found, submission) };
  }
  // After the replay check, so that the retry of the submission that used a single-use link gets its
  // answer; before validation, so that a closed link says so rather than what to fix.
  assertLinkOpen(found);
  const checked = await checkSubmission(ctx, found, submission);
  const contactUserId = contactUserFor(ctx, found, submission, checked.version.definition);
  // Only answers that would be stored count against the link, so junk posted to a kiosk's link by
  // someone who scanned its poster cannot lock patients out of it.
  await countOnce();
  const stored = await store(ctx, found, checked, contactUserId, idempotencyKey, requestHash, false);
  if (stored) return stored;
  // Closed or used between the read and the statement.
  throw new AppError(
    'gone',
    found.link.kind === 'single_use'
      ? 'This survey link has already been used'
      : 'This survey link has been closed',
  );
}

/** The one statement; null when the link turned out closed, used or republished (redo from a fresh read). */
async function store(
  ctx: TCtx,
  found: TFoundLink,
  checked: Awaited<ReturnType<typeof checkSubmission>>,
  contactUserId: string | null,
  idempotencyKey: string | undefined,
  requestHash: string,
  expectLatest: boolean,
): Promise<TSubmitted | null> {
  const urgent = () => commentsReadAsUrgent(checked.answers);
  const input = {
    surveyId: found.link.surveyId,
    surveyVersionId: checked.version.id,
    linkId: found.link.id,
    unitId: found.link.unitId,
    changeId: found.link.changeId,
    locale: checked.locale,
    answers: checked.answers,
    contactUserId,
    singleUse: found.link.kind === 'single_use',
    expectLatestVersionId: expectLatest ? found.latestVersionId : null,
  };
  const keyed = idempotencyKey ? { key: idempotencyKey, requestHash } : null;
  const outcome = await repo
    .submitInOneStatement(ctx.db, input, JOB_FEEDBACK_ANALYSE, keyed)
    .catch(async (err: unknown): Promise<repo.TSubmitOutcome> => {
      // The same key committed between this statement's snapshot and its insert: replay that one.
      const prior =
        idempotencyKey && (err as { code?: string }).code === '23505'
          ? await repo.findIdempotencyRecord(ctx.db, found.link.id, idempotencyKey)
          : null;
      if (!prior) throw err;
      return { kind: 'prior', ...prior };
    });
  switch (outcome.kind) {
    case 'stored':
      return { id: outcome.id, replayed: false, urgent: urgent() };
    case 'prior':
      return { ...replay(outcome, requestHash), urgent: urgent() };
    case 'busy':
      throw new AppError(
        'conflict',
        'A submission with this Idempotency-Key is still being processed; retry shortly',
        {
          retryAfterSeconds: 1,
        },
      );
    case 'stale':
      return null;
  }
}

/** A retry whose first reply was lost gets the same safety net; answers that no longer check get none. */
async function urgentOnReplay(ctx: TCtx, found: TFoundLink, submission: TSubmission): Promise<boolean> {
  try {
    return commentsReadAsUrgent((await checkSubmission(ctx, found, submission)).answers);
  } catch {
    return false;
  }
}
