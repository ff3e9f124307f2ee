import type { TUiStrings } from './types';

export const en: TUiStrings = {
  loading: 'Loading…',
  language: 'Language',
  required: '(required)',
  requiredNote: 'Questions marked (required) need an answer. You can skip the others.',
  yes: 'Yes',
  no: 'No',
  selectOne: 'Choose one.',
  selectAll: 'Choose all that apply.',
  clearAnswer: 'Clear answer',
  charactersLeft: (count) => `${count} characters left`,
  aboutUnit: (unit) => `About your visit to: ${unit}`,
  draftRestored: 'We kept the answers you started earlier on this device.',
  submit: 'Send my answers',
  sending: 'Sending…',
  retry: 'Try again',
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
  networkError:
    'We could not send your answers because the connection failed. Your answers are still here. Check your connection and try again.',
  rateLimited: (seconds) =>
    `A lot of answers are arriving right now. Your answers are still here. Please try again in ${seconds} seconds.`,
  serverError: 'Something went wrong on our side. Your answers are still here. Please try again in a moment.',
  stillSaving: 'Your answers are still being saved. Checking again…',
  answersKept: 'Your answers are kept on this device until they are sent.',
  closedTitle: 'This survey is no longer open',
  closedBody:
    'The link may have expired or already been used, or the survey has closed. Thank you for wanting to share your views. If you would still like to give feedback, please ask a member of staff.',
  loadErrorTitle: 'We could not open the survey',
  loadErrorBody: 'Please check your connection and try again.',
  thanksTitle: 'Thank you',
  thanksSent: 'Your answers have been sent.',
  thanksAnonymous:
    'Your answers are anonymous. We do not ask who you are, and names or contact details written in comments are removed before staff read them.',
  thanksContact:
    'You gave contact details so that we can get back to you. They are used only for that, and are kept apart from the feedback staff review. Names written in other comments are removed before staff read them.',
  thanksUse:
    'The staff who run this service read the feedback regularly, together with other people’s, to see what is working and what to improve. They share what they change as a result.',
  thanksUrgent:
    'This form is not checked for urgent problems. If you need help now, please speak to a member of staff.',
  startAgain: 'Start a new response',
  kioskReset: 'This screen will reset for the next person in a few seconds.',
};
