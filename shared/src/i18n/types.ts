/**
 * Every piece of interface text on the respondent pages, the JS page (client/src/respondent) and
 * the no-JavaScript form (server/src/features/responses/basic-form.*); survey text comes from the
 * definition.
 */
export type TUiStrings = {
  loading: string;
  language: string;
  required: string;
  requiredNote: string;
  yes: string;
  no: string;
  selectOne: string;
  selectAll: string;
  clearAnswer: string;
  charactersLeft: (count: number) => string;
  /** For patients: the unit they visited. */
  aboutUnit: (unit: string) => string;
  /** For clinicians: the unit they work in, not one they visited. */
  aboutPlace: (unit: string) => string;
  draftRestored: string;
  submit: string;
  sending: string;
  retry: string;
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
  /** Leads every message about a submission that did not go through. */
  notSent: string;
  networkError: string;
  rateLimited: (seconds: number) => string;
  serverError: string;
  /** After a failure whose outcome is unknown: the page keeps re-sending the same submission. */
  willRetry: string;
  /** Why the answers are read-only until they are sent. */
  answersLocked: string;
  /** The server could not match the submission to the one it has; a fresh send is needed. */
  sendAgain: string;
  tooLarge: string;
  /** The loading page, when answers sent earlier could not be confirmed. */
  notSentBody: string;
  stillSaving: string;
  answersKept: string;
  closedTitle: string;
  closedBody: string;
  loadErrorTitle: string;
  loadErrorBody: string;
  thanksTitle: string;
  thanksSent: string;
  thanksAnonymous: string;
  thanksContact: string;
  thanksUse: string;
  thanksUrgent: string;
  startAgain: string;
  kioskReset: string;
  /** Small screens show one question at a time. */
  next: string;
  back: string;
  progress: (step: number, total: number) => string;
  /** Shown while the device has no connection, before anything is sent. */
  offlineBanner: string;
  /** A send while offline: it waits on the device and goes by itself when the connection returns. */
  offlineQueued: string;
  /** Said with `offlineQueued` where the answers are kept on the device (not on a kiosk). */
  offlineCanClose: string;
  youSaidWeDid: string;
  kioskStillThere: string;
  kioskCountdown: (seconds: number) => string;
  kioskContinue: string;
  /** Clinician surveys: consent to be contacted, which needs a staff sign-in. */
  contactConsent: string;
  contactChecking: string;
  contactSignedIn: (name: string) => string;
  contactSignIn: string;
  contactSignInHint: string;
  contactNeedsSignIn: string;
  thanksSignedContact: string;

  // The no-JavaScript form, rendered on the server. It shows every question at once and cannot
  // retry by itself, so where the JS page says "we will try again" these say what to do.
  /** Starts the page title after a failed send, so screen readers hear it first. */
  errorPrefix: string;
  /** A post another site's page sent. */
  crossSite: string;
  stillSavingSendAgain: string;
  rateLimitedSendAgain: (seconds: number) => string;
  tooLargeGoBack: string;
  serverErrorGoBack: string;
  /** Too many page reads from one address. */
  rateLimitedRead: (seconds: number) => string;
  badRequest: string;
  backToForm: string;
  textLimit: (max: number) => string;
  /** Follows `errorDate` where a browser without a date picker shows a text field. */
  dateHint: string;
  /** Conditions (enableWhen), said in words because they cannot be applied as the person answers. */
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
  /** The address asked for a language the survey has no text in: the questions show in `shown`. */
  languageMissing: (asked: string, shown: string) => string;
  /** After a comment that reads as urgent: how to raise it now. Never says anyone has read it. */
  concernTitle: string;
  concernBody: string;
  concernPhone: (phone: string) => string;
  concernLink: string;
  concernEmergency: string;
};
