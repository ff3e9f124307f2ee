import {
  beforeAfterChart,
  itsChart,
  type TChart,
  type TShape,
} from '../../../../shared/src/impact/impact-charts';
import {
  countText,
  differenceUnit,
  exampleCommentsNote,
  figureText,
  formatDay,
  formatQ,
  headline,
  intervalCell,
  overview,
  rankMetrics,
  VERDICT_BADGE,
  verdictLine,
} from '../../../../shared/src/impact/impact-text';
import type { TImpact } from '../../../../shared/src/api/impact';
import type { TReport } from './impact-report.service';

/** Text into HTML: staff-written names and patients' (redacted) words never become markup. */
export function esc(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

const n = (v: number): string => String(Math.round(v * 10) / 10);

function shapeSvg(s: TShape): string {
  const dash = 'dash' in s && s.dash ? ` stroke-dasharray="${s.dash.join(' ')}"` : '';
  switch (s.kind) {
    case 'line':
      return `<line x1="${n(s.x1)}" y1="${n(s.y1)}" x2="${n(s.x2)}" y2="${n(s.y2)}" stroke="${s.stroke}" stroke-width="${s.width}"${dash}/>`;
    case 'path':
      return `<polyline points="${s.points.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}" fill="none" stroke="${s.stroke}" stroke-width="${s.width}"${dash}/>`;
    case 'rect':
      return `<rect x="${n(s.x)}" y="${n(s.y)}" width="${n(s.w)}" height="${n(s.h)}" fill="${s.fill}"${s.stroke ? ` stroke="${s.stroke}"` : ''}/>`;
    case 'marker':
      return s.shape === 'circle'
        ? `<circle cx="${n(s.x)}" cy="${n(s.y)}" r="${s.r}" fill="${s.fill}" stroke="${s.stroke}"/>`
        : `<rect x="${n(s.x - s.r)}" y="${n(s.y - s.r)}" width="${2 * s.r}" height="${2 * s.r}" fill="${s.fill}" stroke="${s.stroke}"/>`;
    case 'text':
      return `<text x="${n(s.x)}" y="${n(s.y)}" text-anchor="${s.anchor}" font-size="${s.size}"${s.bold ? ' font-weight="600"' : ''} fill="${s.fill}">${esc(s.text)}</text>`;
  }
}

/** A chart as inline SVG: an image with a text alternative; the tables beside it hold the figures. */
export function chartSvg(chart: TChart, alt: string): string {
  return `<svg class="chart" viewBox="0 0 ${chart.width} ${chart.height}" role="img" aria-label="${esc(alt)}" xmlns="http://www.w3.org/2000/svg">${chart.shapes.map(shapeSvg).join('')}</svg>`;
}

function metricsTable(impact: TImpact): string {
  const rows = rankMetrics(impact.metrics).map((m) => {
    const badge = VERDICT_BADGE[m.verdict];
    return `<tr><th scope="row">${esc(m.label)}</th>
      <td>${esc(figureText(m, m.before, impact.k))}<br><small>n ${esc(countText(m.before, impact.k))}</small></td>
      <td>${esc(figureText(m, m.after, impact.k))}<br><small>n ${esc(countText(m.after, impact.k))}</small></td>
      <td>${esc(intervalCell(m, m.difference))}${m.difference ? `<br><small>${esc(differenceUnit(m))}</small>` : ''}</td>
      <td>${esc(intervalCell(m, m.did))}</td>
      <td>${esc(formatQ(m.q))}</td>
      <td><span class="badge ${m.verdict.replaceAll(' ', '-')}">${badge.glyph} ${esc(badge.text)}</span></td></tr>`;
  });
  return `<table><caption>Before and after, every measure (differences with 95% intervals)</caption>
    <thead><tr><th scope="col">Measure</th><th scope="col">Before</th><th scope="col">After</th>
    <th scope="col">Difference</th><th scope="col">Against comparison units</th><th scope="col">q</th><th scope="col">Verdict</th></tr></thead>
    <tbody>${rows.join('')}</tbody></table>`;
}

function themesSection(report: TReport): string {
  if (report.themes.length === 0) return '';
  const items = report.themes.map(({ metric, comments, k }) => {
    const quotes =
      comments === null
        ? `<p class="note">Fewer than ${k} people wrote comments on this theme, so none are shown.</p>`
        : comments.length === 0
          ? '<p class="note">No comments on this theme in the after window.</p>'
          : `<ul class="quotes">${comments.map((c) => `<li><blockquote>${esc(c.redactedText)}</blockquote><small>${esc(formatDay(c.submittedAt.slice(0, 10)))}</small></li>`).join('')}</ul>`;
    return `<section class="theme"><h3>${esc(metric.label)}: ${esc(intervalCell(metric, metric.difference))} ${esc(differenceUnit(metric))}</h3>${quotes}</section>`;
  });
  return `<section class="themes"><h2>Themes that moved most</h2>
    <p class="note">${esc(exampleCommentsNote(report.impact.windows.after))}</p>
    ${items.join('')}</section>`;
}

function chartsSection(impact: TImpact): string {
  const core = rankMetrics(impact.metrics).filter((m) => !m.key.includes(':'));
  const bars = core.map(
    (m) => `<figure><figcaption>${esc(m.label)}: before and after</figcaption>
      ${chartSvg(beforeAfterChart(m, impact.k), `${m.label} before and after go-live, for this change’s units${m.comparison ? ' and the comparison units' : ''}.`)}</figure>`,
  );
  const its = impact.its.flatMap((entry) => {
    const m = impact.metrics.find((x) => x.key === entry.key);
    if (!m) return [];
    return [
      `<figure><figcaption>${esc(m.label)} by week, with the fitted trend before and after go-live</figcaption>
      ${chartSvg(itsChart(m, entry, impact.goLiveDate), `${m.label} by week; step at go-live ${intervalCell(m, entry.level)}, change of slope per week ${intervalCell(m, entry.slope)}.`)}
      <p class="note">Step at go-live ${esc(intervalCell(m, entry.level))} ${esc(differenceUnit(m))}; change of trend per week ${esc(intervalCell(m, entry.slope))}.</p></figure>`,
    ];
  });
  if (bars.length + its.length === 0) return '';
  return `<section class="charts"><h2>Charts</h2>${bars.join('')}${its.join('')}</section>`;
}

/** The printable report: one self-contained page, A4 when printed, no scripts and nothing fetched. */
export function renderReportHtml(report: TReport): string {
  const { impact } = report;
  const wording = { unitNames: report.unitNames };
  const moved = rankMetrics(impact.metrics).filter((m) => m.verdict === 'better' || m.verdict === 'worse');
  const title = `${impact.changeName}: impact report`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>${STYLES}</style></head>
<body><main>
<header><h1>${esc(impact.changeName)}</h1>
<p class="meta">Went live ${esc(formatDay(impact.goLiveDate))} on ${esc(report.unitNames.join(', ') || 'its units')}.
Before: ${esc(formatDay(impact.windows.before.from))} to ${esc(formatDay(impact.windows.before.to))}.
After: ${esc(formatDay(impact.windows.after.from))} to ${esc(formatDay(impact.windows.after.to))}.
${impact.comparisonUnitIds.length} comparison unit${impact.comparisonUnitIds.length === 1 ? '' : 's'}. Report of ${esc(formatDay(report.generatedOn))}.</p></header>
<p class="headline">${esc(headline(impact, wording))}</p>
${impact.metrics.length > 0 ? `<p>${esc(overview(impact))}</p>` : ''}
${
  moved.length > 1
    ? `<ul class="lines">${moved
        .slice(1, 5)
        .map((m) => `<li>${esc(verdictLine(impact, m, wording))}</li>`)
        .join('')}</ul>`
    : ''
}
${impact.metrics.length > 0 ? metricsTable(impact) : '<p>No answers yet.</p>'}
<p class="note">q is the chance of a difference this large by chance alone, corrected for looking at ${impact.metrics.length} measures at once.
Figures from fewer than ${impact.k} people are hidden and shown as “fewer than ${impact.k}”.</p>
${chartsSection(impact)}
${themesSection(report)}
</main></body></html>`;
}

const STYLES = `
@page { size: A4; margin: 16mm 14mm; }
* { box-sizing: border-box; }
body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1b1b1b; margin: 0; background: #fff; }
main { max-width: 180mm; margin: 0 auto; padding: 12mm 0; }
h1 { font-size: 20pt; margin: 0 0 4pt; }
h2 { font-size: 14pt; margin: 18pt 0 6pt; break-after: avoid; }
h3 { font-size: 11.5pt; margin: 10pt 0 4pt; }
.meta, .note, small { color: #4b5563; }
.note { font-size: 9.5pt; }
.headline { font-size: 14pt; font-weight: 600; border-left: 5px solid #0b5394; padding: 6pt 10pt; background: #eef4fa; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; margin-top: 8pt; }
caption { text-align: left; font-weight: 600; padding-bottom: 4pt; }
th, td { border-bottom: 1px solid #c9ced6; padding: 4pt; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #1b1b1b; }
tr { break-inside: avoid; }
.badge { white-space: nowrap; font-weight: 600; }
.badge.worse { color: #b3261e; } .badge.better { color: #1e6b34; }
figure { margin: 10pt 0; break-inside: avoid; }
figcaption { font-weight: 600; margin-bottom: 4pt; }
.chart { width: 100%; max-width: 150mm; height: auto; display: block; font-family: inherit; }
.quotes { list-style: none; padding: 0; margin: 0; }
.quotes li { margin: 0 0 6pt; break-inside: avoid; }
blockquote { margin: 0; padding: 2pt 8pt; border-left: 3px solid #c9ced6; font-style: italic; }
.charts figure:nth-of-type(2n) { break-after: auto; }
@media print { main { padding: 0; } .headline { background: none; } }
`;
