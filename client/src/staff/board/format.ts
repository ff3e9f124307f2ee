import type { TBoardPeriod, TFigure } from '../../../../shared/src/api/board';

/** The periods a board offers, as people say them; 13 and 52 weeks because long boards count weeks. */
export const PERIOD_LABELS: Record<TBoardPeriod, string> = {
  '7d': '7 days',
  '30d': '30 days',
  '90d': '13 weeks',
  '365d': '52 weeks',
};

export const COMPLEMENT_TEXT = 'hidden to protect a small group';

/**
 * A figure as text. A hidden figure says why instead of showing a number: a zero there would be
 * read as "nobody", which is exactly what the small-group rule must not reveal.
 */
export function figureText(figure: TFigure, k: number, format: (value: number) => string): string {
  if (figure.hidden === 'small') return `fewer than ${k}`;
  if (figure.hidden === 'complement') return COMPLEMENT_TEXT;
  if (figure.value === null) return 'no answers yet';
  return format(figure.value);
}

export const formatCount = (value: number): string => Math.round(value).toLocaleString();
export const formatPercent = (value: number): string =>
  `${value.toLocaleString(undefined, { maximumFractionDigits: 1 })}%`;
/** NPS carries its sign: +20 and −20 are different stories. */
export const formatNps = (value: number): string =>
  value > 0 ? `+${Math.round(value)}` : value < 0 ? `−${Math.abs(Math.round(value))}` : '0';
export const formatRating = (value: number): string =>
  value.toLocaleString(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** How many people a figure is drawn from, or nothing when that is hidden too. */
export function peopleText(figure: TFigure): string | null {
  if (figure.n === null || figure.hidden !== null) return null;
  return `from ${formatCount(figure.n)} ${figure.n === 1 ? 'person' : 'people'}`;
}

/** A calendar day (YYYY-MM-DD) at local midnight: board days are the organisation's days. */
export function dayDate(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1);
}

export const formatDay = (day: string): string =>
  dayDate(day).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

export const formatShortDay = (day: string): string =>
  dayDate(day).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });

export const formatClock = (iso: string, seconds = true): string =>
  new Date(iso).toLocaleTimeString(undefined, {
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
  });

export function formatMoment(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** "up 4.2 points", "down 1 point", "no change": the words beside each arrow. */
export function pointsChange(change: number): string {
  const size = Math.abs(change).toLocaleString(undefined, { maximumFractionDigits: 1 });
  if (Math.abs(change) < 0.05) return 'no change';
  const unit = size === '1' ? 'point' : 'points';
  return `${change > 0 ? 'up' : 'down'} ${size} ${unit}`;
}
