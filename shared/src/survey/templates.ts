import type { TTemplateId } from '../api/surveys';
import type { TLocalizedText } from '../locale';
import type { TSurveyDefinition, TSurveyItem } from './definition';

export type TTemplate = {
  title: string;
  description: string;
  definition: TSurveyDefinition;
  /**
   * The optional "about you" block (`about-you.ts`) is offered, switched off: the editor's switch
   * adds it. Off by default because every extra question costs answers.
   */
  aboutYou?: 'off';
};

const text = (en: string, es: string): TLocalizedText => ({ en, es });
const languages = (): Pick<TSurveyDefinition, 'defaultLocale' | 'locales'> => ({
  defaultLocale: 'en',
  locales: ['en', 'es'],
});

const FFT_OPTIONS: Array<[code: string, en: string, es: string]> = [
  ['very_good', 'Very good', 'Muy buena'],
  ['good', 'Good', 'Buena'],
  ['neither', 'Neither good nor poor', 'Ni buena ni mala'],
  ['poor', 'Poor', 'Mala'],
  ['very_poor', 'Very poor', 'Muy mala'],
  ['dont_know', "Don't know", 'No lo sé'],
];

/** NHS Friends and Family Test, 2020 wording of the mandatory question and answers. */
const nhsFft: TSurveyDefinition = {
  title: text('Friends and Family Test', 'Prueba de Amigos y Familiares'),
  description: text(
    'Tell us about your experience of our service. It takes less than a minute.',
    'Cuéntenos su experiencia con nuestro servicio. Le llevará menos de un minuto.',
  ),
  ...languages(),
  audience: 'patient',
  items: [
    {
      linkId: 'fft',
      type: 'choice',
      required: true,
      text: text(
        'Overall, how was your experience of our service?',
        'En general, ¿cómo fue su experiencia con nuestro servicio?',
      ),
      answerOption: FFT_OPTIONS.map(([code, en, es]) => ({ code, text: text(en, es) })),
    },
    {
      linkId: 'fft_reason',
      type: 'text',
      intent: 'general',
      text: text(
        'Please can you tell us why you gave your answer?',
        '¿Podría decirnos por qué dio esa respuesta?',
      ),
    },
    {
      linkId: 'fft_improve',
      type: 'text',
      intent: 'improvement',
      text: text('What could we do better?', '¿Qué podríamos hacer mejor?'),
    },
  ],
};

const nps: TSurveyDefinition = {
  title: text('Would you recommend us?', '¿Nos recomendaría?'),
  ...languages(),
  audience: 'patient',
  items: [
    {
      linkId: 'nps',
      type: 'rating',
      required: true,
      min: 0,
      max: 10,
      text: text(
        'How likely are you to recommend this service to friends or family?',
        '¿Qué probabilidad hay de que recomiende este servicio a sus amigos o familiares?',
      ),
      labels: [
        { value: 0, text: text('Not at all likely', 'Nada probable') },
        { value: 10, text: text('Extremely likely', 'Muy probable') },
      ],
    },
    {
      linkId: 'nps_reason',
      type: 'text',
      intent: 'general',
      text: text('What is the main reason for your score?', '¿Cuál es el motivo principal de su puntuación?'),
    },
  ],
};

const AGREEMENT: Array<[en: string, es: string]> = [
  ['Strongly disagree', 'Totalmente en desacuerdo'],
  ['Disagree', 'En desacuerdo'],
  ['Neither agree nor disagree', 'Ni de acuerdo ni en desacuerdo'],
  ['Agree', 'De acuerdo'],
  ['Strongly agree', 'Totalmente de acuerdo'],
];

/** Brooke (1996), in order: scoring depends on odd items being positive and even ones negative. */
const SUS_STATEMENTS: Array<[en: string, es: string]> = [
  [
    'I think that I would like to use this system frequently.',
    'Creo que me gustaría usar este sistema con frecuencia.',
  ],
  ['I found the system unnecessarily complex.', 'Encontré el sistema innecesariamente complejo.'],
  ['I thought the system was easy to use.', 'Pensé que el sistema era fácil de usar.'],
  [
    'I think that I would need the support of a technical person to be able to use this system.',
    'Creo que necesitaría el apoyo de una persona técnica para poder usar este sistema.',
  ],
  [
    'I found the various functions in this system were well integrated.',
    'Encontré que las diversas funciones de este sistema estaban bien integradas.',
  ],
  [
    'I thought there was too much inconsistency in this system.',
    'Pensé que había demasiada inconsistencia en este sistema.',
  ],
  [
    'I would imagine that most people would learn to use this system very quickly.',
    'Imagino que la mayoría de las personas aprendería a usar este sistema muy rápidamente.',
  ],
  ['I found the system very cumbersome to use.', 'Encontré el sistema muy engorroso de usar.'],
  ['I felt very confident using the system.', 'Me sentí muy seguro/a usando el sistema.'],
  [
    'I needed to learn a lot of things before I could get going with this system.',
    'Necesité aprender muchas cosas antes de poder empezar a usar este sistema.',
  ],
];

