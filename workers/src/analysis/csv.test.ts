import { FRAMEWORK_THEMES } from '../../../shared/src/analysis/contract';
import { parseCsv, readFeedbackCsv, sentimentOfScale } from './csv';

describe('parseCsv', () => {
  it('reads quoted fields holding commas, escaped quotes and line breaks', () => {
    const text = '\ufeffa,b,c\r\n1,"x, ""y""","line one\nline two"\n2,,last\n';
    expect(parseCsv(text)).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, "y"', 'line one\nline two'],
      ['2', '', 'last'],
    ]);
  });

  it('keeps a last record without a final line break', () => {
    expect(parseCsv('a,b\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('rejects a file that ends inside quotes', () => {
    expect(() => parseCsv('a\n"open')).toThrow('quoted');
  });
});

describe('readFeedbackCsv', () => {
  it('maps the 1-5 scale to three classes', () => {
    expect(['1', '2', '3', '4', '5', '', '7'].map(sentimentOfScale)).toEqual([
      'positive',
      'positive',
      'neutral',
      'negative',
      'negative',
      undefined,
      undefined,
    ]);
  });

  it('when a row is blank it is skipped; a "Labelling not possible" row only when not asked for', () => {
    const header = ['FFT question', 'FFT answer', 'Comment sentiment', ...FRAMEWORK_THEMES].map(
      (h) => `"${h}"`,
    );
    const row = (text: string, sentiment: string, theme: string): string =>
      [
        `"What was good?"`,
        `"${text}"`,
        sentiment,
        ...FRAMEWORK_THEMES.map((t) => (t === theme ? '1' : '')),
      ].join(',');
    const csv = [
      header.join(','),
      row('Kind staff', '1', 'Staff manner & personal attributes'),
      row('', '', 'Not assigned'),
      row('did not answer', '', 'Labelling not possible'),
    ].join('\n');
    const { rows, skipped } = readFeedbackCsv(csv);
    expect(skipped).toBe(2);
    const kept = readFeedbackCsv(csv, { includeUnlabellable: true });
    expect(kept.skipped).toBe(1);
    expect(kept.rows.map((r) => [r.text, r.themes])).toEqual([
      ['Kind staff', ['Staff manner & personal attributes']],
      ['did not answer', ['Labelling not possible']],
    ]);
    expect(rows).toEqual([
      {
        index: 0,
        question: 'What was good?',
        text: 'Kind staff',
        sentiment: 'positive',
        themes: ['Staff manner & personal attributes'],
      },
    ]);
  });
});
