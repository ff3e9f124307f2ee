import type { TAnswers, TEnableWhen, TSurveyDefinition, TSurveyItem } from './definition';
import { enabledAnswerableItems, isItemEnabled } from './enable-when';
import { indexItems } from './items';

const en = (s: string) => ({ en: s });
const options = (...codes: string[]) => codes.map((code) => ({ code, text: en(code) }));

const targets: TSurveyItem[] = [
  { linkId: 'colour', type: 'choice', text: en('Colour'), answerOption: options('red', 'blue') },
  { linkId: 'pets', type: 'choice', repeats: true, text: en('Pets'), answerOption: options('cat', 'dog') },
  { linkId: 'smoker', type: 'boolean', text: en('Smoker?') },
  { linkId: 'pain', type: 'rating', min: 0, max: 10, text: en('Pain') },
  { linkId: 'visit', type: 'date', text: en('Visit date') },
  { linkId: 'note', type: 'text', text: en('Note') },
  { linkId: 'section', type: 'group', text: en('Section'), items: [] },
];
const byLinkId = indexItems(targets);

function enabledWhen(conditions: TEnableWhen[], answers: TAnswers, behavior?: 'all' | 'any'): boolean {
  const item: TSurveyItem = {
    linkId: 'x',
    type: 'text',
    text: en('x'),
    enableWhen: conditions,
    enableBehavior: behavior,
  };
  return isItemEnabled(item, answers, byLinkId);
}

describe('isItemEnabled', () => {
  it('an item without conditions is always enabled', () => {
    expect(isItemEnabled({ linkId: 'x', type: 'text', text: en('x') }, {}, byLinkId)).toBe(true);
  });

  it('"exists true" needs an answer and "exists false" needs none', () => {
    const exists = (answer: boolean, answers: TAnswers) =>
      enabledWhen([{ question: 'note', operator: 'exists', answer }], answers);
    expect(exists(true, { note: 'hi' })).toBe(true);
    expect(exists(true, {})).toBe(false);
    expect(exists(false, {})).toBe(true);
    expect(exists(false, { note: 'hi' })).toBe(false);
  });

  it('blank text and an empty selection count as unanswered', () => {
    expect(enabledWhen([{ question: 'note', operator: 'exists', answer: true }], { note: '  ' })).toBe(false);
    expect(enabledWhen([{ question: 'pets', operator: 'exists', answer: false }], { pets: [] })).toBe(true);
  });

  it('with no answer to the referenced question only "!=" and "exists false" hold', () => {
    const operators = ['=', '!=', '>', '<', '>=', '<='] as const;
    const results = operators.map((operator) => enabledWhen([{ question: 'pain', operator, answer: 5 }], {}));
    expect(results).toEqual([false, true, false, false, false, false]);
  });

  it('"=" and "!=" compare a single choice with an option code', () => {
    expect(enabledWhen([{ question: 'colour', operator: '=', answer: 'red' }], { colour: 'red' })).toBe(true);
    expect(enabledWhen([{ question: 'colour', operator: '=', answer: 'red' }], { colour: 'blue' })).toBe(
      false,
    );
    expect(enabledWhen([{ question: 'colour', operator: '!=', answer: 'red' }], { colour: 'blue' })).toBe(
      true,
    );
  });

  it('on a multiple choice "=" means the code is among those chosen and "!=" that it is not', () => {
    const is = (operator: '=' | '!=', pets: string[]) =>
      enabledWhen([{ question: 'pets', operator, answer: 'dog' }], { pets });
    expect(is('=', ['cat', 'dog'])).toBe(true);
    expect(is('=', ['cat'])).toBe(false);
    expect(is('!=', ['cat'])).toBe(true);
    expect(is('!=', ['dog'])).toBe(false);
  });

  it('a yes/no condition matches only the same boolean', () => {
    expect(enabledWhen([{ question: 'smoker', operator: '=', answer: true }], { smoker: true })).toBe(true);
    expect(enabledWhen([{ question: 'smoker', operator: '=', answer: true }], { smoker: false })).toBe(false);
  });

  it('order operators compare ratings as numbers', () => {
    const pain = (operator: '>' | '<' | '>=' | '<=', answer: number) =>
      enabledWhen([{ question: 'pain', operator, answer }], { pain: 7 });
    expect([pain('>', 6), pain('>', 7), pain('>=', 7), pain('<', 8), pain('<', 7), pain('<=', 7)]).toEqual([
      true,
      false,
      true,
      true,
      false,
      true,
    ]);
  });

  it('order operators compare dates by date', () => {
    expect(
      enabledWhen([{ question: 'visit', operator: '<', answer: '2024-03-01' }], { visit: '2024-02-29' }),
    ).toBe(true);
    expect(
      enabledWhen([{ question: 'visit', operator: '<', answer: '2024-03-01' }], { visit: '2024-03-02' }),
    ).toBe(false);
  });

  it('a value of the wrong type never satisfies a comparison', () => {
    expect(enabledWhen([{ question: 'pain', operator: '>', answer: 3 }], { pain: '9' })).toBe(false);
    expect(enabledWhen([{ question: 'pain', operator: '=', answer: 9 }], { pain: '9' })).toBe(false);
  });

  it('by default every condition must hold, with "any" one is enough', () => {
    const conditions: TEnableWhen[] = [
      { question: 'smoker', operator: '=', answer: true },
      { question: 'pain', operator: '>=', answer: 5 },
    ];
    const answers = { smoker: true, pain: 2 };
    expect(enabledWhen(conditions, answers)).toBe(false);
    expect(enabledWhen(conditions, answers, 'all')).toBe(false);
    expect(enabledWhen(conditions, answers, 'any')).toBe(true);
    expect(enabledWhen(conditions, { smoker: false, pain: 2 }, 'any')).toBe(false);
  });

  it('an answer keyed to an unknown question or a group counts as absent', () => {
    expect(enabledWhen([{ question: 'nope', operator: 'exists', answer: true }], { nope: 'x' })).toBe(false);
    expect(enabledWhen([{ question: 'section', operator: 'exists', answer: true }], { section: 'x' })).toBe(
      false,
    );
  });
});

