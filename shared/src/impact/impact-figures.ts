import type { TImpactMetric, TInterval, TWindowFigure } from '../api/impact';

/**
 * A change's impact figures as the page's and the report's tables show them: values in the unit
 * people read, intervals, q, verdict badges, and the order of themes.
 */

export type TMetric = Pick<TImpactMetric, 'key' | 'label' | 'kind'>;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A calendar day as "3 Mar 2025": the same on the page and in the report, whatever the locale. */
export function formatDay(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

/** "Ward 7", "Ward 7 and Ward 9", "Ward 1, Ward 2 and Ward 3", "5 units". */
export function placePhrase(names: string[]): string {
  if (names.length === 0) return 'its units';
  if (names.length > 3) return `${names.length} units`;
  if (names.length === 1) return names[0]!;
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export const themeOf = (key: string): string => key.slice(key.indexOf(':') + 1);
export const isPoints = (m: TMetric): boolean => m.kind !== 'mean' || m.key === 'sus';
/** Shares are stored 0..1 and said in percentage points. */
export const toShown = (m: TMetric, value: number): number => (m.kind === 'proportion' ? value * 100 : value);

/** A magnitude rounded as people say it: whole points, one decimal under 1 point or for ratings. */
export function magnitude(m: TMetric, shown: number): string {
  const size = Math.abs(shown);
  const places = isPoints(m) ? (size < 0.95 ? 1 : 0) : size < 0.095 ? 2 : 1;
  return String(Number(size.toFixed(places)));
}

export const isZero = (m: TMetric, shown: number): boolean => Number(magnitude(m, shown)) === 0;

/** A figure as a value: "82%", "+20", "4.1", "72". Minus signs are U+2212, as on the board. */
export function formatValue(m: TMetric, value: number): string {
  const shown = toShown(m, value);
  if (m.kind === 'proportion') return `${Number(shown.toFixed(Math.abs(shown) < 10 ? 1 : 0))}%`;
  if (m.kind === 'nps') {
    const r = Math.round(shown);
    return r > 0 ? `+${r}` : r < 0 ? `−${Math.abs(r)}` : '0';
  }
  const text = m.key === 'sus' ? String(Math.round(shown)) : shown.toFixed(1);
  return text.replace('-', '−');
}

/**
 * One window's figure in words. A hidden figure says why and never a number: a zero there would
 * be read as "nobody", which is what the small-group rule must not reveal.
 */
export function figureText(m: TMetric, figure: TWindowFigure, k: number): string {
  if (figure.hidden === 'small') return `fewer than ${k}`;
  if (figure.hidden === 'complement') return 'hidden to protect a small group';
  if (figure.value === null) return 'no answers yet';
  return formatValue(m, figure.value);
}

/** How many people a window's figure comes from, or why that is not shown. */
export function countText(figure: TWindowFigure, k: number): string {
  if (figure.hidden) return `fewer than ${k}`;
  return figure.n === null ? '—' : String(figure.n);
}

/** The verdict as a badge's words, with a glyph so that it never rests on colour alone. */
export const VERDICT_BADGE: Record<TImpactMetric['verdict'], { glyph: string; text: string }> = {
  better: { glyph: '▲', text: 'Better' },
  worse: { glyph: '▼', text: 'Worse' },
  'no clear change': { glyph: '●', text: 'No clear change' },
  'too few to tell': { glyph: '○', text: 'Too few to tell' },
};

/** An interval in the metric's units for a table cell: "−9 (−13 to −5) points". */
export function intervalCell(m: TMetric, interval: TInterval | null): string {
  if (!interval) return '—';
  const signed = (v: number): string => {
    const shown = toShown(m, v);
    const size = magnitude(m, shown);
    return Number(size) === 0 ? '0' : `${shown > 0 ? '+' : '−'}${size}`;
  };
  return `${signed(interval.estimate)} (${signed(interval.low)} to ${signed(interval.high)})`;
}

/** The unit a table's differences are in. */
export const differenceUnit = (m: TMetric): string => (isPoints(m) ? 'points' : 'scale points');

/** q as a table shows it: "< 0.001", "0.03". */
export function formatQ(q: number | null): string {
  if (q === null) return '—';
  if (q < 0.001) return '<\u00a00.001';
  return q < 0.01 ? q.toFixed(3) : q.toFixed(2);
}

/** Theme and friction metrics, those that moved most first; hidden ones (no difference) last. */
export function themesThatMoved(metrics: TImpactMetric[]): TImpactMetric[] {
  const size = (m: TImpactMetric) => (m.difference ? Math.abs(m.difference.estimate) : -1);
  return metrics
    .filter((m) => m.key.startsWith('theme:') || m.key.startsWith('friction:'))
    .sort((a, b) => size(b) - size(a));
}

/** The theme name a metric key carries (`theme:Waiting` → `Waiting`). */
export const themeName = themeOf;

/** Where a change's example comments come from: the page and the report say it alike. */
export const exampleCommentsNote = (after: { from: string; to: string }): string =>
  `Example comments from the after window, ${formatDay(after.from)} to ${formatDay(after.to)}, ` +
  'with names, numbers and other personal details taken out.';
