import {
  ABOUT_YOU_LINK_ID,
  aboutYouBlock,
  demographicItems,
  hasAboutYou,
  PREFER_NOT_TO_SAY,
  withAboutYou,
} from './about-you';
import { checkDefinition } from './check-definition';
import { ZSurveyDefinition } from './definition';
import { flattenItems } from './items';
import { TEMPLATES } from './templates';
import { validateAnswers } from './validate-answers';

describe('the optional "about you" block', () => {
  it('is offered, switched off, in the FFT and NPS templates', () => {
    for (const id of ['nhs-fft', 'nps'] as const) {
      expect(TEMPLATES[id].aboutYou).toBe('off');
      expect(hasAboutYou(TEMPLATES[id].definition)).toBe(false);
    }
  });

  it('switched on, gives a valid survey whose block can be skipped whole, with every dimension marked', () => {
    for (const id of ['nhs-fft', 'nps'] as const) {
      const on = withAboutYou(TEMPLATES[id].definition, true);
      expect(hasAboutYou(on)).toBe(true);
      expect(ZSurveyDefinition.parse(on)).toEqual(on);
      expect(checkDefinition(on)).toEqual([]);
      const answers: Record<string, string | number> = id === 'nhs-fft' ? { fft: 'good' } : { nps: 9 };
      expect(validateAnswers(on, answers).ok).toBe(true);
      expect(
        validateAnswers(on, { ...answers, about_age: '75+', about_language: PREFER_NOT_TO_SAY }).ok,
      ).toBe(true);
      expect([...demographicItems(on.items).values()].sort()).toEqual([
        'age_band',
        'disability',
        'ethnicity',
        'first_language',
        'sex',
      ]);
      // The switch off again removes it, and only it.
      expect(withAboutYou(on, false)).toEqual(TEMPLATES[id].definition);
    }
  });

  it('asks nothing required, offers "prefer not to say" everywhere and says why it asks', () => {
    const items = flattenItems([aboutYouBlock()]);
    const questions = items.filter((i) => i.type === 'choice');
    expect(questions).toHaveLength(5);
    for (const q of questions) {
      expect(q.required).toBeUndefined();
      expect(q.type === 'choice' && q.answerOption.at(-1)!.code).toBe(PREFER_NOT_TO_SAY);
    }
    const why = items.find((i) => i.type === 'display')!;
    expect(why.text.en).toMatch(/optional/);
    expect(why.text.en).toMatch(/We ask them to check/);
    const age = questions.find((q) => q.linkId === 'about_age');
    expect(age?.type === 'choice' && age.answerOption.map((o) => o.code)).toEqual([
      '16-24',
      '25-34',
      '35-44',
      '45-54',
      '55-64',
      '65-74',
      '75+',
      PREFER_NOT_TO_SAY,
    ]);
    const ethnicity = questions.find((q) => q.linkId === 'about_ethnicity');
    expect(ethnicity?.type === 'choice' && ethnicity.answerOption.length).toBe(6);
    expect(aboutYouBlock().linkId).toBe(ABOUT_YOU_LINK_ID);
  });
});
