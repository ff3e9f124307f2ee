import type { TLocalizedText } from '../locale';
import type { TDemographic, TSurveyDefinition, TSurveyItem } from './definition';

/**
 * The optional "about you" block: a group any patient survey can add (one switch in the editor;
 * offered, off, in the FFT and NPS templates). Every question is optional and offers "prefer not to
 * say"; the display item at its top says why it is asked. How someone answered (phone, kiosk,
 * paper) is not asked: it comes from the link.
 */

export const ABOUT_YOU_LINK_ID = 'about_you';
/** The answer that means "I'd rather not say": counted as not answered, never as a group. */
export const PREFER_NOT_TO_SAY = 'prefer_not_to_say';

const text = (en: string, es: string): TLocalizedText => ({ en, es });

/** Age bands, youngest first. */
export const AGE_BANDS = ['16-24', '25-34', '35-44', '45-54', '55-64', '65-74', '75+'] as const;

type TOption = [code: string, en: string, es: string];

/** The five high-level ethnic groups of the 2021 Census of England and Wales (ONS). */
const ETHNICITY: TOption[] = [
  ['asian', 'Asian or Asian British', 'Asiático o asiático británico'],
  ['black', 'Black, Black British, Caribbean or African', 'Negro, negro británico, caribeño o africano'],
  ['mixed', 'Mixed or Multiple ethnic groups', 'Mixto o de varios grupos étnicos'],
  ['white', 'White', 'Blanco'],
  ['other', 'Other ethnic group', 'Otro grupo étnico'],
];

const YES_NO: TOption[] = [
  ['yes', 'Yes', 'Sí'],
  ['no', 'No', 'No'],
];

/** What each dimension's groups are called on staff pages (English; codes are the keys). */
export const DEMOGRAPHIC_GROUPS: Record<TDemographic, Record<string, string>> = {
  age_band: Object.fromEntries(AGE_BANDS.map((b) => [b, b])),
  sex: { female: 'Female', male: 'Male', other: 'Another way' },
  ethnicity: Object.fromEntries(ETHNICITY.map(([code, en]) => [code, en])),
  disability: { yes: 'Disability or long-term condition', no: 'No disability or long-term condition' },
  first_language: { yes: 'English first language', no: 'English not first language' },
  channel: { online: 'Online', kiosk: 'Kiosk', phone: 'Phone', paper: 'Paper (entered by staff)' },
};

export const DEMOGRAPHIC_LABELS: Record<TDemographic, string> = {
  age_band: 'Age band',
  sex: 'Sex',
  ethnicity: 'Ethnic group',
  disability: 'Disability or long-term condition',
  first_language: 'English as first language',
  channel: 'How they answered',
};

const question = (
  linkId: string,
  demographic: TDemographic,
  en: string,
  es: string,
  options: TOption[],
): TSurveyItem => ({
  linkId,
  type: 'choice',
  demographic,
  text: text(en, es),
  answerOption: [
    ...options.map(([code, oEn, oEs]) => ({ code, text: text(oEn, oEs) })),
    { code: PREFER_NOT_TO_SAY, text: text('Prefer not to say', 'Prefiero no decirlo') },
  ],
});

/** A fresh copy of the block (callers may edit it). */
export function aboutYouBlock(): TSurveyItem {
  return {
    linkId: ABOUT_YOU_LINK_ID,
    type: 'group',
    text: text('About you (optional)', 'Sobre usted (opcional)'),
    items: [
      {
        linkId: 'about_you_why',
        type: 'display',
        text: text(
          'These questions are optional. We ask them to check that our services work as well for everyone, and your answers are only ever counted in groups large enough that no one can be picked out. Skip any of them, or choose "Prefer not to say".',
          'Estas preguntas son opcionales. Las hacemos para comprobar que nuestros servicios funcionan igual de bien para todos, y sus respuestas solo se cuentan en grupos lo bastante grandes para que nadie pueda ser identificado. Puede saltarse cualquiera o elegir "Prefiero no decirlo".',
        ),
      },
      question(
        'about_age',
        'age_band',
        'What is your age?',
        '¿Qué edad tiene?',
        AGE_BANDS.map((b) => [b, b, b]),
      ),
      question('about_sex', 'sex', 'What is your sex?', '¿Cuál es su sexo?', [
        ['female', 'Female', 'Mujer'],
        ['male', 'Male', 'Hombre'],
        ['other', 'I describe myself another way', 'Me describo de otra manera'],
      ]),
      question(
        'about_ethnicity',
        'ethnicity',
        'What is your ethnic group?',
        '¿Cuál es su grupo étnico?',
        ETHNICITY,
      ),
      question(
        'about_disability',
        'disability',
        'Do you have a disability or a long-term physical or mental health condition?',
        '¿Tiene alguna discapacidad o una afección de salud física o mental de larga duración?',
        YES_NO,
      ),
      question(
        'about_language',
        'first_language',
        'Is English your first language?',
        '¿Es el inglés su primera lengua?',
        YES_NO,
      ),
    ],
  };
}

/** Whether the survey carries the block (by its group's linkId). */
export function hasAboutYou(def: Pick<TSurveyDefinition, 'items'>): boolean {
  return def.items.some((i) => i.linkId === ABOUT_YOU_LINK_ID);
}

/** The definition with the block added at the end, or removed: what the editor's switch does. */
export function withAboutYou<T extends Pick<TSurveyDefinition, 'items'>>(def: T, on: boolean): T {
  const rest = def.items.filter((i) => i.linkId !== ABOUT_YOU_LINK_ID);
  return { ...def, items: on ? [...rest, aboutYouBlock()] : rest };
}

/** Every question of a definition marked with a dimension, by linkId (groups searched too). */
export function demographicItems(items: readonly TSurveyItem[]): Map<string, TDemographic> {
  const found = new Map<string, TDemographic>();
  const walk = (list: readonly TSurveyItem[]) => {
    for (const item of list) {
      if (item.type === 'group') walk(item.items);
      else if (item.type === 'choice' && item.demographic) found.set(item.linkId, item.demographic);
    }
  };
  walk(items);
  return found;
}
