import type { TImpact, TImpactMetric, TInterval, TWindowFigure } from '../api/impact';
import { isPoints, isZero, magnitude, placePhrase, themeOf, toShown, type TMetric } from './impact-figures';

export * from './impact-figures';

/**
 * A change's impact in plain words, for the change page and the board-meeting report alike (one
 * code path, so the two never tell different stories). Differences are said in the unit people
 * read: percentage points for shares, NPS points, and scale points for mean ratings.
 */

/** What the sentences need beyond the impact itself. */
export type TImpactWording = {
  /** The change's units by name ("Ward 7"); more than three are counted instead. */
  unitNames: string[];
};

type TWords = {
  /** Rise and fall words: "more"/"fewer" for counted people, "higher"/"lower" for scores. */
  up: string;
  down: string;
  /** The change as a phrase around its size, e.g. "9 points fewer rated it good or very good". */
  change: (size: string, word: string) => string;
  /** The headline's opening for a rise or a fall at a place. */
  opener: (place: string, rose: boolean) => string;
  /** The measure as a noun, for "no clear change in …". */
  noun: string;
};

function wordsFor(m: TMetric): TWords {
  const hl = { up: 'higher', down: 'lower' };
  const theme = themeOf(m.key);
  if (m.key === 'fft_positive') {
    return {
      up: 'more',
      down: 'fewer',
      change: (size, word) => `${size} ${word} rated it good or very good`,
      opener: (place, rose) => `Patients rate ${place} ${rose ? 'higher' : 'lower'}`,
      noun: 'how patients rate',
    };
  }
  if (m.key === 'nps') {
    return {
      ...hl,
      change: (size, word) => `a Net Promoter Score ${size} ${word}`,
      opener: (place, rose) => `Patients are ${rose ? 'more' : 'less'} likely to recommend ${place}`,
      noun: 'how likely patients are to recommend',
    };
  }
  if (m.key === 'mean_rating') {
    return {
      ...hl,
      change: (size, word) => `a mean rating ${size} ${word}`,
      opener: (place, rose) => `Patients rate ${place} ${rose ? 'higher' : 'lower'}`,
      noun: 'the mean rating of',
    };
  }
  if (m.key === 'negative_share') {
    return {
      ...hl,
      change: (size, word) => `a share of negative comments ${size} ${word}`,
      opener: (place, rose) => `Comments about ${place} are ${rose ? 'more' : 'less'} often negative`,
      noun: 'negative comments about',
    };
  }
  if (m.key === 'sus') {
    return {
      ...hl,
      change: (size, word) => `a usability (SUS) score ${size} ${word}`,
      opener: (place, rose) => `Staff on ${place} rate its usability ${rose ? 'higher' : 'lower'}`,
      noun: 'usability scores on',
    };
  }
  if (m.key.startsWith('theme:') || m.key.startsWith('friction:')) {
    const who = m.key.startsWith('theme:') ? 'Patients' : 'Clinicians';
    const verb = m.key.startsWith('theme:') ? 'mention' : 'report';
    return {
      up: 'more',
      down: 'fewer',
      change: (size, word) => `${size} ${word} ${verb}ed “${theme}”`,
      opener: (place, rose) => `${who} on ${place} ${verb} “${theme}” ${rose ? 'more' : 'less'} often`,
      noun: `${who.toLowerCase()} ${verb}ing “${theme}” on`,
    };
  }
  return {
    ...hl,
    change: (size, word) => `${m.label} ${size} ${word}`,
    opener: (place, rose) => `${m.label} is ${rose ? 'higher' : 'lower'} on ${place}`,
    noun: `${m.label} on`,
  };
}

/** "9 points", "1 point", "0.3 scale points". */
function sizeText(m: TMetric, shown: number): string {
  const size = magnitude(m, shown);
  const unit = isPoints(m) ? 'point' : 'scale point';
  return `${size} ${unit}${size === '1' ? '' : 's'}`;
}

