import type { TFigure } from '../api/board';

/**
 * The small-group rule. A figure drawn from fewer than k respondents is hidden (`small`). Zero is
 * shown: it describes nobody. A hidden figure must not be recoverable from a total, so in every
 * group of figures that adds up to a published total, a lone hidden figure takes a second one
 * with it (`complement`): the smallest visible non-zero figure of the group. This is the
 * statistical agencies' primary and secondary cell suppression, kept deliberately simple.
 */

const round = (value: number, places: number) => {
  const f = 10 ** places;
  return Math.round(value * f) / f;
};

/** A count of respondents (or of what they wrote, `value`, drawn from `n` respondents). */
export function countFigure(n: number, k: number, value = n): TFigure {
  if (n > 0 && n < k) return { value: null, n: null, hidden: 'small' };
  return { value, n, hidden: null };
}

/** A rate or mean over `n` respondents; no value at all when nobody answered. */
export function rateFigure(value: number | null, n: number, k: number, places = 1): TFigure {
  if (n > 0 && n < k) return { value: null, n: null, hidden: 'small' };
  return { value: n === 0 || value === null ? null : round(value, places), n, hidden: null };
}

function hide(figure: TFigure): void {
  figure.value = null;
  figure.n = null;
  figure.hidden = 'complement';
}

/**
 * Secondary suppression over groups that each add up to a published total. Figures are mutated in
 * place, and a figure may sit in several groups; the passes repeat until no group has exactly one
 * hidden figure it could be worked out from. `size` orders the candidates: the smallest visible
 * figure is hidden first, as it carries the least information.
 */
export function protectGroups(
  groups: TFigure[][],
  size: (figure: TFigure) => number = (f) => f.n ?? 0,
): void {
  let changed = true;
  while (changed) {
    changed = false;
    for (const group of groups) {
      const hidden = group.filter((f) => f.hidden !== null);
      if (hidden.length !== 1) continue;
      const candidates = group.filter((f) => f.hidden === null && size(f) > 0);
      if (candidates.length === 0) continue;
      hide(candidates.reduce((a, b) => (size(b) < size(a) ? b : a)));
      changed = true;
    }
  }
}
