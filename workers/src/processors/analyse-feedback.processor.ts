import { ZFeedbackAnalyseJob } from '../../../shared/src/jobs';
import { compileTaxonomy, type TCompiledTaxonomy } from '../../../shared/src/taxonomy/friction';
import type { Db } from '../../../server/src/db/client';
import {
  isUpToDate,
  loadAnalysisWork,
  storeAnalysis,
  type TStoredAnalysis,
} from '../../../server/src/features/analysis/analysis.service';
import type { TTaxonomyRevision } from '../../../server/src/features/taxonomies/taxonomies.service';
import { analyseComments, currentModelVersion } from '../analysis/analyse-comment';
import type { TJobDefinition } from '../job-definition';
import { commentBatcher } from './comment-batcher';
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
const batcher = commentBatcher(analyseComments);

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
  const results = await batcher.analyse(
    work.comments.map((c) => ({ text: c.text, intent: c.intent, friction })),
  );
  const comments = work.comments.map((c, i) => ({ linkId: c.linkId, ...results[i]! }));
  return storeAnalysis(db, {
    responseId,
    modelVersion,
    taxonomyVersion: work.friction?.version ?? null,
    comments,
  });
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