/** "9 points fewer rated it good or very good", or "no change in …" when it rounds to nothing. */
export function changeText(m: TMetric, estimate: number): string {
  const shown = toShown(m, estimate);
  const w = wordsFor(m);
  if (isZero(m, shown)) return 'no change';
  return w.change(sizeText(m, shown), shown > 0 ? w.up : w.down);
}

/**
 * A 95% interval as magnitudes when it lies on one side of zero ("95% CI 5 to 13", the words
 * already say which way), and with directions when it spans zero ("95% CI 6 fewer to 2 more").
 */
export function intervalText(m: TMetric, interval: TInterval): string {
  const w = wordsFor(m);
  const low = toShown(m, interval.low);
  const high = toShown(m, interval.high);
  if (low >= 0 || high <= 0) {
    const [a, b] = [Math.abs(low), Math.abs(high)].sort((x, y) => x - y);
    return `95% CI ${magnitude(m, a!)} to ${magnitude(m, b!)}`;
  }
  return `95% CI ${magnitude(m, low)} ${w.down} to ${magnitude(m, high)} ${w.up}`;
}

/** Chance in words, from the false-discovery-adjusted q. */
export function chanceText(q: number | null): string | null {
  if (q === null) return null;
  if (q < 0.01) return 'very likely not chance';
  if (q < 0.05) return 'probably not chance';
  return 'could be chance';
}

/** What the comparison units did over the same windows, or null when there are none to say. */
export function comparisonText(m: TImpactMetric, k: number): string | null {
  const c = m.comparison;
  if (!c) return null;
  if (c.before.hidden || c.after.hidden)
    return `with fewer than ${k} answers from comparison units to compare`;
  if (c.before.value === null || c.after.value === null) return null;
  const shown = toShown(m, c.after.value - c.before.value);
  const w = wordsFor(m);
  const size = isZero(m, shown) ? 'no change' : `${sizeText(m, shown)} ${shown > 0 ? w.up : w.down}`;
  return `against ${size} on comparison units`;
}

/**
 * Why a difference that chance is unlikely to explain got no better/worse verdict: the comparison
 * units moved about as much (the DiD's interval spans 0) or further the same way (it lies on the
 * other side), so the verdict rule held it back. Null when that is not why.
 */
export function driftText(m: TImpactMetric): string | null {
  if (m.verdict === 'better' || m.verdict === 'worse' || !m.difference || !m.did) return null;
  if (m.q === null || m.q >= 0.05 || m.difference.estimate === 0) return null;
  const rose = m.difference.estimate > 0;
  const further = rose ? m.did.high < 0 : m.did.low > 0;
  return `but comparison units moved ${further ? 'further the same way' : 'about as much'}, so this may not be the change`;
}

function tooFewText(m: TImpactMetric, k: number): string {
  const side = (f: TWindowFigure, when: string): string =>
    f.hidden ? `fewer than ${k} ${when}` : `${f.n ?? 0} ${when}`;
  const short = [m.before, m.after].some((f) => f.hidden || (f.n ?? 0) < k);
  const counts = `${side(m.before, 'before')} and ${side(m.after, 'after')} go-live`;
  if (short || !m.difference) {
    return `Too few answers to tell yet about “${m.label}”: ${counts}${short ? `, of at least ${k} needed on each side` : ''}.`;
  }
  // Enough people to show figures, too few to see a change of the size that matters (power).
  const mde = m.mde === null ? '' : ` can only pick up a change of ${sizeText(m, toShown(m, m.mde))} or more`;
  const sofar = `${changeText(m, m.difference.estimate)} (${intervalText(m, m.difference)})`;
  return `Too few answers to tell yet about “${m.label}”: ${counts}${mde}; so far ${sofar}.`;
}

/**
 * One metric's verdict line: "Patients rate Ward 7 lower since AI scribe went live: 9 points
 * fewer rated it good or very good (95% CI 5 to 13), against 1 point fewer on comparison units;
 * very likely not chance."
 */
