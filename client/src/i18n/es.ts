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
  networkError:
    'No pudimos enviar sus respuestas porque falló la conexión. Sus respuestas siguen aquí. Compruebe la conexión e inténtelo de nuevo.',
  rateLimited: (seconds) =>
    `Estamos recibiendo muchas respuestas en este momento. Sus respuestas siguen aquí. Inténtelo de nuevo dentro de ${seconds} segundos.`,
  serverError:
    'Algo falló por nuestra parte. Sus respuestas siguen aquí. Inténtelo de nuevo dentro de un momento.',
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
    'Sus respuestas son anónimas. No le preguntamos quién es, y los nombres o datos de contacto escritos en los comentarios se eliminan antes de que el personal los lea.',
  thanksContact:
    'Nos dejó sus datos de contacto para que podamos responderle. Solo se usan para eso y se guardan aparte de las opiniones que revisa el personal. Los nombres escritos en otros comentarios se eliminan antes de que el personal los lea.',
  thanksUse:
    'El personal que gestiona este servicio lee las opiniones con regularidad, junto con las de otras personas, para ver qué funciona y qué mejorar. Después comparte los cambios que hace.',
  thanksUrgent:
    'Nadie revisa este formulario en busca de problemas urgentes. Si necesita ayuda ahora, hable con un miembro del personal.',
  startAgain: 'Empezar una nueva respuesta',
  kioskReset: 'Esta pantalla se reiniciará en unos segundos para la siguiente persona.',
};
