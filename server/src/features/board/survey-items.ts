import { pickText } from '../../../../shared/src/locale';
import type { TSurveyAudience } from '../../../../shared/src/survey/definition';
import { flattenItems } from '../../../../shared/src/survey/items';
import { itemMeasures, type TItemMeasure } from '../../../../shared/src/survey/scoring';
import type { Db } from '../../db/client';
import * as repo from './board.repository';

/**
 * What each question of a survey measures, and its wording, read from the published versions.
 * Published versions never change (a trigger refuses it), so each is read once per process.
 */
type TVersionItems = {
  measures: Map<string, TItemMeasure>;
  texts: Map<string, string>;
  audience: TSurveyAudience;
  sus: boolean;
};

const byVersion = new Map<string, TVersionItems>();
/** Bounds the cache for servers that live for months; the oldest versions go first. */
const MAX_VERSIONS = 5000;

export async function versionItems(db: Db, versionIds: string[]): Promise<Map<string, TVersionItems>> {
  const missing = [...new Set(versionIds)].filter((id) => !byVersion.has(id));
  for (const { id, definition } of await repo.readDefinitions(db, missing)) {
    const texts = new Map(
      flattenItems(definition.items).map((item) => [
        item.linkId,
        pickText(item.text, definition.defaultLocale, definition.defaultLocale),
      ]),
    );
    byVersion.set(id, {
      measures: itemMeasures(definition),
      texts,
      audience: definition.audience,
      sus: definition.scoring === 'sus',
    });
    if (byVersion.size > MAX_VERSIONS) byVersion.delete(byVersion.keys().next().value!);
  }
  return new Map(versionIds.flatMap((id) => (byVersion.has(id) ? [[id, byVersion.get(id)!] as const] : [])));
}

/**
 * The measure of each (survey, question) pair: the newest published version that has the
 * question decides, so a question reworded or rescaled is read as it is asked now.
 */
export async function surveyMeasures(
  db: Db,
  surveyIds: string[],
): Promise<(surveyId: string, linkId: string) => TItemMeasure | undefined> {
  const versions = await repo.readSurveyVersions(db, [...new Set(surveyIds)]);
  const items = await versionItems(
    db,
    versions.map((v) => v.id),
  );
  const measures = new Map<string, TItemMeasure>();
  // Oldest first, so newer versions overwrite.
  for (const v of versions) {
    for (const [linkId, measure] of items.get(v.id)?.measures ?? [])
      measures.set(`${v.surveyId}\u0000${linkId}`, measure);
  }
  return (surveyId, linkId) => measures.get(`${surveyId}\u0000${linkId}`);
}

/** What a board needs to know of a survey: its audience, what it measures and its wording, as asked now. */
export type TSurveyFacts = {
  audience: TSurveyAudience;
  sus: boolean;
  measures: Map<string, TItemMeasure>;
  texts: Map<string, string>;
};

/** The facts of each survey, the newest published version deciding (surveys never published are left out). */
export async function surveyFacts(db: Db, surveyIds: string[]): Promise<Map<string, TSurveyFacts>> {
  const versions = await repo.readSurveyVersions(db, [...new Set(surveyIds)]);
  const items = await versionItems(
    db,
    versions.map((v) => v.id),
  );
  const facts = new Map<string, TSurveyFacts>();
  // Oldest first, so newer versions overwrite.
  for (const v of versions) {
    const it = items.get(v.id);
    if (!it) continue;
    const before = facts.get(v.surveyId);
    facts.set(v.surveyId, {
      audience: it.audience,
      sus: it.sus,
      measures: new Map([...(before?.measures ?? []), ...it.measures]),
      texts: new Map([...(before?.texts ?? []), ...it.texts]),
    });
  }
  return facts;
}
