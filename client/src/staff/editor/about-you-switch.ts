import { hasAboutYou, withAboutYou } from '../../../../shared/src/survey/about-you';
import { h } from '../../common/dom';
import type { TEditorContext } from './context';

/**
 * One switch that adds or removes the optional "about you" block (age band, sex, ethnic group,
 * disability, English as first language; each skippable, with "prefer not to say") at the end of a
 * patient survey. Off by default in the FFT and NPS templates. The block's questions carry
 * `demographic` marks, so the figures split by them whatever the questions' ids.
 */
export function aboutYouSwitch(ctx: TEditorContext): HTMLElement | null {
  if (ctx.def.audience !== 'patient') return null;
  const input = h('input', {
    type: 'checkbox',
    id: 'about-you-switch',
    checked: hasAboutYou(ctx.def),
    disabled: ctx.readOnly,
  });
  input.addEventListener('change', () => {
    ctx.def.items = withAboutYou(ctx.def, input.checked).items;
    ctx.changed();
    ctx.redraw('about-you-switch');
  });
  return h(
    'section',
    { class: 'about-you-switch', 'aria-labelledby': 'about-you-heading' },
    h('h2', { id: 'about-you-heading' }, 'About you (equity)'),
    h(
      'p',
      { class: 'checkbox' },
      input,
      ' ',
      h('label', { for: 'about-you-switch' }, 'Ask the optional “about you” questions'),
    ),
    h(
      'p',
      { class: 'hint' },
      'Age band, sex, ethnic group, disability or long-term condition, and whether English is their first language: every one skippable, with “Prefer not to say”. The page tells respondents why they are asked. They let the board show whether care is as good for every group; groups too small to show are never shown alone.',
    ),
  );
}
