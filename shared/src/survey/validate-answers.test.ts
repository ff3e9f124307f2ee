import type { TAnswers, TSurveyDefinition, TSurveyItem } from './definition';
import { isCalendarDate, validateAnswers } from './validate-answers';

const en = (s: string) => ({ en: s });
const options = (...codes: string[]) => codes.map((code) => ({ code, text: en(code) }));
const survey = (items: TSurveyItem[]): TSurveyDefinition => ({
  title: en('Survey'),
  defaultLocale: 'en',
  locales: ['en'],
  audience: 'patient',
  items,
});

function issuesOf(def: TSurveyDefinition, answers: TAnswers) {
  const result = validateAnswers(def, answers);
  if (result.ok) throw new Error(`expected issues, got answers ${JSON.stringify(result.answers)}`);
  return result.issues;
}
function answersOf(def: TSurveyDefinition, answers: TAnswers) {
  const result = validateAnswers(def, answers);
  if (!result.ok) throw new Error(`expected answers, got issues ${JSON.stringify(result.issues)}`);
  return result.answers;
}
/** One question plus a yes/no, so a single bad answer is never the whole submission. */
const one = (item: TSurveyItem) => survey([item, { linkId: 'other', type: 'boolean', text: en('Other') }]);
const reasonFor = (item: TSurveyItem, value: TAnswers[string]) => {
  const result = validateAnswers(one(item), { [item.linkId]: value, other: true });
  return result.ok ? undefined : result.issues.map((issue) => `${issue.name}: ${issue.reason}`);
};

const fft: TSurveyDefinition = survey([
  { linkId: 'intro', type: 'display', text: en('Hello') },
  {
    linkId: 'fft',
    type: 'choice',
    required: true,
    text: en('How was it?'),
    answerOption: options('good', 'poor'),
  },
  { linkId: 'why', type: 'text', text: en('Why?') },
  {
    linkId: 'g',
    type: 'group',
    text: en('If poor'),
    enableWhen: [{ question: 'fft', operator: '=', answer: 'poor' }],
    items: [
      { linkId: 'fix', type: 'text', required: true, intent: 'improvement', text: en('What should we fix?') },
    ],
  },
]);

