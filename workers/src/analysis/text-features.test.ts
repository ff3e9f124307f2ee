import { blockOf, extractFeatures, featureSpaceOf, tokenise, vectorise } from './text-features';

describe('tokenise', () => {
  it('lower-cases, drops apostrophes and keeps punctuation marks as tokens', () => {
    expect(tokenise("Staff didn't listen!")).toEqual(['staff', 'didnt', 'listen', '!']);
  });

  it('keeps redaction placeholders as one token each', () => {
    expect(tokenise('Thanks [NAME], call [PHONE] on [DATE].')).toEqual([
      'thanks',
      '[name]',
      ',',
      'call',
      '[phone]',
      'on',
      '[date]',
      '.',
    ]);
  });

  it('gives no tokens for blank text', () => {
    expect(tokenise('   ')).toEqual([]);
  });
});

describe('extractFeatures', () => {
  it('makes stemmed words, bigrams and character n-grams', () => {
    const features = extractFeatures('Waiting times', undefined);
    expect(features.get('w:wait')).toBe(1);
    expect(features.get('b:wait time')).toBe(1);
    expect(features.get('c: wa')).toBe(1);
    expect(features.has('i:improvement')).toBe(false);
  });

  it('never splits a placeholder into characters', () => {
    const keys = [...extractFeatures('[NAME] was kind', undefined).keys()];
    expect(keys).toContain('w:[name]');
    expect(keys.filter((k) => k.startsWith('c:') && k.includes('['))).toEqual([]);
    expect(keys.filter((k) => k.startsWith('c:') && k.includes('nam'))).toEqual([]);
  });

  it('crosses a short answer with the question intent, so "Nothing" can mean praise', () => {
    const improvement = extractFeatures('Nothing', 'improvement');
    const praise = extractFeatures('Nothing', 'praise');
    expect(improvement.get('x:improvement:noth')).toBe(1);
    expect(praise.get('x:praise:noth')).toBe(1);
    expect(improvement.has('x:praise:noth')).toBe(false);
  });

  it('marks words after a negation', () => {
    expect(extractFeatures('not helpful. kind', undefined).has('w:neg_help')).toBe(true);
    expect(extractFeatures('not helpful. kind', undefined).has('w:neg_kind')).toBe(false);
  });
});

describe('vectorise', () => {
  it('scales word and character blocks to unit length and keeps intent indicators at 1', () => {
    const counts = extractFeatures('kind staff', 'praise');
    const features = [...counts.keys()].sort();
    const space = featureSpaceOf(
      features,
      features.map(() => 2),
    );
    const x = vectorise(counts, space);
    const norms = [0, 0, 0];
    x.indices.forEach((column, i) => {
      const block = blockOf(features[column] as string);
      norms[block] = (norms[block] as number) + (x.values[i] as number) ** 2;
    });
    expect(norms[0]).toBeCloseTo(1);
    expect(norms[1]).toBeCloseTo(1);
    expect(x.values[x.indices.indexOf(features.indexOf('i:praise'))]).toBe(1);
  });

  it('drops features outside the vocabulary', () => {
    const x = vectorise(extractFeatures('kind', undefined), featureSpaceOf(['w:kind'], [1]));
    expect(Array.from(x.indices)).toEqual([0]);
    expect(Array.from(x.values)).toEqual([1]);
  });
});
