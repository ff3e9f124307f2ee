import type { TBoardScope } from '../../../../shared/src/api/board';
import { forbidden, notFound } from '../../http/app-error';
import { actorOf, type TCtx } from '../../http/context';
import { getChange } from '../changes/changes.service';
import { getPlaceInScope, getOrganisationSettings, unitIdsInScope } from '../org/org.service';
import { getSurvey } from '../surveys/surveys.service';

/** A scope the actor may look at, with what the board shows as its name. */
export type TBoardTarget = { organisationId: string; scope: TBoardScope; scopeName: string };

/**
 * Whether the actor may see a board scope. Places must lie inside the actor's own scope. A change
 * spans units, so it is visible to organisation-wide staff, or to staff whose scope holds every
 * unit it touches: otherwise its figures would include wards they may not see. A survey runs
 * organisation-wide, so only organisation-wide staff see it whole. Ids from elsewhere answer
 * `not_found`, as missing ones do; a scope above the actor's answers `forbidden`.
 */
export async function resolveBoardScope(ctx: TCtx, scope: TBoardScope): Promise<TBoardTarget> {
  const actor = actorOf(ctx);
  const orgWide = actor.scope.level === 'organisation';
  const target = (scopeName: string): TBoardTarget => ({
    organisationId: actor.organisationId,
    scope,
    scopeName,
  });
  switch (scope.level) {
    case 'organisation': {
      if (!orgWide) throw forbidden('Only organisation-wide staff can see the whole organisation');
      return target((await getOrganisationSettings(ctx.db, actor.organisationId)).name);
    }
    case 'site':
    case 'department':
    case 'unit':
      return target((await getPlaceInScope(ctx, scope.level, scope.id)).name);
    case 'change': {
      const change = await getChange(ctx, scope.id);
      if (!orgWide) {
        const visible = await unitIdsInScope(ctx);
        if (!change.unitIds.every((id) => visible.has(id))) throw notFound('Change not found');
      }
      return target(change.name);
    }
    case 'survey': {
      if (!orgWide) throw forbidden('Only organisation-wide staff can see a survey across the organisation');
      const survey = await getSurvey(ctx, scope.id);
      return target(survey.title);
    }
  }
}
