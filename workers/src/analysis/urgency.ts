import type { TUrgencyReason } from '../../../shared/src/analysis/contract';
import { BROAD_RULES } from './data/urgency-broad-rules';
import {
  CONCEPT_RULES,
  ONGOING_HARM,
  PHRASE_CONCEPTS,
  RESOLVED,
  type TConceptRule,
} from './data/urgency-concept-rules';
import { compileGates } from './data/urgency-gate';
import { CONCEPTS, LEXICON, STEMS, type TConcept } from './data/urgency-lexicon';
import { PHRASE_RULES } from './data/urgency-phrase-rules';
import { BENIGN, RULES, type TRule } from './data/urgency-rules';
import { modelUrgency } from './urgency-model';

const ALL_RULES = [...RULES, ...PHRASE_RULES, ...BROAD_RULES];
/** Reasons in the order a reader sees them: the order rules first name them. */
const REASON_ORDER = [...ALL_RULES, ...CONCEPT_RULES]
  .map((r) => r.reason)
  .filter((r, i, all) => all.indexOf(r) === i);

const NEGATION_BEFORE = /(?:\bno|\bnot|\bnever|\bwithout|\bzero|n't|\bnothing)\s+(?:[\w'-]+\s+){0,4}$/;
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
 * Flags comments that need a person now: the rules OR the learned model (urgency-model.json).
 * Both lean towards recall: a false alarm costs a reader a minute, a missed safeguarding or
 * self-harm comment can cost much more. The rules catch wording they have seen; the model, trained
 * on ~900 hand-written comments, catches much unseen wording they miss (cross-validated figures in
 * `npm run train`). Reasons are the union; a model-only flag carries the model's most probable reason.
 * Works on redacted text.
 */
export function assessUrgency(text: string): { urgent: boolean; reasons: TUrgencyReason[] } {
  const rules = assessUrgencyByRules(text);
  const model = modelUrgency(text);
  if (!model.urgent) return rules;
  const found = new Set([...rules.reasons, ...model.reasons]);
  return { urgent: true, reasons: REASON_ORDER.filter((r) => found.has(r)) };
}
