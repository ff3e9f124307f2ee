import { ZTemplateId } from '../api/surveys';
import type { TLocalizedText } from '../locale';
import { answersFromLink, findChangeQuestion, withoutAnswered } from './change-question';
import { checkDefinition } from './check-definition';
import { ZSurveyDefinition, type TSurveyDefinition } from './definition';
import { flattenItems } from './items';
import { TEMPLATES } from './templates';
import { validateAnswers } from './validate-answers';

function allTexts(def: TSurveyDefinition): TLocalizedText[] {
  const texts = [def.title, ...(def.description ? [def.description] : [])];
  for (const item of flattenItems(def.items)) {
    texts.push(item.text, ...(item.helpText ? [item.helpText] : []));
    if (item.type === 'choice') texts.push(...item.answerOption.map((option) => option.text));
    if (item.type === 'rating') texts.push(...(item.labels ?? []).map((label) => label.text));
  }
  return texts;
}
const english = (def: TSurveyDefinition) => flattenItems(def.items).map((item) => item.text.en);

describe('TEMPLATES', () => {
  it('has a template for every template id', () => {
    expect(Object.keys(TEMPLATES).sort()).toEqual([...ZTemplateId.options].sort());
  });

  describe.each(ZTemplateId.options)('%s', (id) => {
    const { title, description, definition } = TEMPLATES[id];

    it('passes the definition schema and the semantic checks', () => {
      expect(ZSurveyDefinition.parse(definition)).toEqual(definition);
      expect(checkDefinition(definition)).toEqual([]);
      expect(title).not.toBe('');
      expect(description).not.toBe('');
    });

    it('has English and Spanish for every text', () => {
      expect(definition.locales).toEqual(['en', 'es']);
      expect(definition.defaultLocale).toBe('en');
      for (const text of allTexts(definition)) {
        expect(Object.keys(text).sort()).toEqual(['en', 'es']);
        expect(text.es).not.toBe(text.en);
      }
    });

    it('cannot be changed in place by code that forgot to copy it', () => {
      expect(() => {
        definition.items.push(definition.items[0]!);
      }).toThrow(TypeError);
    });
  });

  it('the Friends and Family Test asks the 2020 question with its six answers, then why and what to improve', () => {
    const { definition } = TEMPLATES['nhs-fft'];
    expect(definition.audience).toBe('patient');
    const [question, reason, improve] = flattenItems(definition.items);
    expect(question).toMatchObject({
      linkId: 'fft',
      type: 'choice',
      required: true,
      text: { en: 'Overall, how was your experience of our service?' },
    });
    if (question?.type !== 'choice') throw new Error('the FFT question must be a choice');
    expect(question.repeats).toBeFalsy();
    expect(question.answerOption.map((option) => [option.code, option.text.en])).toEqual([
      ['very_good', 'Very good'],
      ['good', 'Good'],
      ['neither', 'Neither good nor poor'],
      ['poor', 'Poor'],
      ['very_poor', 'Very poor'],
      ['dont_know', "Don't know"],
    ]);
    expect(reason).toMatchObject({
      type: 'text',
      intent: 'general',
      text: { en: 'Please can you tell us why you gave your answer?' },
    });
    expect(improve).toMatchObject({
      type: 'text',
      intent: 'improvement',
      text: { en: 'What could we do better?' },
    });
    expect(improve?.required).toBeFalsy();
  });

  it('the Net Promoter Score asks for a labelled 0 to 10 rating and a reason', () => {
    const { definition } = TEMPLATES.nps;
    expect(definition.audience).toBe('patient');
    const [rating, reason] = flattenItems(definition.items);
    expect(rating).toMatchObject({ type: 'rating', min: 0, max: 10, required: true });
    expect(rating?.text.en).toMatch(/How likely are you to recommend .* to friends or family\?/);
    if (rating?.type !== 'rating') throw new Error('the NPS question must be a rating');
    expect(rating.labels?.map((label) => label.value)).toEqual([0, 10]);
    expect(reason).toMatchObject({ type: 'text' });
  });

  it('the System Usability Scale has the ten Brooke statements on labelled 1 to 5 scales, scored as SUS', () => {
    const { definition } = TEMPLATES.sus;
    expect(definition).toMatchObject({ audience: 'clinician', scoring: 'sus' });
    const items = flattenItems(definition.items);
    expect(items).toHaveLength(10);
    expect(english(definition)[0]).toBe('I think that I would like to use this system frequently.');
    expect(english(definition)[9]).toBe(
      'I needed to learn a lot of things before I could get going with this system.',
    );
    for (const item of items) {
      expect(item).toMatchObject({ type: 'rating', min: 1, max: 5, required: true });
      if (item.type !== 'rating') continue;
      expect(item.labels?.map((label) => label.text.en)).toEqual([
        'Strongly disagree',
        'Disagree',
        'Neither agree nor disagree',
        'Agree',
        'Strongly agree',
      ]);
    }
  });

  describe('the change friction pulse', () => {
    const { definition } = TEMPLATES['change-pulse'];
    const base = {
      change: 'ai_tool',
      effect_time: 2,
      effect_safety: 3,
      effect_workload: 1,
      friction: 'Logins',
    };

    it('is for clinicians and rates the change on time, safety and workload from much worse to much better', () => {
      expect(definition.audience).toBe('clinician');
      const ratings = flattenItems(definition.items).filter((item) => item.type === 'rating');
      expect(ratings.map((item) => item.linkId)).toEqual(['effect_time', 'effect_safety', 'effect_workload']);
      for (const item of ratings) {
        expect(item.labels?.map((label) => label.text.en)).toEqual([
          'Much worse',
          'Somewhat worse',
          'No change',
          'Somewhat better',
          'Much better',
        ]);
      }
    });

    it('asks nothing about being contacted: the page’s one tick box does', () => {
      const texts = flattenItems(definition.items).map((item) => item.text.en ?? '');
      expect(texts.some((text) => /contact|reach you/i.test(text))).toBe(false);
      expect(validateAnswers(definition, base).ok).toBe(true);
    });

    it('has a “which change” question that a link naming a change answers itself', () => {
      expect(findChangeQuestion(definition)?.linkId).toBe('change');
      expect(answersFromLink(definition, 'telehealth')).toEqual({ change: 'telehealth' });
      expect(answersFromLink(definition, 'workflow')).toEqual({ change: 'other' });
      expect(answersFromLink(definition, null)).toEqual({});
      const shown = withoutAnswered(definition, { change: 'telehealth' });
      expect(shown.items.map((item) => item.linkId)).not.toContain('change');
      const unasked = Object.fromEntries(Object.entries(base).filter(([linkId]) => linkId !== 'change'));
      expect(validateAnswers(definition, { ...unasked, ...answersFromLink(definition, 'kiosk') }).ok).toBe(
        true,
      );
    });
  });
});
