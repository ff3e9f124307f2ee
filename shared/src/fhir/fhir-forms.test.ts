import path from 'node:path';
import { FHIR_DATA, FHIR_FIXTURES, fhirSchemaValidator, readJson } from '../../../tests/support/fhir-schema';
import type { TSurveyDefinition } from '../survey/definition';
import { exportQuestionnaire } from './questionnaire-export';
import { importQuestionnaire, type TImportResult } from './questionnaire-import';

/** Three official forms and six written from published definitions, each of another structure. */
const FORMS: Record<string, string> = {
  'US Core PHQ-9': path.join(FHIR_DATA, 'questionnaires/uscore--Questionnaire-phq-9-example.json'),
  'US Core AUDIT-C': path.join(FHIR_DATA, 'questionnaires/uscore--Questionnaire-AUDIT-C.json'),
  'SDC all data types': path.join(
    FHIR_DATA,
    'questionnaires/sdc--questionnaire-sdc-test-all-data-types.json',
  ),
  'GAD-7': path.join(FHIR_FIXTURES, 'gad-7.questionnaire.json'),
  'family history (nested repeating groups, items under questions)': path.join(
    FHIR_FIXTURES,
    'family-history.questionnaire.json',
  ),
  'tobacco use (enableWhen chains, every operator)': path.join(
    FHIR_FIXTURES,
    'tobacco-use.questionnaire.json',
  ),
  'visit experience (contained ValueSets, non-Coding options, open-choice)': path.join(
    FHIR_FIXTURES,
    'contained-valuesets.questionnaire.json',
  ),
  'Friends and Family Test (translations)': path.join(FHIR_FIXTURES, 'translated-fft.questionnaire.json'),
  'pre-visit details (string, text, url, quantity, initial, readOnly, repeats, partial dates)': path.join(
    FHIR_FIXTURES,
    'data-types.questionnaire.json',
  ),
};

function imported(file: string): Extract<TImportResult, { ok: true }> {
  const result = importQuestionnaire(readJson(file));
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problems)}`);
  return result;
}

const META = {
  id: '0b7a4c52-8f0e-4a4e-9d55-1f2a3b4c5d6e',
  url: 'https://careloop.example/api/v1/surveys/x/fhir',
};

describe.each(Object.entries(FORMS))('the %s form', (_name, file) => {
  const { definition } = imported(file);
  const exported = exportQuestionnaire(definition, { ...META, version: 3, status: 'published' });

  it('exports as a Questionnaire the official R4 JSON schema accepts, with a versioned canonical', () => {
    const validate = fhirSchemaValidator('Questionnaire');
    expect(validate(exported) ? [] : validate.errors).toEqual([]);
    expect(exported).toMatchObject({ url: META.url, version: '3', status: 'active' });
  });

  it('imports again from its export into the same survey (import, export, import is lossless)', () => {
    const again = importQuestionnaire(exported);
    expect(again.ok).toBe(true);
    expect((again as { definition: TSurveyDefinition }).definition).toEqual(definition);
    const reasons = again.unsupported.map((u) => u.path);
    expect(reasons.every((p) => /^Questionnaire\.(id|url|version|name|date)$/.test(p))).toBe(true);
  });
});
