import type { TCommentAnalysisView } from '../../../../shared/src/api/analysis-trust';
import { h } from '../../common/dom';
import './trust.css';

const LANGUAGES: Record<string, string> = {
  es: 'Spanish',
  ar: 'Arabic',
  fr: 'French',
  de: 'German',
  pl: 'Polish',
};

/** The language's name for people, or its code when this list does not know it. */
export const languageName = (code: string): string => LANGUAGES[code] ?? code;

/**
 * What a reader should know about how far to trust a comment's analysis: no model could read it
 * (its language), the model was unsure, or a person corrected it (and who).
 */
export function analysisMarks(
  view: TCommentAnalysisView | undefined,
  opts: { short?: boolean } = {},
): HTMLElement[] {
  if (!view) return [];
  const marks: HTMLElement[] = [];
  if (view.notAnalysed === 'language') {
    marks.push(
      h(
        'span',
        { class: 'badge not-analysed' },
        `Not analysed: language${view.language && view.language !== 'und' && !opts.short ? ` (${languageName(view.language)})` : ''}`,
      ),
    );
  } else if (view.lowConfidence && !view.correction) {
    marks.push(h('span', { class: 'badge low-confidence' }, 'Low confidence'));
  }
  if (view.correction) {
    marks.push(
      h(
        'span',
        { class: 'badge corrected' },
        `Corrected${view.correction.correctedBy && !opts.short ? ` by ${view.correction.correctedBy}` : ''}`,
      ),
    );
  }
  return marks;
}

export const commentKey = (responseId: string, linkId: string): string => `${responseId}/${linkId}`;
