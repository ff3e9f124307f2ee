import type { TCommentAnalysis } from '../../../../shared/src/analysis/contract';
import type { TSurveyDefinition, TTextIntent } from '../../../../shared/src/survey/definition';
import { flattenItems } from '../../../../shared/src/survey/items';
import { isNpsScale } from '../../../../shared/src/survey/scoring';
import type { Db } from '../../db/client';
import * as repo from './analysis.repository';
import { currentFrictionTaxonomy, type TTaxonomyRevision } from '../taxonomies/taxonomies.service';
import * as rollups from './rollups.repository';
import * as correctionsRepo from './corrections.repository';
import { applyCorrection, type TCorrection } from './corrections.merge';

/**
 * Storing analyses and keeping the rollups in step. The text analysis itself (redaction, models,
 * rules) is pure code in workers/src/analysis; the worker computes it outside any transaction and
 * hands the results here.
 */

export type TCommentToAnalyse = { linkId: string; text: string; intent?: TTextIntent };

/** One comment's analysis, for the question it answers. */
export type TCommentResult = TCommentAnalysis & { linkId: string };

export type TAnalysisWork = {
  responseId: string;
  organisationId: string;
  comments: TCommentToAnalyse[];
  /** Only for clinician surveys: the organisation's current friction taxonomy. */
  friction: TTaxonomyRevision | null;
  /** The versions the stored analysis was made with; null when never analysed. */
  stored: { modelVersion: string; taxonomyVersion: number | null } | null;
};

/** What an analysis needs, or null when the response no longer exists. */
export async function loadAnalysisWork(db: Db, responseId: string): Promise<TAnalysisWork | null> {
  const found = (await repo.readResponsesForAnalysis(db, [responseId], false)).get(responseId);
  if (!found) return null;
  const { response, previous } = found;
  const [comments, friction] = await Promise.all([
    repo.listComments(db, responseId),
    response.definition.audience === 'clinician'
      ? currentFrictionTaxonomy(db, response.organisationId)
      : Promise.resolve(null),
  ]);
  return {
    responseId,
    organisationId: response.organisationId,
    comments,
    friction,
    stored: previous,
  };
}

export const isUpToDate = (work: TAnalysisWork, modelVersion: string): boolean =>
  work.stored !== null &&
  work.stored.modelVersion === modelVersion &&
  work.stored.taxonomyVersion === (work.friction?.version ?? null);

export type TStoredAnalysis = {
  responseId: string;
  organisationId: string;
  surveyId: string;
  unitId: string | null;
  changeId: string | null;
  alerts: { id: string; unitId: string | null; linkId: string; reasons: string[] }[];
};

export type TAnalysisToStore = {
  responseId: string;
  modelVersion: string;
  taxonomyVersion: number | null;
  comments: TCommentResult[];
};

/** Stores one response's analysis: `storeAnalyses` of one. */
export async function storeAnalysis(db: Db, input: TAnalysisToStore): Promise<TStoredAnalysis | null> {
  return (await storeAnalyses(db, [input]))[0]!;
}

/**
 * Stores analyses (one response's, or the batch a worker's concurrent jobs produced), raises alerts
 * for urgent comments and updates the rollups, in one transaction; answers each input in order.
 * Idempotent: the response rows are locked, and where an analysis with the same versions is already
 * there nothing changes (null). A different version replaces the old analysis and swaps its rollup
 * contribution for the new one. Alerts already raised stay raised: a person may be dealing with
 * them. Imported history older than ALERT_MAX_AGE_DAYS raises none.
 *
 * A batch updates each rollup row once (the rollup statements take every response of the batch),
 * and the rows are locked from that statement to the commit only: a busy unit-day's rows are then
 * held once per batch rather than once per response, which is what kept jobs queueing on them.
 * The same response twice in one batch is stored once; its second input answers null.
 */
