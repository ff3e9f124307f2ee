import { analyseComments } from './analyse-comment';

// The sparse heads keep this test off the sentence encoder; language handling is the same with it.
process.env.ANALYSIS_ENCODER = 'none';

describe('analyseComments in other languages', () => {
  it('analyses English with the models and never scores another language as English', async () => {
    const [english, spanish, french, arabic] = await analyseComments([
      { text: 'Cheaper parking.' },
      { text: 'Muy mala atención, la recepcionista fue grosera conmigo.' },
      { text: "J'ai attendu trois heures aux urgences, c'est inacceptable." },
      { text: 'كان الطاقم لطيفا جدا وشرح الطبيب كل شيء' },
    ]);
    expect(english).toMatchObject({ language: 'en', notAnalysed: null });
    expect(spanish).toMatchObject({
      language: 'es',
      notAnalysed: null,
      sentiment: { label: 'negative' },
      themes: [],
      lowConfidence: true,
    });
    for (const other of [french, arabic]) {
      expect(other).toMatchObject({
        notAnalysed: 'language',
        sentiment: { label: 'neutral', score: 0 },
        themes: [],
        urgency: 'none',
      });
    }
    expect(french!.language).toBe('fr');
    expect(arabic!.language).toBe('ar');
  });

  it('still redacts and applies the urgency rules to a comment no model reads', async () => {
    const [spanish, arabic] = await analyseComments([
      { text: 'La cuidadora le pega a mi abuela. Llamen a Maria al 07700 900123.' },
      { text: 'أعطوا والدي دواء خاطئ وأصبح مريضا جدا' },
    ]);
    expect(spanish!.redactedText).not.toContain('07700 900123');
    expect(spanish).toMatchObject({ urgency: 'urgent', urgent: true, urgencyReasons: ['safeguarding'] });
    expect(arabic).toMatchObject({
      notAnalysed: 'language',
      urgency: 'urgent',
      urgencyReasons: ['medication'],
    });
  });

  it('alerts at once on rule findings and only lists for review what the model alone suspects', async () => {
    const [quiet, scribe, slap] = await analyseComments([
      { text: 'Quieter ward at night.' },
      { text: 'the AI scribe keeps making things up in the notes' },
      { text: 'I saw a carer slap a patient with dementia' },
    ]);
    expect(quiet!.urgent).toBe(false);
    expect(scribe!.urgent).toBe(false);
    expect([quiet!.urgency, scribe!.urgency]).not.toContain('urgent');
    expect(slap).toMatchObject({ urgency: 'urgent', urgent: true });
  });
});
