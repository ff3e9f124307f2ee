import { intentOfQuestion } from './question-intent';

describe('intentOfQuestion', () => {
  it.each([
    ['What could we do better?', 'improvement'],
    ['How could we improve?', 'improvement'],
    ['What was good?', 'praise'],
    ['FFT Why?', 'general'],
    [
      'Please describe any things about the 111 service that\nyou were particularly satisfied and/or dissatisfied with',
      'general',
    ],
    [
      'Please describe any things about the 111 service that \nyou were particularly satisfied and/or dissatisfied with',
      'general',
    ],
    ['May we contact you about your answers?', 'contact'],
  ])('maps "%s" to %s', (question, intent) => {
    expect(intentOfQuestion(question)).toBe(intent);
  });

  it('gives undefined without a question or for one it cannot read', () => {
    expect(intentOfQuestion()).toBeUndefined();
    expect(intentOfQuestion('   ')).toBeUndefined();
    expect(intentOfQuestion('Ward number')).toBeUndefined();
  });
});
