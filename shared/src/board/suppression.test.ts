import type { TFigure } from '../api/board';
import { countFigure, protectGroups, rateFigure } from './suppression';

const K = 5;
const values = (figures: TFigure[]) => figures.map((f) => f.value);

describe('the small-group rule', () => {
  it('hides a count from fewer than k respondents, and shows zero and k or more', () => {
    expect(countFigure(4, K)).toEqual({ value: null, n: null, hidden: 'small' });
    expect(countFigure(1, K)).toEqual({ value: null, n: null, hidden: 'small' });
    expect(countFigure(0, K)).toEqual({ value: 0, n: 0, hidden: null });
    expect(countFigure(5, K)).toEqual({ value: 5, n: 5, hidden: null });
    // Comments counted, respondents decide: 6 comments from 4 people are hidden.
    expect(countFigure(4, K, 6).hidden).toBe('small');
  });

  it('hides a rate over fewer than k respondents, and has no value over nobody', () => {
    expect(rateFigure(75, 4, K)).toEqual({ value: null, n: null, hidden: 'small' });
    expect(rateFigure(null, 0, K)).toEqual({ value: null, n: 0, hidden: null });
    expect(rateFigure(66.666, 6, K)).toEqual({ value: 66.7, n: 6, hidden: null });
  });

  it('when one figure of a group adding up to a total is hidden, hides the smallest other non-zero one', () => {
    const days = [
      countFigure(12, K),
      countFigure(3, K),
      countFigure(0, K),
      countFigure(7, K),
      countFigure(9, K),
    ];
    protectGroups([days]);
    // 3 alone could be worked out as total (31) minus the rest; with 7 hidden too, only 10 can.
    expect(values(days)).toEqual([12, null, 0, null, 9]);
    expect(days.map((d) => d.hidden)).toEqual([null, 'small', null, 'complement', null]);
  });

  it('leaves groups with no hidden figure, or two or more, as they are', () => {
    const none = [countFigure(12, K), countFigure(8, K)];
    const two = [countFigure(2, K), countFigure(3, K), countFigure(40, K)];
    protectGroups([none, two]);
    expect(values(none)).toEqual([12, 8]);
    expect(values(two)).toEqual([null, null, 40]);
  });

  it('repeats until every group is safe when figures sit in several groups', () => {
    // A 2 × 2 table with published row and column totals: hiding one cell forces its row and column.
    const a = countFigure(2, K);
    const b = countFigure(10, K);
    const c = countFigure(6, K);
    const d = countFigure(20, K);
    protectGroups([
      [a, b],
      [c, d],
      [a, c],
      [b, d],
    ]);
    expect([a, b, c, d].map((f) => f.hidden)).toEqual(['small', 'complement', 'complement', 'complement']);
  });
});
