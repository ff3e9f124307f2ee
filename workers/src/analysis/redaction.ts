import { DETECTORS, type TRedactionKind, type TRedactionSpan } from './data/redaction-detectors';
import {
  ABBREVIATED_TITLES,
  AMBIGUOUS_NAMES,
  COMMON_WORDS,
  FIRST_NAMES,
  PARTICLES,
  PLACE_PREFIXES,
  PLACE_PREPOSITIONS,
  PLACE_SUFFIXES,
  QUANTITY_WORDS,
  ROLE_TITLES,
  STOP_WORDS,
  STRONG_TITLES,
  TITLE_CONTINUATIONS,
} from './data/word-lists';

export { isValidNhsNumber, type TRedactionKind, type TRedactionSpan } from './data/redaction-detectors';

const PLACEHOLDER = /\[(?:NAME|EMAIL|PHONE|NHS_NUMBER|SSN|MRN|DATE|ADDRESS|POSTCODE|ZIP|URL)\]/g;

function patternSpans(text: string): TRedactionSpan[] {
  const spans: TRedactionSpan[] = [];
  const hasAt = text.includes('@');
  for (const detector of DETECTORS) {
    if (detector.kind === 'EMAIL' && !hasAt) continue;
    detector.re.lastIndex = 0;
    for (let m = detector.re.exec(text); m; m = detector.re.exec(text)) {
      const v = m.indices?.groups?.v;
      const start = v ? v[0] : m.index;
      let end = v ? v[1] : m.index + m[0].length;
      if (detector.kind === 'URL') end -= /[.,;:!?)]*$/.exec(m[0])?.[0].length ?? 0;
      const verdict = detector.check ? detector.check(text.slice(start, end), m) : true;
      if (verdict === false) continue;
      spans.push({ kind: verdict === true ? detector.kind : verdict, start, end });
    }
  }
  return spans;
}

type TToken = {
  text: string;
  lower: string;
  start: number;
  end: number;
  cap: boolean;
  sentenceStart: boolean;
};

