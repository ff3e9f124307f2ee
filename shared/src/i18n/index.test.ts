import { preferredLocale, textDirection, uiStrings } from '.';

describe('choosing the interface language', () => {
  it('takes the first wanted tag an offered locale matches, exactly in any case or by language', () => {
    expect(preferredLocale([null, 'fr-FR', 'ES-mx', 'en'], ['en', 'es'])).toBe('es');
    expect(preferredLocale(['pt-br'], ['pt', 'pt-BR'])).toBe('pt-BR');
    expect(preferredLocale([undefined, '*', 'de'], ['en'])).toBeUndefined();
  });

  it('falls back to English text, and lays right-to-left scripts out right to left', () => {
    expect(uiStrings('es-MX').submit).toBe('Enviar mis respuestas');
    expect(uiStrings('fr').submit).toBe('Send my answers');
    expect(textDirection('ar')).toBe('rtl');
    expect(textDirection('he-IL')).toBe('rtl');
    expect(textDirection('es')).toBe('ltr');
  });
});
