/**
 * Interface text of the no-JavaScript respondent form. The wording follows the JS page's
 * (client/src/i18n/{en,es}.ts) so both read alike. Those files are not imported: the server's
 * tsconfig leaves client/ out, and the production image copies only client/dist, so an import
 * from client/src would type-check here yet fail to start in the container.
 */
export type TBasicStrings = {
  language: string;
  required: string;
  requiredNote: string;
  yes: string;
  no: string;
  selectAll: string;
  aboutUnit: (unit: string) => string;
  aboutPlace: (unit: string) => string;
  submit: string;
  errorPrefix: string;
  errorSummaryTitle: string;
  errorRequired: string;
  errorWholeNumber: string;
  errorNumber: string;
  errorDate: string;
  errorTooLong: (max: number) => string;
  errorBetween: (min: string, max: string) => string;
  errorAtLeast: (min: string) => string;
  errorAtMost: (max: string) => string;
  errorChoice: string;
  errorGeneric: string;
  errorNoAnswers: string;
  notSent: string;
  rateLimited: (seconds: number) => string;
  sendAgain: string;
  tooLarge: string;
  serverError: string;
  crossSite: string;
  stillSaving: string;
  closedTitle: string;
  closedBody: string;
  thanksTitle: string;
  thanksSent: string;
  thanksAnonymous: string;
  thanksContact: string;
  thanksUse: string;
  thanksUrgent: string;
  startAgain: string;
  backToForm: string;
  textLimit: (max: number) => string;
  dateHint: string;
  rateLimitedRead: (seconds: number) => string;
  badRequest: string;
  /** Conditions of enableWhen, which cannot be applied as the person answers without JavaScript. */
  onlyIf: (condition: string) => string;
  groupOnlyIf: (condition: string) => string;
  displayOnlyIf: (condition: string) => string;
  answered: (answer: string, question: string) => string;
  notAnswered: (answer: string, question: string) => string;
  answeredAny: (question: string) => string;
  answeredNone: (question: string) => string;
  compared: (question: string, operator: '>' | '<' | '>=' | '<=', answer: string) => string;
  and: string;
  or: string;
};

const en: TBasicStrings = {
  language: 'Language',
  required: '(required)',
  requiredNote: 'Questions marked (required) need an answer. You can skip the others.',
  yes: 'Yes',
  no: 'No',
  selectAll: 'Choose all that apply.',
  aboutUnit: (unit) => `About your visit to: ${unit}`,
  aboutPlace: (unit) => `About: ${unit}`,
  submit: 'Send my answers',
  errorPrefix: 'Error:',
  errorSummaryTitle: 'Please check your answers',
  errorRequired: 'Please answer this question.',
  errorWholeNumber: 'Enter a whole number, for example 3.',
  errorNumber: 'Enter a number, for example 2.5.',
  errorDate: 'Enter a real date.',
  errorTooLong: (max) => `Please use ${max} characters or fewer.`,
  errorBetween: (min, max) => `Enter a value from ${min} to ${max}.`,
  errorAtLeast: (min) => `Enter ${min} or more.`,
  errorAtMost: (max) => `Enter ${max} or less.`,
  errorChoice: 'Choose one of the options shown.',
  errorGeneric: 'Please check this answer.',
  errorNoAnswers: 'Please answer at least one question before sending.',
  notSent: 'Your answers have not been sent yet.',
  rateLimited: (seconds) =>
    `A lot of answers are arriving right now. Please wait ${seconds} seconds, then send your answers again. Your answers are still here.`,
  sendAgain: 'Your answers are still here. Please send them again.',
  tooLarge:
    'Your answers are too long to send. Please go back, shorten your longest answers, then send them again.',
  serverError: 'Something went wrong on our side. Please go back and try again in a moment.',
  crossSite: 'This form can only be sent from its own page. Please open the survey link again.',
  stillSaving: 'Your answers are still being saved. Please wait a moment, then send them again.',
  closedTitle: 'This survey is no longer open',
  closedBody:
    'The link may have expired or already been used, or the survey has closed. Thank you for wanting to share your views. If you would still like to give feedback, please ask a member of staff.',
  thanksTitle: 'Thank you',
  thanksSent: 'Your answers have been sent.',
  thanksAnonymous:
    'Your answers are anonymous: we do not ask who you are, and no address of your device is stored with them. Please do not write names or other personal details in comments.',
  thanksContact:
    'You gave contact details: staff may use them only to reply to you about this feedback. No address of your device is stored with your answers. Please do not write names or other personal details in comments.',
  thanksUse:
    'Staff read the feedback together with other people’s to improve care, and they share what they change as a result.',
  thanksUrgent:
    'This form is not checked for urgent problems. If you need help now, please speak to a member of staff.',
  startAgain: 'Start a new response',
  backToForm: 'Back to the survey',
  textLimit: (max) => `Up to ${max} characters.`,
  dateHint: 'For example, 2026-03-27 (year-month-day).',
  rateLimitedRead: (seconds) =>
    `A lot of people are answering right now. Please wait ${seconds} seconds, then open this page again.`,
  badRequest: 'We could not read the answers that were sent. Please go back and send them again.',
  onlyIf: (condition) => `Answer this only if ${condition}.`,
  groupOnlyIf: (condition) => `Answer the questions in this part only if ${condition}.`,
  displayOnlyIf: (condition) => `This is for you only if ${condition}.`,
  answered: (answer, question) => `you answered “${answer}” to “${question}”`,
  notAnswered: (answer, question) => `you did not answer “${answer}” to “${question}”`,
  answeredAny: (question) => `you answered “${question}”`,
  answeredNone: (question) => `you did not answer “${question}”`,
  compared: (question, operator, answer) => {
    const words = { '>': 'more than', '<': 'less than', '>=': 'at least', '<=': 'at most' }[operator];
    return `your answer to “${question}” is ${words} ${answer}`;
  },
  and: 'and',
  or: 'or',
};

