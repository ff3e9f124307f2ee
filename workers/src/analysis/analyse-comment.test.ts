import { compileTaxonomy, FRICTION_TAXONOMY_SEED } from '../../../shared/src/taxonomy/friction';
import { ZCommentAnalysis } from '../../../shared/src/analysis/contract';
import { analyseComments, currentModelVersion, type TCommentInput } from './analyse-comment';

// The default settings: heads stacked on the USE lite encoder (loaded once for the file, ~1 s).
// Set here because the test setup picks the sparse model for everything else.
process.env.ANALYSIS_ENCODER = 'use';
const analyseOne = async (input: TCommentInput) => (await analyseComments([input]))[0]!;

describe('analyseComments', () => {
  it('redacts first, and no result carries the personal details', async () => {
    const result = await analyseOne({
      text: 'Nurse Priya was wonderful. Ring my daughter on 07700 900123 if you need to.',
      intent: 'praise',
    });
    expect(result.redactedText).toBe(
      'Nurse [NAME] was wonderful. Ring my daughter on [PHONE] if you need to.',
    );
    expect(result.redactions).toEqual(['NAME', 'PHONE']);
    expect(JSON.stringify(result)).not.toMatch(/Priya|07700/);
  });

  it('reads the question: "Nothing" to "what could we do better?" is praise, to "what was good?" it is not', async () => {
    const [improvement, praise] = await analyseComments([
      { text: 'Nothing', intent: 'improvement' },
      { text: 'Nothing', intent: 'praise' },
    ]);
    expect(improvement!.sentiment.label).toBe('positive');
    expect(praise!.sentiment.label).not.toBe('positive');
  });

  it('gives a score in [-1, 1] with three decimals, consistent with the label, and a calibrated confidence', async () => {
    const results = await analyseComments(
      ['Brilliant, kind staff', 'Rude and dismissive, I waited six hours', 'It was OK'].map((text) => ({
        text,
      })),
    );
    for (const result of results) {
      const { sentiment } = result;
      expect(ZCommentAnalysis.parse(result)).toEqual(result);
      expect(Math.abs(sentiment.score)).toBeLessThanOrEqual(1);
      expect(Math.round(sentiment.score * 1000) / 1000).toBe(sentiment.score);
      if (sentiment.label === 'positive') expect(sentiment.score).toBeGreaterThan(0);
      if (sentiment.label === 'negative') expect(sentiment.score).toBeLessThan(0);
      // The label is the most probable of three classes, so its probability is at least a third.
      expect(result.sentimentConfidence).toBeGreaterThanOrEqual(1 / 3);
    }
    expect(results[0]!.sentiment.label).toBe('positive');
    expect(results[1]!.sentiment.label).toBe('negative');
  });

  it('returns one result per comment in the order given, the same as comment by comment', async () => {
    const texts = ['The food was cold', 'Thank you to the crew', '', 'Parking was impossible'];
    const together = await analyseComments(texts.map((text) => ({ text })));
    const apart = await Promise.all(texts.map((text) => analyseOne({ text })));
    expect(together.map((r) => r.redactedText)).toEqual(texts);
    expect(together).toEqual(apart);
  });

  it('flags an urgent comment with its reasons', async () => {
    const result = await analyseOne({
      text: 'My dad was given the wrong medication twice and nobody came for hours',
    });
    expect(result.urgent).toBe(true);
    expect(result.urgencyReasons).toContain('medication');
  });

  it('matches friction themes only when a taxonomy is given (clinician surveys)', async () => {
    const text = 'It takes fourteen clicks to order a blood test and the system keeps logging me out';
    expect((await analyseOne({ text })).frictionThemes).toEqual([]);
    const themes = (await analyseOne({ text, friction: compileTaxonomy(FRICTION_TAXONOMY_SEED) }))
      .frictionThemes;
    expect(themes.length).toBeGreaterThan(0);
    expect(themes.every((t) => FRICTION_TAXONOMY_SEED.themes.some((s) => s.key === t.key))).toBe(true);
  });

  it('is deterministic, so a re-run stores the same rows', async () => {
    const input = { text: 'The ward was dirty but the nurses were kind', intent: 'general' as const };
    expect(await analyseOne(input)).toEqual(await analyseOne(input));
    expect(currentModelVersion()).toMatch(/^[0-9a-f]{12}\.r\d+$/);
  });

  it('an empty comment is neutral, with no themes, nothing urgent and nothing unsure', async () => {
    expect(await analyseOne({ text: '   ' })).toMatchObject({
      sentiment: { label: 'neutral', score: 0 },
      themes: [],
      urgent: false,
      sentimentConfidence: 1,
      lowConfidence: false,
    });
  });
});
