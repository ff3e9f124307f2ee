import type { TLink, TLinkCreate } from '../../../../shared/src/api/surveys';
import { AppError, invalid, notFound } from '../../http/app-error';
import { actorOf, type TCtx } from '../../http/context';
import { recordAudit } from '../audit/audit.service';
import { newSecret } from '../auth/sessions';
import { getChange } from '../changes/changes.service';
import { assertOrganisationWide, getActiveUnitInScope, unitIdsInScope } from '../org/org.service';
import { getPublishedSurvey, getSurvey } from '../surveys/surveys.service';
import * as repo from './links.repository';

const DAY_MS = 86_400_000;
/** Kiosk and QR links live long; a single-use invitation should not linger. */
const DEFAULT_LIFETIME_DAYS = { open: 365, single_use: 30 } as const;
const MAX_LIFETIME_DAYS = 2 * 365;

/**
 * A closed link is one whose expiry equals its creation instant: no link can be issued that way
 * (an expiry must lie in the future), so closing needs no column of its own and every check of
 * `expires_at` already refuses it. When it was closed is in the audit trail ('link.closed').
 * Rejected: a `closed_at` column, a migration for what one timestamp already says.
 */
const isClosed = (l: Pick<repo.TLinkRow, 'expiresAt' | 'createdAt'>): boolean =>
  l.expiresAt.getTime() <= l.createdAt.getTime();

const toLink = (ctx: TCtx, l: repo.TLinkRow): TLink => ({
  id: l.id,
  kind: l.kind,
  token: l.token,
  url: `${ctx.config.publicUrl}/s/${l.token}`,
  unitId: l.unitId,
  changeId: l.changeId,
  kiosk: l.kiosk,
  kioskIdleSeconds: l.kioskIdleSeconds,
  locale: l.locale,
  expiresAt: l.expiresAt.toISOString(),
  closed: isClosed(l),
  usedAt: l.usedAt?.toISOString() ?? null,
  createdAt: l.createdAt.toISOString(),
});

function expiryFor(input: TLinkCreate): Date {
  const now = Date.now();
  if (!input.expiresAt) return new Date(now + DEFAULT_LIFETIME_DAYS[input.kind] * DAY_MS);
  const at = new Date(input.expiresAt);
  if (at.getTime() <= now) throw invalid([{ name: 'expiresAt', reason: 'must be in the future' }]);
  if (at.getTime() > now + MAX_LIFETIME_DAYS * DAY_MS) {
    throw invalid([{ name: 'expiresAt', reason: `must be within ${MAX_LIFETIME_DAYS} days` }]);
  }
  return at;
}

export async function createLink(ctx: TCtx, surveyId: string, input: TLinkCreate): Promise<TLink> {
  const { survey, latest } = await getPublishedSurvey(ctx, surveyId);
  if (input.unitId) await getActiveUnitInScope(ctx, input.unitId);
  else assertOrganisationWide(ctx);
  if (input.changeId) {
    const change = await getChange(ctx, input.changeId);
    if (input.unitId && !change.unitIds.includes(input.unitId)) {
      throw invalid([{ name: 'changeId', reason: 'the change does not affect this unit' }]);
    }
  }
  if (input.kiosk && input.kind !== 'open') {
    throw invalid([{ name: 'kiosk', reason: 'kiosk mode is for open links only' }]);
  }
  if (input.kioskIdleSeconds !== undefined && !input.kiosk) {
    throw invalid([{ name: 'kioskIdleSeconds', reason: 'is for kiosk links only' }]);
  }
  // A later version may drop the language; the page then falls back to the browser's, as for any link.
  if (input.locale && !latest.definition.locales.includes(input.locale)) {
    const offered = latest.definition.locales.join(', ');
    throw invalid([{ name: 'locale', reason: `must be one of the survey's languages: ${offered}` }]);
  }
  const link = await repo.insertLink(ctx.db, {
    surveyId: survey.id,
    kind: input.kind,
    token: newSecret(),
    unitId: input.unitId ?? null,
    changeId: input.changeId ?? null,
    kiosk: input.kiosk ?? false,
    ...(input.kioskIdleSeconds === undefined ? {} : { kioskIdleSeconds: input.kioskIdleSeconds }),
    locale: input.locale ?? null,
    ...(input.channel ? { channel: input.channel } : {}),
    expiresAt: expiryFor(input),
    createdBy: actorOf(ctx).userId,
  });
  await recordAudit(ctx, {
    action: 'link.created',
    targetType: 'link',
    targetId: link.id,
    detail: { surveyId, kind: link.kind, unitId: link.unitId },
  });
  return toLink(ctx, link);
}

/** The survey's links the actor may see: those of units in scope, and organisation-wide ones for org staff. */
export async function listLinks(ctx: TCtx, surveyId: string): Promise<TLink[]> {
  const actor = actorOf(ctx);
  await getSurvey(ctx, surveyId);
  const [all, units] = await Promise.all([repo.listLinks(ctx.db, surveyId), unitIdsInScope(ctx)]);
  const orgWide = actor.scope.level === 'organisation';
  return all.filter((l) => (l.unitId ? units.has(l.unitId) : orgWide)).map((l) => toLink(ctx, l));
}

/**
 * Closes a link at once: its page then says it is closed and submissions are refused; responses
 * already stored stay. Links outside the actor's scope are as missing. Closing twice is a no-op.
 */
export async function closeLink(ctx: TCtx, linkId: string): Promise<TLink> {
  const actor = actorOf(ctx);
  const found = await repo.findLinkWithSurvey(ctx.db, linkId);
  const inScope =
    found?.organisationId === actor.organisationId &&
    (found.link.unitId
      ? (await unitIdsInScope(ctx)).has(found.link.unitId)
      : actor.scope.level === 'organisation');
  if (!found || !inScope) throw notFound('Link not found');
  if (isClosed(found.link)) return toLink(ctx, found.link);
  const closed = await repo.closeLink(ctx.db, linkId);
  await recordAudit(ctx, {
    action: 'link.closed',
    targetType: 'link',
    targetId: linkId,
    detail: { surveyId: closed.surveyId, unitId: closed.unitId },
  });
  return toLink(ctx, closed);
}

export type TFoundLink = NonNullable<Awaited<ReturnType<typeof repo.findLinkByToken>>>;

/** The link behind a respondent's token, open or not; unknown tokens are 404. */
export async function findLink(ctx: TCtx, token: string): Promise<TFoundLink> {
  const found = token.length <= 64 ? await repo.findLinkByToken(ctx.db, token) : null;
  if (!found) throw notFound('This survey link does not exist');
  return found;
}

/** Closed, expired, used and archived links answer 410. */
export function assertLinkOpen(found: TFoundLink): void {
  const { link } = found;
  if (found.surveyStatus === 'archived' || !found.latestVersionId)
    throw new AppError('gone', 'This survey is closed');
  if (isClosed(link)) throw new AppError('gone', 'This survey link has been closed');
  if (link.expiresAt.getTime() <= Date.now()) throw new AppError('gone', 'This survey link has expired');
  if (link.kind === 'single_use' && link.usedAt)
    throw new AppError('gone', 'This survey link has already been used');
}

export const consumeSingleUseLink = repo.consumeSingleUseLink;
