import { JOB_FEEDBACK_ANALYSE } from '../../shared/src/jobs';
import type { TJobDefinition } from './job-definition';
import { analyseFeedback } from './processors/analyse-feedback.processor';

/** Job name → definition. A worker started for a name with no entry refuses to start. */
export const registry: Record<string, TJobDefinition> = {
  [JOB_FEEDBACK_ANALYSE]: analyseFeedback as TJobDefinition,
};

export function definitionFor(name: string): TJobDefinition {
  const definition = registry[name];
  if (!definition) throw new Error(`no handler registered for job "${name}"`);
  return definition;
}
