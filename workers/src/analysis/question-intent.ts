import type { TTextIntent } from '../../../shared/src/survey/definition';

// Checked in order: "What could we do better?" must read as improvement before "what ... good" can match.
const RULES: readonly (readonly [RegExp, TTextIntent])[] = [
  [/\b(contact|call (you|back)|phone number|e-?mail address|get in touch|reach you)\b/, 'contact'],
  [
    /\b(improve|improvement|better|differently|change|changed|wrong|worse|suggest(ion)?s?|could we|should we|least)\b/,
    'improvement',
  ],
  [/\b(good|well|best|like[ds]?|enjoy(ed)?|helpful|positive|praise|thank|most)\b/, 'praise'],
  [
    /\b(why|reason|satisfied|dissatisfied|experience|tell us|comments?|anything else|describe|feedback)\b/,
    'general',
  ],
];

/**
 * What a free-text question asks for, from its wording: the CLI receives question strings, the worker
 * knows a survey item's intent, and both must feed the model the same input. The FFT file's questions:
 * "What could we do better?" / "How could we improve?" → improvement, "What was good?" → praise,
 * "FFT Why?" and the 111 "satisfied and/or dissatisfied" question → general. No question, or one
 * that matches nothing, → undefined (the model then scores the text alone).
 */
export function intentOfQuestion(question?: string): TTextIntent | undefined {
  if (question === undefined) return undefined;
  const normalised = question.toLowerCase().replace(/\s+/g, ' ').trim();
  if (normalised === '') return undefined;
  // "satisfied and/or dissatisfied" asks for both sides, whatever other words it uses.
  if (/\bsatisfied\b.*\bdissatisfied\b/.test(normalised)) return 'general';
  for (const [pattern, intent] of RULES) if (pattern.test(normalised)) return intent;
  return undefined;
}
