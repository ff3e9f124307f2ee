import { compileTaxonomy, FRICTION_TAXONOMY_SEED } from '../../../shared/src/taxonomy/friction';
import { analyseComment, currentModelVersion } from './analyse-comment';

describe('analyseComment', () => {
  it('redacts first, and no result carries the personal details', () => {
    const result = analyseComment({
      text: 'Nurse Priya was wonderful. Ring my daughter on 07700 900123 if you need to.',
      intent: 'praise',
    });
    expect(result.redactedText).toBe(
      'Nurse [NAME] was wonderful. Ring my daughter on [PHONE] if you need to.',
    );
    expect(result.redactions).toEqual(['NAME', 'PHONE']);
    expect(JSON.stringify(result)).not.toMatch(/Priya|07700/);
  });

  it('reads the question: "Nothing" to "what could we do better?" is praise, to "what was good?" it is not', () => {
    expect(analyseComment({ text: 'Nothing', intent: 'improvement' }).sentiment.label).toBe('positive');
    expect(analyseComment({ text: 'Nothing', intent: 'praise' }).sentiment.label).not.toBe('positive');
  });

  it('gives a score in [-1, 1] with three decimals, consistent with the label', () => {
    for (const text of ['Brilliant, kind staff', 'Rude and dismissive, I waited six hours', 'It was OK']) {
      const { sentiment } = analyseComment({ text });
      expect(Math.abs(sentiment.score)).toBeLessThanOrEqual(1);
      expect(Math.round(sentiment.score * 1000) / 1000).toBe(sentiment.score);
      if (sentiment.label === 'positive') expect(sentiment.score).toBeGreaterThan(0);
      if (sentiment.label === 'negative') expect(sentiment.score).toBeLessThan(0);
    }
  });

  it('flags an urgent comment with its reasons', () => {
    const result = analyseComment({
      text: 'My dad was given the wrong medication twice and nobody came for hours',
    });
    expect(result.urgent).toBe(true);
    expect(result.urgencyReasons).toContain('medication');
  });

  it('matches friction themes only when a taxonomy is given (clinician surveys)', () => {
    const text = 'It takes fourteen clicks to order a blood test and the system keeps logging me out';
    expect(analyseComment({ text }).frictionThemes).toEqual([]);
    const themes = analyseComment({ text, friction: compileTaxonomy(FRICTION_TAXONOMY_SEED) }).frictionThemes;
    expect(themes.length).toBeGreaterThan(0);
    expect(themes.every((t) => FRICTION_TAXONOMY_SEED.themes.some((s) => s.key === t.key))).toBe(true);
  });

  it('is deterministic, so a re-run stores the same rows', () => {
    const input = { text: 'The ward was dirty but the nurses were kind', intent: 'general' as const };
    expect(analyseComment(input)).toEqual(analyseComment(input));
    expect(currentModelVersion()).toMatch(/^[0-9a-f]{12}\.r\d+$/);
  });

  it('an empty comment is neutral, with no themes and nothing urgent', () => {
    expect(analyseComment({ text: '   ' })).toMatchObject({
      sentiment: { label: 'neutral', score: 0 },
      themes: [],
      urgent: false,
    });
  });
});
