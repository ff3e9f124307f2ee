import type { TBoardSummary, TFigure } from '../../../../shared/src/api/board';
import { csvField } from '../../http/csv';

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
  // Patients and clinicians are never summed into one figure: with both, each has its own rows.
  const views =
    summary.audiences.length > 1
      ? summary.audiences.map((v) => ({
          prefix: `${v.audience} `,
          totals: v.totals,
          trend: v.trend,
          aspects: v.aspects,
        }))
      : [
          {
            prefix: '',
            totals: summary.totals,
            trend: summary.trend,
            aspects: summary.audiences[0]?.aspects ?? [],
          },
        ];
  for (const v of views) {
    const t = v.totals;
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
      ...v.aspects.map((a): [string, TFigure] => [`mean: ${a.label} (${a.min}-${a.max})`, a.total]),
    ];
    for (const [name, f] of totals) rows.push([`${v.prefix}total`, '', name, ...cell(f)]);
    v.trend.forEach((p, i) => {
      const figures: [string, TFigure][] = [
        ['responses', p.responses],
        ['FFT % positive', p.fftPositive],
        ['NPS', p.nps],
        ['mean rating', p.meanRating],
        ['positive comments', p.sentiment.positive],
        ['neutral comments', p.sentiment.neutral],
        ['negative comments', p.sentiment.negative],
        ...v.aspects.map((a): [string, TFigure] => [`mean: ${a.label}`, a.trend[i]!]),
      ];
      for (const [name, f] of figures) rows.push([`${v.prefix}${summary.bucket}`, p.start, name, ...cell(f)]);
    });
  }
  for (const th of summary.themes) {
    rows.push(['theme this period', th.taxonomy, th.label, ...cell(th.current)]);
    rows.push(['theme previous period', th.taxonomy, th.label, ...cell(th.previous)]);
  }
  for (const c of summary.changes) rows.push(['change go-live', c.goLiveDate, c.name, '', '']);
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
