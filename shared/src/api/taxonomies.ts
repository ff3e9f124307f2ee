import { z } from 'zod';
import { ZTaxonomyDefinition } from '../taxonomy/friction';

/** A saved version of an editable taxonomy. Version 0 is the shipped seed, before anyone edits it. */
export const ZTaxonomyVersion = z.object({
  key: z.string(),
  version: z.number().int().min(0),
  definition: ZTaxonomyDefinition,
  createdAt: z.iso.datetime().nullable(),
});
export type TTaxonomyVersion = z.infer<typeof ZTaxonomyVersion>;

/**
 * Saving a taxonomy creates a new version. `baseVersion` is the version the editor loaded: saving
 * over someone else's newer version is refused (409) rather than silently lost.
 */
export const ZTaxonomyUpdate = z
  .object({ baseVersion: z.number().int().min(0), definition: ZTaxonomyDefinition })
  .strict();
export type TTaxonomyUpdate = z.infer<typeof ZTaxonomyUpdate>;
