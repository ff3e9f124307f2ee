import uPlot from 'uplot';
import type { TBoardSummary } from '../../../../shared/src/api/board';
import { dayDate, formatShortDay } from './format';

export type TShape = 'circle' | 'square' | 'triangle';

const MARKER_INK = '#1b1b1b';

/**
 * Point markers in each series' own shape, drawn over uPlot's lines: with the dash patterns they
 * tell the series apart in greyscale and for people who cannot tell the colours apart. A point
 * between two hidden buckets has no line at all, so its marker is also what shows it.
 */
export function drawMarkers(u: uPlot, series: { stroke: string; shape: TShape }[]): void {
  const ctx = u.ctx;
  const r = 4.5 * uPlot.pxRatio;
  const xs = u.data[0];
  ctx.save();
  ctx.lineWidth = 2 * uPlot.pxRatio;
  series.forEach((spec, i) => {
    const ys = u.data[i + 1] ?? [];
    ctx.fillStyle = spec.stroke;
    ctx.strokeStyle = '#fff';
    for (let j = 0; j < xs.length; j++) {
      const value = ys[j];
      // A zero lies on the axis, where three series' markers would only make a fringe.
      if (value === null || value === undefined || value === 0) continue;
      const x = u.valToPos(xs[j]!, 'x', true);
      const y = u.valToPos(value, 'y', true);
      ctx.beginPath();
      if (spec.shape === 'circle') ctx.arc(x, y, r, 0, 2 * Math.PI);
      else if (spec.shape === 'square') ctx.rect(x - r, y - r, 2 * r, 2 * r);
      else {
        ctx.moveTo(x, y - r * 1.2);
        ctx.lineTo(x + r * 1.1, y + r * 0.8);
        ctx.lineTo(x - r * 1.1, y + r * 0.8);
        ctx.closePath();
      }
      ctx.fill();
      ctx.stroke();
    }
  });
  ctx.restore();
}

/**
 * A dashed vertical line at each technology change's go-live date, labelled with its name above
 * the plot (the chart's top padding leaves room). Labels that would overlap move down a row.
 */
export function drawChangeLines(u: uPlot, changes: TBoardSummary['changes'], fontPx: number): void {
  if (changes.length === 0) return;
  const ctx = u.ctx;
  const px = uPlot.pxRatio;
  const { left, top, width, height } = u.bbox;
  ctx.save();
  ctx.font = `600 ${Math.round(fontPx * 0.8 * px)}px system-ui, sans-serif`;
  ctx.textBaseline = 'bottom';
  // uPlot leaves the context aligned as its last axis label was.
  ctx.textAlign = 'left';
  const placed: { from: number; to: number; row: number }[] = [];
  for (const change of [...changes].sort((a, b) => a.goLiveDate.localeCompare(b.goLiveDate))) {
    const x = Math.round(u.valToPos(dayDate(change.goLiveDate).getTime() / 1000, 'x', true));
    if (x < left - 1 || x > left + width + 1) continue;
    ctx.strokeStyle = MARKER_INK;
    ctx.lineWidth = 1.5 * px;
    ctx.setLineDash([5 * px, 4 * px]);
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
    // The label starts at the line; one that would run off the right ends at the line instead.
    // A narrow chart shortens the name; the change list and the chart's text give it whole.
    let name = `${change.name} · ${formatShortDay(change.goLiveDate)}`;
    const room = u.ctx.canvas.width - ctx.measureText('▼ ').width;
    for (let cut = change.name.length - 1; cut > 3 && ctx.measureText(name).width > room; cut--) {
      name = `${change.name.slice(0, cut).trimEnd()}… · ${formatShortDay(change.goLiveDate)}`;
    }
    const right = `▼ ${name}`;
    const fitsRight = x - 5 * px + ctx.measureText(right).width <= u.ctx.canvas.width;
    const label = fitsRight ? right : `${name} ▼`;
    const textWidth = ctx.measureText(label).width;
    const start = Math.max(
      0,
      Math.min(fitsRight ? x - 5 * px : x + 5 * px - textWidth, u.ctx.canvas.width - textWidth),
    );
    let row = 0;
    while (placed.some((p) => p.row === row && start < p.to && start + textWidth > p.from)) row++;
    placed.push({ from: start, to: start + textWidth + 8 * px, row });
    const y = top - 4 * px - row * fontPx * px;
    if (y < fontPx * 0.6 * px) continue;
    ctx.fillStyle = MARKER_INK;
    ctx.fillText(label, start, y);
  }
  ctx.restore();
}
