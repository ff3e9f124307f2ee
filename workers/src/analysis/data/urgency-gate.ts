/**
 * Word gates for the urgency patterns, so a comment only pays for the patterns it could match.
 * Every pattern starts at a word; `gateOf` reads the pattern source and lists how that first word
 * can begin (a prefix of up to `MAX_PREFIX` letters). A pattern whose start it cannot read (a class,
 * an optional group) gets no gate and always runs, so gating never changes what is found, only how
 * fast. Rejected: hand-written gates, which drift from the patterns they guard.
 */
export const MAX_PREFIX = 5;

/** The top-level alternatives of a pattern source (or of a group's body). */
function alternatives(source: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i += 1) {
    const ch = source[i];
    if (ch === '\\') {
      i += 1;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
    } else if (ch === '[') inClass = true;
    else if (ch === '(') depth += 1;
    else if (ch === ')') depth -= 1;
    else if (ch === '|' && depth === 0) {
      parts.push(source.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(source.slice(start));
  return parts;
}

/** Index just past the group that opens at `open`. */
function groupEnd(source: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < source.length; i += 1) {
    const ch = source[i];
    if (ch === '\\') i += 1;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '(') depth += 1;
    else if (ch === ')' && --depth === 0) return i + 1;
  }
  return source.length;
}

/** Whether the atom ending just before `at` may be absent (`?`, `*`, `{0,n}`). */
const isOptional = (source: string, at: number) =>
  source[at] === '?' || source[at] === '*' || source.startsWith('{0', at);
const DIGITS = [...'0123456789'];

/**
 * How one alternative's first word can begin: prefixes, `=word` when the whole word is known, or
 * null when unknown. The word must start at a `\b` (or after a lookbehind ending in a space);
 * otherwise the literal could sit inside a longer word and no gate is safe.
 */
function leadOf(alt: string, bounded = false): string[] | null {
  let i = 0;
  let literal = '';
  let atWordStart = bounded;
  while (i < alt.length) {
    if (alt.startsWith(String.raw`\b`, i) && literal === '') {
      atWordStart = true;
      i += 2;
      continue;
    }
    if (/^\(\?<?[=!]/.test(alt.slice(i, i + 4)) && literal === '') {
      const end = groupEnd(alt, i);
      if (alt.startsWith('(?<=', i) && alt.slice(0, end).endsWith(' )')) atWordStart = true;
      i = end;
      continue;
    }
    const ch = alt[i] ?? '';
    if (/[a-z0-9]/.test(ch)) {
      if (isOptional(alt, i + 1)) break;
      literal += ch;
      if (alt[i + 1] === '+') break;
      i += 1;
      continue;
    }
    if (!atWordStart) return null;
    if (literal === '' && alt.startsWith(String.raw`\d`, i)) return isOptional(alt, i + 2) ? null : DIGITS;
    if (literal === '' && ch === '[') {
      const close = alt.indexOf(']', i);
      const digitsOnly = close > i && /^[0-9-]+$/.test(alt.slice(i + 1, close));
      return digitsOnly && !isOptional(alt, close + 1) ? DIGITS : null;
    }
    if (ch === '(' && literal === '' && alt.startsWith('(?:', i)) {
      const end = groupEnd(alt, i);
      if (isOptional(alt, end)) return null;
      const rest = alt.slice(end);
      const inner = alternatives(alt.slice(i + 3, end - 1)).map((a) => leadOf(a + rest, true));
      if (inner.some((lead) => lead === null)) return null;
      return (inner as string[][]).flat();
    }
    break;
  }
  if (literal === '' || !atWordStart) return null;
  const next = alt[i];
  const fixed = !isOptional(alt, i + 1);
  const whole =
    ((next === ' ' || next === "'") && fixed) ||
    alt.startsWith(String.raw`\b`, i) ||
    alt.startsWith(String.raw`\s`, i);
  return whole ? [`=${literal}`] : [literal.slice(0, MAX_PREFIX)];
}

/**
 * The prefixes a comment's word must start with for `re` to have a chance (`=word`: be exactly),
 * or null (always run).
 */
export function gateOf(re: RegExp): string[] | null {
  const leads = alternatives(re.source).map((a) => leadOf(a));
  if (leads.some((lead) => lead === null)) return null;
  return [...new Set((leads as string[][]).flat())];
}

/**
 * Compiles gates for a list of patterns: which patterns the words of a comment open. `words` must
 * be every run of letters and digits in the text the patterns will run on.
 */
export function compileGates(patterns: RegExp[]): {
  open: (words: string[]) => Uint8Array;
} {
  const byPrefix = new Map<string, number[]>();
  const always: number[] = [];
  patterns.forEach((re, index) => {
    const gate = gateOf(re);
    if (!gate) return void always.push(index);
    for (const prefix of gate) byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), index]);
  });
  const lengths = [...new Set([...byPrefix.keys()].filter((k) => !k.startsWith('=')).map((k) => k.length))];
  return {
    open(words) {
      const opened = new Uint8Array(patterns.length);
      for (const index of always) opened[index] = 1;
      for (const word of words) {
        const exact = byPrefix.get(`=${word}`);
        if (exact) for (const index of exact) opened[index] = 1;
        for (const n of lengths) {
          if (n > word.length) continue;
          const hit = byPrefix.get(word.slice(0, n));
          if (hit) for (const index of hit) opened[index] = 1;
        }
      }
      return opened;
    },
  };
}
