import type { TSurveyDefinition } from '../../../../shared/src/survey/definition';
import { cellValue, checkRow, csvRowInput, readCsvHeader, type TRowRules } from './imports.rows';

const text = { en: 'Q' };
const definition: TSurveyDefinition = {
  title: text,
  defaultLocale: 'en',
  locales: ['en'],
  audience: 'patient',
  items: [
    { linkId: 'score', type: 'rating', text, min: 0, max: 10, required: true },
    { linkId: 'back', type: 'boolean', text },
    {
      linkId: 'why',
      type: 'choice',
      repeats: true,
      text,
      answerOption: [
        { code: 'kind', text },
        { code: 'quick', text },
      ],
    },
  ],
};
const UNIT = '0b7e4a52-3c1d-4f6e-9a8b-1c2d3e4f5a6b';
const rules: TRowRules = {
  definition,
  unitIds: new Set([UNIT]),
  changeUnits: new Map(),
  historyYears: 10,
  skewMs: 300_000,
};
const NOW = Date.parse('2026-06-01T12:00:00Z');

describe('reading CSV cells by question type', () => {
  it('turns numbers, yes/no and |-joined codes into answers, and passes anything else on for the checks', () => {
    const [score, back, why] = definition.items as Parameters<typeof cellValue>[0][];
    expect(cellValue(score!, ' 7 ')).toBe(7);
    expect(cellValue(score!, 'seven')).toBe('seven');
    expect(['Yes', 'no', '1', '0', 'TRUE'].map((c) => cellValue(back!, c))).toEqual([
      true,
      false,
      true,
      false,
      true,
    ]);
    expect(cellValue(back!, 'maybe')).toBe('maybe');
    expect(cellValue(why!, 'kind | quick|')).toEqual(['kind', 'quick']);
  });

  it('refuses a header without the required columns or with columns that are not questions', () => {
    expect(() => readCsvHeader(['external_id', 'score', 'mood'], definition)).toThrow(
      'The CSV header row does not fit this survey',
    );
    const layout = readCsvHeader(['external_id', 'submitted_at', 'unit_id', 'score', 'why'], definition);
    expect(csvRowInput(layout, ['x', '2026-05-01T10:00:00Z', UNIT, '9', ''])).toEqual({
      input: { externalId: 'x', submittedAt: '2026-05-01T10:00:00Z', unitId: UNIT, answers: { score: 9 } },
    });
  });
});

describe('checking a row', () => {
  const row = {
    externalId: 'r1',
    submittedAt: '2026-05-01T10:00:00+02:00',
    unitId: UNIT,
    answers: { score: 9 },
  };

  it('accepts a good row, dated in UTC, in the survey’s default language', () => {
    const checked = checkRow(row, rules, NOW);
    expect(checked).toMatchObject({
      ok: true,
      row: { submittedAt: '2026-05-01T08:00:00.000Z', locale: 'en', changeId: null },
    });
  });

  it('names every problem, in the CSV’s column names when asked', () => {
    const bad = {
      ...row,
      submittedAt: '2026-06-01T12:10:00Z',
      unitId: UNIT.replace('0b', '1b'),
      answers: {},
    };
    const checked = checkRow(bad, rules, NOW, (n) => (n === 'submittedAt' ? 'submitted_at' : n));
    expect(checked).toEqual({
      ok: false,
      problems: [
        { name: 'submitted_at', reason: 'is in the future' },
        { name: 'unitId', reason: 'is not a unit of your organisation in your scope' },
        { name: 'answers.score', reason: 'is required' },
      ],
    });
    expect(checkRow({ ...row, submittedAt: '2016-05-31T12:00:00Z' }, rules, NOW)).toMatchObject({
      ok: false,
      problems: [{ name: 'submittedAt' }],
    });
    expect(checkRow({ ...row, answers: { score: 'x\u0000' } }, rules, NOW)).toMatchObject({
      problems: [{ name: 'answers.score', reason: 'holds a NUL character' }, { name: 'answers.score' }],
    });
  });
});
