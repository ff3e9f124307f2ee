import type { TUiStrings } from './types';

export const es: TUiStrings = {
  loading: 'Cargando…',
  language: 'Idioma',
  required: '(obligatoria)',
  requiredNote: 'Las preguntas marcadas como (obligatoria) necesitan respuesta. Puede omitir las demás.',
  yes: 'Sí',
  no: 'No',
  selectOne: 'Elija una opción.',
  selectAll: 'Elija todas las que correspondan.',
  clearAnswer: 'Borrar respuesta',
  charactersLeft: (count) => `Quedan ${count} caracteres`,
  aboutUnit: (unit) => `Sobre su visita a: ${unit}`,
  aboutPlace: (unit) => `Sobre: ${unit}`,
  draftRestored: 'Hemos conservado en este dispositivo las respuestas que empezó antes.',
  submit: 'Enviar mis respuestas',
  sending: 'Enviando…',
  retry: 'Intentar de nuevo',
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
  networkError: 'No pudimos conectar con nuestro servidor. Compruebe que este dispositivo tiene conexión.',
  rateLimited: (seconds) =>
    `Estamos recibiendo muchas respuestas en este momento. Lo intentaremos de nuevo dentro de ${seconds} segundos.`,
  serverError: 'Algo falló por nuestra parte.',
  willRetry:
    'Sus respuestas siguen aquí, y esta página seguirá intentando enviarlas mientras esté abierta. También puede intentarlo ahora.',
  answersLocked: 'Para que se cuenten una sola vez, sus respuestas no se pueden cambiar hasta que se envíen.',
  sendAgain: 'Sus respuestas siguen aquí. Envíelas de nuevo, por favor.',
  tooLarge:
    'Sus respuestas son demasiado largas para enviarlas. Acorte las respuestas más largas y vuelva a enviarlas. Sus respuestas siguen aquí.',
  notSentBody: 'Sus respuestas se guardan en este dispositivo. Compruebe su conexión e inténtelo de nuevo.',
  stillSaving: 'Sus respuestas todavía se están guardando. Comprobando de nuevo…',
  answersKept: 'Sus respuestas se guardan en este dispositivo hasta que se envíen.',
  closedTitle: 'Esta encuesta ya no está abierta',
  closedBody:
    'Puede que el enlace haya caducado o ya se haya usado, o que la encuesta haya terminado. Gracias por querer darnos su opinión. Si aún desea hacerlo, pida ayuda a un miembro del personal.',
  loadErrorTitle: 'No pudimos abrir la encuesta',
  loadErrorBody: 'Compruebe su conexión e inténtelo de nuevo.',
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
  kioskReset: 'Esta pantalla se reiniciará en unos segundos para la siguiente persona.',
  next: 'Siguiente',
  back: 'Atrás',
  progress: (step, total) => `Pregunta ${step} de ${total}`,
  offlineBanner:
    'No tiene conexión. Puede seguir respondiendo: sus respuestas se guardan en este dispositivo.',
  offlineQueued:
    'No tiene conexión, así que sus respuestas todavía no se han enviado. Están guardadas en este dispositivo y se enviarán solas en cuanto vuelva la conexión.',
  offlineCanClose: 'Puede cerrar esta página: se enviarán la próxima vez que abra este enlace.',
  youSaidWeDid: 'Vea lo que ha cambiado gracias a las opiniones («Ustedes dijeron, nosotros hicimos»)',
  kioskStillThere: '¿Sigue ahí?',
  kioskCountdown: (seconds) =>
    `Esta pantalla volverá a empezar para la siguiente persona dentro de ${seconds} segundos, y se borrarán estas respuestas.`,
  kioskContinue: 'Sigo aquí',
  contactConsent: 'Acepto que me contacten sobre esto (tendrá que iniciar sesión)',
  contactChecking: 'Comprobando si ha iniciado sesión…',
  contactSignedIn: (name) =>
    `Ha iniciado sesión como ${name}. Su nombre se guardará con estas respuestas para que el equipo pueda contactarle.`,
  contactSignIn: 'Iniciar sesión en CareLoop',
  contactSignInHint:
    'Sus respuestas se quedan en este dispositivo mientras inicia sesión; después volverá aquí.',
  contactNeedsSignIn:
    'Para que le contacten, inicie sesión primero, o desmarque «Acepto que me contacten» para enviar sus respuestas de forma anónima.',
  thanksSignedContact:
    'Pidió que le contactaran: su nombre se guarda con estas respuestas para que el equipo pueda responderle sobre ellas.',
  errorPrefix: 'Error:',
  crossSite:
    'Este formulario solo se puede enviar desde su propia página. Abra de nuevo el enlace de la encuesta.',
  stillSavingSendAgain: 'Sus respuestas todavía se están guardando. Espere un momento y vuelva a enviarlas.',
  rateLimitedSendAgain: (seconds) =>
    `Estamos recibiendo muchas respuestas en este momento. Espere ${seconds} segundos y vuelva a enviar sus respuestas. Sus respuestas siguen aquí.`,
  tooLargeGoBack:
    'Sus respuestas son demasiado largas para enviarlas. Vuelva atrás, acorte las respuestas más largas y vuelva a enviarlas.',
  serverErrorGoBack: 'Algo falló por nuestra parte. Vuelva atrás e inténtelo de nuevo dentro de un momento.',
  rateLimitedRead: (seconds) =>
    `Muchas personas están respondiendo en este momento. Espere ${seconds} segundos y vuelva a abrir esta página.`,
  badRequest: 'No pudimos leer las respuestas enviadas. Vuelva atrás y envíelas de nuevo.',
  backToForm: 'Volver a la encuesta',
  textLimit: (max) => `Hasta ${max} caracteres.`,
  dateHint: 'Por ejemplo, 2026-03-27 (año-mes-día).',
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
  languageMissing: (asked, shown) =>
    `Esta encuesta aún no tiene versión en ${asked}, así que sus preguntas están en ${shown}. El resto de la página está en ${asked}.`,
  concernTitle: 'Si necesita comunicar un problema ahora',
  concernBody:
    'Lo que ha escrito puede necesitar atención pronto. Las opiniones no se leen de inmediato, así que no espere una respuesta: hable con un miembro del personal o contáctenos directamente.',
  concernPhone: (phone) => `Teléfono ${phone}`,
  concernLink: 'Cómo comunicar un problema',
  concernEmergency: 'Si alguien está en peligro ahora, llame a los servicios de emergencia.',
  and: 'y',
  or: 'o',
};
