import type { TAnalysisSettings } from '../../../../shared/src/api/org';
import { api } from '../api';
import { settingsCard } from '../settings-form';

const years = (n: number): string => `${n} year${n === 1 ? '' : 's'}`;

/**
 * "Change analysis": how far back history may be imported, and the smallest change worth acting on,
 * below which a change's result reads "too few to tell" rather than "no clear change".
 */
export function analysisSection(canEdit: boolean): HTMLElement {
  return settingsCard<TAnalysisSettings>(
    {
      id: 'analysis',
      heading: 'Change analysis',
      intro: [
        'A technology change is judged by comparing feedback from before it went live with feedback after. ',
        'These settings decide how much past feedback may be brought in, and how big a difference must be ',
        'before it matters.',
      ],
      fields: {
        historyYears: {
          id: 'analysis-history-years',
          label: 'How many years of history may be imported',
          hint:
            'Imported answers dated further back than this are refused; what is already imported stays. ' +
            '1 to 50; 10 is usual.',
          min: 1,
          max: 50,
          blank: 'Enter how many years of history may be imported.',
        },
        impactMinEffect: {
          id: 'analysis-min-effect',
          label: 'Smallest change worth acting on (points out of 100)',
          hint:
            '10 means ten percentage points of good or very good answers, ten NPS points, or a tenth of a ' +
            'rating scale. When there are too few answers to detect a change this small, the result reads ' +
            '“too few to tell” rather than “no clear change”. 1 to 50; 10 is usual.',
          min: 1,
          max: 50,
          blank: 'Enter the smallest change worth acting on.',
        },
      },
      load: api.getAnalysisSettings,
      save: api.saveAnalysisSettings,
      describe: (settings) =>
        `Imports may reach back ${years(settings.historyYears)}. A change’s result reads “too few to ` +
        `tell” unless its answers could detect a difference of ${settings.impactMinEffect} points out of 100.`,
      submitLabel: 'Save analysis settings',
      saved: 'Analysis settings saved. Imports and change results use them from now on.',
    },
    canEdit,
  );
}
