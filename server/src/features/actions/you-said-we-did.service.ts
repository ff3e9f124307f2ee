import type { TActionSource } from '../../../../shared/src/api/actions';
import { preferredLocale } from '../../../../shared/src/i18n';
import { YSWD_LOCALES } from '../../../../shared/src/i18n/you-said-we-did';
import { notFound } from '../../http/app-error';
import type { TCtx } from '../../http/context';
import { getOrganisationSettings } from '../org/org.service';
import * as repo from './actions.repository';

/** One done action as the public sees it: the topic people raised, what was done, when. */
export type TPublicAction = {
  /** A framework or friction theme when the action came from one; else null ("your feedback"). */
  topic: string | null;
  description: string;
  doneDate: string;
  /** How many people raised it; null when fewer than the organisation's k (never shown then). */
  raisedBy: number | null;
};

export type TPublicUnitPage = {
  publicId: string;
  unitName: string;
  organisationName: string;
  locale: string;
  /** The languages the page is offered in: the organisation's survey languages that have text. */
  locales: string[];
  actions: TPublicAction[];
  /** Where the poster's QR code and the page's survey link go: the unit's open link, if any. */
  surveyUrl: string | null;
};

/** Friction theme keys are words joined by hyphens; framework theme labels are shown as they are. */
const topicOf = (source: TActionSource): string | null =>
  source.kind === 'theme' ? source.theme.replace(/[_-]/g, ' ') : null;

/**
 * The languages of the organisation's published surveys, in the order first seen, that the page
 * has text for; English when none do.
 */
async function organisationLocales(ctx: TCtx, organisationId: string): Promise<string[]> {
  const rows = await repo.readOrganisationLocales(ctx.db, organisationId);
  const offered = new Set<string>();
  for (const { locale } of rows) {
    const match = preferredLocale([locale], YSWD_LOCALES);
    if (match) offered.add(match);
  }
  const ordered = YSWD_LOCALES.filter((l) => offered.has(l));
  return ordered.length > 0 ? ordered : ['en'];
}

/**
 * A unit's public "You said, we did" page: its done actions in the words staff wrote for the
 * public, with no comment text, no staff names, and counts only at or above k. Unknown public ids
 * are a 404 like any other.
 */
export async function getPublicUnitPage(
  ctx: TCtx,
  publicId: string,
  wanted: (string | undefined)[],
): Promise<TPublicUnitPage> {
  const unit = await repo.findUnitByPublicId(ctx.db, publicId);
  if (!unit) throw notFound('No such page');
  const [org, rows, token, locales] = await Promise.all([
    getOrganisationSettings(ctx.db, unit.organisationId),
    repo.listDoneActionsOfUnit(ctx.db, unit.id),
    repo.findOpenLinkToken(ctx.db, unit.id),
    organisationLocales(ctx, unit.organisationId),
  ]);
  const locale = preferredLocale(wanted, locales) ?? locales[0]!;
  return {
    publicId,
    unitName: unit.name,
    organisationName: org.name,
    locale,
    locales,
    actions: rows.map((r) => ({
      topic: topicOf(r.source),
      description: r.publicDescription,
      doneDate: r.doneDate!,
      raisedBy: r.linkedReports >= org.minGroupSize ? r.linkedReports : null,
    })),
    // In the page's language when it is not the first: the survey then opens in it too.
    surveyUrl: token
      ? `${ctx.config.publicUrl}/s/${token}${locale === locales[0] ? '' : `?lang=${locale}`}`
      : null,
  };
}
