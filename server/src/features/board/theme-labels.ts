import type { Db } from '../../db/client';
import { currentFrictionTaxonomy } from '../taxonomies/taxonomies.service';

/** "sign-in-access" → "Sign in access": for a key an older taxonomy version had and the current lacks. */
export const humaniseKey = (key: string): string => {
  const words = key.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/**
 * How people read a theme: framework themes are already names; clinician-friction themes are
 * stored by key ("sign-in-access") and shown by their label in the organisation's taxonomy.
 */
export async function themeLabeller(
  db: Db,
  organisationId: string,
): Promise<(taxonomy: 'framework' | 'friction', key: string) => string> {
  const { definition } = await currentFrictionTaxonomy(db, organisationId);
  const labels = new Map(definition.themes.map((t) => [t.key, t.label]));
  return (taxonomy, key) => (taxonomy === 'framework' ? key : (labels.get(key) ?? humaniseKey(key)));
}
