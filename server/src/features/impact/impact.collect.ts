import { PRAISE_THEME } from '../../../../shared/src/analysis/contract';
import type { TItemMeasure } from '../../../../shared/src/survey/scoring';
import { SUS_LINK_ID } from '../analysis/rollups.repository';
import type * as repo from './impact.repository';
import { MetricTallies, ratingScale, scaledMoments, type TGroup, type TMetricDef } from './impact.tally';

export type TCollectInput = {
  changeUnitIds: ReadonlySet<string>;
  comparisonUnitIds: ReadonlySet<string>;
  responses: repo.TUnitResponsesRow[];
  ratings: repo.TImpactRatingsRow[];
  fft: repo.TImpactFftRow[];
  themes: repo.TImpactThemeRow[];
  /** How framework theme mentions on the change's units lean, both windows: each theme's direction. */
  themeLeans: repo.TThemeLeanRow[];
  measureOf: (surveyId: string, linkId: string) => TItemMeasure | undefined;
  surveys: ReadonlyMap<string, repo.TSurveyKind>;
  /** The organisation's smallest change worth acting on, in points of 100. */
  minEffect: number;
};

const POSITIVE_FFT = new Set(['very_good', 'good']);
const groupOf = (mine: boolean): TGroup => (mine ? 'change' : 'comparison');

/**
 * Every metric's tallies from the rollup rows. Which question feeds which metric comes from the
 * surveys' measures, as on the board. SUS surveys' items do not feed mean_rating: their
 * alternating wording makes a plain mean of agreement meaningless, and `sus` scores them.
 */
