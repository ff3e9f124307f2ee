import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { ZIdempotencyKey, ZResponseSubmit } from '../../../../shared/src/api/public';
import type { TInvalidParam } from '../../../../shared/src/errors';
import { uiStrings, type TUiStrings } from '../../../../shared/src/i18n';
import { matchLocale } from '../../../../shared/src/locale';
import { toIssues } from '../../../../shared/src/survey/issue-text';
import { indexItems } from '../../../../shared/src/survey/items';
import { AppError, invalid } from '../../http/app-error';
import type { TCtx } from '../../http/context';
import type { TLimiter } from '../../http/rate-limit';
import { findLink } from '../links/links.service';
import { getPublishedVersion } from '../surveys/surveys.service';
import {
  FIELD,
  fieldValue,
  gaveContact,
  holdsNul,
  readRawAnswers,
  toAnswers,
  type TFormFields,
} from './basic-form.answers';
import type { TFormView } from './basic-form.render';
import * as responses from './responses.service';

export type TBasicFormLimiters = { readPerIp: TLimiter; submitPerIp: TLimiter; submitPerLink: TLimiter };

/** A stored (or replayed) submission, or the form to show again with what went wrong. */
export type TBasicOutcome =
  | { kind: 'stored'; locale: string; gaveContact: boolean }
  | {
      kind: 'form';
      status: 400 | 422 | 429;
      retryAfterSeconds?: number;
      view: Omit<TFormView, 'idempotencyKey'>;
    };

/** A double click's second post waits this long, at most, for the first to commit, then replays it. */
const CONFLICT_RETRIES = 20;
const CONFLICT_WAIT_MS = 100;

/**
 * Stores a plain form post through the very service the JSON API uses (submitResponse): the same
 * checks, idempotency, single-use consumption, per-link limit and outbox. This only turns form
 * fields into the app's JSON and the service's refusals into a form to show again.
 */
export async function submitBasicForm(
  ctx: TCtx,
  token: string,
  fields: TFormFields,
  limiters: TBasicFormLimiters,
  ip: string,
): Promise<TBasicOutcome> {
  if (holdsNul(fields)) throw invalid([{ name: 'body', reason: 'holds a NUL character' }]);
  // Counted first, as the JSON route does; refused, the person still sees their answers, unless
  // this address is over the page-read limit as well.
  const ipRefusal = await limiters.submitPerIp.consume(ip).then(() => null, rateLimitOnly);
  if (ipRefusal) await limiters.readPerIp.consume(ip);

  const found = await findLink(ctx, token);
  const postedVersion = fieldValue(fields, FIELD.version);
  if (postedVersion !== undefined && !z.uuid().safeParse(postedVersion).success)
    throw invalid([{ name: 'versionId', reason: 'is not a version id' }]);
  const versionId = postedVersion ?? found.latestVersionId;
  if (!versionId) throw new AppError('gone', 'This survey is not open');
  // The version the page showed, as the service will check against; no open-link check here, so
  // that the re-post of a used single-use link reaches the service and is replayed.
  const version = await getPublishedVersion(ctx, found.link.surveyId, versionId);
  if (!version) throw invalid([{ name: 'versionId', reason: 'is not a published version of this survey' }]);
  const def = version.definition;
  const locale = matchLocale(fieldValue(fields, FIELD.lang) ?? '', def.locales) ?? def.defaultLocale;
  const t = uiStrings(locale);
  const raw = readRawAnswers(def, fields);
  const answers = toAnswers(def, raw);
  const view = {
    token,
    versionId: version.id,
    definition: def,
    unitName: found.unitName ?? null,
    locale,
    raw,
    issues: [],
    notice: null,
  };
  if (ipRefusal) return rateLimited(view, ipRefusal, t);
  // The date hint: without the JS page's checks, a browser with no date picker shows a text field.
  const issuesOf = (params: TInvalidParam[]) =>
    toIssues(params, indexItems(def.items), answers, t, { dateHint: true });

  const rawKey = fieldValue(fields, FIELD.key);
  const key = rawKey === undefined ? undefined : ZIdempotencyKey.safeParse(rawKey);
  if (key && !key.success) throw invalid([{ name: FIELD.key, reason: 'is not an idempotency key' }]);
  const body = ZResponseSubmit.safeParse({ versionId: postedVersion, locale, answers });
  if (!body.success) {
    const params = body.error.issues.map((i) => ({ name: i.path.join('.'), reason: i.message }));
    return { kind: 'form', status: 400, view: { ...view, issues: issuesOf(params) } };
  }

  try {
    await submitOnce(ctx, token, body.data, key?.data, limiters.submitPerLink);
    return { kind: 'stored', locale, gaveContact: gaveContact(def, answers) };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    switch (err.code) {
      case 'validation_failed': {
        const issues = issuesOf(err.extra.invalidParams ?? []);
        return { kind: 'form', status: 400, view: { ...view, issues } };
      }
      case 'rate_limited':
        return rateLimited(view, err, t);
      case 'idempotency_key_reused':
        // Answers changed since a send that was stored (a page kept in history): as the JS page
        // does, the person decides whether to send the new ones, under a new key.
        return { kind: 'form', status: 422, view: { ...view, notice: t.sendAgain } };
      default:
        throw err;
    }
  }
}

/** A second click's post finds the first still committing: wait for it, then the service replays it. */
async function submitOnce(
  ctx: TCtx,
  token: string,
  body: z.infer<typeof ZResponseSubmit>,
  key: string | undefined,
  perLink: TLimiter,
): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await responses.submitResponse(ctx, token, { format: 'json', body }, key, perLink);
      return;
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'conflict') || attempt >= CONFLICT_RETRIES) throw err;
      await sleep(CONFLICT_WAIT_MS);
    }
  }
}

function rateLimitOnly(err: unknown): AppError {
  if (err instanceof AppError && err.code === 'rate_limited') return err;
  throw err;
}

function rateLimited(view: Omit<TFormView, 'idempotencyKey'>, err: AppError, t: TUiStrings): TBasicOutcome {
  const seconds = err.extra.retryAfterSeconds ?? 1;
  return {
    kind: 'form',
    status: 429,
    retryAfterSeconds: seconds,
    view: { ...view, notice: t.rateLimitedSendAgain(seconds) },
  };
}