describe('validateAnswers', () => {
  it('returns typed answers in document order whatever order they were sent in, text trimmed with its intent', () => {
    expect(answersOf(fft, { fix: '  The wait  ', why: 'Slow', fft: 'poor' })).toEqual([
      { linkId: 'fft', type: 'choice', value: 'poor' },
      { linkId: 'why', type: 'text', value: 'Slow', intent: 'general' },
      { linkId: 'fix', type: 'text', value: 'The wait', intent: 'improvement' },
    ]);
  });

  it('an answer to a question the survey does not have is refused', () => {
    expect(issuesOf(fft, { fft: 'good', ghost: 'x' })).toEqual([
      { name: 'answers.ghost', reason: 'is not a question in this survey' },
    ]);
  });

  it('an answer to a group or display text is refused', () => {
    expect(issuesOf(fft, { fft: 'good', intro: 'x', g: 'y' }).map((issue) => issue.name)).toEqual([
      'answers.intro',
      'answers.g',
    ]);
  });

  it('an answer to a question that was not asked given earlier answers is refused', () => {
    expect(issuesOf(fft, { fft: 'good', fix: 'Nothing' })).toEqual([
      { name: 'answers.fix', reason: 'was not asked given earlier answers' },
    ]);
  });

  it('a blank answer to a question that was not asked is dropped, not refused', () => {
    expect(answersOf(fft, { fft: 'good', fix: '' })).toEqual([
      { linkId: 'fft', type: 'choice', value: 'good' },
    ]);
  });

  it('a required question that was asked must be answered', () => {
    expect(issuesOf(fft, { why: 'x' })).toEqual([{ name: 'answers.fft', reason: 'is required' }]);
    expect(issuesOf(fft, { fft: 'poor', fix: '   ' })).toEqual([
      { name: 'answers.fix', reason: 'is required' },
    ]);
  });

  it('a required question hidden by earlier answers need not be answered', () => {
    expect(answersOf(fft, { fft: 'good' })).toHaveLength(1);
  });

  it('an empty text answer to an optional question is dropped from the output', () => {
    expect(answersOf(fft, { fft: 'good', why: '  ' })).toEqual([
      { linkId: 'fft', type: 'choice', value: 'good' },
    ]);
  });

  it('an empty list is a skipped multiple choice, and the wrong type for any other question', () => {
    const multi: TSurveyItem = {
      linkId: 'q',
      type: 'choice',
      repeats: true,
      text: en('Which?'),
      answerOption: options('a', 'b'),
    };
    expect(reasonFor(multi, [])).toBeUndefined();
    expect(reasonFor({ linkId: 'q', type: 'decimal', text: en('Temperature') }, [])).toEqual([
      'answers.q: must be a number',
    ]);
    expect(reasonFor({ linkId: 'q', type: 'text', text: en('Why?') }, [])).toEqual([
      'answers.q: must be text',
    ]);
    expect(reasonFor({ ...multi, repeats: false }, [])).toEqual(['answers.q: must be one option']);
  });

  it('a submission with no answers at all is refused as a whole', () => {
    const optional = survey([{ linkId: 'why', type: 'text', text: en('Why?') }]);
    expect(issuesOf(optional, { why: '' })).toEqual([
      { name: 'answers', reason: 'at least one question must be answered' },
    ]);
  });

  it('every problem is reported, not only the first', () => {
    expect(issuesOf(fft, { ghost: 1, intro: 'x', why: 5 }).map((issue) => issue.name)).toEqual([
      'answers.ghost',
      'answers.intro',
      'answers.fft',
      'answers.why',
    ]);
  });

  it('an unanswered question whose linkId is an object property name is still reported as missing', () => {
    const def = survey([{ linkId: 'constructor', type: 'boolean', required: true, text: en('Q') }]);
    expect(issuesOf(def, {})).toEqual([{ name: 'answers.constructor', reason: 'is required' }]);
  });

  describe('answer types', () => {
    const yesNo: TSurveyItem = { linkId: 'q', type: 'boolean', text: en('Q') };
    const single: TSurveyItem = {
      linkId: 'q',
      type: 'choice',
      text: en('Q'),
      answerOption: options('a', 'b'),
    };
    const multi: TSurveyItem = { ...single, repeats: true };
    const rating: TSurveyItem = { linkId: 'q', type: 'rating', min: 1, max: 5, text: en('Q') };
    const integer: TSurveyItem = { linkId: 'q', type: 'integer', minValue: 0, maxValue: 120, text: en('Q') };
    const decimal: TSurveyItem = {
      linkId: 'q',
      type: 'decimal',
      minValue: 0.5,
      maxValue: 2.5,
      text: en('Q'),
    };
    const date: TSurveyItem = {
      linkId: 'q',
      type: 'date',
      minValue: '2024-01-01',
      maxValue: '2024-12-31',
      text: en('Q'),
    };
    const text: TSurveyItem = { linkId: 'q', type: 'text', text: en('Q'), maxLength: 5 };

    it('a yes/no question takes true or false only', () => {
      expect(reasonFor(yesNo, false)).toBeUndefined();
      expect(reasonFor(yesNo, 'yes')).toEqual(['answers.q: must be true or false']);
    });

    it('a single choice takes one of its option codes', () => {
      expect(reasonFor(single, 'b')).toBeUndefined();
      expect(reasonFor(single, 'c')).toEqual(['answers.q: "c" is not one of the options']);
      expect(reasonFor(single, ['a'])).toEqual(['answers.q: must be one option']);
    });

    it('a multiple choice takes a list of distinct option codes', () => {
      expect(reasonFor(multi, ['b', 'a'])).toBeUndefined();
      expect(reasonFor(multi, 'a')).toEqual(['answers.q: must be a list of options']);
      expect(reasonFor(multi, ['a', 'z'])).toEqual(['answers.q: "z" is not one of the options']);
      expect(reasonFor(multi, ['a', 'a'])).toEqual(['answers.q: "a" is chosen more than once']);
    });

    it('a rating takes a whole number on its scale', () => {
      expect([1, 5].map((v) => reasonFor(rating, v))).toEqual([undefined, undefined]);
      for (const bad of [0, 6, 2.5, '3']) {
        expect(reasonFor(rating, bad)).toEqual(['answers.q: must be a whole number from 1 to 5']);
      }
    });

    it('a whole-number question takes a whole number within its limits', () => {
      expect(reasonFor(integer, 120)).toBeUndefined();
      expect(reasonFor(integer, 1.5)).toEqual(['answers.q: must be a whole number']);
      expect(reasonFor(integer, -1)).toEqual(['answers.q: must be at least 0']);
      expect(reasonFor(integer, 121)).toEqual(['answers.q: must be at most 120']);
    });

    it('a decimal question takes a finite number within its limits', () => {
      expect(reasonFor(decimal, 0.5)).toBeUndefined();
      expect(reasonFor(decimal, Number.NaN)).toEqual(['answers.q: must be a number']);
      expect(reasonFor(decimal, '1')).toEqual(['answers.q: must be a number']);
      expect(reasonFor(decimal, 0.25)).toEqual(['answers.q: must be at least 0.5']);
      expect(reasonFor(decimal, 3)).toEqual(['answers.q: must be at most 2.5']);
    });

    it('a date question takes a real YYYY-MM-DD date within its limits', () => {
      expect(reasonFor(date, '2024-02-29')).toBeUndefined();
      for (const bad of ['2024-02-30', '2024-2-1', '01/02/2024', 20240101]) {
        expect(reasonFor(date, bad)).toEqual(['answers.q: must be a real date written as YYYY-MM-DD']);
      }
      expect(reasonFor(date, '2023-12-31')).toEqual(['answers.q: must be on or after 2024-01-01']);
      expect(reasonFor(date, '2025-01-01')).toEqual(['answers.q: must be on or before 2024-12-31']);
    });

    it('free text is measured after trimming against its maximum length', () => {
      expect(reasonFor(text, '  12345  ')).toBeUndefined();
      expect(reasonFor(text, '123456')).toEqual(['answers.q: must be at most 5 characters long (this is 6)']);
      expect(reasonFor(text, 12)).toEqual(['answers.q: must be text']);
    });

    it('free text without a maximum length is capped at 2000 characters', () => {
      const open: TSurveyItem = { linkId: 'q', type: 'text', text: en('Q') };
      expect(reasonFor(open, 'x'.repeat(2000))).toBeUndefined();
      expect(reasonFor(open, 'x'.repeat(2001))).toEqual([
        'answers.q: must be at most 2000 characters long (this is 2001)',
      ]);
    });
  });
});

describe('isCalendarDate', () => {
  it('accepts only days that exist', () => {
    expect(['2024-02-29', '2000-02-29', '2023-12-31'].map(isCalendarDate)).toEqual([true, true, true]);
    expect(
      ['2023-02-29', '1900-02-29', '2023-04-31', '2023-13-01', '2023-00-10', '2023-01-00'].map(
        isCalendarDate,
      ),
    ).toEqual([false, false, false, false, false, false]);
  });
});
