import { scoreSentiment } from './sentiment';
import { assignThemes } from './themes';
import { analysisModelVersion } from './model-version';

// These read the shipped model file (workers/src/analysis/models), built by `npm run train`.
describe('the shipped analysis model', () => {
  it('treats empty text as neutral with no themes', () => {
    expect(scoreSentiment('   ')).toEqual({ label: 'neutral', score: 0 });
    expect(assignThemes('')).toEqual([]);
  });

  it('reads "Nothing" to an improvement question as praise', () => {
    expect(scoreSentiment('Nothing', 'improvement').label).toBe('positive');
  });

  it('gives a score in [-1, 1] that agrees with the label', () => {
    for (const text of ['The staff were kind and caring.', 'Waited six hours and nobody called back.']) {
      const { label, score } = scoreSentiment(text, 'general');
      expect(score).toBeGreaterThanOrEqual(-1);
      expect(score).toBeLessThanOrEqual(1);
      if (label === 'positive') expect(score).toBeGreaterThan(0);
      if (label === 'negative') expect(score).toBeLessThan(0);
    }
  });

  it('scores redacted text with placeholders', () => {
    expect(scoreSentiment('[NAME] on [DATE] was rude and unhelpful', 'general').label).toBe('negative');
  });

  it('returns themes sorted by confidence within [0, 1]', () => {
    const themes = assignThemes(
      'The ambulance took hours to arrive and the call handler was rude.',
      'general',
    );
    expect(themes.length).toBeGreaterThan(0);
    themes.forEach((theme, i) => {
      expect(theme.confidence).toBeGreaterThanOrEqual(0);
      expect(theme.confidence).toBeLessThanOrEqual(1);
      if (i > 0) expect(theme.confidence).toBeLessThanOrEqual(themes[i - 1]!.confidence);
    });
  });

  it('has a 12-hex-digit version', () => {
    expect(analysisModelVersion()).toMatch(/^[0-9a-f]{12}$/);
  });
});
