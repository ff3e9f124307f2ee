import type { TBoardSummary, TThemeMovement } from '../../../../shared/src/api/board';
import { h, replace } from '../../common/dom';
import { figureText, formatCount, PERIOD_LABELS, pointsChange } from './format';

const people = (n: number): string => `${formatCount(n)} ${n === 1 ? 'person' : 'people'}`;

/**
 * What people write about, and how that moved against the period before. The arrow is decoration;
 * the words ("up 4.2 points") carry the meaning.
 */
export function themesPanel(): { element: HTMLElement; update: (summary: TBoardSummary) => void } {
  // On a wall screen the list scrolls inside the panel, so keyboard users must be able to reach it.
  const body = h('div', {
    class: 'theme-area',
    role: 'region',
    tabindex: '0',
    'aria-label': 'Themes, most mentioned first',
  });
  const intro = h('p', { class: 'hint' });
  const element = h(
    'section',
    { class: 'card board-themes', 'aria-labelledby': 'themes-heading' },
    h('h2', { id: 'themes-heading' }, 'Top themes'),
    intro,
    body,
  );
  function update(summary: TBoardSummary): void {
    replace(
      intro,
      `People whose comments mention each theme, and the change in their share of everyone who commented, against the ${PERIOD_LABELS[summary.period]} before.`,
    );
    if (summary.themes.length === 0) {
      replace(
        body,
        h(
          'p',
          {},
          `No theme was mentioned by ${summary.k.counts} or more people in this period or the one before.`,
        ),
      );
      return;
    }
    replace(
      body,
      h(
        'ol',
        { class: 'theme-movements plain' },
        summary.themes.map((theme) => themeRow(theme, summary.k.counts)),
      ),
    );
  }
  return { element, update };
}

function themeRow(theme: TThemeMovement, k: number): HTMLElement {
  const change = theme.shareChange;
  const direction = change === null || Math.abs(change) < 0.05 ? 'flat' : change > 0 ? 'up' : 'down';
  const arrow = change === null ? '' : direction === 'up' ? '▲' : direction === 'down' ? '▼' : '▬';
  return h(
    'li',
    { class: 'theme-movement' },
    h(
      'div',
      { class: 'theme-name' },
      h('strong', {}, theme.label),
      theme.taxonomy === 'friction' && h('span', { class: 'badge changes' }, 'Clinician friction'),
    ),
    h(
      'div',
      { class: 'theme-count' },
      theme.current.value === null ? figureText(theme.current, k, formatCount) : people(theme.current.value),
    ),
    h(
      'div',
      { class: `theme-change ${direction}` },
      arrow && h('span', { 'aria-hidden': 'true' }, `${arrow} `),
      change !== null
        ? pointsChange(change)
        : theme.previous.value === 0
          ? 'new this period'
          : 'too few people to compare',
    ),
  );
}
