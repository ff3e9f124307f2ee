import { checkDefinition } from './check-definition';
import { ZSurveyDefinition, type TSurveyDefinition, type TSurveyItem } from './definition';

const en = (s: string) => ({ en: s });
const options = (...codes: string[]) => codes.map((code) => ({ code, text: en(code) }));
const survey = (items: TSurveyItem[], extra: Partial<TSurveyDefinition> = {}): TSurveyDefinition => ({
  title: en('Survey'),
  defaultLocale: 'en',
  locales: ['en'],
  audience: 'patient',
  items,
  ...extra,
});
const names = (def: TSurveyDefinition) => checkDefinition(def).map((issue) => issue.name);

const colour: TSurveyItem = {
  linkId: 'colour',
  type: 'choice',
  text: en('Colour'),
  answerOption: options('red', 'blue'),
};
const smoker: TSurveyItem = { linkId: 'smoker', type: 'boolean', text: en('Smoker?') };
const pain: TSurveyItem = { linkId: 'pain', type: 'rating', min: 0, max: 10, text: en('Pain') };
const visit: TSurveyItem = { linkId: 'visit', type: 'date', text: en('Visit') };
const dependent = (enableWhen: TSurveyItem['enableWhen']): TSurveyItem => ({
  linkId: 'after',
  type: 'text',
  text: en('After'),
  enableWhen,
});