const TOKEN = /[A-Za-z][A-Za-z'’-]{0,40}[A-Za-z]|[A-Za-z]/g;

function tokenize(text: string): TToken[] {
  const tokens: TToken[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    let j = m.index - 1;
    while (j >= 0 && /\s/.test(text[j] as string)) j -= 1;
    tokens.push({
      text: m[0],
      lower: m[0].toLowerCase(),
      start: m.index,
      end: m.index + m[0].length,
      cap: /^[A-Z]/.test(m[0]) && /[a-z]/.test(m[0]),
      sentenceStart: j < 0 || /[.!?]/.test(text[j] as string) || text.slice(j + 1, m.index).includes('\n'),
    });
  }
  return tokens;
}

const isTitle = (lower: string) => STRONG_TITLES.has(lower) || ROLE_TITLES.has(lower);
const bare = (lower: string) => lower.replace(/['’]s$/, '');
/** A word that may be part of a name: not a common English word, title, month or hospital word. */
const nameLike = (t: TToken) =>
  !STOP_WORDS.has(bare(t.lower)) && !isTitle(t.lower) && !PLACE_SUFFIXES.has(t.lower);
/** The forms an inflected word may come from: "needs" → "need", "rushes" → "rush", "tries" → "try". */
const stemsOf = (lower: string): string[] => {
  if (!lower.endsWith('s') || lower.endsWith('ss')) return [];
  const stems = [lower.slice(0, -1)];
  if (lower.endsWith('es')) stems.push(lower.slice(0, -2));
  if (lower.endsWith('ies')) stems.push(`${lower.slice(0, -3)}y`);
  return stems;
};
/**
 * A common English word or an inflection of one ("needs", "suffered", "eventually"), which is never
 * taken for a name after a title when written lowercase or after a sentence end. A bare -s ending is
 * not enough on its own: it would drop surnames such as "jones" and "evans".
 */
const wordLike = (lower: string) =>
  !FIRST_NAMES.has(lower) &&
  (COMMON_WORDS.has(lower) ||
    stemsOf(lower).some((w) => COMMON_WORDS.has(w)) ||
    /(?:ing|ly|ed)$/.test(lower));
const lowerNameLike = (t: TToken) => nameLike(t) && !QUANTITY_WORDS.has(t.lower) && !wordLike(t.lower);

/**
 * Whitespace only between two tokens, never a line break; a "." is allowed only after an abbreviated
 * title ("Dr. Lee"), so a name rule never crosses the end of a sentence ("the nurse. Palpitations").
 */
function adjacent(text: string, a: TToken, b: TToken | undefined, allowDot = false): b is TToken {
  if (!b) return false;
  const gap = text.slice(a.end, b.start);
  return /^[^\S\n]{1,3}$/.test(gap) || (allowDot && /^\.[^\S\n]{1,3}$/.test(gap));
}

/** Extends a name over following surname-like tokens ("Emily Chen", "Van der Berg"), up to 4 tokens. */
function extendName(text: string, tokens: TToken[], i: number, lowercase: boolean): number {
  let last = i;
  while (last - i < 3) {
    const next = tokens[last + 1];
    if (/['’]s$/.test(tokens[last]?.text ?? '') || !adjacent(text, tokens[last] as TToken, next)) break;
    if (next.cap && nameLike(next) && !PLACE_SUFFIXES.has(next.lower)) last += 1;
    else if (PARTICLES.has(next.lower) && tokens[last + 2]?.cap && adjacent(text, next, tokens[last + 2]))
      last += 2;
    else if (lowercase && !next.cap && lowerNameLike(next) && FIRST_NAMES.has(tokens[i]?.lower ?? ''))
      last += 1;
    else break;
  }
  return last;
}

function nameSpan(tokens: TToken[], from: number, to: number): TRedactionSpan {
  const first = tokens[from] as TToken;
  const last = tokens[to] as TToken;
  const possessive = /['’]s$/.exec(last.text);
  return { kind: 'NAME', start: first.start, end: last.end - (possessive ? 2 : 0) };
}

/** A listed first name, or a double-barrelled one ("Mary-Jane"); not "X-ray" or "Jan-June". */
function isFirstName(t: TToken): boolean {
  const parts = bare(t.lower).split('-');
  return (
    FIRST_NAMES.has(bare(t.lower)) ||
    (parts.length === 2 &&
      parts.every((p) => p.length >= 2 && !STOP_WORDS.has(p)) &&
      parts.some((p) => FIRST_NAMES.has(p)))
  );
}

/**
 * Names after a title or role ("Dr Patel", "dr smith", "my nurse Kelly", "a nurse called Precious"),
 * common first names followed by a surname ("Sarah O'Neill"), and a capitalised common first name
 * alone when it is not a common English word ("Grace", "Will", "May" are kept) and not part of a
 * place ("St Mary's", "Victoria ward", "Elizabeth line"). Lowercase names are only trusted after a
 * title, because lowercase text gives no other sign that a word is a name.
 */
function nameSpans(text: string): TRedactionSpan[] {
  const tokens = tokenize(text);
  const spans: TRedactionSpan[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i] as TToken;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    const after = (j: number) => tokens[j];
    if (isTitle(t.lower)) {
      let j = i + 1;
      while (
        TITLE_CONTINUATIONS.has(after(j)?.lower ?? '') &&
        adjacent(text, tokens[j - 1] as TToken, after(j))
      )
        j += 1;
      const cand = after(j);
      const anchor = tokens[j - 1] as TToken;
      const strong = STRONG_TITLES.has(t.lower) && !(t.lower === 'miss' && !t.cap);
      const abbreviated = anchor === t && ABBREVIATED_TITLES.has(t.lower);
      if (adjacent(text, anchor, cand, abbreviated)) {
        // "Dr. Eventually" is a sentence end, not a name: after a dot the word must not be a common one.
        const afterDot = text[anchor.end] === '.';
        const ok = cand.cap
          ? nameLike(cand) && !(afterDot && wordLike(cand.lower))
          : lowerNameLike(cand) && (strong || isFirstName(cand));
        if (ok && !isTitle(cand.lower)) {
          const last = extendName(text, tokens, j, !cand.cap);
          spans.push(nameSpan(tokens, j, last));
          i = last;
          continue;
        }
      }
      const comma = after(j);
      if (comma?.cap && /^,\s{1,3}$/.test(text.slice(anchor.end, comma.start)) && nameLike(comma)) {
        const last = extendName(text, tokens, j, false);
        if (/^,/.test(text.slice((tokens[last] as TToken).end))) spans.push(nameSpan(tokens, j, last));
      }
      continue;
    }
    if ((t.lower === 'called' || t.lower === 'named') && adjacent(text, t, next) && !isTitle(next.lower)) {
      const introduced =
        t.lower === 'named' ||
        (prev && (isTitle(prev.lower) || /^(?:man|woman|lady|guy|girl)$/.test(prev.lower)));
      if (introduced && (next.cap ? nameLike(next) : isFirstName(next) && nameLike(next))) {
        const last = extendName(text, tokens, i + 1, !next.cap);
        spans.push(nameSpan(tokens, i + 1, last));
        i = last;
      }
      continue;
    }
    if (!isFirstName(t)) continue;
    const placeBefore = prev && PLACE_PREFIXES.has(prev.lower) && adjacent(text, prev, t, true);
    const placeAfter = next && PLACE_SUFFIXES.has(next.lower) && adjacent(text, t, next);
    if (placeBefore || placeAfter) continue;
    // A lone first name after "at"/"in" is a town or a site far more often than a person
    // ("appointment at Stanley"); "in Sarah's care" keeps its possessive and stays a name.
    const lone = !(t.cap && adjacent(text, t, next) && next.cap && nameLike(next));
    const placePreposition =
      lone && prev && PLACE_PREPOSITIONS.has(prev.lower) && adjacent(text, prev, t) && !/['’]s$/.test(t.text);
    if (placePreposition) continue;
    if (t.cap && adjacent(text, t, next) && next.cap && nameLike(next)) {
      const last = extendName(text, tokens, i, false);
      const follower = tokens[last + 1];
      if (
        !follower ||
        !PLACE_SUFFIXES.has(follower.lower) ||
        !adjacent(text, tokens[last] as TToken, follower)
      ) {
        spans.push(nameSpan(tokens, i, last));
      }
      i = last;
      continue;
    }
    const ambiguous = AMBIGUOUS_NAMES.has(bare(t.lower)) || STOP_WORDS.has(bare(t.lower));
    if (t.cap && !ambiguous && !(t.sentenceStart && /['’]s$/.test(t.text))) {
      // An unknown capitalised word just before a known first name is taken as part of the name
      // ("Aliyah Hussain", where only "Hussain" is listed).
      const ownFirst = prev?.cap && !prev.sentenceStart && nameLike(prev) && adjacent(text, prev, t);
      spans.push(nameSpan(tokens, ownFirst ? i - 1 : i, i));
    } else if (!t.cap && !ambiguous && prev && selfIntroduced(tokens, i)) spans.push(nameSpan(tokens, i, i));
  }
  return spans;
}

/** "i'm emma", "my name is emma": the one lowercase first name trusted without a title. */
function selfIntroduced(tokens: TToken[], i: number): boolean {
  const p1 = tokens[i - 1]?.lower;
  const p2 = tokens[i - 2]?.lower;
  return (
    p1 === "i'm" ||
    p1 === 'i’m' ||
    p1 === 'im' ||
    (p1 === 'am' && p2 === 'i') ||
    (p1 === 'is' && p2 === 'name')
  );
}

/** The personal details in `text`, in text order, never overlapping; existing placeholders are left alone. */
export function findRedactions(text: string): TRedactionSpan[] {
  const reserved: [number, number][] = [];
  PLACEHOLDER.lastIndex = 0;
  for (let m = PLACEHOLDER.exec(text); m; m = PLACEHOLDER.exec(text))
    reserved.push([m.index, m.index + m[0].length]);
  const accepted: TRedactionSpan[] = [];
  const overlaps = (s: TRedactionSpan) =>
    reserved.some(([a, b]) => s.start < b && a < s.end) ||
    accepted.some((o) => s.start < o.end && o.start < s.end);
  for (const span of [...patternSpans(text), ...nameSpans(text)]) {
    if (span.end > span.start && !overlaps(span)) accepted.push(span);
  }
  return accepted.sort((a, b) => a.start - b.start);
}

/**
 * Replaces personal details with typed placeholders (`[NAME]`, `[PHONE]`, …). Rule-based and
 * idempotent: redacting redacted text changes nothing. `found` lists one kind per replacement.
 */
export function redact(text: string): { text: string; found: TRedactionKind[] } {
  const spans = findRedactions(text);
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += `${text.slice(at, span.start)}[${span.kind}]`;
    at = span.end;
  }
  return { text: out + text.slice(at), found: spans.map((s) => s.kind) };
}
