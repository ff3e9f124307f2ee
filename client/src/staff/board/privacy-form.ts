import type { TPrivacySettings } from '../../../../shared/src/api/board';
import { h, replace } from '../../common/dom';
import { describeError } from '../../common/http';
import { field, messageArea, missing, onSubmit } from '../forms';
import { messageBox } from '../layout';
import { boardApi } from './board-api';

function describe(settings: TPrivacySettings): string {
  return (
    `Boards and downloads hide any figure drawn from fewer than ${settings.minGroupSize} people, and ` +
    `show comments only when at least ${settings.minCommentGroupSize} people wrote them.`
  );
}

/**
 * "Privacy on boards": the small-group thresholds. Administrators change them; everyone else reads
 * what is in force, since it explains the "fewer than k" they see on boards.
 */
export function privacySection(canEdit: boolean): HTMLElement {
  const body = h('div', {}, h('p', { class: 'loading' }, 'Loading…'));
  const section = h(
    'section',
    { class: 'card privacy-settings', 'aria-labelledby': 'privacy-heading' },
    h('h2', { id: 'privacy-heading' }, 'Privacy on boards'),
    body,
  );
  boardApi
    .privacy()
    .then((settings) => replace(body, canEdit ? privacyForm(settings) : h('p', {}, describe(settings))))
    .catch((error: unknown) => replace(body, messageBox('error', describeError(error))));
  return section;
}

function privacyForm(settings: TPrivacySettings): HTMLElement {
  const number = (id: string, value: number): HTMLInputElement =>
    h('input', { type: 'number', id, min: '3', max: '100', step: '1', inputmode: 'numeric', value });
  const minGroup = number('privacy-min-group', settings.minGroupSize);
  const minComments = number('privacy-min-comments', settings.minCommentGroupSize);
  const messages = messageArea();
  const current = h('p', { class: 'hint' }, describe(settings));
  const form = h(
    'form',
    { 'aria-labelledby': 'privacy-heading' },
    h(
      'p',
      {},
      'A figure about very few people can point to one person: a ward with three responses this week, ',
      'a negative comment when only one person wrote. These thresholds decide when the boards hide them.',
    ),
    current,
    messages,
    h(
      'div',
      { class: 'inline-fields' },
      field(
        'Smallest group for figures',
        minGroup,
        'Counts, rates and averages from fewer people show as “fewer than …”. 3 to 100; 5 is usual.',
      ),
      field(
        'Smallest group for comments',
        minComments,
        'Comments are shown only when at least this many people wrote matching ones. At least the figure threshold.',
      ),
    ),
    h('button', { type: 'submit', class: 'primary' }, 'Save privacy settings'),
  );
  onSubmit(form, {
    messages,
    targets: { minGroupSize: minGroup, minCommentGroupSize: minComments },
    check: () => {
      const blank = missing({
        minGroupSize: [minGroup, 'Enter the smallest group for figures.'],
        minCommentGroupSize: [minComments, 'Enter the smallest group for comments.'],
      });
      if (blank.length > 0 || Number(minComments.value) >= Number(minGroup.value)) return blank;
      // The server's rule too; said here in the form's own words.
      return [
        {
          name: 'minCommentGroupSize',
          reason:
            'Make this at least the smallest group for figures, or comments would show what figures hide.',
        },
      ];
    },
    send: () =>
      boardApi.savePrivacy({
        minGroupSize: Number(minGroup.value),
        minCommentGroupSize: Number(minComments.value),
      }),
    done: (saved) => {
      minGroup.value = String(saved.minGroupSize);
      minComments.value = String(saved.minCommentGroupSize);
      replace(current, describe(saved));
      return 'Privacy settings saved. Boards use them from their next update.';
    },
  });
  return form;
}
