import type {
  TCommentAnalysesQuery,
  TCommentAnalysisView,
  TCommentCorrection,
  TCorrectionExportLine,
} from '../../../../shared/src/api/analysis-trust';
import type { TFrameworkTheme } from '../../../../shared/src/analysis/contract';
import type { TScopeRows } from '../../db/scope-filter';
import { notFound } from '../../http/app-error';
import { actorOf, type TCtx } from '../../http/context';
import { redisEventPublisher } from '../../realtime/live-events';
import { recordAudit } from '../audit/audit.service';
import { unitIdsInScope } from '../org/org.service';
import * as analysisRepo from './analysis.repository';
import { rollupItems } from './analysis.service';
import * as repo from './corrections.repository';
import { applyCorrection, mergeCorrection, type TCorrection } from './corrections.merge';
import * as quality from './quality.repository';
import * as rollups from './rollups.repository';

/** The rows an actor may see comments of: all the organisation's, or their units' only. */
export async function visibleRows(ctx: TCtx): Promise<TScopeRows> {
  const actor = actorOf(ctx);
  if (actor.scope.level === 'organisation') return { kind: 'all' };
  return { kind: 'units', ids: [...(await unitIdsInScope(ctx))] };
}

/** Labels only: the audit trail never holds comment text. */
const labelsOf = (a: { sentiment: string; themes: { label: string }[]; urgency: string }) => ({
  sentiment: a.sentiment,
  themes: a.themes.map((t) => t.label),
  urgency: a.urgency,
});

/**
 * A quality lead's correction of one comment (sentiment, themes, urgency), in the actor's scope.
 * One transaction, with the response locked as an analysis locks it: the response's rollup
 * contribution is taken out, the comment's figures rewritten (the model's answer with the
 * correction on top), put back, and the correction and its audit row (labels before and after, who)
 * stored. An urgent correction raises the comment's alert; a correction away from urgent resolves it.
 * Boards hear of it after the commit, like a new analysis.
 */
export async function correctComment(
  ctx: TCtx,
  analysisId: string,
  input: TCommentCorrection,
): Promise<TCommentAnalysisView> {
  const actor = actorOf(ctx);
  const visible = actor.scope.level === 'organisation' ? null : await unitIdsInScope(ctx);
  const result = await ctx.db.transaction(async (tx) => {
    const found = await repo.findComment(tx, actor.organisationId, analysisId);
    if (!found || (visible && (found.unitId === null || !visible.has(found.unitId)))) {
      throw notFound('Comment not found');
    }
    const locked = (await analysisRepo.readResponsesForAnalysis(tx, [found.responseId], true)).get(
      found.responseId,
    );
    // Re-read under the lock: an analysis may have rewritten the model's answer meanwhile.
    const comment = await repo.findComment(tx, actor.organisationId, analysisId);
    if (!locked || !comment) throw notFound('Comment not found');
    const { response } = locked;
    const current =
      (await repo.readCorrections(tx, [comment.responseId])).get(comment.responseId)?.get(comment.linkId) ??
      null;
    const next = mergeCorrection(current, input);
    const model = { ...comment.model, themes: comment.model.themes as TThemeScores };
    const before = applyCorrection(model, current);
    const after = applyCorrection(model, next);
    const items = rollupItems(response.surveyVersionId, response.definition);
    await rollups.applyResponseRollups(tx, [comment.responseId], -1, items);
    await repo.writeEffective(tx, comment.id, after);
    await rollups.applyResponseRollups(tx, [comment.responseId], 1, items);
    await rollups.deleteEmptyRollups(tx, [comment.responseId]);
    await repo.saveCorrection(tx, comment, next, actor.userId);
    let raised: { id: string; unitId: string | null; reasons: string[] }[] = [];
    if (after.urgent && !before.urgent) {
      raised = await analysisRepo.insertAlerts(tx, [
        {
          organisationId: comment.organisationId,
          unitId: comment.unitId,
          surveyId: comment.surveyId,
          responseId: comment.responseId,
          linkId: comment.linkId,
          reasons: comment.urgencyReasons,
        },
      ]);
    } else if (before.urgent && !after.urgent) {
      await repo.resolveCommentAlert(tx, comment.responseId, comment.linkId, actor.userId);
    }
    await recordAudit(
      ctx,
      {
        action: 'comment.corrected',
        targetType: 'comment_analysis',
        targetId: comment.id,
        detail: {
          responseId: comment.responseId,
          linkId: comment.linkId,
          before: labelsOf(before),
          after: labelsOf(after),
          model: labelsOf(model),
        },
      },
      tx,
    );
    return { view: (await repo.readView(tx, comment.id))!, raised, response };
  });
  const { response } = result;
  await redisEventPublisher(ctx.redis, ctx.config.REDIS_PREFIX, ctx.log).publish({
    type: 'feedback.analysed',
    responseId: response.id,
    organisationId: response.organisationId,
    surveyId: response.surveyId,
    unitId: response.unitId,
    changeId: response.changeId,
    alerts: result.raised,
  });
  return result.view;
}

type TThemeScores = { label: TFrameworkTheme; confidence: number }[];

/**
 * The analyses (low confidence, language, corrections, review state) of comments a page already
 * shows, by response; only those in the actor's scope. Audited as a read of the comments.
 */
export async function commentAnalyses(
  ctx: TCtx,
  query: TCommentAnalysesQuery,
): Promise<TCommentAnalysisView[]> {
  const actor = actorOf(ctx);
  const items = await repo.listViewsOfResponses(
    ctx.db,
    actor.organisationId,
    query.responseId,
    await visibleRows(ctx),
  );
  await recordAudit(ctx, {
    action: 'comments.analyses_viewed',
    targetType: 'comment_analysis',
    detail: { analysisIds: items.map((i) => i.analysisId) },
  });
  return items;
}

/** `GET /corrections/export`: JSON lines for `npm run train -- --corrections`, audited. */
export async function exportCorrections(ctx: TCtx): Promise<TCorrectionExportLine[]> {
  const actor = actorOf(ctx);
  const { count, lines } = await quality.correctionLines(
    ctx.db,
    actor.organisationId,
    await visibleRows(ctx),
  );
  await recordAudit(ctx, {
    action: 'corrections.exported',
    targetType: 'organisation',
    detail: { lines: count },
  });
  return lines;
}

export type { TCorrection };
