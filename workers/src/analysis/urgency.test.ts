import { assessUrgency } from './urgency';
import { evaluateUrgency, readUrgencyCases } from './rule-evaluation';

const reasonsOf = (text: string) => assessUrgency(text).reasons;

describe('assessUrgency', () => {
  it('flags each kind of comment that needs a person now, with its reason', () => {
    expect(reasonsOf('I saw a carer slap a patient with dementia')).toContain('safeguarding');
    expect(reasonsOf('i dont want to be alive anymore')).toContain('self_harm');
    expect(reasonsOf('They gave me penicillin even though my allergy is on my wristband')).toContain(
      'medication',
    );
    expect(reasonsOf('dad fell out of bed last night and hit his head')).toContain('safety_incident');
    expect(reasonsOf("If they cancel my op again I'll kill someone")).toContain('threat');
    expect(reasonsOf('ignored the call bell, left in soiled sheets, no food or water all day')).toContain(
      'care_failure',
    );
  });

  it('handles lowercase, typos and redacted placeholders', () => {
    expect(reasonsOf('suicidel thoughts every day')).toContain('self_harm');
    expect(reasonsOf('nurse [NAME] gave me someone elses tablets')).toContain('medication');
  });

  it('does not flag negated or idiomatic uses of trigger words', () => {
    for (const text of [
      'No concerns about safety at all.',
      'The pain killers worked really well.',
      'I was just killing time in the waiting room.',
      'I would kill for a decent cup of tea on that ward!',
      'No falls, no infections, nothing to complain about.',
      'The falls team visited and gave great advice.',
      'The food was to die for.',
      'Shoot me an email if you need more.',
    ]) {
      expect(assessUrgency(text)).toEqual({ urgent: false, reasons: [] });
    }
  });

  it('does not flag ordinary complaints or praise', () => {
    for (const text of [
      'The receptionist was rude.',
      'Waited 3 hours on the phone to 111.',
      'Parking is a nightmare.',
    ]) {
      expect(assessUrgency(text).urgent).toBe(false);
    }
  });
});

describe('urgency test sets', () => {
  it('has at least 200 comments, 80 of them urgent, covering all six reasons', () => {
    const cases = readUrgencyCases();
    expect(cases.length).toBeGreaterThanOrEqual(200);
    expect(cases.filter((c) => c.urgent).length).toBeGreaterThanOrEqual(80);
    const report = evaluateUrgency(cases);
    for (const entry of Object.values(report.perReason)) expect(entry.support).toBeGreaterThan(0);
  });

  it('keeps recall and precision at or above the measured floor', () => {
    const report = evaluateUrgency();
    expect(report.recall).toBeGreaterThanOrEqual(0.98);
    expect(report.precision).toBeGreaterThanOrEqual(0.97);
  });

  it('keeps the held-out sets, written after the rules, at or above their measured floors', () => {
    expect(evaluateUrgency(readUrgencyCases('urgency-holdout.jsonl')).recall).toBeGreaterThanOrEqual(0.95);
    expect(evaluateUrgency(readUrgencyCases('urgency-holdout-2.jsonl')).recall).toBeGreaterThanOrEqual(0.9);
  });
});
