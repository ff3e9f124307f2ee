import path from 'node:path';
import { FHIR_DATA, FHIR_FIXTURES, readJson } from '../../../tests/support/fhir-schema';
import { indexItems } from '../survey/items';
import { importQuestionnaire, type TImportResult } from './questionnaire-import';

const ok = (result: TImportResult) => {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problems)}`);
  return result;
};
const fixture = (name: string) => ok(importQuestionnaire(readJson(path.join(FHIR_FIXTURES, name))));
const official = (name: string) =>
  ok(importQuestionnaire(readJson(path.join(FHIR_DATA, 'questionnaires', name))));
const questionnaire = (item: unknown[], extra: Record<string, unknown> = {}) => ({
  resourceType: 'Questionnaire',
  status: 'draft',
  title: 'Test',
  item,
  ...extra,
});

describe('importing official forms', () => {
  it('the SDC all-data-types form keeps what CareLoop can ask and names each item left out by path', () => {
    const { definition, unsupported } = official('sdc--questionnaire-sdc-test-all-data-types.json');
    const kept = [...indexItems(definition.items).keys()];
    expect(kept).toEqual(
      expect.arrayContaining(['id-string', 'id-text', 'id-boolean', 'id-date', 'id-integer', 'id-decimal']),
    );
    const left = unsupported.filter((u) => u.reason.startsWith('left out')).map((u) => u.path);
    expect(left).toEqual([
      'Questionnaire.item[0].item[6]', // dateTime
      'Questionnaire.item[0].item[7]', // time
      'Questionnaire.item[0].item[10]', // attachment
      'Questionnaire.item[0].item[11]', // choice from an external ValueSet
      'Questionnaire.item[0].item[12]',
      'Questionnaire.item[0].item[13]',
      'Questionnaire.item[0].item[14]', // open-choice from an external ValueSet
    ]);
    const items = indexItems(definition.items);
    expect(items.get('id-string')).toMatchObject({ type: 'text', format: 'string' });
    expect(items.get('id-text')).not.toHaveProperty('format');
  });

  it('AUDIT-C keeps its help text nested under its question and its units; scoring extensions are reported', () => {
    const { definition, unsupported } = official('uscore--Questionnaire-AUDIT-C.json');
    const items = indexItems(definition.items);
    expect(items.get('/68517-2-help')).toMatchObject({ type: 'display', nestedUnder: '/68517-2' });
    expect(items.get('/68517-2')).toMatchObject({ type: 'decimal', unit: { code: '{#}/a' } });
    expect(unsupported).toContainEqual({
      path: 'Questionnaire.item[1].answerOption[0].extension[1]',
      reason: 'extension http://hl7.org/fhir/StructureDefinition/ordinalValue not kept',
    });
  });
});

describe('closing the model gaps', () => {
  it('items under questions, repeating groups and repeats on non-choice questions are kept', () => {
    const items = indexItems(fixture('family-history.questionnaire.json').definition.items);
    expect(items.get('relative')).toMatchObject({ type: 'group', repeats: true });
    expect(items.get('relative.condition')).toMatchObject({ type: 'group', repeats: true });
    expect(items.get('relative.living.age')).toMatchObject({ nestedUnder: 'relative.living', minValue: 0 });
    const types = indexItems(fixture('data-types.questionnaire.json').definition.items);
    expect(types.get('medicines')).toMatchObject({
      type: 'text',
      format: 'string',
      repeats: true,
      maxLength: 100,
    });
    expect(types.get('diagnosed')).toMatchObject({ type: 'date', minValue: '1900', maxValue: '2026-12' });
    expect(types.get('weight')).toMatchObject({ type: 'decimal', quantity: true, unit: { code: 'kg' } });
    expect(types.get('visits')).toMatchObject({ readOnly: true, initial: 1 });
    expect(types.get('website')).toMatchObject({ type: 'text', format: 'url' });
  });

  it('contained ValueSets (expansion and compose) and non-Coding options become options', () => {
    const items = indexItems(fixture('contained-valuesets.questionnaire.json').definition.items);
    expect(items.get('reason')).toMatchObject({
      answerOption: [{ code: 'new', system: 'http://example.org/CodeSystem/visit-reason' }, {}, {}],
    });
    expect(items.get('on-time')).toMatchObject({
      answerOption: [{ code: 'Y', initialSelected: true }, {}, {}],
    });
    expect(items.get('wait')).toMatchObject({
      answerType: 'integer',
      answerOption: [{ code: '0' }, {}, {}, {}],
    });
    expect(items.get('clinic')).toMatchObject({ answerType: 'string', openChoice: true });
    expect(items.get('next')).toMatchObject({ answerType: 'date' });
    expect(items.get('wait-note')!.enableWhen).toEqual([{ question: 'wait', operator: '=', answer: '60' }]);
  });

  it('translations on title, text, option displays and string options become the survey’s languages', () => {
    const { definition } = fixture('translated-fft.questionnaire.json');
    expect(definition.locales).toEqual(['en', 'es', 'ar']);
    expect(definition.title.es).toBe('Prueba de amigos y familiares');
    const items = indexItems(definition.items);
    const first = (linkId: string) => (items.get(linkId) as { answerOption: unknown[] }).answerOption[0];
    expect(first('fft')).toMatchObject({ code: '1', text: { en: 'Very good', es: 'Muy buena' } });
    expect(first('age')).toMatchObject({ code: 'Under 18', text: { ar: 'أقل من 18' } });
  });

  it('every enableWhen operator and both behaviours are kept', () => {
    const items = [...indexItems(fixture('tobacco-use.questionnaire.json').definition.items).values()];
    const operators = new Set(items.flatMap((i) => (i.enableWhen ?? []).map((c) => c.operator)));
    expect([...operators].sort()).toEqual(['!=', '<', '<=', '=', '>', '>=', 'exists']);
    expect(new Set(items.map((i) => i.enableBehavior).filter(Boolean))).toEqual(new Set(['all', 'any']));
  });
});

describe('an import that would change the form’s meaning is refused with every reason', () => {
  it('a condition on a question CareLoop cannot ask', () => {
    const result = importQuestionnaire(
      questionnaire([
        { linkId: 'when', type: 'dateTime', text: 'When?' },
        {
          linkId: 'why',
          type: 'string',
          text: 'Why?',
          enableWhen: [{ question: 'when', operator: 'exists', answerBoolean: true }],
        },
        { linkId: 'at', type: 'time', text: 'At?', required: true },
      ]),
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((p) => p.name)).toEqual([
      'Questionnaire.item[2]',
      'why.enableWhen[0]',
    ]);
  });

  it('an expression that decides who is asked, or calculates an answer a condition reads', () => {
    const result = importQuestionnaire(
      questionnaire([
        {
          linkId: 'score',
          type: 'integer',
          text: 'Score',
          extension: [
            {
              url: 'http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression',
              valueExpression: { language: 'text/fhirpath', expression: '1 + 1' },
            },
          ],
        },
        {
          linkId: 'high',
          type: 'display',
          text: 'High',
          enableWhen: [{ question: 'score', operator: '>', answerInteger: 3 }],
        },
        {
          linkId: 'other',
          type: 'string',
          text: 'Other',
          extension: [
            {
              url: 'http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression',
              valueExpression: { language: 'text/fhirpath', expression: 'true' },
            },
          ],
        },
      ]),
    );
    expect(!result.ok && result.problems.map((p) => p.name)).toEqual([
      'Questionnaire.item[2].extension[0]',
      'high.enableWhen[0]',
    ]);
  });

  it('something that is not a Questionnaire', () => {
    expect(importQuestionnaire({ resourceType: 'Patient' })).toMatchObject({ ok: false });
  });
});
