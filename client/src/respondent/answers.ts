import type { TAnswers, TSurveyDefinition, TSurveyItem } from '../../../shared/src/survey/definition';
import { enabledAnswerableItems } from '../../../shared/src/survey/enable-when';
import { isGiven, readAnswer } from '../../../shared/src/survey/items';

/** Only what is asked and answered is sent: answers to questions hidden since stay on the page only. */
export function answersToSend(def: TSurveyDefinition, given: TAnswers): TAnswers {
  const answers: TAnswers = {};
  for (const item of enabledAnswerableItems(def, given)) {
    const value = readAnswer(given, item.linkId);
    if (isGiven(value)) answers[item.linkId] = value;
  }
  return answers;
}

/** Whether the answers include contact details (the thank-you page then says how they are used). */
export function answersContact(answers: TAnswers, byLinkId: Map<string, TSurveyItem>): boolean {
  return Object.keys(answers).some((linkId) => {
    const item = byLinkId.get(linkId);
    return item?.type === 'text' && item.intent === 'contact';
  });
}
