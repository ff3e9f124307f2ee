import { readFileSync } from 'node:fs';
import {
  URGENCY_MODEL_FILE,
  compileUrgencyModel,
  loadUrgencyModel,
  modelUrgency,
  referenceUrgencyVector,
  serialiseUrgencyModel,
  urgencyVector,
  type TUrgencyModelFile,
} from './urgency-model';
import { analysisModelVersion } from './model-version';
import { assessUrgency, assessUrgencyByRules } from './urgency';

describe('urgency model', () => {
  it('loads once from the shipped file, whose bytes are its own stable serialisation', () => {
    expect(loadUrgencyModel()).toBe(loadUrgencyModel());
    const text = readFileSync(URGENCY_MODEL_FILE, 'utf8');
    expect(serialiseUrgencyModel(JSON.parse(text) as TUrgencyModelFile)).toBe(text);
    expect(analysisModelVersion()).toMatch(/^[0-9a-f]{12}$/);
  });

  it('builds the same input vector as the shared feature extractor, from its token cache', () => {
    const model = loadUrgencyModel();
    for (const text of [
      "she doesn't eat, nobody turns her! [NAME] said it's fine?",
      'the the the ward ward',
      'Given 10x the dose.',
    ]) {
      const fast = urgencyVector(model, text);
      const reference = referenceUrgencyVector(model, text);
      const asMap = (x: { indices: Int32Array; values: Float64Array }) =>
        new Map([...x.indices].map((c, i) => [c, Number((x.values[i] as number).toFixed(12))]));
      expect(asMap(fast)).toEqual(asMap(reference));
    }
  });

  it('gives the same answer every time, and a fresh compile of the file agrees', () => {
    const text = 'the carers keep forgetting to give dad his tea and he is wasting away';
    const first = modelUrgency(text);
    expect(modelUrgency(text)).toEqual(first);
    const file = JSON.parse(readFileSync(URGENCY_MODEL_FILE, 'utf8')) as TUrgencyModelFile;
    const fresh = compileUrgencyModel(file, 'fresh');
    expect(fresh.urgent.threshold).toBe(loadUrgencyModel().urgent.threshold);
  });

  it('sends unseen wording the rules miss to review (or an alert), each flag with a reason', () => {
    for (const text of [
      'the e-prescribing screen let me pick ten times the dose and nothing stopped me',
      'my brother says he has got the pills lined up and he is done with everything',
      'the ai note taker left out her latex allergy and they used latex gloves on her',
    ]) {
      const result = assessUrgency(text);
      expect(result.tier).not.toBe('none');
      expect(result.reasons.length).toBeGreaterThan(0);
    }
  });

  it('stays silent on comments too short to judge, and on plain praise', () => {
    for (const text of ['', '❤️', 'Hand operation.', 'Lovely staff, thank you so much for everything.']) {
      expect(modelUrgency(text).urgent).toBe(false);
    }
  });

  it('keeps every reason the rules found when the model also flags', () => {
    const text = 'a carer slapped my nan and she has bruises all over';
    for (const reason of assessUrgencyByRules(text).reasons)
      expect(assessUrgency(text).reasons).toContain(reason);
  });
});
