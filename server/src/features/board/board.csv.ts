import type { TBoardSummary, TFigure } from '../../../../shared/src/api/board';

/**
 * The board's figures as CSV (RFC 4180), one row per figure, hidden cells in words. Built from the
 * same summary the board shows, so an export can never reveal what the board hides.
 */
export function toCsv(summary: TBoardSummary): string {
  const k = summary.k.counts;
  const cell = (f: TFigure | null): [string, string] => {
    if (f === null) return ['not known', ''];
    if (f.hidden === 'small') return [`fewer than ${k}`, ''];
    if (f.hidden === 'complement') return ['hidden to protect a small group', ''];
    return [f.value === null ? '' : String(f.value), f.n === null ? '' : String(f.n)];
  };
  const rows: string[][] = [
    ['scope', `${summary.scope.level}: ${summary.scopeName}`, '', '', ''],
    ['period', `${summary.from} to ${summary.to}`, '', '', ''],
    ['small-group threshold', String(k), '', '', ''],
    ['section', 'bucket', 'figure', 'value', 'respondents'],
  ];
  const t = summary.totals;
  const totals: [string, TFigure | null][] = [
    ['responses', t.responses],
    ['response rate %', t.responseRate],
    ['FFT % positive', t.fftPositive],
    ['NPS', t.nps],
    [`mean rating (${summary.ratingScale.min}-${summary.ratingScale.max})`, t.meanRating],
    ['comments', t.comments],
    ['positive comments', t.sentiment.positive],
    ['neutral comments', t.sentiment.neutral],
    ['negative comments', t.sentiment.negative],
  ];
  for (const [name, f] of totals) rows.push(['total', '', name, ...cell(f)]);
  for (const p of summary.trend) {
    const figures: [string, TFigure][] = [
      ['responses', p.responses],
      ['FFT % positive', p.fftPositive],
      ['NPS', p.nps],
      ['mean rating', p.meanRating],
      ['positive comments', p.sentiment.positive],
      ['neutral comments', p.sentiment.neutral],
      ['negative comments', p.sentiment.negative],
    ];
    for (const [name, f] of figures) rows.push([summary.bucket, p.start, name, ...cell(f)]);
  }
  for (const th of summary.themes) {
    rows.push(['theme this period', th.taxonomy, th.theme, ...cell(th.current)]);
    rows.push(['theme previous period', th.taxonomy, th.theme, ...cell(th.previous)]);
  }
  for (const c of summary.changes) rows.push(['change go-live', c.goLiveDate, c.name, '', '']);
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Quotes a field when needed, and defuses spreadsheet formulas in staff-written names. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