export async function storeAnalyses(
  db: Db,
  inputs: readonly TAnalysisToStore[],
): Promise<(TStoredAnalysis | null)[]> {
  const ids = [...new Set(inputs.map((i) => i.responseId))];
  return db.transaction(async (tx) => {
    const locked = await repo.readResponsesForAnalysis(tx, ids, true);
    const first = new Map<string, TAnalysisToStore>();
    for (const input of inputs) if (!first.has(input.responseId)) first.set(input.responseId, input);
    const work = [...first.values()].flatMap((input) => {
      const found = locked.get(input.responseId);
      if (!found) return [];
      const { previous } = found;
      const same =
        previous?.modelVersion === input.modelVersion && previous.taxonomyVersion === input.taxonomyVersion;
      return same ? [] : [{ input, ...found }];
    });
    if (work.length === 0) return inputs.map(() => null);
    const items = mergedItems(
      work.map((w) => rollupItems(w.response.surveyVersionId, w.response.definition)),
    );
    const replaced = work.filter((w) => w.previous !== null).map((w) => w.input.responseId);
    await rollups.applyResponseRollups(tx, replaced, -1, items);
    // Staff corrections outlive any re-analysis: the model's new answer goes under them.
    const corrections = await correctionsRepo.readCorrections(
      tx,
      work.map((w) => w.input.responseId),
    );
    const rows = work.map((w) =>
      w.input.comments.map((c) =>
        toStoredComment(c, corrections.get(w.input.responseId)?.get(c.linkId) ?? null),
      ),
    );
    await repo.replaceAnalyses(
      tx,
      work.map((w, i) => ({
        responseId: w.input.responseId,
        versions: { modelVersion: w.input.modelVersion, taxonomyVersion: w.input.taxonomyVersion },
        comments: rows[i]!,
        replacing: w.previous !== null,
      })),
    );
    // Alerts are for the `urgent` tier only; `review` comments wait on the review list, no alarm.
    const raised = await repo.insertAlerts(
      tx,
      work.flatMap(({ response }, i) =>
        rows[i]!.filter((c) => c.urgent && response.alertable).map((c) => ({
          organisationId: response.organisationId,
          unitId: response.unitId,
          surveyId: response.surveyId,
          responseId: response.id,
          linkId: c.linkId,
          reasons: c.urgencyReasons,
        })),
      ),
    );
    await rollups.applyResponseRollups(
      tx,
      work.map((w) => w.input.responseId),
      1,
      items,
    );
    await rollups.deleteEmptyRollups(tx, replaced);
    const stored = new Map(
      work.map(({ response }): [string, TStoredAnalysis] => [
        response.id,
        {
          responseId: response.id,
          organisationId: response.organisationId,
          surveyId: response.surveyId,
          unitId: response.unitId,
          changeId: response.changeId,
          alerts: raised
            .filter((a) => a.responseId === response.id)
            .map(({ id, unitId, linkId, reasons }) => ({ id, unitId, linkId, reasons })),
        },
      ]),
    );
    return inputs.map((input) =>
      first.get(input.responseId) === input ? (stored.get(input.responseId) ?? null) : null,
    );
  });
}

/**
 * The items of several versions, each pair once: the rollup statement joins answers to them, so a
 * version listed twice (two responses of one survey in a batch) would count its answers twice.
 */
function mergedItems(all: rollups.TRollupItems[]): rollups.TRollupItems {
  const once = <T extends { v: string; l: string }>(pairs: T[]) => [
    ...new Map(pairs.map((p) => [`${p.v}/${p.l}`, p])).values(),
  ];
  return { nps: once(all.flatMap((i) => i.nps)), sus: once(all.flatMap((i) => i.sus)) };
}

/** One comment's row: the model's answer kept as such, and with any staff correction on top. */
export function toStoredComment(c: TCommentResult, correction: TCorrection | null): repo.TCommentAnalysisRow {
  const score = Math.round(c.sentiment.score * 1000) / 1000;
  const model = {
    sentiment: c.sentiment.label,
    sentimentScore: score,
    themes: c.themes,
    urgency: c.urgency,
    notAnalysed: c.notAnalysed,
  };
  const effective = applyCorrection(model, correction);
  return {
    linkId: c.linkId,
    redactedText: c.redactedText,
    redactions: c.redactions,
    frictionThemes: c.frictionThemes,
    urgencyReasons: c.urgencyReasons,
    language: c.language,
    sentimentConfidence: Math.round(c.sentimentConfidence * 1000) / 1000,
    lowConfidence: c.lowConfidence,
    sentiment: effective.sentiment,
    sentimentScore: effective.sentimentScore,
    themes: effective.themes,
    urgent: effective.urgent,
    urgencyTier: effective.urgency,
    notAnalysed: effective.notAnalysed,
    modelSentiment: model.sentiment,
    modelSentimentScore: score,
    modelThemes: model.themes,
    modelUrgencyTier: model.urgency,
    modelNotAnalysed: model.notAnalysed,
  };
}

/**
 * NPS items are the 0-10 rating scales. SUS items are the ten ratings of a `scoring: 'sus'`
 * version in document order, as `scoreSus` reads them (none when there are not exactly ten).
 */
export function rollupItems(versionId: string, definition: TSurveyDefinition): rollups.TRollupItems {
  const ratings = flattenItems(definition.items).filter((item) => item.type === 'rating');
  const sus = definition.scoring === 'sus' && ratings.length === 10 ? ratings : [];
  return {
    nps: ratings.filter((item) => isNpsScale(item)).map((item) => ({ v: versionId, l: item.linkId })),
    sus: sus.map((item, i) => ({ v: versionId, l: item.linkId, odd: i % 2 === 0 })),
  };
}

/** `npm run rollups:rebuild`: the rollups recomputed from raw rows. */
export async function rebuildRollups(db: Db): Promise<void> {
  await rollups.rebuildRollups(db, await allRollupItems(db));
}

/** At a worker's start: rollups built by older code are rebuilt once. True when it did. */
export function rebuildOutdatedRollups(db: Db): Promise<boolean> {
  return rollups.rebuildOutdatedRollups(db, allRollupItems);
}

async function allRollupItems(db: Db): Promise<rollups.TRollupItems> {
  const versions = await repo.listSurveyVersions(db);
  return mergedItems(versions.map((v) => rollupItems(v.id, v.definition)));
}

export const snapshotRollups = rollups.snapshotRollups;
export const countRollupRows = rollups.countRollupRows;
export const countStaleResponses = repo.countStaleResponses;
export const listStaleResponses = repo.listStaleResponses;
