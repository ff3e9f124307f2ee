import { uiStrings } from '../i18n';
import type { TSurveyItem } from './definition';
import { toIssues } from './issue-text';
import { indexItems } from './items';

const en = (s: string) => ({ en: s });
const items: TSurveyItem[] = [
  { linkId: 'score', type: 'rating', min: 1, max: 5, required: true, text: en('Score') },
  { linkId: 'when', type: 'date', text: en('When') },
  {
    linkId: 'tags.main',
    type: 'choice',
    repeats: true,
    text: en('Tags'),
    answerOption: [{ code: 'a', text: en('A') }],
  },
];
const byLinkId = indexItems(items);
const t = uiStrings('en');

describe('problems in the respondent’s words', () => {
  it('names each question once, in its language, whatever the English reason says', () => {
    const params = [
      { name: 'answers.score', reason: 'is required' },
      { name: 'answers.score', reason: 'again' },
      { name: 'answers.tags.main.0', reason: 'is not an option' },
    ];
    expect(toIssues(params, byLinkId, { 'tags.main': ['z'] }, t)).toEqual([
      { linkId: 'score', message: 'Please answer this question.' },
      { linkId: 'tags.main', message: 'Choose one of the options shown.' },
    ]);
    expect(
      toIssues([{ name: 'answers.score', reason: 'x' }], byLinkId, { score: 9 }, uiStrings('es')),
    ).toEqual([{ linkId: 'score', message: 'Escriba un valor entre 1 y 5.' }]);
  });

  it('says form-wide problems once each, and adds the date format only where asked', () => {
    const params = [
      { name: 'answers', reason: 'needs one' },
      { name: 'answers.unknown', reason: 'not a question' },
      { name: 'versionId', reason: 'bad' },
    ];
    expect(toIssues(params, byLinkId, {}, t).map((i) => i.message)).toEqual([
      'Please answer at least one question before sending.',
      'Please check this answer.',
    ]);
    const bad = [{ name: 'answers.when', reason: 'not a date' }];
    expect(toIssues(bad, byLinkId, { when: '2026-02-30' }, t)[0]!.message).toBe('Enter a real date.');
    expect(toIssues(bad, byLinkId, { when: '2026-02-30' }, t, { dateHint: true })[0]!.message).toBe(
      'Enter a real date. For example, 2026-03-27 (year-month-day).',
    );
  });
});
