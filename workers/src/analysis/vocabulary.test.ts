import { fitVocabulary } from './vocabulary';

describe('fitVocabulary', () => {
  const counts = [
    new Map([
      ['w:kind', 1],
      ['w:rude', 1],
      ['i:praise', 1],
    ]),
    new Map([['w:kind', 2]]),
    new Map([['w:wait', 1]]),
  ];

  it('keeps frequent features and every intent feature, sorted, from the given rows only', () => {
    expect(fitVocabulary(counts, [0, 1], 2).features).toEqual(['i:praise', 'w:kind']);
  });

  it('gives rarer features a higher idf', () => {
    const { features, idf } = fitVocabulary(counts, [0, 1, 2], 1);
    expect(idf[features.indexOf('w:rude')]).toBeGreaterThan(idf[features.indexOf('w:kind')]!);
  });
});
