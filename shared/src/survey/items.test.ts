import type { TSurveyItem } from './definition';
import { flattenItems, indexItems, isAnswerable, isGiven, locateItems, readAnswer } from './items';

const en = (s: string) => ({ en: s });
const tree: TSurveyItem[] = [
  { linkId: 'intro', type: 'display', text: en('Welcome') },
  {
    linkId: 'g1',
    type: 'group',
    text: en('About you'),
    items: [
      { linkId: 'age', type: 'integer', text: en('Age') },
      {
        linkId: 'g2',
        type: 'group',
        text: en('Inner'),
        items: [{ linkId: 'ok', type: 'boolean', text: en('OK?') }],
      },
    ],
  },
  { linkId: 'why', type: 'text', text: en('Why?') },
];

describe('flattenItems', () => {
  it('lists every item in document order with each group before its children', () => {
    expect(flattenItems(tree).map((item) => item.linkId)).toEqual(['intro', 'g1', 'age', 'g2', 'ok', 'why']);
  });
});

describe('locateItems', () => {
  it('names each item by its dotted path from the definition root', () => {
    expect(locateItems(tree).map(({ path }) => path)).toEqual([
      'items.0',
      'items.1',
      'items.1.items.0',
      'items.1.items.1',
      'items.1.items.1.items.0',
      'items.2',
    ]);
  });
});

describe('isAnswerable', () => {
  it('is false for groups and display text and true for questions', () => {
    expect(
      flattenItems(tree)
        .filter(isAnswerable)
        .map((item) => item.linkId),
    ).toEqual(['age', 'ok', 'why']);
  });
});

describe('indexItems', () => {
  it('keeps the first item when a linkId repeats', () => {
    const first: TSurveyItem = { linkId: 'q', type: 'boolean', text: en('first') };
    const byLinkId = indexItems([first, { linkId: 'q', type: 'text', text: en('second') }]);
    expect(byLinkId.get('q')).toBe(first);
  });
});

describe('readAnswer', () => {
  it('does not mistake inherited object properties for answers', () => {
    expect(readAnswer({}, 'constructor')).toBeUndefined();
    expect(readAnswer({ constructor: 'x' }, 'constructor')).toBe('x');
  });
});

describe('isGiven', () => {
  it('treats blank text and an empty selection as no answer', () => {
    expect([undefined, '', '   ', []].map(isGiven)).toEqual([false, false, false, false]);
    expect([false, 0, 'a', ['x']].map(isGiven)).toEqual([true, true, true, true]);
  });
});
