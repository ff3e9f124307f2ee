import type { TChart, TShape } from '../../../../shared/src/impact/impact-charts';
import { h, replace } from '../../common/dom';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const el = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, String(value));
  // Text nodes, never markup: labels carry staff-written names.
  if (text !== undefined) el.textContent = text;
  return el;
}

function shapeElement(s: TShape): SVGElement {
  const dash: Record<string, string> = 'dash' in s && s.dash ? { 'stroke-dasharray': s.dash.join(' ') } : {};
  switch (s.kind) {
    case 'line':
      return svg('line', {
        x1: s.x1,
        y1: s.y1,
        x2: s.x2,
        y2: s.y2,
        stroke: s.stroke,
        'stroke-width': s.width,
        ...dash,
      });
    case 'path':
      return svg('polyline', {
        points: s.points.map(([x, y]) => `${x},${y}`).join(' '),
        fill: 'none',
        stroke: s.stroke,
        'stroke-width': s.width,
        ...dash,
      });
    case 'rect':
      return svg('rect', {
        x: s.x,
        y: s.y,
        width: s.w,
        height: s.h,
        fill: s.fill,
        stroke: s.stroke ?? 'none',
      });
    case 'marker':
      return svg('circle', { cx: s.x, cy: s.y, r: s.r, fill: s.fill, stroke: s.stroke });
    case 'text':
      return svg(
        'text',
        {
          x: s.x,
          y: s.y,
          'text-anchor': s.anchor,
          'font-size': s.size,
          'font-weight': s.bold ? 600 : 400,
          fill: s.fill,
        },
        s.text,
      );
  }
}

/** The shared chart geometry as an inline SVG image, scaled to its container. */
export function chartImage(chart: TChart, description: string): SVGElement {
  const root = svg('svg', {
    viewBox: `0 0 ${chart.width} ${chart.height}`,
    role: 'img',
    'aria-label': description,
    class: 'impact-svg',
  });
  for (const shape of chart.shapes) root.append(shapeElement(shape));
  return root;
}

export type TChartCard = {
  element: HTMLElement;
  update: (chart: TChart, description: string, table: HTMLElement) => void;
};

/**
 * A chart with the same figures as a table behind a Chart/Table switch, as on the board. The
 * chart is an image with a sentence saying what it shows; the table is the full text alternative.
 */
export function chartCard(id: string, title: string, legend?: HTMLElement): TChartCard {
  const chartArea = h('div', { class: 'impact-chart', id: `${id}-chart` });
  const tableArea = h('div', {
    class: 'chart-table',
    role: 'region',
    tabindex: '0',
    'aria-label': `${title} as a table`,
    hidden: true,
  });
  const chartButton = h('button', { type: 'button', class: 'small', 'aria-pressed': 'true' }, 'Chart');
  const tableButton = h('button', { type: 'button', class: 'small', 'aria-pressed': 'false' }, 'Table');
  const setView = (table: boolean): void => {
    chartButton.setAttribute('aria-pressed', String(!table));
    tableButton.setAttribute('aria-pressed', String(table));
    chartArea.hidden = table;
    if (legend) legend.hidden = table;
    tableArea.hidden = !table;
  };
  chartButton.addEventListener('click', () => setView(false));
  tableButton.addEventListener('click', () => setView(true));
  const element = h(
    'section',
    { class: 'card board-chart impact-card', 'aria-labelledby': `${id}-heading` },
    h(
      'div',
      { class: 'card-head' },
      h('h3', { id: `${id}-heading` }, title),
      h(
        'div',
        { class: 'view-switch', role: 'group', 'aria-label': `View of ${title}` },
        chartButton,
        tableButton,
      ),
    ),
    chartArea,
    legend,
    tableArea,
  );
  return {
    element,
    update: (chart, description, table) => {
      replace(chartArea, chartImage(chart, description));
      replace(tableArea, table);
    },
  };
}
