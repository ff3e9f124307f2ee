import { analyseComments, currentModelVersion } from './analyse-comment';
import { sharedEncoder } from './encoder';

// ANALYSIS_ENCODER=none, for a small machine: the sparse-only heads, no encoder loaded. The settings
// are read at first use, so setting them before any analysis is enough.
process.env.ANALYSIS_ENCODER = 'none';

describe('analyseComments with the encoder switched off', () => {
  it('scores with the sparse heads and reports its own model version', async () => {
    const [praise, complaint] = await analyseComments([
      { text: 'The paramedics were kind and reassuring, thank you' },
      { text: 'Nobody answered the phone for two days and the staff were rude' },
    ]);
    expect(praise!.sentiment.label).toBe('positive');
    expect(praise!.themes.length).toBeGreaterThan(0);
    expect(complaint!.sentiment.label).toBe('negative');
    expect(currentModelVersion()).toMatch(/^[0-9a-f]{12}\.r\d+$/);
  });

  it('never loads the sentence encoder', async () => {
    expect(await sharedEncoder()).toBeNull();
  });
});
