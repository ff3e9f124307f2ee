import type { TValidatedAnswer } from '../../../../shared/src/survey/definition';
import { assessUrgency } from '../../../../workers/src/analysis/urgency';

// The model file loads on first use (some 0.5 s): load it as the server starts, not on a patient's submit.
setTimeout(() => assessUrgency('warm up'), 0).unref();

/** Longer text adds little to whether it reads as urgent, and would cost the submit path more. */
const MAX_CHARS = 5000;

/**
 * Whether a comment just submitted reads as urgent by the rules and model the workers flag alerts
 * with (the same function, called, not copied), so the thank-you page can say how to raise a concern
 * now. Runs on the raw text, in memory, after the response is stored: nothing is logged or kept, and
 * it costs a few milliseconds only when there is free text. The alert itself still comes from the
 * worker's analysis of the redacted text. Contact details are not comments.
 */
export function commentsReadAsUrgent(answers: readonly TValidatedAnswer[]): boolean {
  return answers.some(
    (a) =>
      a.type === 'text' &&
      a.intent !== 'contact' &&
      typeof a.value === 'string' &&
      a.value.length >= 3 &&
      assessUrgency(a.value.slice(0, MAX_CHARS)).urgent,
  );
}
