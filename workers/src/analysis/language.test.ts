import { readFileSync } from 'node:fs';
import path from 'node:path';
import { detectLanguage } from './language';
import { analysisOutsideModels, readByModels, scoreLexiconSentiment } from './language-sentiment';

const readSet = <T>(file: string): T[] =>
  readFileSync(path.join(__dirname, 'testsets', file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);

describe('detectLanguage', () => {
  it('keeps short and borrowed-word English comments English', () => {
    for (const text of [
      'ok',
      'Cheaper parking.',
      'Quieter ward at night.',
      'Fine',
      'Personal care was excellent, as good as it gets.',
      'Sat in the cafe con leche in hand waiting for mum',
    ])
      expect(detectLanguage(text)).toBe('en');
  });

  it('names Spanish, Arabic and other languages by their words and scripts', () => {
    expect(detectLanguage('Esperé cuatro horas en urgencias y nadie me explicó nada.')).toBe('es');
    expect(detectLanguage('انتظرت أربع ساعات في الطوارئ ولم يخبرني أحد بشيء')).toBe('ar');
    expect(detectLanguage('عملہ بہت اچھا تھا، ڈاکٹر نے سب کچھ سمجھایا۔')).toBe('ur');
    expect(detectLanguage('Dziękuję bardzo za opiekę nad moją mamą.')).toBe('pl');
    expect(detectLanguage('👍')).toBe('und');
  });

  it('gets every comment of the language test set right (a regression floor: the set was used to build it)', () => {
    const cases = readSet<{ text: string; language: string }>('language.jsonl');
    expect(cases.length).toBeGreaterThanOrEqual(60);
    const wrong = cases.filter((c) => detectLanguage(c.text) !== c.language);
    expect(wrong).toEqual([]);
  });
});

describe('comments the models do not read', () => {
  it('sends English and letterless comments to the models, and nothing else', () => {
    expect(readByModels('en')).toBe(true);
    expect(readByModels('und')).toBe(true);
    expect(analysisOutsideModels('ok', 'en')).toBeNull();
  });

  it('marks a language with no resource "not analysed", neutral 0, instead of scoring it as English', () => {
    expect(analysisOutsideModels('Le personnel était très désagréable.', 'fr')).toEqual({
      sentiment: { label: 'neutral', score: 0, confidence: 0 },
      notAnalysed: 'language',
      lowConfidence: false,
    });
    expect(analysisOutsideModels('كان الطاقم لطيفا جدا', 'ar')?.notAnalysed).toBe('language');
  });

  it('scores Spanish with its lexicon, marked low confidence, with negation kept to its clause', () => {
    const good = analysisOutsideModels('Excelente servicio, el personal es muy profesional y atento.', 'es');
    expect(good).toMatchObject({ sentiment: { label: 'positive' }, notAnalysed: null, lowConfidence: true });
    expect(
      scoreLexiconSentiment('Muy mala atención, la recepcionista fue grosera conmigo.', 'es').label,
    ).toBe('negative');
    // "no" negates "gustó" only; the praise in the next clause stays praise.
    expect(
      scoreLexiconSentiment('No me gustó la comida. La enfermera fue maravillosa.', 'es').score,
    ).toBeGreaterThan(0);
  });

  it('labels the Spanish sentiment set at or above its measured floor (macro-F1 0.56, accuracy 22/36)', () => {
    const cases = readSet<{ text: string; sentiment: string }>('language-sentiment.jsonl');
    const right = cases.filter((c) => scoreLexiconSentiment(c.text, 'es').label === c.sentiment).length;
    expect(right / cases.length).toBeGreaterThanOrEqual(0.6);
  });
});
