import fs from 'node:fs';
import path from 'node:path';
import { ZSurveyDefinition, type TSurveyItem } from '../survey/definition';
import { checkDefinition } from '../survey/check-definition';
import { validateAnswers } from '../survey/validate-answers';
import {
  answersFromQuestionnaireResponse,
  nestsDeeperThan,
  ZQuestionnaireResponse,
} from './questionnaire-response';

// Official HL7 material, kept beside the project (see ../shared/data/fhir/README.md).
const FHIR = path.resolve(__dirname, '../../../../shared/data/fhir');
const read = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(FHIR, file), 'utf8'));

type TFhirItem = {
  linkId: string;
  type: string;
  text?: string;
  required?: boolean;
  answerOption?: { valueCoding: { system?: string; code: string; display?: string } }[];
};

/** The one-to-one mapping the survey model promises, for the item types PHQ-9 uses. */
function toSurveyItem(item: TFhirItem): TSurveyItem {
  const common = {
    linkId: item.linkId,
    text: { en: item.text ?? item.linkId },
    required: item.required ?? false,
  };
  if (item.type === 'choice') {
    return {
      ...common,
      type: 'choice',
      answerOption: (item.answerOption ?? []).map((o) => ({
        code: o.valueCoding.code,
        system: o.valueCoding.system,
        text: { en: o.valueCoding.display ?? o.valueCoding.code },
      })),
    };
  }
  if (item.type === 'decimal') return { ...common, type: 'decimal' };
  throw new Error(`unmapped type ${item.type}`);
}

describe('the official US Core PHQ-9 example', () => {
  const questionnaire = read('questionnaires/uscore--Questionnaire-phq-9-example.json') as {
    item: TFhirItem[];
  };
  const definition = ZSurveyDefinition.parse({
    title: { en: 'PHQ-9' },
    defaultLocale: 'en',
    locales: ['en'],
    audience: 'patient',
    items: questionnaire.item.map(toSurveyItem),
  });

  it('maps onto a survey definition with no problems, LOINC linkIds and coded options included', () => {
    expect(checkDefinition(definition)).toEqual([]);
  });

  it('its QuestionnaireResponse reads into answers that validate against that definition', () => {
    const qr = ZQuestionnaireResponse.parse(
      read('responses/uscore--QuestionnaireResponse-phq-9-example.json'),
    );
    const { answers, issues } = answersFromQuestionnaireResponse(qr, definition);
    expect(issues).toEqual([]);
    expect(answers['/44250-9']).toBe('LA6570-1');
    const checked = validateAnswers(definition, answers);
    expect(checked.ok).toBe(true);
  });

  it('an answer with the wrong value[x] for its question is named', () => {
    const qr = ZQuestionnaireResponse.parse({
      resourceType: 'QuestionnaireResponse',
      status: 'completed',
      item: [{ linkId: '/44261-6', answer: [{ valueString: '12' }] }],
    });
    expect(answersFromQuestionnaireResponse(qr, definition).issues).toContainEqual({
      name: 'answers./44261-6',
      reason: 'must be answered with valueDecimal',
    });
  });
});

describe('nesting depth', () => {
  it('tells a body nested beyond the limit from one within it', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100; i++) deep = { item: [deep] };
    expect(nestsDeeperThan(deep, 64)).toBe(true);
    expect(nestsDeeperThan({ item: [{ linkId: 'a', answer: [{ valueInteger: 1 }] }] }, 64)).toBe(false);
  });
});
