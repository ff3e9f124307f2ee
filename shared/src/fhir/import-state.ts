import type { TInvalidParam } from '../errors';
import type { TSurveyItem } from '../survey/definition';
import type { TJson } from './fhir-common';

/** Something of the source CareLoop cannot represent, by its element path, and what became of it. */
export type TUnsupported = { path: string; reason: string };

/** What an import collects as it reads a Questionnaire. */
export type TState = {
  defaultLocale: string;
  locales: Set<string>;
  unsupported: TUnsupported[];
  problems: TInvalidParam[];
  contained: Map<string, TJson>;
  usedValueSets: Set<string>;
  /** linkIds left out, so a condition on one can be refused rather than silently lost. */
  dropped: Map<string, string>;
  /** linkIds whose value a calculation sets. */
  calculated: Map<string, string>;
  /** FHIR `type` of each kept item, to read its enableWhen answers. */
  kept: Map<string, TSurveyItem>;
};

export function unsupported(state: TState, path: string, reason: string): void {
  state.unsupported.push({ path, reason });
}