const es: TBasicStrings = {
  language: 'Idioma',
  required: '(obligatoria)',
  requiredNote: 'Las preguntas marcadas como (obligatoria) necesitan respuesta. Puede omitir las demás.',
  yes: 'Sí',
  no: 'No',
  selectAll: 'Elija todas las que correspondan.',
  aboutUnit: (unit) => `Sobre su visita a: ${unit}`,
  aboutPlace: (unit) => `Sobre: ${unit}`,
  submit: 'Enviar mis respuestas',
  errorPrefix: 'Error:',
  errorSummaryTitle: 'Revise sus respuestas',
  errorRequired: 'Responda a esta pregunta.',
  errorWholeNumber: 'Escriba un número entero, por ejemplo 3.',
  errorNumber: 'Escriba un número, por ejemplo 2,5.',
  errorDate: 'Escriba una fecha válida.',
  errorTooLong: (max) => `Use ${max} caracteres como máximo.`,
  errorBetween: (min, max) => `Escriba un valor entre ${min} y ${max}.`,
  errorAtLeast: (min) => `Escriba ${min} o más.`,
  errorAtMost: (max) => `Escriba ${max} o menos.`,
  errorChoice: 'Elija una de las opciones que se muestran.',
  errorGeneric: 'Revise esta respuesta.',
  errorNoAnswers: 'Responda al menos a una pregunta antes de enviar.',
  notSent: 'Sus respuestas todavía no se han enviado.',
  rateLimited: (seconds) =>
    `Estamos recibiendo muchas respuestas en este momento. Espere ${seconds} segundos y vuelva a enviar sus respuestas. Sus respuestas siguen aquí.`,
  sendAgain: 'Sus respuestas siguen aquí. Envíelas de nuevo, por favor.',
  tooLarge:
    'Sus respuestas son demasiado largas para enviarlas. Vuelva atrás, acorte las respuestas más largas y vuelva a enviarlas.',
  serverError: 'Algo falló por nuestra parte. Vuelva atrás e inténtelo de nuevo dentro de un momento.',
  crossSite:
    'Este formulario solo se puede enviar desde su propia página. Abra de nuevo el enlace de la encuesta.',
  stillSaving: 'Sus respuestas todavía se están guardando. Espere un momento y vuelva a enviarlas.',
  closedTitle: 'Esta encuesta ya no está abierta',
  closedBody:
    'Puede que el enlace haya caducado o ya se haya usado, o que la encuesta haya terminado. Gracias por querer darnos su opinión. Si aún desea hacerlo, pida ayuda a un miembro del personal.',
  thanksTitle: 'Gracias',
  thanksSent: 'Sus respuestas se han enviado.',
  thanksAnonymous:
    'Sus respuestas son anónimas: no le preguntamos quién es, y no se guarda con ellas ninguna dirección de su dispositivo. Por favor, no escriba nombres ni otros datos personales en los comentarios.',
  thanksContact:
    'Nos dejó sus datos de contacto: el personal solo puede usarlos para responderle sobre esta opinión. No se guarda con sus respuestas ninguna dirección de su dispositivo. Por favor, no escriba nombres ni otros datos personales en los comentarios.',
  thanksUse:
    'El personal lee las opiniones junto con las de otras personas para mejorar la atención, y comparte los cambios que hace como resultado.',
  thanksUrgent:
    'Nadie revisa este formulario en busca de problemas urgentes. Si necesita ayuda ahora, hable con un miembro del personal.',
  startAgain: 'Empezar una nueva respuesta',
  backToForm: 'Volver a la encuesta',
  textLimit: (max) => `Hasta ${max} caracteres.`,
  dateHint: 'Por ejemplo, 2026-03-27 (año-mes-día).',
  rateLimitedRead: (seconds) =>
    `Muchas personas están respondiendo en este momento. Espere ${seconds} segundos y vuelva a abrir esta página.`,
  badRequest: 'No pudimos leer las respuestas enviadas. Vuelva atrás y envíelas de nuevo.',
  onlyIf: (condition) => `Responda solo si ${condition}.`,
  groupOnlyIf: (condition) => `Responda a las preguntas de esta parte solo si ${condition}.`,
  displayOnlyIf: (condition) => `Esto es para usted solo si ${condition}.`,
  answered: (answer, question) => `respondió «${answer}» a «${question}»`,
  notAnswered: (answer, question) => `no respondió «${answer}» a «${question}»`,
  answeredAny: (question) => `respondió a «${question}»`,
  answeredNone: (question) => `no respondió a «${question}»`,
  compared: (question, operator, answer) => {
    const words = { '>': 'más de', '<': 'menos de', '>=': 'al menos', '<=': 'como máximo' }[operator];
    return `su respuesta a «${question}» es ${words} ${answer}`;
  },
  and: 'y',
  or: 'o',
};

const DICTIONARIES: Record<string, TBasicStrings> = { en, es };

/** Locales with interface text of their own; others read English, as on the JS page. */
export const UI_LOCALES = Object.keys(DICTIONARIES);

export function basicStrings(locale: string): TBasicStrings {
  return DICTIONARIES[locale] ?? DICTIONARIES[locale.split('-')[0] ?? ''] ?? en;
}
