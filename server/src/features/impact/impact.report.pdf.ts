import PDFDocument from 'pdfkit';
import { beforeAfterChart, itsChart, type TChart } from '../../../../shared/src/impact/impact-charts';
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
import type { TReport } from './impact-report.service';

const MARGIN = 48;
const FOOTER = 28;
const INK = '#1b1b1b';
const MUTED = '#4b5563';
const RULE = '#c9ced6';

/**
 * pdfkit's built-in fonts (no files to ship) cover Windows-1252 only: other characters are said
 * in ASCII where there is a plain equivalent, else shown as "?". Rejected: bundling a Unicode
 * font, which would add megabytes for the rare comment in another script; the HTML report shows
 * those in full.
 */
export function pdfSafe(text: string): string {
  return text
    .replace(/−/g, '-')
    .replace(/[▲▼●○]/g, '')
    .replace(/[^\n\x20-\x7e\xa0-\xff‘’“”–—…•€™·]/g, '?');
}

type TDoc = PDFKit.PDFDocument;

function bottom(doc: TDoc): number {
  return doc.page.height - MARGIN - FOOTER;
}

function ensureSpace(doc: TDoc, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

/** A section heading, kept with at least `keep` points of what follows it. */
function heading(doc: TDoc, text: string, keep = 60): void {
  ensureSpace(doc, keep);
  doc.moveDown(0.8).font('Helvetica-Bold').fontSize(14).fillColor(INK).text(pdfSafe(text), MARGIN);
  doc.moveDown(0.3);
}

function para(doc: TDoc, text: string, size = 10.5, colour = INK, font = 'Helvetica'): void {
  const width = doc.page.width - 2 * MARGIN;
  doc.font(font).fontSize(size);
  ensureSpace(doc, doc.heightOfString(pdfSafe(text), { width }));
  doc.fillColor(colour).text(pdfSafe(text), MARGIN, doc.y, { width });
}

/** A chart's shapes, scaled into the page width at the current position. */
function drawChart(doc: TDoc, chart: TChart, caption: string): void {
  const width = doc.page.width - 2 * MARGIN;
  // Narrower than the page: three charts a page, their labels still 9 points and up.
  const scale = Math.min(0.8, width / chart.width);
  ensureSpace(doc, chart.height * scale + 24);
  doc.font('Helvetica-Bold').fontSize(10.5).fillColor(INK).text(pdfSafe(caption), MARGIN, doc.y, { width });
  const top = doc.y + 4;
  const X = (x: number) => MARGIN + x * scale;
  const Y = (y: number) => top + y * scale;
  for (const s of chart.shapes) {
    doc.save();
    if (s.kind === 'line' || s.kind === 'path') {
      if (s.dash) doc.dash(s.dash[0]! * scale, { space: (s.dash[1] ?? s.dash[0]!) * scale });
      doc.lineWidth(s.width * scale).strokeColor(s.stroke);
      if (s.kind === 'line') doc.moveTo(X(s.x1), Y(s.y1)).lineTo(X(s.x2), Y(s.y2));
      else s.points.forEach(([x, y], i) => (i === 0 ? doc.moveTo(X(x), Y(y)) : doc.lineTo(X(x), Y(y))));
      doc.stroke();
    } else if (s.kind === 'rect') {
      doc.rect(X(s.x), Y(s.y), s.w * scale, s.h * scale).lineWidth(0.5);
      if (s.stroke) doc.fillAndStroke(s.fill, s.stroke);
      else doc.fill(s.fill);
    } else if (s.kind === 'marker') {
      doc
        .circle(X(s.x), Y(s.y), s.r * scale)
        .lineWidth(0.8)
        .fillAndStroke(s.fill, s.stroke);
    } else {
      const size = s.size * scale;
      const text = pdfSafe(s.text);
      doc
        .font(s.bold ? 'Helvetica-Bold' : 'Helvetica')
        .fontSize(size)
        .fillColor(s.fill);
      const w = doc.widthOfString(text);
      const x = s.anchor === 'start' ? X(s.x) : s.anchor === 'end' ? X(s.x) - w : X(s.x) - w / 2;
      // SVG places text by its baseline; pdfkit by the top of the line.
      doc.text(text, x, Y(s.y) - size * 0.78, { lineBreak: false });
    }
    doc.restore();
  }
  doc.x = MARGIN;
  doc.y = top + chart.height * scale + 10;
}

const COLUMNS: { title: string; width: number }[] = [
  { title: 'Measure', width: 112 },
  { title: 'Before', width: 60 },
  { title: 'After', width: 60 },
  { title: 'Difference (95% CI)', width: 82 },
  { title: 'Against comparison', width: 82 },
  { title: 'q', width: 40 },
  { title: 'Verdict', width: 63 },
];

function tableRow(doc: TDoc, cells: string[], bold: boolean): void {
  doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5);
  const height = Math.max(
    ...cells.map((c, i) => doc.heightOfString(pdfSafe(c), { width: COLUMNS[i]!.width - 6 })),
  );
  ensureSpace(doc, height + 8);
  const top = doc.y;
  let x = MARGIN;
  cells.forEach((c, i) => {
    doc.fillColor(INK).text(pdfSafe(c), x + 3, top + 3, { width: COLUMNS[i]!.width - 6 });
    x += COLUMNS[i]!.width;
  });
  const y = top + height + 6;
  doc
    .moveTo(MARGIN, y)
    .lineTo(x, y)
    .lineWidth(bold ? 1.2 : 0.5)
    .strokeColor(bold ? INK : RULE)
    .stroke();
  doc.x = MARGIN;
  doc.y = y + 1;
}

