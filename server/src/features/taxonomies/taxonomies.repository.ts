import { and, desc, eq } from 'drizzle-orm';
import type { TTaxonomyDefinition } from '../../../../shared/src/taxonomy/friction';
import { taxonomies } from '../../db/analysis.schema';
import type { Db } from '../../db/client';

export async function latestTaxonomy(db: Db, organisationId: string, key: string) {
  const [row] = await db
    .select()
    .from(taxonomies)
    .where(and(eq(taxonomies.organisationId, organisationId), eq(taxonomies.key, key)))
    .orderBy(desc(taxonomies.version))
    .limit(1);
  return row ?? null;
}

export async function listTaxonomyVersions(db: Db, organisationId: string, key: string) {
  return db
    .select({
      version: taxonomies.version,
      createdBy: taxonomies.createdBy,
      createdAt: taxonomies.createdAt,
    })
    .from(taxonomies)
    .where(and(eq(taxonomies.organisationId, organisationId), eq(taxonomies.key, key)))
    .orderBy(desc(taxonomies.version));
}

export async function insertTaxonomy(
  db: Db,
  row: {
    organisationId: string;
    key: string;
    version: number;
    definition: TTaxonomyDefinition;
    createdBy: string;
  },
) {
  const [created] = await db.insert(taxonomies).values(row).onConflictDoNothing().returning();
  return created ?? null;
}
