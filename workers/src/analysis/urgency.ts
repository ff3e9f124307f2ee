import type { TUrgencyReason, TUrgencyTier } from '../../../shared/src/analysis/contract';
import { BROAD_RULES } from './data/urgency-broad-rules';
import {
  CONCEPT_RULES,
  ONGOING_HARM,
  PHRASE_CONCEPTS,
  RESOLVED,
  type TConceptRule,
} from './data/urgency-concept-rules';
import { compileGates } from './data/urgency-gate';
import { MULTILINGUAL_RULES } from './data/urgency-multilingual';
import { CONCEPTS, LEXICON, STEMS, type TConcept } from './data/urgency-lexicon';
import { PHRASE_RULES } from './data/urgency-phrase-rules';
import { BENIGN, RULES, type TRule } from './data/urgency-rules';
import { modelUrgency } from './urgency-model';

const ALL_RULES = [...RULES, ...PHRASE_RULES, ...BROAD_RULES];
/** Reasons in the order a reader sees them: the order rules first name them. */
const REASON_ORDER = [...ALL_RULES, ...CONCEPT_RULES]
  .map((r) => r.reason)
  .filter((r, i, all) => all.indexOf(r) === i);

/** Negation cues, with the apostrophe-less spellings comments often use ("hasnt had a fall"). */
const NEGATION_BEFORE =
  /(?:\bno|\bnot|\bnever|\bwithout|\bzero|n't|\bnothing|\b(?:has|have|had|did|was|were|is|are|do|does|wo|ca|could|would)nt)\s+(?:[\w'-]+\s+){0,4}$/;
const CLAUSE_BREAK = /[.!?;,:]|\bbut\b/g;

function negated(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 80), at);
  let clauseStart = 0;
  for (const m of before.matchAll(CLAUSE_BREAK)) clauseStart = m.index + m[0].length;
  return NEGATION_BEFORE.test(before.slice(clauseStart));
}

const RUNS = /[a-z0-9]+/g;
/** One gate pass for every pattern: idioms, rules, then phrase concepts, in that order. */
const GATES = compileGates([...BENIGN, ...ALL_RULES.map((r) => r.re), ...PHRASE_CONCEPTS.map((p) => p.re)]);
const RULES_AT = BENIGN.length;
const PHRASES_AT = RULES_AT + ALL_RULES.length;

