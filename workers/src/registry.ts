import {
  JOB_FEEDBACK_ANALYSE,
  JOB_RETENTION_APPLY,
  JOB_SPC_DETECT,
  JOB_WEBHOOK_DELIVER,
} from '../../shared/src/jobs';
import type { TJobDefinition } from './job-definition';
import { analyseFeedback } from './processors/analyse-feedback.processor';
import { spcDetect } from './processors/spc-detect.processor';
import { retentionApply } from './processors/retention-apply.processor';
import { webhookDeliver } from './processors/webhook-deliver.processor';

/** Job name → definition. A worker started for a name with no entry refuses to start. */
export const registry: Record<string, TJobDefinition> = {
  [JOB_FEEDBACK_ANALYSE]: analyseFeedback as TJobDefinition,
  [JOB_SPC_DETECT]: spcDetect as TJobDefinition,
  [JOB_WEBHOOK_DELIVER]: webhookDeliver as TJobDefinition,
  [JOB_RETENTION_APPLY]: retentionApply as TJobDefinition,
};

export function definitionFor(name: string): TJobDefinition {
  const definition = registry[name];
  if (!definition) throw new Error(`no handler registered for job "${name}"`);
  return definition;
}
