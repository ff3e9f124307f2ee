import { UI_LOCALES } from './index';

/**
 * Interface text of a unit's public "You said, we did" page and poster, in each interface language
 * of the respondent page (`UI_LOCALES`); a language with no entry here reads English. The actions'
 * own words are shown as staff entered them.
 */
export type TYouSaidWeDidStrings = {
  languageName: string;
  title: string;
  intro: (unitName: string) => string;
  youSaid: string;
  weDid: string;
  doneOn: string;
  /** How many people raised it, when at least k did; else nothing is said of numbers. */
  raisedBy: (count: number) => string;
  nothingYet: string;
  tellUs: string;
  scanToAnswer: string;
  answerOnline: string;
  poster: string;
  otherLanguages: string;
  aboutYour: (topic: string) => string;
  aboutFeedback: string;
};

const en: TYouSaidWeDidStrings = {
  languageName: 'English',
  title: 'You said, we did',
  intro: (unit) => `What ${unit} has changed because of what patients and staff told us.`,
  youSaid: 'You said',
  weDid: 'We did',
  doneOn: 'Done on',
  raisedBy: (n) => `${n} people told us about this.`,
  nothingYet:
    'Nothing to show yet. When we finish a change that came from your feedback, it will be listed here.',
  tellUs: 'Tell us how we are doing',
  scanToAnswer: 'Scan the code with your phone camera to answer a short survey. It is anonymous.',
  answerOnline: 'Answer a short survey',
  poster: 'Printable A4 poster',
  otherLanguages: 'Other languages',
  aboutYour: (topic) => `Feedback about ${topic.toLowerCase()}`,
  aboutFeedback: 'Your feedback',
};

const es: TYouSaidWeDidStrings = {
  languageName: 'Español',
  title: 'Ustedes dijeron, nosotros hicimos',
  intro: (unit) => `Lo que ${unit} ha cambiado gracias a lo que nos dijeron pacientes y personal.`,
  youSaid: 'Ustedes dijeron',
  weDid: 'Nosotros hicimos',
  doneOn: 'Hecho el',
  raisedBy: (n) => `${n} personas nos hablaron de esto.`,
  nothingYet:
    'Todavía no hay nada que mostrar. Cuando terminemos un cambio que surgió de sus opiniones, aparecerá aquí.',
  tellUs: 'Díganos cómo lo estamos haciendo',
  scanToAnswer: 'Escanee el código con la cámara del teléfono para responder una breve encuesta. Es anónima.',
  answerOnline: 'Responder una breve encuesta',
  poster: 'Cartel A4 para imprimir',
  otherLanguages: 'Otros idiomas',
  aboutYour: (topic) => `Opiniones sobre: ${topic}`,
  aboutFeedback: 'Sus opiniones',
};

const ar: TYouSaidWeDidStrings = {
  languageName: 'العربية',
  title: 'قلتم، فعلنا',
  intro: (unit) => `ما غيّره ${unit} بفضل ما أخبرنا به المرضى والموظفون.`,
  youSaid: 'قلتم',
  weDid: 'فعلنا',
  doneOn: 'تم في',
  raisedBy: (n) => `أخبرنا ${n} أشخاص بهذا.`,
  nothingYet: 'لا يوجد شيء لعرضه بعد. عندما ننتهي من تغيير جاء من آرائكم، سيظهر هنا.',
  tellUs: 'أخبرونا كيف نعمل',
  scanToAnswer: 'امسح الرمز بكاميرا هاتفك للإجابة عن استبيان قصير. لا يُطلب اسمك.',
  answerOnline: 'أجب عن استبيان قصير',
  poster: 'ملصق A4 للطباعة',
  otherLanguages: 'لغات أخرى',
  aboutYour: (topic) => `آراء حول: ${topic}`,
  aboutFeedback: 'آراؤكم',
};

const STRINGS: Record<string, TYouSaidWeDidStrings> = { en, es, ar };

/** The languages the page can be read in: those of the interface that have text here. */
export const YSWD_LOCALES: readonly string[] = UI_LOCALES.filter((l) => l in STRINGS);

export function youSaidWeDidStrings(locale: string): TYouSaidWeDidStrings {
  return STRINGS[locale] ?? STRINGS[locale.split('-')[0] ?? ''] ?? en;
}