/** Lower-cased text with idioms blanked, and which patterns its words leave open. */
function normalise(text: string): { t: string; open: Uint8Array } {
  let t = ` ${text.toLowerCase().replace(/[’‘`]/g, "'").replace(/\s+/g, ' ')} `;
  // Gating on the words before blanking is safe: blanking only removes words.
  const open = GATES.open(t.match(RUNS) ?? []);
  BENIGN.forEach((re, i) => {
    if (open[i]) t = t.replace(re, (m) => ' '.repeat(m.length));
  });
  return { t, open };
}

/** Concept bit of each word form, and of each stem, built once. */
const BIT = new Map<TConcept, number>(CONCEPTS.map((c, i) => [c, 1 << i]));
const bitOf = (c: TConcept): number => BIT.get(c) ?? 0;
const WORD_BITS = new Map<string, number>();
const STEM_BITS = new Map<string, number>();
for (const [concept, forms] of Object.entries(LEXICON) as [TConcept, string[]][]) {
  for (const w of forms) WORD_BITS.set(w, (WORD_BITS.get(w) ?? 0) | bitOf(concept));
}
for (const [concept, stems] of Object.entries(STEMS) as [TConcept, string[]][]) {
  for (const s of stems) STEM_BITS.set(s, (STEM_BITS.get(s) ?? 0) | bitOf(concept));
}
const STEM_LENGTHS = [...new Set([...STEM_BITS.keys()].map((s) => s.length))].sort((a, b) => a - b);
const COMPILED_CONCEPT_RULES = CONCEPT_RULES.map((rule) => ({
  rule,
  first: bitOf(rule.first),
  near: rule.near.reduce((mask, c) => mask | bitOf(c), 0),
}));

const WORD = /[a-z0-9]+(?:'[a-z]+)?/g;

type TTagged = { starts: number[]; bits: number[] };

/** Words of the normalised text with the concepts each carries (phrases mark their first word). */
function tagConcepts(t: string, open: Uint8Array): TTagged {
  const starts: number[] = [];
  const bits: number[] = [];
  for (const m of t.matchAll(WORD)) {
    const raw = m[0];
    const word = raw.endsWith("'s") ? raw.slice(0, -2) : raw;
    let b = WORD_BITS.get(word) ?? 0;
    for (const n of STEM_LENGTHS) {
      if (n > word.length) break;
      b |= STEM_BITS.get(word.slice(0, n)) ?? 0;
    }
    starts.push(m.index);
    bits.push(b);
  }
  for (const [index, { concept, re }] of PHRASE_CONCEPTS.entries()) {
    if (!open[PHRASES_AT + index]) continue;
    re.lastIndex = 0;
    for (let m = re.exec(t); m; m = re.exec(t)) {
      const at = wordAt(starts, m.index);
      if (at >= 0) bits[at] = (bits[at] ?? 0) | bitOf(concept);
    }
  }
  return { starts, bits };
}

/** Index of the word starting at or after `offset` (phrases start on a word boundary). */
function wordAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((starts[mid] ?? 0) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo < starts.length && (starts[lo] ?? -1) >= offset ? lo : -1;
}

/** Where in `t` a concept rule holds, or -1. */
function conceptMatch(
  tagged: TTagged,
  t: string,
  { rule, first, near }: (typeof COMPILED_CONCEPT_RULES)[number],
): number {
  const { bits, starts } = tagged;
  for (let i = 0; i < bits.length; i += 1) {
    if (((bits[i] ?? 0) & first) === 0) continue;
    const from = rule.ordered ? i + 1 : Math.max(0, i - rule.window);
    const to = Math.min(bits.length - 1, i + rule.window);
    let found = false;
    for (let j = from; j <= to && !found; j += 1) found = j !== i && ((bits[j] ?? 0) & near) !== 0;
    const at = starts[i] ?? 0;
    if (found && !(rule.negatable && negated(t, at))) return at;
  }
  return -1;
}

function regexMatches(rule: TRule, t: string): boolean {
  rule.re.lastIndex = 0;
  for (let m = rule.re.exec(t); m; m = rule.re.exec(t)) {
    if (m[0].length === 0) {
      rule.re.lastIndex += 1;
      continue;
    }
    if (!(rule.negatable && negated(t, m.index))) return true;
  }
  return false;
}

/**
 * The rules' verdict alone. Two kinds of rule: phrases that stand alone, and concepts that must
 * meet within a few words (a violent act near a carer or a child; hours near being left). A reason
 * found only by rules marked resolvable is dropped when the comment says clearly it was long ago or
 * put right.
 */
export function assessUrgencyByRules(text: string): { urgent: boolean; reasons: TUrgencyReason[] } {
  const { t, open } = normalise(text);
  const firm = new Set<TUrgencyReason>();
  const soft = new Set<TUrgencyReason>();
  const note = (reason: TUrgencyReason, resolvable: boolean | undefined) =>
    (resolvable ? soft : firm).add(reason);
  for (const [index, rule] of ALL_RULES.entries()) {
    if (!open[RULES_AT + index] || firm.has(rule.reason) || (rule.resolvable && soft.has(rule.reason)))
      continue;
    if (regexMatches(rule, t)) note(rule.reason, rule.resolvable);
  }
  const tagged = tagConcepts(t, open);
  for (const compiled of COMPILED_CONCEPT_RULES) {
    const rule: TConceptRule = compiled.rule;
    if (firm.has(rule.reason) || (rule.resolvable && soft.has(rule.reason))) continue;
    if (conceptMatch(tagged, t, compiled) >= 0) note(rule.reason, rule.resolvable);
  }
  const resolved = soft.size > 0 && RESOLVED.test(t) && !ONGOING_HARM.test(t);
  const reasons = REASON_ORDER.filter((r) => firm.has(r) || (soft.has(r) && !resolved));
  return { urgent: reasons.length > 0, reasons };
}

/**
 * Logit of the urgency model at or above which the model alone raises an alert. The model was trained
 * on ~900 hand-written comments and reads real ones loosely: benign real comments ("Quieter ward at
 * night.", a scribe "making things up") reach logits of 2-4.3, while none of the ~4,000 train and
 * validation comments of the dev CSV reaches 5; out of fold (`npm run train`) no real comment reached
 * it and all 151 hand-written comments that did were urgent. Below it a model-only flag goes to
 * review. Rejected: the model's own (recall-first) threshold as an alert, which raised alerts on ~3%
 * of real comments.
 */
export const MODEL_ALERT_LOGIT = 5;

export type TUrgencyAssessment = { tier: TUrgencyTier; urgent: boolean; reasons: TUrgencyReason[] };

/**
 * Flags comments that need a person, in two tiers. `urgent` (alert at once): the rules, or the learned
 * model (urgency-model.json) at very high confidence ({@link MODEL_ALERT_LOGIT}). `review` (a list for
 * quality leads, no alarm): the model alone at its recall-first threshold. The rules catch wording
 * they have seen with few false alarms; the model catches much unseen wording, but with too many false
 * alarms on real comments to page anyone on its word. Reasons are the union; a model-only flag carries
 * the model's most probable reason. Works on redacted text.
 */
export function assessUrgency(text: string): TUrgencyAssessment {
  const rules = assessUrgencyByRules(text);
  const model = modelUrgency(text);
  if (!model.urgent) return { tier: rules.urgent ? 'urgent' : 'none', ...rules };
  const found = new Set([...rules.reasons, ...model.reasons]);
  const tier = rules.urgent || model.score >= MODEL_ALERT_LOGIT ? 'urgent' : 'review';
  return { tier, urgent: tier === 'urgent', reasons: REASON_ORDER.filter((r) => found.has(r)) };
}

/**
 * Urgency of a comment in a detected language. English (and comments with no letters) get the rules
 * and the model. Other languages never meet the English model, which would score them as English:
 * they get the English rules (names of drugs, "overdose" and the like are often kept in English) and,
 * for Spanish and Arabic, keyword rules of their own; a rule match is `urgent`, there is no `review`.
 */
export function assessUrgencyIn(text: string, language: string): TUrgencyAssessment {
  if (language === 'en' || language === 'und') return assessUrgency(text);
  const found = new Set(assessUrgencyByRules(text).reasons);
  const own = language === 'es' || language === 'ar' ? MULTILINGUAL_RULES[language] : [];
  for (const rule of own) if (rule.re.test(text)) found.add(rule.reason);
  const reasons = REASON_ORDER.filter((r) => found.has(r));
  return { tier: reasons.length > 0 ? 'urgent' : 'none', urgent: reasons.length > 0, reasons };
}