describe('checkDefinition', () => {
  it('a sound definition has no problems', () => {
    const def = survey([
      colour,
      smoker,
      pain,
      visit,
      {
        linkId: 'g',
        type: 'group',
        text: en('More'),
        enableWhen: [{ question: 'colour', operator: '=', answer: 'red' }],
        items: [dependent([{ question: 'pain', operator: '>=', answer: 5 }])],
      },
    ]);
    expect(checkDefinition(def)).toEqual([]);
  });

  it('a linkId used twice anywhere in the tree is refused at the second use', () => {
    const def = survey([
      smoker,
      { linkId: 'g', type: 'group', text: en('G'), items: [colour, { ...smoker }] },
    ]);
    expect(checkDefinition(def)).toEqual([
      { name: 'items.1.items.1.linkId', reason: expect.stringContaining('items.0') },
    ]);
  });

  it('a condition on a question that does not exist is refused', () => {
    expect(
      names(survey([smoker, dependent([{ question: 'ghost', operator: 'exists', answer: true }])])),
    ).toEqual(['items.1.enableWhen.0.question']);
  });

  it('a condition on the item itself is refused', () => {
    const self: TSurveyItem = {
      ...smoker,
      enableWhen: [{ question: 'smoker', operator: '=', answer: true }],
    };
    expect(names(survey([self]))).toEqual(['items.0.enableWhen.0.question']);
  });

  it('a condition on a later question is refused', () => {
    expect(names(survey([dependent([{ question: 'smoker', operator: '=', answer: true }]), smoker]))).toEqual(
      ['items.0.enableWhen.0.question'],
    );
  });

  it('a group that depends on a question inside itself is refused, since that question comes later', () => {
    const group: TSurveyItem = {
      linkId: 'g',
      type: 'group',
      text: en('G'),
      enableWhen: [{ question: 'smoker', operator: 'exists', answer: true }],
      items: [smoker],
    };
    expect(names(survey([group]))).toEqual(['items.0.enableWhen.0.question']);
  });

  it('a condition on a group or on display text is refused', () => {
    const def = survey([
      { linkId: 'intro', type: 'display', text: en('Hi') },
      { linkId: 'g', type: 'group', text: en('G'), items: [smoker] },
      dependent([
        { question: 'intro', operator: 'exists', answer: true },
        { question: 'g', operator: 'exists', answer: true },
      ]),
    ]);
    expect(checkDefinition(def)).toEqual([
      { name: 'items.2.enableWhen.0.question', reason: expect.stringContaining('display text') },
      { name: 'items.2.enableWhen.1.question', reason: expect.stringContaining('a group') },
    ]);
  });

  it('a condition answer must fit the question it refers to', () => {
    const def = survey([
      colour,
      smoker,
      pain,
      visit,
      dependent([
        { question: 'colour', operator: '=', answer: 'green' },
        { question: 'colour', operator: '=', answer: 1 },
        { question: 'smoker', operator: '=', answer: 'yes' },
        { question: 'pain', operator: '=', answer: '5' },
        { question: 'visit', operator: '>', answer: '2023-02-29' },
        { question: 'visit', operator: '>', answer: '2023-02-28' },
        { question: 'colour', operator: 'exists', answer: 'yes' },
      ]),
    ]);
    expect(names(def)).toEqual([0, 1, 2, 3, 4, 6].map((k) => `items.4.enableWhen.${k}.answer`));
  });

  it('order operators on a choice or yes/no question are refused', () => {
    const def = survey([
      colour,
      smoker,
      dependent([
        { question: 'colour', operator: '>', answer: 'red' },
        { question: 'smoker', operator: '<=', answer: true },
      ]),
    ]);
    expect(names(def)).toEqual(['items.2.enableWhen.0.operator', 'items.2.enableWhen.1.operator']);
  });

  it('a choice question needs options, each with its own code', () => {
    const def = survey([
      { linkId: 'none', type: 'choice', text: en('None'), answerOption: [] },
      { linkId: 'dup', type: 'choice', text: en('Dup'), answerOption: options('a', 'b', 'a') },
    ]);
    expect(names(def)).toEqual(['items.0.answerOption', 'items.1.answerOption.2.code']);
  });

  it('a rating scale must rise, and its labels must be inside it and not repeat', () => {
    const def = survey([
      { linkId: 'flat', type: 'rating', min: 5, max: 5, text: en('Flat') },
      {
        linkId: 'labelled',
        type: 'rating',
        min: 1,
        max: 5,
        text: en('Labelled'),
        labels: [
          { value: 1, text: en('Low') },
          { value: 0, text: en('Zero') },
          { value: 1, text: en('Low again') },
        ],
      },
    ]);
    expect(names(def)).toEqual(['items.0.max', 'items.1.labels.1.value', 'items.1.labels.2.value']);
  });

  it('a smallest allowed answer above the largest is refused for numbers and dates', () => {
    const def = survey([
      { linkId: 'i', type: 'integer', minValue: 10, maxValue: 1, text: en('I') },
      { linkId: 'd', type: 'decimal', minValue: 0.5, maxValue: 0.25, text: en('D') },
      { linkId: 'dt', type: 'date', minValue: '2024-02-01', maxValue: '2024-01-31', text: en('Dt') },
      { linkId: 'ok', type: 'integer', minValue: 1, maxValue: 1, text: en('Ok') },
    ]);
    expect(names(def)).toEqual(['items.0.maxValue', 'items.1.maxValue', 'items.2.maxValue']);
  });

  it('an empty group is refused', () => {
    expect(names(survey([{ linkId: 'g', type: 'group', text: en('G'), items: [] }]))).toEqual([
      'items.0.items',
    ]);
  });

  it('display text and groups cannot be required', () => {
    const def = survey([
      { linkId: 'intro', type: 'display', required: true, text: en('Hi') },
      { linkId: 'g', type: 'group', required: true, text: en('G'), items: [smoker] },
    ]);
    expect(names(def)).toEqual(['items.0.required', 'items.1.required']);
  });

  it('the default language must be one of the survey languages, each listed once', () => {
    expect(names(survey([smoker], { locales: ['es', 'es'], defaultLocale: 'en' }))).toEqual([
      'defaultLocale',
      'locales.1',
    ]);
  });

  it('every text needs the default language, including descriptions, help, options and labels', () => {
    const es = (s: string) => ({ es: s });
    const def = survey(
      [
        { linkId: 'q', type: 'boolean', text: es('¿Sí?'), helpText: es('Ayuda') },
        { linkId: 'c', type: 'choice', text: en('C'), answerOption: [{ code: 'a', text: es('A') }] },
        {
          linkId: 'r',
          type: 'rating',
          min: 1,
          max: 5,
          text: en('R'),
          labels: [{ value: 1, text: es('Bajo') }],
        },
      ],
      { locales: ['en', 'es'], title: es('Encuesta'), description: es('Descripción') },
    );
    expect(checkDefinition(def)).toEqual(
      [
        'title',
        'description',
        'items.0.text',
        'items.0.helpText',
        'items.1.answerOption.0.text',
        'items.2.labels.0.text',
      ].map((name) => ({ name, reason: "has no text in the survey's default language (en)" })),
    );
  });

  it('every problem is reported, not only the first', () => {
    const def = survey(
      [
        { linkId: 'g', type: 'group', text: en('G'), items: [] },
        { linkId: 'g', type: 'choice', text: en('C'), answerOption: [] },
        dependent([{ question: 'ghost', operator: 'exists', answer: true }]),
      ],
      { defaultLocale: 'es' },
    );
    expect(names(def).sort()).toEqual(
      [
        'defaultLocale',
        'title',
        'items.0.text',
        'items.0.items',
        'items.1.linkId',
        'items.1.text',
        'items.1.answerOption',
        'items.2.text',
        'items.2.enableWhen.0.question',
      ].sort(),
    );
  });

  describe('SUS scoring', () => {
    const likert = (i: number, min = 1, max = 5): TSurveyItem => ({
      linkId: `s${i}`,
      type: 'rating',
      min,
      max,
      text: en(`Statement ${i}`),
    });
    const tenLikert = Array.from({ length: 10 }, (_, i) => likert(i + 1));

    it('is accepted with exactly ten 1 to 5 ratings, whatever else the survey asks', () => {
      expect(checkDefinition(survey([...tenLikert, smoker], { scoring: 'sus' }))).toEqual([]);
    });

    it('needs exactly ten rating questions', () => {
      expect(names(survey(tenLikert.slice(0, 9), { scoring: 'sus' }))).toEqual(['scoring']);
      expect(names(survey([...tenLikert, likert(11)], { scoring: 'sus' }))).toEqual(['scoring']);
    });

    it('needs every rating to run from 1 to 5', () => {
      const items = [...tenLikert.slice(0, 9), likert(10, 0, 10)];
      expect(names(survey(items, { scoring: 'sus' }))).toEqual(['items.9']);
    });
  });
});

describe('the size of one submission', () => {
  it('a survey whose free-text questions together allow more than fits in one submission is refused', () => {
    const def = ZSurveyDefinition.parse({
      title: { en: 'Long' },
      defaultLocale: 'en',
      locales: ['en'],
      audience: 'patient',
      items: Array.from({ length: 11 }, (_, i) => ({
        linkId: `t${i}`,
        type: 'text',
        maxLength: 5000,
        text: { en: `Question ${i}` },
      })),
    });
    expect(checkDefinition(def)).toEqual([{ name: 'items', reason: expect.stringContaining('55000') }]);
    expect(checkDefinition({ ...def, items: def.items.slice(0, 10) })).toEqual([]);
  });
});