describe('enabledAnswerableItems', () => {
  const def: TSurveyDefinition = {
    title: en('T'),
    defaultLocale: 'en',
    locales: ['en'],
    audience: 'patient',
    items: [
      { linkId: 'intro', type: 'display', text: en('Hello') },
      { linkId: 'smoker', type: 'boolean', text: en('Do you smoke?') },
      {
        linkId: 'smoking',
        type: 'group',
        text: en('Smoking'),
        enableWhen: [{ question: 'smoker', operator: '=', answer: true }],
        items: [
          { linkId: 'perDay', type: 'integer', text: en('How many a day?') },
          {
            linkId: 'quit',
            type: 'boolean',
            text: en('Want to quit?'),
            enableWhen: [{ question: 'perDay', operator: '>', answer: 0 }],
          },
        ],
      },
      {
        linkId: 'quitHelp',
        type: 'text',
        text: en('What help would you like?'),
        enableWhen: [{ question: 'quit', operator: '=', answer: true }],
      },
      { linkId: 'other', type: 'text', text: en('Anything else?') },
    ],
  };
  const ids = (answers: TAnswers) => enabledAnswerableItems(def, answers).map((item) => item.linkId);

  it('lists the questions asked in document order, leaving out display text and groups', () => {
    expect(ids({ smoker: true, perDay: 5, quit: true })).toEqual([
      'smoker',
      'perDay',
      'quit',
      'quitHelp',
      'other',
    ]);
  });

  it('a hidden group hides every question inside it', () => {
    expect(ids({ smoker: false })).toEqual(['smoker', 'other']);
  });

  it('a question that depends on a hidden question is hidden too, whatever was sent for it', () => {
    expect(ids({ smoker: false, perDay: 5, quit: true })).toEqual(['smoker', 'other']);
  });

  it('a condition on a later question sees no answer', () => {
    const forward: TSurveyDefinition = {
      ...def,
      items: [
        {
          linkId: 'first',
          type: 'text',
          text: en('First'),
          enableWhen: [{ question: 'second', operator: 'exists', answer: true }],
        },
        { linkId: 'second', type: 'text', text: en('Second') },
      ],
    };
    expect(enabledAnswerableItems(forward, { first: 'a', second: 'b' }).map((item) => item.linkId)).toEqual([
      'second',
    ]);
  });
});
