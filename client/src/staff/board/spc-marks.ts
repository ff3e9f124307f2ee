import uPlot from 'uplot';
import type { TAlertSpcSignal, TBoardSummary } from '../../../../shared/src/api/board';
import type { TSpcChart, TSpcMetric, TSpcRule } from '../../../../shared/src/api/impact';
import { h, replace } from '../../common/dom';
import { staffRequest } from '../session';
import { hashOfView } from './board-scope';
import { dayDate, formatDay } from './format';

/** SPC signals in words, for the board's trend and the alerts panel. */
export const SPC_METRIC_LABELS: Record<TSpcMetric, string> = {
  fft_positive: 'FFT % positive',
  negative_share: 'share of negative comments',
  nps: 'NPS',
  mean_rating: 'mean rating',
};

const RULES: Record<TSpcRule, { up: string; down: string }> = {
  beyond_limits: { up: 'a week above the upper control limit', down: 'a week below the lower control limit' },
  run_of_7: { up: 'a run of 7 weeks above the mean', down: 'a run of 7 weeks below the mean' },
  trend_of_6: { up: '6 weeks rising in a row', down: '6 weeks falling in a row' },
  two_of_three_beyond_2sigma: {
    up: '2 of 3 weeks close to the upper limit',
    down: '2 of 3 weeks close to the lower limit',
  },
};

export const spcRuleText = (rule: TSpcRule, direction: 'up' | 'down'): string => RULES[rule][direction];

/** "Special-cause signal: FFT % positive, a run of 7 weeks below the mean since week of 3 Mar 2025". */
export const spcSignalText = (s: TAlertSpcSignal): string =>
  `Special-cause signal: ${SPC_METRIC_LABELS[s.metric]}, ${spcRuleText(s.rule, s.direction)} since week of ${formatDay(s.runStart)}`;

/** The unit's board over 52 weeks, where its FFT trend shows the signal weeks. */
export const spcBoardHref = (unitId: string): string =>
  hashOfView({ scope: { level: 'unit', id: unitId }, period: '365d' });

const MARK = '#b3261e';
/** Charts are re-read now and then, not on every live push: signals move weekly. */
const REFRESH_MS = 5 * 60_000;

type TSignal = TSpcChart['signals'][number];

/**
 * Special-cause signals on a unit board's FFT trend (weekly periods only: SPC charts are weekly): a
 * hollow red diamond around each week a signal fired, drawn by the FFT chart's overlay hook, and
 * the same signals as a list for people who do not read the chart. `redraw` asks the chart to draw
 * again once the signals have been read.
 */
export function spcMarks(redraw: () => void): {
  element: HTMLElement;
  draw: (u: uPlot, summary: TBoardSummary) => void;
  update: (summary: TBoardSummary) => void;
} {
  let signals: TSignal[] = [];
  let key = '';
  let readAt = 0;
  const element = h('section', { class: 'card board-spc', 'aria-labelledby': 'spc-heading', hidden: true });

  function show(summary: TBoardSummary, chart: TSpcChart): void {
    const inView = chart.signals.filter((s) => s.week >= summary.from);
    signals = inView;
    replace(
      element,
      h('h3', { id: 'spc-heading' }, 'Special-cause signals, FFT % positive'),
      inView.length === 0
        ? h('p', { class: 'hint' }, 'No special-cause signal in these weeks: the variation is common cause.')
        : [
            h(
              'p',
              { class: 'hint' },
              'Marked on the FFT trend with a red diamond at the week each signal fired.',
            ),
            h(
              'ul',
              { class: 'plain spc-signals' },
              inView.map((s) =>
                h(
                  'li',
                  {},
                  h('strong', {}, `Week of ${formatDay(s.week)}`),
                  `: ${spcRuleText(s.rule, s.direction)}`,
                  s.runStart && s.runStart !== s.week ? `, since week of ${formatDay(s.runStart)}` : '',
                  '.',
                ),
              ),
            ),
          ],
    );
    element.hidden = false;
    redraw();
  }

  async function read(summary: TBoardSummary, id: string, mine: string): Promise<void> {
    const params = new URLSearchParams({
      level: 'unit',
      id,
      metric: 'fft_positive',
      weeks: String(Math.max(8, summary.trend.length)),
    });
    try {
      const chart = await staffRequest<TSpcChart>(`/spc?${params.toString()}`);
      if (mine === key) show(summary, chart);
    } catch {
      // The board works without its SPC marks; try again at the next refresh.
      if (mine === key) readAt = 0;
    }
  }

  return {
    element,
    draw(u, summary) {
      if (signals.length === 0) return;
      const ctx = u.ctx;
      const px = uPlot.pxRatio;
      const r = 8 * px;
      ctx.save();
      ctx.strokeStyle = MARK;
      ctx.lineWidth = 2.5 * px;
      for (const s of signals) {
        const i = summary.trend.findIndex((p) => p.start === s.week);
        const value = summary.trend[i]?.fftPositive.value;
        if (value === null || value === undefined) continue;
        const x = u.valToPos(dayDate(s.week).getTime() / 1000, 'x', true);
        const y = u.valToPos(value, 'y', true);
        ctx.beginPath();
        ctx.moveTo(x, y - r);
        ctx.lineTo(x + r, y);
        ctx.lineTo(x, y + r);
        ctx.lineTo(x - r, y);
        ctx.closePath();
        ctx.stroke();
      }
      ctx.restore();
    },
    update(summary) {
      const unit = summary.scope.level === 'unit' && summary.bucket === 'week' ? summary.scope.id : null;
      if (!unit) {
        key = '';
        signals = [];
        element.hidden = true;
        return;
      }
      const next = `${unit}|${summary.from}`;
      if (next === key && Date.now() - readAt < REFRESH_MS) return;
      if (next !== key) signals = [];
      key = next;
      readAt = Date.now();
      void read(summary, unit, next);
    },
  };
}
