import type { TTaxonomyUpdate, TTaxonomyVersion } from '../../../../shared/src/api/taxonomies';
import { AppError } from '../../http/app-error';
import { actorOf, type TCtx } from '../../http/context';
import { FRICTION_TAXONOMY_SEED, type TTaxonomyDefinition } from '../../../../shared/src/taxonomy/friction';
import type { Db } from '../../db/client';
import { recordAudit } from '../audit/audit.service';
import { assertOrganisationWide } from '../org/org.service';
import * as repo from './taxonomies.repository';

/**
 * The clinician-friction taxonomy: themes defined by terms a quality lead edits. Every save is a new
 * immutable version; analyses record the version they used, and `npm run reanalyse` brings older
 * ones up to date.
 */
export const FRICTION_TAXONOMY_KEY = 'friction';

export type TTaxonomyRevision = { version: number; definition: TTaxonomyDefinition };

/** The latest saved version, or the seed as version 0 until someone edits it. For the worker too. */
export async function currentFrictionTaxonomy(db: Db, organisationId: string): Promise<TTaxonomyRevision> {
  const latest = await repo.latestTaxonomy(db, organisationId, FRICTION_TAXONOMY_KEY);
  return latest
    ? { version: latest.version, definition: latest.definition }
    : { version: 0, definition: FRICTION_TAXONOMY_SEED };
}

export async function getFrictionTaxonomy(ctx: TCtx): Promise<TTaxonomyVersion> {
  const actor = actorOf(ctx);
  const latest = await repo.latestTaxonomy(ctx.db, actor.organisationId, FRICTION_TAXONOMY_KEY);
  if (latest) {
    return {
      key: FRICTION_TAXONOMY_KEY,
      version: latest.version,
      definition: latest.definition,
      createdAt: latest.createdAt.toISOString(),
    };
  }
  const seed = await currentFrictionTaxonomy(ctx.db, actor.organisationId);
  return { key: FRICTION_TAXONOMY_KEY, version: seed.version, definition: seed.definition, createdAt: null };
}

export async function listFrictionTaxonomyVersions(ctx: TCtx) {
  const rows = await repo.listTaxonomyVersions(ctx.db, actorOf(ctx).organisationId, FRICTION_TAXONOMY_KEY);
  return rows.map((r) => ({
    version: r.version,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** The taxonomy is organisation-wide, so only organisation-wide staff may change it. */
export async function saveFrictionTaxonomy(ctx: TCtx, input: TTaxonomyUpdate): Promise<TTaxonomyVersion> {
  const actor = actorOf(ctx);
  assertOrganisationWide(ctx);
  const current = await getFrictionTaxonomy(ctx);
  if (current.version !== input.baseVersion) {
    throw new AppError(
      'conflict',
      `The taxonomy was changed meanwhile: version ${current.version} is the latest`,
    );
  }
  const created = await ctx.db.transaction(async (tx) => {
    const row = await repo.insertTaxonomy(tx, {
      organisationId: actor.organisationId,
      key: FRICTION_TAXONOMY_KEY,
      version: input.baseVersion + 1,
      definition: input.definition,
      createdBy: actor.userId,
    });
    // Two saves from the same base: the unique version key lets one through.
    if (!row) throw new AppError('conflict', 'The taxonomy was changed meanwhile');
    await recordAudit(
      ctx,
      {
        action: 'taxonomy.saved',
        targetType: 'taxonomy',
        targetId: FRICTION_TAXONOMY_KEY,
        detail: { version: row.version },
      },
      tx,
    );
    return row;
  });
  return {
    key: FRICTION_TAXONOMY_KEY,
    version: created.version,
    definition: created.definition,
    createdAt: created.createdAt.toISOString(),
  };
}