function metricsTable(doc: TDoc, report: TReport): void {
  const { impact } = report;
  heading(doc, 'Before and after, every measure');
  tableRow(
    doc,
    COLUMNS.map((c) => c.title),
    true,
  );
  for (const m of rankMetrics(impact.metrics)) {
    const k = impact.k;
    tableRow(
      doc,
      [
        m.label,
        `${figureText(m, m.before, k)}\nn ${countText(m.before, k)}`,
        `${figureText(m, m.after, k)}\nn ${countText(m.after, k)}`,
        m.difference ? `${intervalCell(m, m.difference)}\n${differenceUnit(m)}` : '—',
        intervalCell(m, m.did),
        formatQ(m.q),
        VERDICT_BADGE[m.verdict].text,
      ],
      false,
    );
  }
  doc.moveDown(0.4);
  para(
    doc,
    `q: the chance of a difference this large by chance alone, corrected for looking at ${impact.metrics.length} measures at once. ` +
      `Figures from fewer than ${impact.k} people are hidden and shown as "fewer than ${impact.k}".`,
    8.5,
    MUTED,
  );
}

function themes(doc: TDoc, report: TReport): void {
  if (report.themes.length === 0) return;
  heading(doc, 'Themes that moved most');
  para(doc, exampleCommentsNote(report.impact.windows.after), 9, MUTED);
  for (const t of report.themes) {
    doc.moveDown(0.5);
    para(
      doc,
      `${t.metric.label}: ${intervalCell(t.metric, t.metric.difference)} ${differenceUnit(t.metric)}`,
      10.5,
      INK,
      'Helvetica-Bold',
    );
    if (t.comments === null)
      para(doc, `Fewer than ${t.k} people wrote comments on this theme, so none are shown.`, 9.5, MUTED);
    else if (t.comments.length === 0) para(doc, 'No comments on this theme in the after window.', 9.5, MUTED);
    for (const c of t.comments ?? [])
      para(
        doc,
        `“${c.redactedText}” (${formatDay(c.submittedAt.slice(0, 10))})`,
        9.5,
        INK,
        'Helvetica-Oblique',
      );
  }
}

/** Writes page numbers and the suppression note at the foot of every page, once all are laid out. */
function footers(doc: TDoc, report: TReport): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = doc.page.height - MARGIN;
    // Writing below the bottom margin would start a new page; lift it while writing the footer.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor(MUTED)
      .text(
        pdfSafe(
          `CareLoop · ${report.impact.changeName} · report of ${formatDay(report.generatedOn)} · page ${i + 1} of ${range.count}`,
        ),
        MARGIN,
        y,
        { width: doc.page.width - 2 * MARGIN, lineBreak: false },
      );
    doc.page.margins.bottom = margin;
  }
}

/** The report as real A4 vector pages: title, headline, the table, the charts and the themes. */
export function renderReportPdf(report: TReport): Promise<Buffer> {
  const { impact } = report;
  const wording = { unitNames: report.unitNames };
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: pdfSafe(`${impact.changeName}: impact report`), Author: 'CareLoop' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(20).fillColor(INK).text(pdfSafe(impact.changeName), MARGIN, MARGIN);
  para(
    doc,
    `Went live ${formatDay(impact.goLiveDate)} on ${report.unitNames.join(', ') || 'its units'}. ` +
      `Before: ${formatDay(impact.windows.before.from)} to ${formatDay(impact.windows.before.to)}. ` +
      `After: ${formatDay(impact.windows.after.from)} to ${formatDay(impact.windows.after.to)}. ` +
      `${impact.comparisonUnitIds.length} comparison unit${impact.comparisonUnitIds.length === 1 ? '' : 's'}.`,
    9.5,
    MUTED,
  );
  doc.moveDown(0.8);
  const line = pdfSafe(headline(impact, wording));
  const width = doc.page.width - 2 * MARGIN;
  doc.font('Helvetica-Bold').fontSize(13);
  const h = doc.heightOfString(line, { width: width - 20 });
  const top = doc.y;
  doc.rect(MARGIN, top, width, h + 16).fill('#eef4fa');
  doc.rect(MARGIN, top, 4, h + 16).fill('#0b5394');
  doc.fillColor(INK).text(line, MARGIN + 12, top + 8, { width: width - 20 });
  doc.x = MARGIN;
  doc.y = top + h + 24;
  if (impact.metrics.length > 0) para(doc, overview(impact));
  const moved = rankMetrics(impact.metrics).filter((m) => m.verdict === 'better' || m.verdict === 'worse');
  for (const m of moved.slice(1, 5)) {
    doc.moveDown(0.3);
    para(doc, `•  ${verdictLine(impact, m, wording)}`, 10);
  }
  if (impact.metrics.length > 0) metricsTable(doc, report);
  const core = rankMetrics(impact.metrics).filter((m) => !m.key.includes(':'));
  if (core.length + impact.its.length > 0) heading(doc, 'Charts', 240);
  for (const m of core) drawChart(doc, beforeAfterChart(m, impact.k), `${m.label}: before and after`);
  for (const entry of impact.its) {
    const m = impact.metrics.find((x) => x.key === entry.key);
    if (!m) continue;
    drawChart(
      doc,
      itsChart(m, entry, impact.goLiveDate),
      `${m.label} by week, fitted trend before and after go-live`,
    );
    para(
      doc,
      `Step at go-live ${intervalCell(m, entry.level)} ${differenceUnit(m)}; change of trend per week ${intervalCell(m, entry.slope)}.`,
      9,
      MUTED,
    );
    doc.moveDown(0.6);
  }
  themes(doc, report);
  footers(doc, report);
  doc.end();
  return done;
}