export function verdictLine(
  impact: Pick<TImpact, 'changeName' | 'k'>,
  m: TImpactMetric,
  wording: TImpactWording,
): string {
  if (m.verdict === 'too few to tell' || !m.difference) return tooFewText(m, impact.k);
  const place = placePhrase(wording.unitNames);
  const since = `since ${impact.changeName} went live`;
  const rose = m.difference.estimate > 0;
  const opening =
    m.verdict === 'no clear change'
      ? `No clear change in ${wordsFor(m).noun} ${place} ${since}`
      : `${wordsFor(m).opener(place, rose)} ${since}`;
  const clauses = [`${changeText(m, m.difference.estimate)} (${intervalText(m, m.difference)})`];
  const comparison = comparisonText(m, impact.k);
  if (comparison) clauses.push(comparison);
  const chance = [chanceText(m.q), driftText(m)].filter(Boolean).join(', ');
  return `${opening}: ${clauses.join(', ')}${chance ? `; ${chance}` : ''}.`;
}

/** Core measures first, then usability, then clinicians' friction and patients' themes. */
function priority(key: string): number {
  const order = ['fft_positive', 'nps', 'mean_rating', 'negative_share', 'sus'];
  const i = order.indexOf(key);
  if (i >= 0) return i;
  return key.startsWith('friction:') ? order.length : order.length + 1;
}

/** The metrics in the order a reader needs them: moved ones first, then by importance and q. */
export function rankMetrics(metrics: TImpactMetric[]): TImpactMetric[] {
  const moved = (m: TImpactMetric) => (m.verdict === 'better' || m.verdict === 'worse' ? 0 : 1);
  return [...metrics].sort(
    (a, b) => moved(a) - moved(b) || priority(a.key) - priority(b.key) || (a.q ?? 1) - (b.q ?? 1),
  );
}

/**
 * The page's and the report's first sentence: the most important measure that moved, else an
 * honest "no clear change" or "too few to tell", else that there are no answers yet.
 */
export function headline(impact: TImpact, wording: TImpactWording): string {
  const place = placePhrase(wording.unitNames);
  const ranked = rankMetrics(impact.metrics);
  const top = ranked[0];
  const answered = (f: TWindowFigure): boolean => Boolean(f.hidden) || (f.n ?? 0) > 0;
  if (!top || !impact.metrics.some((m) => answered(m.before) || answered(m.after))) {
    return `No answers yet from ${place} to compare before and after ${impact.changeName} went live.`;
  }
  if (top.verdict === 'better' || top.verdict === 'worse') return verdictLine(impact, top, wording);
  const told = impact.metrics.filter((m) => m.verdict === 'no clear change');
  if (told.length === 0) return verdictLine(impact, top, wording);
  const n = told.length;
  const explain = told.some((m) => driftText(m))
    ? 'chance or the comparison units’ own change could explain'
    : 'chance could explain';
  return (
    `No clear change on ${place} since ${impact.changeName} went live: ` +
    (n === 1
      ? `the one measure with enough answers did not move more than ${explain}.`
      : `none of the ${n} measures with enough answers moved more than ${explain}.`)
  );
}

/** "2 of 7 measures moved: 1 better, 1 worse; 3 too few to tell." */
export function overview(impact: TImpact): string {
  const count = (v: TImpactMetric['verdict']) => impact.metrics.filter((m) => m.verdict === v).length;
  const better = count('better');
  const worse = count('worse');
  const few = count('too few to tell');
  const total = impact.metrics.length;
  const moved = better + worse;
  const head =
    moved === 0
      ? `None of ${total} measure${total === 1 ? '' : 's'} moved clearly`
      : `${moved} of ${total} measure${total === 1 ? '' : 's'} moved: ${better} better, ${worse} worse`;
  return `${head}${few > 0 ? `; ${few} too few to tell` : ''}.`;
}
