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
  aboutPlace: (unit) => `About: ${unit}`,
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
  notSent: 'Your answers have not been sent yet.',
  networkError: 'We could not reach our server. Please check that this device is connected.',
  rateLimited: (seconds) =>
    `A lot of answers are arriving right now. We will try again in ${seconds} seconds.`,
  serverError: 'Something went wrong on our side.',
  willRetry:
    'Your answers are still here, and this page will keep trying to send them while it is open. You can also try now.',
  answersLocked: 'So that they are counted only once, your answers cannot be changed until they are sent.',
  sendAgain: 'Your answers are still here. Please send them again.',
  tooLarge:
    'Your answers are too long to send. Please shorten your longest answers, then send them again. Your answers are still here.',
  notSentBody: 'Your answers are kept on this device. Please check your connection and try again.',
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
    'Your answers are anonymous: we do not ask who you are, and no address of your device is stored with them. Please do not write names or other personal details in comments.',
  thanksContact:
    'You gave contact details: staff may use them only to reply to you about this feedback. No address of your device is stored with your answers. Please do not write names or other personal details in comments.',
  thanksUse:
    'Staff read the feedback together with other people’s to improve care, and they share what they change as a result.',
  thanksUrgent:
    'This form is not checked for urgent problems. If you need help now, please speak to a member of staff.',
  startAgain: 'Start a new response',
  kioskReset: 'This screen will reset for the next person in a few seconds.',
  next: 'Next',
  back: 'Back',
  progress: (step, total) => `Question ${step} of ${total}`,
  offlineBanner: 'You are offline. You can keep answering: your answers are saved on this device.',
  offlineQueued:
    'You are offline, so your answers have not been sent yet. They are saved on this device and will be sent by themselves as soon as the connection returns.',
  offlineCanClose: 'You can close this page: they will be sent the next time you open this link.',
  youSaidWeDid: 'See what has changed because of feedback (“You said, we did”)',
  kioskStillThere: 'Are you still there?',
  kioskCountdown: (seconds) =>
    `This screen will start again for the next person in ${seconds} seconds, and these answers will be cleared.`,
  kioskContinue: 'I’m still here',
  contactConsent: 'I’m happy to be contacted about this (you’ll need to sign in)',
  contactChecking: 'Checking whether you are signed in…',
  contactSignedIn: (name) =>
    `Signed in as ${name}. Your name will be stored with these answers so the team can contact you.`,
  contactSignIn: 'Sign in to CareLoop',
  contactSignInHint: 'Your answers stay on this device while you sign in; you will come back here.',
  contactNeedsSignIn:
    'To be contacted, please sign in first, or untick “I’m happy to be contacted” to send your answers anonymously.',
  thanksSignedContact:
    'You asked to be contacted: your name is stored with these answers so the team can reply to you about them.',
  errorPrefix: 'Error:',
  crossSite: 'This form can only be sent from its own page. Please open the survey link again.',
  stillSavingSendAgain: 'Your answers are still being saved. Please wait a moment, then send them again.',
  rateLimitedSendAgain: (seconds) =>
    `A lot of answers are arriving right now. Please wait ${seconds} seconds, then send your answers again. Your answers are still here.`,
  tooLargeGoBack:
    'Your answers are too long to send. Please go back, shorten your longest answers, then send them again.',
  serverErrorGoBack: 'Something went wrong on our side. Please go back and try again in a moment.',
  rateLimitedRead: (seconds) =>
    `A lot of people are answering right now. Please wait ${seconds} seconds, then open this page again.`,
  badRequest: 'We could not read the answers that were sent. Please go back and send them again.',
  backToForm: 'Back to the survey',
  textLimit: (max) => `Up to ${max} characters.`,
  dateHint: 'For example, 2026-03-27 (year-month-day).',
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
  languageMissing: (asked, shown) =>
    `This survey has no ${asked} version yet, so its questions are in ${shown}. The rest of the page is in ${asked}.`,
  concernTitle: 'If you need to raise a concern now',
  concernBody:
    'What you wrote may need attention soon. Feedback is not read straight away, so please do not wait for a reply: speak to a member of staff, or contact us directly.',
  concernPhone: (phone) => `Phone ${phone}`,
  concernLink: 'How to raise a concern',
  concernEmergency: 'If someone is in danger now, call the emergency services.',
};
