import { ZFeedbackAnalyseJob } from '../../../shared/src/jobs';
import { compileTaxonomy, type TCompiledTaxonomy } from '../../../shared/src/taxonomy/friction';
import type { Db } from '../../../server/src/db/client';
import {
  isUpToDate,
  loadAnalysisWork,
  storeAnalyses,
  type TAnalysisToStore,
  type TStoredAnalysis,
} from '../../../server/src/features/analysis/analysis.service';
import type { TTaxonomyRevision } from '../../../server/src/features/taxonomies/taxonomies.service';
import { analyseComments, currentModelVersion, type TCommentInput } from '../analysis/analyse-comment';
import type { TJobDefinition } from '../job-definition';
import { callBatcher } from './batcher';
import { enqueueSpcDetect } from './spc-detect.processor';
import { notifyWebhooks } from './webhook-deliver.processor';

// Compiled taxonomies by organisation and version; versions are immutable, so entries never go stale.
const compiled = new Map<string, TCompiledTaxonomy>();
function compiledTaxonomy(organisationId: string, taxonomy: TTaxonomyRevision): TCompiledTaxonomy {
  const key = `${organisationId}/${taxonomy.version}`;
  let entry = compiled.get(key);
  if (!entry) {
    if (compiled.size > 500) compiled.clear();
    entry = compileTaxonomy(taxonomy.definition);
    compiled.set(key, entry);
  }
  return entry;
}

/** One per process: the jobs a worker runs at once share the encoder's batches. */
const commentBatcher = callBatcher((inputs: TCommentInput[]) => analyseComments(inputs));

/**
 * And their stores share transactions (one per database handle: `npm run reanalyse` brings its own),
 * so a busy unit-day's rollup rows are updated once per batch.
 */
const storeBatchers = new WeakMap<
  Db,
  ReturnType<typeof callBatcher<TAnalysisToStore, TStoredAnalysis | null>>
>();
function storeBatcher(db: Db) {
  let batcher = storeBatchers.get(db);
  if (!batcher) {
    batcher = callBatcher((inputs: TAnalysisToStore[]) => storeAnalyses(db, inputs), { maxBatch: 32 });
    storeBatchers.set(db, batcher);
  }
  return batcher;
}

/**
 * Analyses one response: every comment is redacted, scored, themed and checked for urgency outside
 * any transaction (pure CPU work, batched with the other jobs running), then stored with its alerts and rollups in one transaction.
 * Returns null when there was nothing to do: the response is gone, or already analysed with the
 * current model and taxonomy. Used by the worker and by `npm run reanalyse`.
 */
export async function analyseResponse(db: Db, responseId: string): Promise<TStoredAnalysis | null> {
  const work = await loadAnalysisWork(db, responseId);
  const modelVersion = currentModelVersion();
  if (!work || isUpToDate(work, modelVersion)) return null;
  const friction = work.friction ? compiledTaxonomy(work.organisationId, work.friction) : undefined;
  const results = await commentBatcher.run(
    work.comments.map((c) => ({ text: c.text, intent: c.intent, friction })),
  );
  const comments = work.comments.map((c, i) => ({ linkId: c.linkId, ...results[i]! }));
  const [stored] = await storeBatcher(db).run([
    { responseId, modelVersion, taxonomyVersion: work.friction?.version ?? null, comments },
  ]);
  return stored ?? null;
}

export const analyseFeedback: TJobDefinition<typeof ZFeedbackAnalyseJob> = {
  schema: ZFeedbackAnalyseJob,
  async handle({ responseId }, { db, log, events, jobs }) {
    const stored = await analyseResponse(db, responseId);
    if (!stored) {
      log.debug({ responseId }, 'nothing to analyse');
      return;
    }
    log.info({ responseId, alerts: stored.alerts.length }, 'response analysed');
    await events.publish({
      type: 'feedback.analysed',
      responseId,
      organisationId: stored.organisationId,
      surveyId: stored.surveyId,
      unitId: stored.unitId,
      changeId: stored.changeId,
      alerts: stored.alerts.map(({ id, unitId, reasons }) => ({ id, unitId, reasons })),
    });
    // Like the live event, after the commit and not retried with this job (the analysis is stored).
    await notifyWebhooks(db, jobs, stored.organisationId, 'response.analysed', [responseId])
      .then(() =>
        notifyWebhooks(
          db,
          jobs,
          stored.organisationId,
          'alert.raised',
          stored.alerts.map((a) => a.id),
        ),
      )
      .catch((err: Error) => log.warn({ responseId, err: err.message }, 'webhooks not enqueued'));
    // The unit's weekly charts moved: look for special-cause signals. Not retried with this job: the
    // analysis is stored, so a retry would find nothing to do; the unit's next analysis asks again.
    if (stored.unitId) {
      await enqueueSpcDetect(jobs, stored.unitId).catch((err: Error) =>
        log.warn({ unitId: stored.unitId, err: err.message }, 'SPC detection not enqueued'),
      );
    }
  },
};
