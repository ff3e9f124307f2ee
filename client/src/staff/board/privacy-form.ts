import type { TPrivacySettings } from '../../../../shared/src/api/board';
import { settingsCard } from '../settings-form';
import { boardApi } from './board-api';

/**
 * "Privacy on boards": the small-group thresholds. Administrators change them; everyone else reads
 * what is in force, since it explains the "fewer than k" they see on boards.
 */
export function privacySection(canEdit: boolean): HTMLElement {
  return settingsCard<TPrivacySettings>(
    {
      id: 'privacy',
      heading: 'Privacy on boards',
      intro: [
        'A figure about very few people can point to one person: a ward with three responses this week, ',
        'a negative comment when only one person wrote. These thresholds decide when the boards hide them.',
      ],
      fields: {
        minGroupSize: {
          id: 'privacy-min-group',
          label: 'Smallest group for figures',
          hint: 'Counts, rates and averages from fewer people show as “fewer than …”. 3 to 100; 5 is usual.',
          min: 3,
          max: 100,
          blank: 'Enter the smallest group for figures.',
        },
        minCommentGroupSize: {
          id: 'privacy-min-comments',
          label: 'Smallest group for comments',
          hint: 'Comments are shown only when at least this many people wrote matching ones. At least the figure threshold.',
          min: 3,
          max: 100,
          blank: 'Enter the smallest group for comments.',
        },
      },
      load: boardApi.privacy,
      save: boardApi.savePrivacy,
      describe: (settings) =>
        `Boards and downloads hide any figure drawn from fewer than ${settings.minGroupSize} people, and ` +
        `show comments only when at least ${settings.minCommentGroupSize} people wrote them.`,
      // The server's rule too; said here in the form's own words.
      check: (settings) =>
        settings.minCommentGroupSize >= settings.minGroupSize
          ? []
          : [
              {
                name: 'minCommentGroupSize',
                reason:
                  'Make this at least the smallest group for figures, or comments would show what figures hide.',
              },
            ],
      submitLabel: 'Save privacy settings',
      saved: 'Privacy settings saved. Boards use them from their next update.',
    },
    canEdit,
  );
}
