import { gateOf } from './data/urgency-gate';
import { inflect } from './data/urgency-lexicon';
import { detectLanguage } from './language';
import { evaluateUrgency, readUrgencyCases } from './rule-evaluation';
import { evaluateUrgencyTiers } from './urgency-evaluation';
import { MODEL_ALERT_LOGIT, assessUrgency, assessUrgencyByRules, assessUrgencyIn } from './urgency';
import { modelUrgency } from './urgency-model';

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
      expect(assessUrgency(text)).toEqual({ tier: 'none', urgent: false, reasons: [] });
    }
  });

  it('flags an idea in wording no rule spells out: an act near a person, hours near being left', () => {
    expect(reasonsOf('her new boyfriend shoves her about and she turned up with bruises')).toContain(
      'safeguarding',
    );
    expect(reasonsOf('the care worker yanked my grandads arm so hard he cried')).toContain('safeguarding');
    expect(reasonsOf('a visitor thumped the receptionist')).toContain('threat');
    expect(reasonsOf('he was sat in a soaking pad from teatime until the morning')).toContain('care_failure');
    expect(reasonsOf('mum keeps saying she wants to end it all')).toContain('self_harm');
    expect(reasonsOf('i know where that gp parks his car')).toContain('threat');
  });

  it('does not flag an incident the comment says was long ago and put right, or happened at home', () => {
    for (const text of [
      'Had a medication mix up a couple of years ago but it was sorted quickly, no harm done.',
      'I had a fall last year and the physios were brilliant.',
      'I fell over in the car park, my own fault, and staff came out to help.',
    ]) {
      // The rules drop it; the model may still put it on the review list, never raise an alert.
      expect(assessUrgencyByRules(text)).toEqual({ urgent: false, reasons: [] });
      expect(assessUrgency(text).tier).not.toBe('urgent');
    }
    expect(reasonsOf('Mum fell on the ward last year and nobody noticed for hours')).toContain(
      'safety_incident',
    );
  });

  it('does not flag ordinary complaints or praise', () => {
    for (const text of [
      'The receptionist was rude.',
      'Waited 3 hours on the phone to 111.',
      'Parking is a nightmare.',
      'Could the hospital please sort out the signage, we got lost three times.',
      'Nurse checked my allergies twice before giving me the antibiotics.',
      'The carers kept in touch with us by phone, full marks.',
    ]) {
      expect(assessUrgency(text).urgent).toBe(false);
    }
  });
});

describe('urgency pattern gates', () => {
  it('gates a pattern on how its first word can begin, and leaves unreadable starts ungated', () => {
    expect(gateOf(/\b(?:kill|hurt) (?:my|him)self\b/g)).toEqual(['=kill', '=hurt']);
    expect(gateOf(/\bsuicid\w*/g)).toEqual(['suici']);
    expect(gateOf(/\b\d+ ?mg/g)).toHaveLength(10);
    expect(gateOf(/\b(?:a |the )?fall/g)).toBeNull();
    expect(gateOf(/[a-z]+ meds/g)).toBeNull();
    expect(gateOf(/hasn'?t been/g)).toBeNull();
  });

  it('inflects verbs for the concept lexicons', () => {
    expect(inflect('grab')).toEqual(['grab', 'grabs', 'grabbed', 'grabbing']);
    expect(inflect('shove')).toEqual(['shove', 'shoves', 'shoved', 'shoving']);
    expect(inflect('punch')).toEqual(['punch', 'punches', 'punched', 'punching']);
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
    expect(evaluateUrgency(readUrgencyCases('urgency-holdout-2.jsonl')).recall).toBeGreaterThanOrEqual(0.95);
  });

  it('keeps the sets used to restructure the rules around concepts at or above their floors', () => {
    // holdout-3 was written before the rules were read, then its misses were used as hints;
    // dev-2 was written to check the concept rules as they were built. Neither is a clean measure.
    for (const file of ['urgency-holdout-3.jsonl', 'urgency-dev-2.jsonl']) {
      const report = evaluateUrgency(readUrgencyCases(file));
      expect(report.recall).toBeGreaterThanOrEqual(0.97);
      expect(report.precision).toBeGreaterThanOrEqual(0.9);
    }
  });
});

describe('urgency tiers', () => {
  it('never alerts on the false alarms the issue reported, and other benign comments like them', () => {
    for (const text of [
      'Quieter ward at night.',
      'the AI scribe keeps making things up in the notes',
      'My condition was life threatening and the paramedics were brilliant, they saved me.',
      'After I rang 111 I got told I would get a call back roughly within 3-6 hours.',
      'They dropped me off at the front door, very kind.',
    ])
      expect(assessUrgency(text).tier).not.toBe('urgent');
  });

  it('alerts at once on what the rules find, and sends what only the model suspects to review', () => {
    expect(assessUrgency('I saw a carer slap a patient with dementia')).toMatchObject({
      tier: 'urgent',
      urgent: true,
    });
    const modelOnly = assessUrgency(
      'the ai note taker left out her latex allergy and they used latex gloves on her',
    );
    expect(
      assessUrgencyByRules('the ai note taker left out her latex allergy and they used latex gloves on her')
        .urgent,
    ).toBe(false);
    expect(modelOnly.tier).toBe('review');
    expect(modelOnly.urgent).toBe(false);
    expect(modelOnly.reasons.length).toBeGreaterThan(0);
  });

  it('lets the model alone alert only at very high confidence', () => {
    const texts = readUrgencyCases('urgency-train-extra.jsonl').map((c) => c.text);
    const modelOnly = texts.filter((t) => !assessUrgencyByRules(t).urgent && modelUrgency(t).urgent);
    expect(modelOnly.length).toBeGreaterThan(0);
    for (const text of modelOnly) {
      const { score } = modelUrgency(text);
      expect(assessUrgency(text).tier).toBe(score >= MODEL_ALERT_LOGIT ? 'urgent' : 'review');
    }
  });

  it('meets the targets on the false-alarm set written for the tiers (alert precision, alert-or-review recall)', () => {
    const report = evaluateUrgencyTiers(readUrgencyCases('urgency-false-alarms.jsonl'));
    expect(report.comments).toBeGreaterThanOrEqual(70);
    expect(report.alert.precision).toBeGreaterThanOrEqual(0.9);
    expect(report.seen.recall).toBeGreaterThanOrEqual(0.95);
  });

  it('reads the blind hold-out format (one `reason`, null when not urgent)', () => {
    const cases = readUrgencyCases('urgency-blind-holdout.jsonl');
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) expect(c.reasons.length).toBe(c.urgent ? 1 : 0);
  });
});

describe('urgency in other languages', () => {
  it('flags Spanish and Arabic comments by their own keywords and never asks the English model', () => {
    const cases = readUrgencyCases('urgency-multilingual.jsonl');
    for (const c of cases) {
      const language = detectLanguage(c.text);
      const got = assessUrgencyIn(c.text, language);
      expect({ text: c.text, tier: got.tier }).toEqual({ text: c.text, tier: c.urgent ? 'urgent' : 'none' });
      for (const reason of c.reasons) expect(got.reasons).toContain(reason);
    }
  });

  it('keeps the English rules for any language, and the model for English alone', () => {
    expect(assessUrgencyIn('Il a dit: I want to kill myself', 'fr').tier).toBe('urgent');
    expect(
      assessUrgencyIn('the ai note taker left out her latex allergy and they used latex gloves on her', 'es')
        .tier,
    ).toBe('none');
  });
});