export function collectTallies(input: TCollectInput): MetricTallies {
  const tallies = new MetricTallies();
  const e = input.minEffect;
  const isSus = (surveyId: string) => input.surveys.get(surveyId)?.sus === true;

  const likert = (r: repo.TImpactRatingsRow) => {
    const m = input.measureOf(r.surveyId, r.linkId);
    return m?.kind === 'likert' && !isSus(r.surveyId) ? m : undefined;
  };
  const scale = ratingScale(input.ratings.map(likert));
  const defs = {
    fft: def('fft_positive', 'FFT: very good or good', 'proportion', true, e / 100, true),
    nps: def('nps', 'Net Promoter Score', 'nps', true, e, true),
    mean: scale
      ? def(
          'mean_rating',
          `Mean rating (${scale.min}–${scale.max})`,
          'mean',
          true,
          (e / 100) * (scale.max - scale.min),
          true,
        )
      : def('mean_rating', 'Mean rating (scales rescaled to 0–100)', 'mean', true, e, true),
    negative: def(
      'negative_share',
      'Negative comments (share of comments)',
      'proportion',
      false,
      e / 100,
      true,
    ),
    // SUS is 0..100, so the organisation's points of 100 are SUS points.
    sus: def('sus', 'System Usability Scale (0–100)', 'mean', true, e, true),
  };

  for (const r of input.fft) {
    if (input.measureOf(r.surveyId, r.linkId)?.kind !== 'fft') continue;
    tallies.add(defs.fft, { group: groupOf(r.mine), ...r }, (t) => {
      t.n += r.answers;
      if (POSITIVE_FFT.has(r.code)) t.x += r.answers;
      t.count(r.surveyId, r.linkId, r.answers);
    });
  }
  for (const r of input.ratings) {
    const at = { group: groupOf(r.mine), ...r };
    if (r.linkId === SUS_LINK_ID) {
      // Stored as the SUS item sum 0..40; the score is 2.5 times it.
      tallies.add(defs.sus, at, (t) => {
        t.n += r.answers;
        t.sum += 2.5 * r.sum;
        t.sumSquares += 6.25 * r.sumSquares;
        t.count(r.surveyId, r.linkId, r.answers);
      });
      continue;
    }
    const m = input.measureOf(r.surveyId, r.linkId);
    if (m?.kind === 'nps') {
      tallies.add(defs.nps, at, (t) => {
        t.n += r.answers;
        t.promoters += r.promoters;
        t.detractors += r.detractors;
        t.count(r.surveyId, r.linkId, r.answers);
      });
    } else if (likert(r) && m?.kind === 'likert') {
      const moments = scaledMoments(m, scale, r);
      tallies.add(defs.mean, at, (t) => {
        t.n += r.answers;
        t.sum += moments.sum;
        t.sumSquares += moments.sumSquares;
        t.count(r.surveyId, r.linkId, r.answers);
      });
    }
  }

  // Comments: rows of units outside both groups are the organisation's other units (for `auto`).
  const commentRows = input.responses.flatMap((r) => {
    const group: TGroup | null = input.changeUnitIds.has(r.unitId)
      ? 'change'
      : input.comparisonUnitIds.has(r.unitId)
        ? 'comparison'
        : null;
    return group && r.comments > 0 ? [{ ...r, group }] : [];
  });
  for (const r of commentRows) {
    tallies.add(defs.negative, r, (t) => {
      // Of comments, as the issue defines it; the people behind them are the commenters.
      t.x += r.negativeComments;
      t.n += r.comments;
      t.count(r.surveyId, '', r.commenters);
    });
  }

  // Themes: share of the commenters of the theme's audience (framework themes: patients;
  // friction themes: clinicians) who mention it.
  const themeDefs = new Map<string, { def: TMetricDef; audience: 'patient' | 'clinician' }>();
  const praised = praisedThemes(input);
  for (const r of input.themes) {
    const audience = r.taxonomy === 'friction' ? 'clinician' : 'patient';
    if ((input.surveys.get(r.surveyId)?.audience ?? 'patient') !== audience) continue;
    const key = `${r.taxonomy === 'friction' ? 'friction' : 'theme'}:${r.theme}`;
    const label =
      r.taxonomy === 'friction'
        ? `Clinician comments reporting friction: ${r.theme}`
        : `Commenters mentioning “${r.theme}”`;
    // Which way is good news is the mentions' own lean (praisedThemes), not the theme's name.
    const up = r.taxonomy !== 'friction' && (r.theme === PRAISE_THEME || praised.has(r.theme));
    const entry = themeDefs.get(key) ?? {
      def: def(key, label, 'proportion', up, e / 100, false),
      audience,
    };
    themeDefs.set(key, entry);
    tallies.add(entry.def, { group: groupOf(r.mine), ...r }, (t) => {
      t.x += r.respondents;
      t.mentions += r.respondents;
    });
  }
  for (const { def: d, audience } of themeDefs.values()) {
    for (const r of commentRows) {
      if ((input.surveys.get(r.surveyId)?.audience ?? 'patient') !== audience) continue;
      tallies.add(d, r, (t) => {
        t.n += r.commenters;
        t.count(r.surveyId, '', r.commenters);
      });
    }
  }
  return tallies;
}

/**
 * Framework themes whose rise is good news: those whose mentions on the change's units (patients'
 * surveys, both windows) are more often positive than negative. A theme's label says what it is
 * about, not which way: "Staff manner & personal attributes" is mostly praise on one ward and
 * complaint on another, so a fixed direction read a fall in praise as better. Ties and themes with
 * no sentiment stay lower-is-better, as something raised to fix. The praise theme is always
 * higher-is-better and friction themes always lower-is-better; neither is decided here.
 */
function praisedThemes(input: Pick<TCollectInput, 'themeLeans' | 'surveys'>): Set<string> {
  const lean = new Map<string, number>();
  for (const r of input.themeLeans) {
    if ((input.surveys.get(r.surveyId)?.audience ?? 'patient') !== 'patient') continue;
    lean.set(r.theme, (lean.get(r.theme) ?? 0) + r.lean);
  }
  return new Set([...lean].filter(([, net]) => net > 0).map(([theme]) => theme));
}

function def(
  key: string,
  label: string,
  kind: TMetricDef['kind'],
  higherIsBetter: boolean,
  minEffect: number,
  its: boolean,
): TMetricDef {
  return { key, label, kind, higherIsBetter, minEffect, its };
}
