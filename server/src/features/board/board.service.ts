import {
  scopeOfQuery,
  type TBoardComments,
  type TBoardQuery,
  type TBoardScope,
  type TBoardSummary,
  type TCommentsQuery,
} from '../../../../shared/src/api/board';
import type { TSentimentLabel } from '../../../../shared/src/analysis/contract';
import { scopeRows } from '../../db/scope-filter';
import { invalid } from '../../http/app-error';
import type { TCtx } from '../../http/context';
import { recordAudit } from '../audit/audit.service';
import { getOrganisationSettings } from '../org/org.service';
import * as repo from './board.repository';
import { resolveBoardScope } from './board.scope';
import { computeSummary, localToday, periodWindow } from './board.summary';
import { toCsv } from './board.csv';
import { versionItems } from './survey-items';

export { resolveBoardScope, type TBoardTarget } from './board.scope';
export { computeSummary } from './board.summary';

/** The scope a query names; `id` must be given for every level but the organisation. */
export function queryScope(query: Pick<TBoardQuery, 'level' | 'id'>): TBoardScope {
  const scope = scopeOfQuery(query);
  if (!scope) {
    throw invalid([
      {
        name: 'id',
        reason: query.level === 'organisation' ? 'must not be given' : `required for ${query.level}`,
      },
    ]);
  }
  return scope;
}

export async function boardSummary(ctx: TCtx, query: TBoardQuery): Promise<TBoardSummary> {
  const target = await resolveBoardScope(ctx, queryScope(query));
  return computeSummary(ctx.db, target, query.period);
}

/**
 * The newest comments in a scope, redacted, when at least `k.comments` respondents wrote matching
 * ones; the read is written to the audit trail with the responses shown.
 */
export async function latestComments(ctx: TCtx, query: TCommentsQuery): Promise<TBoardComments> {
  const target = await resolveBoardScope(ctx, queryScope(query));
  const [org, scope] = await Promise.all([
    getOrganisationSettings(ctx.db, target.organisationId),
    scopeRows(ctx.db, target.scope),
  ]);
  const k = org.minCommentGroupSize;
  const win = periodWindow(query.period, localToday(org.timezone));
  const w: repo.TWindow = { organisationId: target.organisationId, scope: target.scope, rows: scope, ...win };
  const filter = { theme: query.theme, sentiment: query.sentiment };
  const respondents = await repo.countCommenters(ctx.db, w, org.timezone, filter, k);
  if (respondents < k) return { comments: null, k };
  const rows = await repo.readLatestComments(ctx.db, w, org.timezone, filter, query.limit);
  const items = await versionItems(
    ctx.db,
    rows.map((r) => r.surveyVersionId),
  );
  await recordAudit(ctx, {
    action: 'comments.viewed',
    targetType: 'board',
    targetId: 'id' in target.scope ? target.scope.id : target.organisationId,
    detail: {
      scope: target.scope.level,
      period: query.period,
      filtered: Boolean(query.theme || query.sentiment),
      responseIds: [...new Set(rows.map((r) => r.responseId))],
    },
  });
  return {
    comments: rows.map((r) => ({
      responseId: r.responseId,
      linkId: r.linkId,
      question: items.get(r.surveyVersionId)?.texts.get(r.linkId) ?? r.linkId,
      redactedText: r.redactedText,
      sentiment: r.sentiment as TSentimentLabel,
      themes: [...r.themes.map((t) => t.label), ...r.frictionThemes.map((t) => t.key)],
      urgent: r.urgent,
      unitName: r.unitName,
      submittedAt: r.submittedAt.toISOString(),
    })),
    k,
  };
}

/** The summary as CSV, the same cells hidden as on the board; the export is audited. */
export async function summaryCsv(ctx: TCtx, query: TBoardQuery): Promise<{ filename: string; csv: string }> {
  const summary = await boardSummary(ctx, query);
  await recordAudit(ctx, {
    action: 'board.exported',
    targetType: 'board',
    detail: { scope: summary.scope.level, period: summary.period },
  });
  return { filename: `careloop-board-${summary.from}-to-${summary.to}.csv`, csv: toCsv(summary) };
}
