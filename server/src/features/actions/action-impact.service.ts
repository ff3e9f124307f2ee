import type { TImpact, TImpactQuery } from '../../../../shared/src/api/impact';
import { AppError, invalid } from '../../http/app-error';
import { actorOf, type TCtx } from '../../http/context';
import { computeImpact } from '../impact/impact.service';
import { unitIdsInScope } from '../org/org.service';
import { getAction } from './actions.service';

/**
 * `GET /actions/{id}/impact`: the change impact's statistics, anchored at the day the action was
 * done, over the units it covers, in the same answer shape (`changeId` and `changeName` name the
 * action; `goLiveDate` is its done date). Until it is done there is nothing to anchor on: a 409
 * that says so. Comparison units are those the viewer may see, as for a change.
 */
export async function getActionImpact(ctx: TCtx, actionId: string, query: TImpactQuery): Promise<TImpact> {
  const action = await getAction(ctx, actionId);
  if (action.status !== 'done' || !action.doneDate) {
    throw new AppError(
      'conflict',
      'This action is not done yet: its impact is measured from the day it is done',
    );
  }
  const visible = await unitIdsInScope(ctx);
  if (Array.isArray(query.comparison)) {
    const bad = query.comparison.filter((id) => !visible.has(id) || action.unitIds.includes(id));
    if (bad.length > 0) {
      throw invalid([
        {
          name: 'comparison',
          reason: `not units of yours outside the action: ${bad.slice(0, 5).join(', ')}`,
        },
      ]);
    }
  }
  return computeImpact(
    ctx.db,
    {
      organisationId: actorOf(ctx).organisationId,
      id: action.id,
      name: action.title,
      unitIds: action.unitIds,
      anchorDate: action.doneDate,
    },
    query,
    { comparisonPool: visible },
  );
}
