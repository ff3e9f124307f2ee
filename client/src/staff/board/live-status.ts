import { h, replace } from '../../common/dom';
import { formatClock } from './format';
import type { TLiveState } from './live-connection';

const ICONS: Record<TLiveState, string> = { connecting: '◌', live: '●', reconnecting: '◐', offline: '○' };

/**
 * The live indicator: an icon and words (never colour alone), and when the figures were read.
 * Only the state is a live region; the clock ticks every update and would be noise.
 */
export function liveStatus(): {
  element: HTMLElement;
  setState: (state: TLiveState) => void;
  setAsOf: (iso: string) => void;
} {
  let state: TLiveState = 'connecting';
  let asOf: string | null = null;
  const indicator = h('p', { class: 'live-indicator connecting', role: 'status' });
  const updated = h('p', { class: 'last-updated' });
  const element = h('div', { class: 'board-live' }, indicator, updated);

  function drawState(): void {
    indicator.className = `live-indicator ${state}`;
    const text =
      state === 'live'
        ? 'Live'
        : state === 'connecting'
          ? 'Connecting…'
          : state === 'reconnecting'
            ? 'Reconnecting…'
            : asOf
              ? `Offline — figures as of ${formatClock(asOf, false)}`
              : 'Offline';
    replace(indicator, h('span', { class: 'live-icon', 'aria-hidden': 'true' }, ICONS[state]), ` ${text}`);
  }
  drawState();
  return {
    element,
    setState: (next) => {
      if (next === state) return;
      state = next;
      drawState();
    },
    setAsOf: (iso) => {
      asOf = iso;
      replace(updated, `Last updated ${formatClock(iso)}`);
      if (state === 'offline') drawState();
    },
  };
}
