import { applyCorrection, mergeCorrection, type TModelAnswer } from './corrections.merge';

const model: TModelAnswer = {
  sentiment: 'positive',
  sentimentScore: 0.8,
  themes: [{ label: 'Parking', confidence: 0.7 }],
  urgency: 'review',
  notAnalysed: null,
};

describe('a correction on top of the model’s answer', () => {
  it('without a correction, the figures count the model’s answer', () => {
    expect(applyCorrection(model, null)).toEqual({
      sentiment: 'positive',
      sentimentScore: 0.8,
      themes: model.themes,
      urgency: 'review',
      urgent: false,
      notAnalysed: null,
    });
  });

  it('replaces only the corrected fields; a changed sentiment counts with a middle score of its side', () => {
    const e = applyCorrection(model, { sentiment: 'negative', themes: null, urgency: 'urgent' });
    expect(e).toMatchObject({ sentiment: 'negative', sentimentScore: -0.5, urgency: 'urgent', urgent: true });
    expect(e.themes).toBe(model.themes);
    expect(
      applyCorrection(model, { sentiment: 'positive', themes: null, urgency: null }).sentimentScore,
    ).toBe(0.8);
    expect(applyCorrection(model, { sentiment: null, themes: ['Discharge'], urgency: null }).themes).toEqual([
      { label: 'Discharge', confidence: 1 },
    ]);
  });

  it('a comment in another language counts once a person gives its sentiment', () => {
    const foreign = {
      ...model,
      notAnalysed: 'language' as const,
      sentiment: 'neutral' as const,
      sentimentScore: 0,
    };
    expect(
      applyCorrection(foreign, { sentiment: null, themes: ['Parking'], urgency: null }).notAnalysed,
    ).toBe('language');
    expect(
      applyCorrection(foreign, { sentiment: 'neutral', themes: null, urgency: null }).notAnalysed,
    ).toBeNull();
  });

  it('a new request keeps what it leaves out, removes what it sets to null, and nothing left is no correction', () => {
    const current = { sentiment: 'negative' as const, themes: null, urgency: 'none' as const };
    expect(mergeCorrection(current, { themes: ['Parking', 'Discharge', 'Parking'] })).toEqual({
      sentiment: 'negative',
      themes: ['Discharge', 'Parking'],
      urgency: 'none',
    });
    expect(mergeCorrection(current, { sentiment: null, urgency: null })).toBeNull();
  });
});
