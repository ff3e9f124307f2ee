import { demographicItems, PREFER_NOT_TO_SAY } from '../../../../shared/src/survey/about-you';
import type { TDemographic, TSurveyDefinition } from '../../../../shared/src/survey/definition';
import {
  fftCategory,
  itemMeasures,
  npsCategory,
  type TItemMeasure,
} from '../../../../shared/src/survey/scoring';
import type { TRespondent } from '../../../../shared/src/equity/group-tally';
import type { Db } from '../../db/client';
import * as repo from './equity.repository';

export type TRespondents = {
  respondents: TRespondent[];
  /** The mean rating's scale: the one every Likert question shares, else 0–100. */
  scale: { min: number; max: number };
  /** Which dimensions any survey read asks (channel: whenever any response came through a link). */
  dimensions: Set<TDemographic>;
};

/**
 * Respondents in a scope and period, each read through its own survey version: which questions are
 * FFT, NPS and Likert (as the board reads them) and which are "about you" (`demographic`). SUS
 * surveys' ratings do not feed the mean, as on the board and the impact.
 */
export async function loadRespondents(db: Db, read: repo.TRespondentRead): Promise<TRespondents> {
  const raw = await repo.readRespondents(db, read);
  const definitions = await repo.readDefinitions(db, [...new Set(raw.map((r) => r.versionId))]);
  const shapes = new Map([...definitions].map(([id, def]) => [id, shapeOf(def)]));
  const likert = new Set<string>();
  for (const s of shapes.values()) {
    for (const m of s.measures.values()) if (m.kind === 'likert') likert.add(`${m.min}:${m.max}`);
  }
  const shared = likert.size === 1 ? ([...likert][0]!.split(':').map(Number) as [number, number]) : null;
  const scale = shared ? { min: shared[0], max: shared[1] } : { min: 0, max: 100 };
  const dimensions = new Set<TDemographic>();
  const respondents = raw.map((r): TRespondent => {
    const shape: TShape = shapes.get(r.versionId) ?? {
      measures: new Map(),
      demographics: new Map(),
      sus: false,
    };
    const groups: TRespondent['groups'] = {};
    for (const [linkId, dimension] of shape.demographics) {
      dimensions.add(dimension);
      const value = r.answers[linkId];
      const code = Array.isArray(value) ? value[0] : undefined;
      if (code && code !== PREFER_NOT_TO_SAY) groups[dimension] = code;
    }
    if (r.channel) {
      dimensions.add('channel');
      groups.channel = r.channel;
    }
    let fft: boolean | null = null;
    let nps: number | null = null;
    const ratings: number[] = [];
    for (const [linkId, m] of shape.measures) {
      const value = r.answers[linkId];
      if (value === undefined) continue;
      if (m.kind === 'fft' && fft === null && Array.isArray(value) && value[0]) {
        fft = fftCategory(value[0]) === 'positive';
      } else if (m.kind === 'nps' && nps === null && typeof value === 'number') {
        const c = npsCategory(value);
        nps = c === 'promoter' ? 1 : c === 'detractor' ? -1 : 0;
      } else if (m.kind === 'likert' && !shape.sus && typeof value === 'number') {
        ratings.push(shared ? value : ((value - m.min) * 100) / (m.max - m.min));
      }
    }
    return {
      unitId: r.unitId,
      day: r.day,
      groups,
      fft,
      nps,
      ratings,
      comments: r.comments,
      negativeComments: r.negativeComments,
    };
  });
  return { respondents, scale, dimensions };
}

type TShape = { measures: Map<string, TItemMeasure>; demographics: Map<string, TDemographic>; sus: boolean };

function shapeOf(def: TSurveyDefinition): TShape {
  const demographics = demographicItems(def.items);
  const measures = itemMeasures(def);
  // An "about you" choice is never an outcome.
  for (const linkId of demographics.keys()) measures.delete(linkId);
  return { measures, demographics, sus: def.scoring === 'sus' };
}
