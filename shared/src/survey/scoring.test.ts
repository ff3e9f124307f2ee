import type { TAnswers, TSurveyDefinition, TSurveyItem } from './definition';
import { fftCategory, npsCategory, scoreSus } from './scoring';

const en = (s: string) => ({ en: s });
const statement = (i: number): TSurveyItem => ({
  linkId: `s${i}`,
  type: 'rating',
  min: 1,
  max: 5,
  text: en(`S${i}`),
});
const sus: TSurveyDefinition = {
  title: en('SUS'),
  defaultLocale: 'en',
  locales: ['en'],
  audience: 'clinician',
  scoring: 'sus',
  items: [
    { linkId: 'intro', type: 'display', text: en('Intro') },
    { linkId: 'part1', type: 'group', text: en('Part 1'), items: [1, 2, 3, 4, 5].map(statement) },
    { linkId: 'comment', type: 'text', text: en('Comment') },
    ...[6, 7, 8, 9, 10].map(statement),
  ],
};
const answer = (scores: number[]): TAnswers =>
  Object.fromEntries(scores.map((score, i) => [`s${i + 1}`, score]));

describe('scoreSus', () => {
  it('scores the best possible answers 100 and the worst 0', () => {
    expect(scoreSus(sus, answer([5, 1, 5, 1, 5, 1, 5, 1, 5, 1]))).toBe(100);
    expect(scoreSus(sus, answer([1, 5, 1, 5, 1, 5, 1, 5, 1, 5]))).toBe(0);
  });

  it('scores odd statements as score - 1 and even ones as 5 - score, times 2.5', () => {
    // (4-1)+(5-2)+(5-1)+(5-3)+(3-1)+(5-2)+(4-1)+(5-1)+(5-1)+(5-2) = 31
    expect(scoreSus(sus, { ...answer([4, 2, 5, 3, 3, 2, 4, 1, 5, 2]), comment: 'fine' })).toBe(77.5);
  });

  it('takes the ten ratings in document order, including those inside groups', () => {
    const scores = answer([5, 5, 5, 5, 5, 1, 1, 1, 1, 1]);
    expect(scoreSus(sus, scores)).toBe(60);
    const reordered = {
      ...sus,
      items: [...[6, 7, 8, 9, 10].map(statement), ...[1, 2, 3, 4, 5].map(statement)],
    };
    expect(scoreSus(reordered, scores)).toBe(40);
  });

  it('is null when any statement is unanswered or out of range', () => {
    const full = answer([3, 3, 3, 3, 3, 3, 3, 3, 3, 3]);
    expect(scoreSus(sus, full)).toBe(50);
    const { s7: _dropped, ...missing } = full;
    expect(scoreSus(sus, missing)).toBeNull();
    expect(scoreSus(sus, { ...full, s3: 6 })).toBeNull();
    expect(scoreSus(sus, { ...full, s3: '3' })).toBeNull();
  });

  it('is null for a definition without exactly ten ratings', () => {
    expect(scoreSus({ ...sus, items: [1, 2, 3].map(statement) }, answer([3, 3, 3]))).toBeNull();
  });
});

describe('npsCategory', () => {
  it('9 and 10 are promoters, 7 and 8 passives, 0 to 6 detractors', () => {
    const categories = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(npsCategory);
    expect(categories).toEqual([
      ...Array<string>(7).fill('detractor'),
      'passive',
      'passive',
      'promoter',
      'promoter',
    ]);
  });
});

describe('fftCategory', () => {
  it('groups very good and good as positive, neither as neutral, poor and very poor as negative', () => {
    expect(['very_good', 'good', 'neither', 'poor', 'very_poor', 'dont_know'].map(fftCategory)).toEqual([
      'positive',
      'positive',
      'neutral',
      'negative',
      'negative',
      'dont_know',
    ]);
  });

  it('refuses a code that is not a Friends and Family Test answer', () => {
    expect(() => fftCategory('excellent')).toThrow(RangeError);
    expect(() => fftCategory('constructor')).toThrow(RangeError);
  });
});
