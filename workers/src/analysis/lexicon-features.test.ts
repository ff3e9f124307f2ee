import { type TLexiconToken, lexiconFeatures } from './lexicon-features';

const lexicon = { positive: ['love'], negative: ['rude'], valence: { great: 3, wait: -1, rude: -2 } };

/** Tokens as extractFeatures passes them: stems already taken, punctuation with an empty stem. */
function tokens(...parts: string[]): TLexiconToken[] {
  return parts.map((part) =>
    part === ',' || part === '.'
      ? { token: part, stem: '', negates: false }
      : { token: part, stem: part, negates: part === 'not' },
  );
}

describe('lexiconFeatures', () => {
  it('marks a comment with praise in one clause and a complaint in another as mixed', () => {
    const features = lexiconFeatures(tokens('great', 'staff', 'but', 'rude', 'driver'), lexicon, 'general');
    expect(features).toContain('x:cl11');
    expect(features).toContain('x:ctrmix');
    expect(features).toContain('x:general:cl11');
  });

  it('gives one-sided praise no mixed features', () => {
    const features = lexiconFeatures(tokens('love', 'it', ',', 'great'), lexicon, undefined);
    expect(features).toContain('x:pol+');
    expect(features).toContain('x:cl20');
    expect(features).not.toContain('x:pn');
    expect(features.some((f) => f.includes('mix'))).toBe(false);
  });

  it('flips a negated polar word', () => {
    expect(lexiconFeatures(tokens('not', 'great'), lexicon, undefined)).toContain('x:cl01');
  });
});
