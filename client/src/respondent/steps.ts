import type { TSurveyItem } from '../../../shared/src/survey/definition';

/**
 * Small screens show one step at a time: one top-level question, or one top-level group (a short
 * set of questions meant to be read together). Display text goes with the question after it, since
 * it introduces that question; trailing display text stays with the last step.
 */
export function buildSteps(items: TSurveyItem[]): TSurveyItem[][] {
  const steps: TSurveyItem[][] = [];
  let lead: TSurveyItem[] = [];
  for (const item of items) {
    if (item.type === 'display') {
      lead.push(item);
      continue;
    }
    steps.push([...lead, item]);
    lead = [];
  }
  if (lead.length > 0) {
    const last = steps[steps.length - 1];
    if (last) last.push(...lead);
    else steps.push(lead);
  }
  return steps;
}

/** A step's stable name: its first item's linkId (kept in the draft so a reload resumes there). */
export const stepKey = (step: TSurveyItem[]): string => step[0]?.linkId ?? '';

/** Every linkId in the step, nested ones included. */
export function linkIdsIn(items: TSurveyItem[], into: Set<string> = new Set()): Set<string> {
  for (const item of items) {
    into.add(item.linkId);
    if (item.type === 'group') linkIdsIn(item.items, into);
  }
  return into;
}

/** A step counts while something in it is asked: display text alone does not make a step. */
export function isStepShown(step: TSurveyItem[], visible: Set<string>): boolean {
  const asked = step.filter((item) => item.type !== 'display');
  return (asked.length > 0 ? asked : step).some((item) => visible.has(item.linkId));
}

/**
 * Where to be when the step in view may have been hidden by an answer: the same step if it still
 * shows, else the next one that does, else the last one that does.
 */
export function resolveStep(steps: TSurveyItem[][], shown: string[], wanted: string | null): string | null {
  if (wanted !== null && shown.includes(wanted)) return wanted;
  const keys = steps.map(stepKey);
  const from = wanted === null ? 0 : Math.max(0, keys.indexOf(wanted));
  return keys.slice(from).find((key) => shown.includes(key)) ?? shown[shown.length - 1] ?? null;
}
