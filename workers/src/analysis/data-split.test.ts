import type { TFeedbackRow } from './csv';
import { feedbackFolds, seededRandom, splitFeedbackRows, splitPattern, stratifiedSplit } from './data-split';

describe('stratifiedSplit', () => {
  const items = Array.from({ length: 1000 }, (_, i) => ({
    id: i,
    stratum: i % 10 === 0 ? 'rare' : 'common',
  }));

  it('gives the same split on every run', () => {
    const first = stratifiedSplit(items, (item) => item.stratum);
    const second = stratifiedSplit([...items], (item) => item.stratum);
    expect(second).toEqual(first);
  });

  it('keeps each stratum close to 70/15/15', () => {
    const splits = stratifiedSplit(items, (item) => item.stratum);
    for (const stratum of ['rare', 'common']) {
      const inStratum = splits.filter((_, i) => items[i]?.stratum === stratum);
      const share = (name: string): number => inStratum.filter((s) => s === name).length / inStratum.length;
      expect(share('train')).toBeCloseTo(0.7, 1);
      expect(share('validation')).toBeCloseTo(0.15, 1);
      expect(share('test')).toBeCloseTo(0.15, 1);
    }
  });

  it('changes with the seed', () => {
    expect(stratifiedSplit(items, (item) => item.stratum, 1)).not.toEqual(
      stratifiedSplit(items, (item) => item.stratum, 2),
    );
  });
});

describe('splitPattern', () => {
  it('deals 14 train, 3 validation and 3 test in every 20, spread out', () => {
    const pattern = splitPattern({ train: 0.7, validation: 0.15, test: 0.15 });
    expect(pattern.filter((s) => s === 'train')).toHaveLength(14);
    expect(pattern.filter((s) => s === 'validation')).toHaveLength(3);
    expect(pattern.slice(0, 7)).toContain('validation');
  });
});

describe('seededRandom', () => {
  it('repeats its sequence for a seed and stays in [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const values = Array.from({ length: 100 }, () => a());
    expect(Array.from({ length: 100 }, () => b())).toEqual(values);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
  });
});

describe('feedbackFolds', () => {
  const rows = Array.from({ length: 50 }, (_, index) => ({
    index,
    question: '',
    text: `comment ${index}`,
    sentiment: index % 5 === 0 ? ('negative' as const) : ('positive' as const),
    themes: [],
  }));

  it('deals every stratum evenly over the folds, the same way every run', () => {
    const folds = feedbackFolds(rows, 5, 3);
    expect(feedbackFolds(rows, 5, 3)).toEqual(folds);
    for (let fold = 0; fold < 5; fold += 1) {
      expect(folds.filter((f) => f === fold)).toHaveLength(10);
      expect(rows.filter((row, i) => folds[i] === fold && row.sentiment === 'negative')).toHaveLength(2);
    }
  });
});

describe('splitFeedbackRows', () => {
  const row = (index: number, themes: TFeedbackRow['themes']): TFeedbackRow => ({
    index,
    question: '',
    text: `comment ${index}`,
    sentiment: index % 3 === 0 ? 'negative' : 'positive',
    themes,
  });
  const usual = Array.from({ length: 200 }, (_, i) =>
    row(i, i % 4 === 0 ? ['Timeliness of care'] : ['Staff manner & personal attributes']),
  );
  const filler = Array.from({ length: 60 }, (_, i) => row(200 + i, ['Labelling not possible']));

  it('when the "did not answer" rows are kept, every other row keeps the split it had without them', () => {
    const before = splitFeedbackRows(usual);
    const mixed = [...usual.slice(0, 100), ...filler, ...usual.slice(100)];
    const after = splitFeedbackRows(mixed);
    const afterOfUsual = mixed.flatMap((r, i) =>
      r.themes.includes('Labelling not possible') ? [] : [after[i]],
    );
    expect(afterOfUsual).toEqual(before);
    const fillerSplits = mixed.flatMap((r, i) =>
      r.themes.includes('Labelling not possible') ? [after[i]] : [],
    );
    expect(fillerSplits.filter((s) => s === 'test').length).toBe(9);
  });
});
