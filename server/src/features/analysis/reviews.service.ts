import type {
  TAnalysisQuality,
  TCommentAnalysisView,
  TLabelCorrections,
  TNotAnalysedCount,
  TReviewList,
  TReviewQuery,
} from '../../../../shared/src/api/analysis-trust';
import type { TBoardPeriod } from '../../../../shared/src/api/board';
import { countFigure } from '../../../../shared/src/board/suppression';
import { scopeRows } from '../../db/scope-filter';
import { notFound } from '../../http/app-error';
import { actorOf, type TCtx } from '../../http/context';
import { recordAudit } from '../audit/audit.service';
import { localToday, periodWindow } from '../board/board.summary';
import { queryScope, resolveBoardScope } from '../board/board.service';
import { getOrganisationSettings, unitIdsInScope } from '../org/org.service';
import * as repo from './corrections.repository';
import { readModelCard } from './model-card';
import * as quality from './quality.repository';

/**
 * The review list: comments the model alone thinks a person should look at (`review` tier), which
 * raise no alert. Like alerts, it is shown whatever the small-group rule, to quality leads and
 * admins of the units only: it exists so that someone reads each one. Every read is audited.
 */
export async function listReviews(ctx: TCtx, query: TReviewQuery): Promise<TReviewList> {
  const target = await resolveBoardScope(ctx, queryScope(query));
  const rows = await scopeRows(ctx.db, target.scope);
  const list = await repo.listReviews(
    ctx.db,
    target.organisationId,
    rows,
    query.status === 'reviewed',
    query.limit,
  );
  await recordAudit(ctx, {
    action: 'reviews.viewed',
    targetType: 'board',
    detail: {
      scope: target.scope.level,
      status: query.status,
      analysisIds: list.items.map((i) => i.analysisId),
    },
  });
  return list;
}

/** Marks a review-list comment as looked at (once; again is a no-op), audited. */
export async function markReviewed(ctx: TCtx, analysisId: string): Promise<TCommentAnalysisView> {
  const actor = actorOf(ctx);
  const visible = actor.scope.level === 'organisation' ? null : await unitIdsInScope(ctx);
  return ctx.db.transaction(async (tx) => {
    const found = await repo.findComment(tx, actor.organisationId, analysisId);
    if (!found || (visible && (found.unitId === null || !visible.has(found.unitId)))) {
      throw notFound('Comment not found');
    }
    if (await repo.markReviewed(tx, analysisId, actor.userId)) {
      await recordAudit(
        ctx,
        { action: 'comment.reviewed', targetType: 'comment_analysis', targetId: analysisId },
        tx,
      );
    }
    return (await repo.readView(tx, analysisId))!;
  });
}

/**
 * Comments not analysed because of their language, in a board scope and period, from the rollups.
 * A count of comments, hidden below the comment threshold of respondents like any comment figure.
 */
export async function notAnalysedCount(
  ctx: TCtx,
  query: { level: TReviewQuery['level']; id?: string; period: TBoardPeriod },
): Promise<TNotAnalysedCount> {
  const target = await resolveBoardScope(ctx, queryScope(query));
  const [org, rows] = await Promise.all([
    getOrganisationSettings(ctx.db, target.organisationId),
    scopeRows(ctx.db, target.scope),
  ]);
  const win = periodWindow(query.period, localToday(org.timezone));
  const counts = await quality.countNotAnalysed(ctx.db, {
    organisationId: target.organisationId,
    rows,
    ...win,
  });
  const figure = countFigure(counts.commenters, org.minCommentGroupSize, counts.comments);
  return { comments: figure.value, k: org.minCommentGroupSize };
}

const rated = (c: quality.TLabelCount): TLabelCorrections => ({
  ...c,
  rate: c.model > 0 ? Math.round(((c.removed + c.added) / c.model) * 10_000) / 10_000 : null,
});

/** "How good is the analysis?": the model card's test figures and the organisation's correction rates. */
export async function analysisQuality(ctx: TCtx): Promise<TAnalysisQuality> {
  const actor = actorOf(ctx);
  const [card, counts] = await Promise.all([
    readModelCard(),
    quality.correctionCounts(ctx.db, actor.organisationId),
  ]);
  return {
    modelCard: card.card,
    cardProblem: card.problem,
    analysedComments: counts.analysed,
    correctedComments: counts.corrected,
    corrections: {
      sentiment: counts.sentiment.map(rated),
      themes: counts.themes.map(rated),
      urgency: counts.urgency.map(rated),
    },
  };
}
