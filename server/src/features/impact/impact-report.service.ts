import type { TBoardComment } from '../../../../shared/src/api/board';
import type { TImpact, TImpactMetric, TImpactQuery } from '../../../../shared/src/api/impact';
import { themeName, themesThatMoved } from '../../../../shared/src/impact/impact-text';
import { actorOf, type TCtx } from '../../http/context';
import { recordAudit } from '../audit/audit.service';
import { localToday } from '../board/board.summary';
import { findUnitPlace, getOrganisationSettings } from '../org/org.service';
import { changeComments } from './impact-comments.service';
import { getChangeImpact } from './impact.service';
import { renderReportHtml } from './impact.report.html';
import { renderReportPdf } from './impact.report.pdf';

/** Themes the report quotes, and comments per theme: enough to illustrate, short enough to print. */
const THEMES_QUOTED = 3;
const COMMENTS_PER_THEME = 2;

export type TReportTheme = {
  metric: TImpactMetric;
  /** After-window comments; null when fewer than `k` people wrote matching ones (then none are shown). */
  comments: Pick<TBoardComment, 'redactedText' | 'submittedAt'>[] | null;
  k: number;
};

/** Everything a report shows, read once and drawn as HTML or PDF. */
export type TReport = {
  impact: TImpact;
  unitNames: string[];
  themes: TReportTheme[];
  generatedOn: string;
};

export type TReportFile = { filename: string; type: string; body: string | Buffer };

/**
 * A board-meeting report of a change's impact, as HTML or PDF. Reading the impact checks that the
 * actor may see the change ("missing" and "not yours" alike are 404). The export is audited with
 * its format only; example comments, from the after window, go through the change's comment read,
 * which applies the comment threshold and audits the responses it shows.
 */
export async function exportChangeReport(
  ctx: TCtx,
  changeId: string,
  query: TImpactQuery,
  format: 'html' | 'pdf',
): Promise<TReportFile> {
  const impact = await getChangeImpact(ctx, changeId, query);
  // The organisation's calendar day, as the windows count days.
  const { timezone } = await getOrganisationSettings(ctx.db, actorOf(ctx).organisationId);
  const today = localToday(timezone);
  const [places, themes] = await Promise.all([
    Promise.all(impact.unitIds.map((id) => findUnitPlace(ctx.db, id))),
    Promise.all(
      themesThatMoved(impact.metrics)
        .filter((m) => m.difference)
        .slice(0, THEMES_QUOTED)
        .map(async (metric): Promise<TReportTheme> => {
          const reply = await changeComments(ctx, impact.changeId, {
            before: query.before,
            after: query.after,
            settle: query.settle,
            side: 'after',
            theme: themeName(metric.key),
            limit: COMMENTS_PER_THEME,
          });
          return { metric, comments: reply.comments, k: reply.k };
        }),
    ),
  ]);
  const report: TReport = {
    impact,
    unitNames: places.flatMap((p) => (p ? [p.unitName] : [])),
    themes,
    generatedOn: today,
  };
  await recordAudit(ctx, {
    action: 'change.report_exported',
    targetType: 'change',
    targetId: impact.changeId,
    detail: { format },
  });
  const filename = `careloop-${slug(impact.changeName)}-impact-${today}.${format}`;
  return format === 'html'
    ? { filename, type: 'text/html; charset=utf-8', body: renderReportHtml(report) }
    : { filename, type: 'application/pdf', body: await renderReportPdf(report) };
}

/** A file name part from a change name: ASCII letters, digits and hyphens, never empty. */
export function slug(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 60)
    .replace(/-+$/, '');
  return s || 'change';
}
