import type { TMyReports } from '../../../../shared/src/api/actions';
import { actorOf, type TCtx } from '../../http/context';
import { recordAudit } from '../audit/audit.service';
import * as repo from './actions.repository';

/**
 * "My reports": the signed-in staff member's own reports and the actions linked to them.
 *
 * A clinician pulse is anonymous: nothing ties a response to anyone unless the clinician ticked
 * "I'm happy to be contacted" while signed in, which stores their user id on the response
 * (`responses.contact_user_id`, set by the respondent service from the session, never from the
 * body). Those responses, and only those, are theirs here. Actions link to responses when they are
 * made (`action_responses`), so an action reaches the reports it was made from, whoever wrote them,
 * and this page reads that link backwards from the clinician's own responses: no one else's report,
 * and no comment text (the clinician knows what they wrote; a shared screen need not show it).
 * Every read is audited, as every staff read of responses is.
 */
export async function listMyReports(ctx: TCtx): Promise<TMyReports> {
  const actor = actorOf(ctx);
  const rows = await repo.listMyReports(ctx.db, actor.userId);
  await recordAudit(ctx, {
    action: 'my_reports.viewed',
    targetType: 'user',
    targetId: actor.userId,
    detail: { reports: rows.length },
  });
  return {
    items: rows.map((r) => ({
      responseId: r.responseId,
      submittedAt: r.submittedAt.toISOString(),
      unitName: r.unitName,
      themes: (r.themes ?? []).filter((t) => typeof t === 'string').sort(),
      actions: r.actions.map((a) => ({
        id: a.id,
        title: a.title,
        publicDescription: a.public_description,
        status: a.status,
        dueDate: a.due_date,
        doneDate: a.done_date,
      })),
    })),
  };
}
