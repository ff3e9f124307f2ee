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
import { themeLabeller } from './theme-labels';

export { resolveBoardScope, type TBoardTarget } from './board.scope';
export { computeSummary, localToday } from './board.summary';
export { themeLabeller } from './theme-labels';

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
  const [org, rows] = await Promise.all([
    getOrganisationSettings(ctx.db, target.organisationId),
    scopeRows(ctx.db, target.scope),
  ]);
  const win = periodWindow(query.period, localToday(org.timezone));
  return commentsInWindow(ctx, {
    org,
    window: { organisationId: target.organisationId, scope: target.scope, rows, ...win },
    filter: { theme: query.theme, sentiment: query.sentiment },
    limit: query.limit,
    audit: {
      targetType: 'board',
      targetId: 'id' in target.scope ? target.scope.id : target.organisationId,
      detail: { scope: target.scope.level, period: query.period },
    },
  });
}

/** A set of comments to read: rows and local days, the filters, and how the read is audited. */
export type TCommentRead = {
  /** The organisation's settings, which the caller has read already for its window. */
  org: { timezone: string; minCommentGroupSize: number };
  window: Pick<repo.TWindow, 'organisationId' | 'scope' | 'rows' | 'from' | 'to' | 'narrow'>;
  filter: { theme?: string; sentiment?: string; linkId?: string };
  limit: number;
  /** Target and detail of the `comments.viewed` row; `filtered` and `responseIds` are added. */
  audit: { targetType: string; targetId: string; detail: Record<string, unknown> };
};

/**
 * The comment read every comment list shares (a board's, a change's impact window): nothing but
 * `k` when fewer than the organisation's comment threshold of respondents wrote matching comments
 * in the set, else the newest, redacted, with their question, audited with the responses shown.
 * The caller has checked that the actor may see the rows.
 */
export async function commentsInWindow(ctx: TCtx, read: TCommentRead): Promise<TBoardComments> {
  const { org } = read;
  const k = org.minCommentGroupSize;
  // Comments are read from responses, not rollups, so the weekly rows never enter.
  const w: repo.TWindow = { ...read.window, week: false };
  const respondents = await repo.countCommenters(ctx.db, w, org.timezone, read.filter, k);
  if (respondents < k) return { comments: null, k };
  const rows = await repo.readLatestComments(ctx.db, w, org.timezone, read.filter, read.limit);
  const [items, labelOf] = await Promise.all([
    versionItems(
      ctx.db,
      rows.map((r) => r.surveyVersionId),
    ),
    themeLabeller(ctx.db, read.window.organisationId),
  ]);
  await recordAudit(ctx, {
    action: 'comments.viewed',
    targetType: read.audit.targetType,
    targetId: read.audit.targetId,
    detail: {
      ...read.audit.detail,
      filtered: Boolean(read.filter.theme || read.filter.sentiment),
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
      themes: [...r.themes.map((t) => t.label), ...r.frictionThemes.map((t) => labelOf('friction', t.key))],
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
