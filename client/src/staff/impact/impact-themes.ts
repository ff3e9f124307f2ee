import type { TBoardComments } from '../../../../shared/src/api/board';
import type { TImpact } from '../../../../shared/src/api/impact';
import {
  differenceUnit,
  exampleCommentsNote,
  figureText,
  intervalCell,
  themeName,
  themesThatMoved,
} from '../../../../shared/src/impact/impact-text';
import { h, replace } from '../../common/dom';
import { describeError } from '../../common/http';
import { formatMoment } from '../board/format';
import { messageBox } from '../layout';
import { verdictBadge } from './impact-tables';
import { impactApi, type TImpactWindow } from './impact-api';

/** Themes listed, and example comments read for the first few (each read is audited). */
const THEMES_SHOWN = 8;
const THEMES_QUOTED = 4;
const EXAMPLES = 3;

/**
 * "Themes that moved most": each theme's shares before and after, largest difference first, with
 * up to three redacted example comments from the change's units in the after window `win` asks for.
 */
export function themesSection(impact: TImpact, win: TImpactWindow): HTMLElement | null {
  const themes = themesThatMoved(impact.metrics).slice(0, THEMES_SHOWN);
  if (themes.length === 0) return null;
  return h(
    'section',
    { class: 'impact-themes', 'aria-labelledby': 'impact-themes-heading' },
    h('h2', { id: 'impact-themes-heading' }, 'Themes that moved most'),
    h(
      'p',
      { class: 'hint' },
      'Share of people mentioning each theme, before and after. ',
      exampleCommentsNote(impact.windows.after),
    ),
    h(
      'ul',
      { class: 'plain theme-moves' },
      themes.map((m, i) => {
        const examples = h('div', { class: 'theme-examples', 'aria-busy': 'true' });
        if (i < THEMES_QUOTED && m.difference)
          void loadExamples(examples, impact.changeId, win, themeName(m.key));
        else examples.removeAttribute('aria-busy');
        return h(
          'li',
          { class: 'card' },
          h('h3', {}, m.label, ' ', verdictBadge(m.verdict)),
          h(
            'p',
            {},
            `Before ${figureText(m, m.before, impact.k)}, after ${figureText(m, m.after, impact.k)}`,
            m.difference ? `: ${intervalCell(m, m.difference)} ${differenceUnit(m)}.` : '.',
          ),
          examples,
        );
      }),
    ),
  );
}

async function loadExamples(
  area: HTMLElement,
  changeId: string,
  win: TImpactWindow,
  theme: string,
): Promise<void> {
  try {
    drawExamples(area, await impactApi.comments(changeId, win, theme, EXAMPLES));
  } catch (error) {
    replace(area, messageBox('error', describeError(error)));
  } finally {
    area.setAttribute('aria-busy', 'false');
  }
}

function drawExamples(area: HTMLElement, reply: TBoardComments): void {
  if (reply.comments === null) {
    replace(
      area,
      h(
        'p',
        { class: 'withheld-note' },
        `Fewer than ${reply.k} people wrote comments on this, so none are shown.`,
      ),
    );
    return;
  }
  if (reply.comments.length === 0) {
    replace(area, h('p', { class: 'hint' }, 'No comments on this in the after window.'));
    return;
  }
  replace(
    area,
    h(
      'ul',
      { class: 'comment-list plain' },
      reply.comments.map((c) =>
        h(
          'li',
          { class: 'comment' },
          h('blockquote', {}, c.redactedText),
          h(
            'p',
            { class: 'comment-meta' },
            [c.unitName, formatMoment(c.submittedAt)].filter(Boolean).join(' · '),
          ),
        ),
      ),
    ),
  );
}
