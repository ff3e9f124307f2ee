import type { TBoardComments } from '../../../../shared/src/api/board';
import type { TChangeCommentsQuery } from '../../../../shared/src/api/impact';
import type { TCtx } from '../../http/context';
import { commentsInWindow, resolveBoardScope } from '../board/board.service';
import { getChange } from '../changes/changes.service';
import { getOrganisationSettings } from '../org/org.service';
import { impactWindows } from './impact.windows';

/**
 * `GET /changes/{id}/comments`: redacted comments from the change's units in one impact window,
 * for whoever may read the change's impact. Like the impact figures, it reads every answer from
 * those units, not only those tagged with the change (imported history and a ward's everyday links
 * carry no change). The comment threshold applies to the window's set, and the read is audited as
 * a board's comment read is, with the change as its target.
 */
export async function changeComments(
  ctx: TCtx,
  changeId: string,
  query: TChangeCommentsQuery,
): Promise<TBoardComments> {
  const target = await resolveBoardScope(ctx, { level: 'change', id: changeId });
  const [change, org] = await Promise.all([
    getChange(ctx, changeId),
    getOrganisationSettings(ctx.db, target.organisationId),
  ]);
  const { from, to } = impactWindows(change.goLiveDate, query)[query.side];
  return commentsInWindow(ctx, {
    org,
    window: {
      organisationId: target.organisationId,
      scope: target.scope,
      rows: { kind: 'units', ids: change.unitIds },
      from,
      to,
    },
    filter: { theme: query.theme, sentiment: query.sentiment },
    limit: query.limit,
    audit: {
      targetType: 'change',
      targetId: change.id,
      detail: { scope: 'change', side: query.side, from, to },
    },
  });
}
