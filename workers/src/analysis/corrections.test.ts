import type { TFeedbackRow } from './csv';
import { mergeCorrections, parseCorrections } from './corrections';
import type { TSplitName } from './data-split';

const row = (index: number, text: string, extra: Partial<TFeedbackRow> = {}): TFeedbackRow => ({
  index,
  question: 'What was good?',
  text,
  sentiment: 'positive',
  themes: ['Staff manner & personal attributes'],
  ...extra,
});

describe('parseCorrections', () => {
  it('reads the export lines, and refuses bad ones by line number without echoing the text', () => {
    const jsonl = [
      '{"text": "Kind [NAME] on the ward", "sentiment": "positive", "themes": ["Staff manner & personal attributes"], "id": "c1"}',
      '',
      '{"text": "Rang ten times", "urgency": "none"}',
      'not json',
      '{"text": "Secret words", "sentiment": "furious"}',
      '{"text": "Nothing corrected"}',
      '{"text": "Typo theme", "themes": ["Parkin"]}',
    ].join('\n');
    const { corrections, errors } = parseCorrections(jsonl);
    expect(corrections).toEqual([
      {
        text: 'Kind [NAME] on the ward',
        sentiment: 'positive',
        themes: ['Staff manner & personal attributes'],
      },
      { text: 'Rang ten times', urgency: 'none' },
    ]);
    expect(errors.map((e) => e.line)).toEqual([4, 5, 6, 7]);
    expect(JSON.stringify(errors)).not.toMatch(/Secret|Typo|Nothing corrected/);
  });
});

describe('mergeCorrections', () => {
  const rows = [
    row(0, 'Lovely staff'),
    row(1, 'Waited hours', { sentiment: 'negative', themes: [] }),
    row(2, 'Test text'),
  ];
  const splits: TSplitName[] = ['train', 'validation', 'test'];

  it('a correction of a training text replaces only the labels it corrects', () => {
    const merged = mergeCorrections(rows, splits, [{ text: 'Waited hours', themes: ['Timeliness of care'] }]);
    expect(merged.rows[1]).toMatchObject({ sentiment: 'negative', themes: ['Timeliness of care'] });
    expect(merged.report).toMatchObject({ replaced: 1, added: 0 });
    expect(rows[1]!.themes).toEqual([]);
  });

  it('a new text becomes a training row; without themes it teaches no theme either way', () => {
    const merged = mergeCorrections(rows, splits, [
      { text: 'Sack that nurse', sentiment: 'negative' },
      { text: 'Cheaper parking', sentiment: 'neutral', themes: ['Parking'] },
    ]);
    expect(merged.rows).toHaveLength(5);
    expect(merged.splits.slice(3)).toEqual(['train', 'train']);
    expect(merged.rows[3]).toMatchObject({
      text: 'Sack that nurse',
      sentiment: 'negative',
      themesUnknown: true,
    });
    expect(merged.rows[4]).toMatchObject({ text: 'Cheaper parking', themes: ['Parking'] });
    expect(merged.rows[4]!.themesUnknown).toBeUndefined();
  });

  it('never trains on a test-part text, and the last correction of a text wins', () => {
    const merged = mergeCorrections(rows, splits, [
      { text: 'Test text', sentiment: 'negative' },
      { text: 'New one', sentiment: 'positive' },
      { text: 'New one', sentiment: 'negative' },
      { text: 'Urgent only', urgency: 'urgent' },
    ]);
    expect(merged.rows[2]!.sentiment).toBe('positive');
    expect(merged.rows.filter((r) => r.text === 'New one')).toEqual([
      expect.objectContaining({ sentiment: 'negative' }),
    ]);
    expect(merged.report).toEqual({ added: 1, replaced: 0, droppedAsTest: 1, urgencyOnly: 1 });
  });
});