const sus: TSurveyDefinition = {
  title: text('System Usability Scale', 'Escala de Usabilidad del Sistema'),
  description: text(
    '"The system" is the change you are asked about. Answer every statement with your first reaction.',
    '"El sistema" es el cambio sobre el que le preguntamos. Responda a cada afirmación con su primera impresión.',
  ),
  ...languages(),
  audience: 'clinician',
  scoring: 'sus',
  items: SUS_STATEMENTS.map(([en, es], i) => ({
    linkId: `sus_${i + 1}`,
    type: 'rating',
    required: true,
    min: 1,
    max: 5,
    text: text(en, es),
    labels: AGREEMENT.map(([labelEn, labelEs], value) => ({
      value: value + 1,
      text: text(labelEn, labelEs),
    })),
  })),
};

const EFFECT: Array<[en: string, es: string]> = [
  ['Much worse', 'Mucho peor'],
  ['Somewhat worse', 'Algo peor'],
  ['No change', 'Sin cambios'],
  ['Somewhat better', 'Algo mejor'],
  ['Much better', 'Mucho mejor'],
];

const effectRating = (linkId: string, en: string, es: string): TSurveyItem => ({
  linkId,
  type: 'rating',
  min: 1,
  max: 5,
  text: text(en, es),
  labels: EFFECT.map(([labelEn, labelEs], value) => ({ value: value + 1, text: text(labelEn, labelEs) })),
});

/**
 * Which technology change slowed or helped clinicians. Being contacted is asked once, by the page's
 * "I'm happy to be contacted" tick box (which names the signed-in clinician), not by questions here:
 * the template once also asked "May we contact you?" and "How can we reach you?". Surveys made from
 * it keep those questions in their versions, so answers already stored read as they always did.
 * A link that names a change answers the first question itself (change-question.ts).
 */
const changePulse: TSurveyDefinition = {
  title: text('Change pulse', 'Pulso del cambio'),
  description: text(
    'Two minutes on how a recent change affects your work. Your answers help decide what to fix first.',
    'Dos minutos sobre cómo un cambio reciente afecta a su trabajo. Sus respuestas ayudan a decidir qué arreglar primero.',
  ),
  ...languages(),
  audience: 'clinician',
  items: [
    {
      linkId: 'change',
      type: 'choice',
      required: true,
      text: text('Which change are you reporting on?', '¿Sobre qué cambio nos informa?'),
      answerOption: [
        {
          code: 'ehr_module',
          text: text(
            'A new or changed electronic health record module',
            'Un módulo nuevo o modificado de la historia clínica electrónica',
          ),
        },
        { code: 'ai_tool', text: text('An AI tool', 'Una herramienta de inteligencia artificial') },
        { code: 'telehealth', text: text('Telehealth', 'Telesalud') },
        { code: 'kiosk', text: text('A patient kiosk', 'Un quiosco para pacientes') },
        { code: 'other', text: text('Something else', 'Otro') },
      ],
    },
    effectRating(
      'effect_time',
      'What effect has this change had on the time your work takes?',
      '¿Qué efecto ha tenido este cambio en el tiempo que le lleva su trabajo?',
    ),
    effectRating(
      'effect_safety',
      'What effect has this change had on patient safety?',
      '¿Qué efecto ha tenido este cambio en la seguridad de los pacientes?',
    ),
    effectRating(
      'effect_workload',
      'What effect has this change had on your workload?',
      '¿Qué efecto ha tenido este cambio en su carga de trabajo?',
    ),
    {
      linkId: 'friction',
      type: 'text',
      intent: 'improvement',
      text: text('What gets in the way?', '¿Qué obstáculos encuentra?'),
    },
  ],
};

/**
 * The built-in templates a survey can be created from, in English and Spanish. Deeply frozen, so
 * code that edits a template instead of a copy (`ZSurveyDefinition.parse` makes one) fails loudly
 * rather than changing every later survey made from it.
 */
export const TEMPLATES: Record<TTemplateId, TTemplate> = deepFreeze({
  'nhs-fft': {
    title: 'NHS Friends and Family Test',
    description:
      'The 2020 FFT question for patients, with a free-text reason and a suggestion for improvement.',
    definition: nhsFft,
    aboutYou: 'off',
  },
  nps: {
    title: 'Net Promoter Score',
    description: 'How likely patients are to recommend the service, on a 0 to 10 scale, and why.',
    definition: nps,
    aboutYou: 'off',
  },
  sus: {
    title: 'System Usability Scale',
    description: 'The standard ten-statement SUS for clinicians, scored 0 to 100.',
    definition: sus,
  },
  'change-pulse': {
    title: 'Change friction pulse',
    description:
      "Clinicians rate a technology change's effect on time, patient safety and workload, and say what gets in the way.",
    definition: changePulse,
  },
});

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
