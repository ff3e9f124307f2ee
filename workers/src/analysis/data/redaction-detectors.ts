import { QUANTITY_WORDS, STOP_WORDS } from './word-lists';

/** What a placeholder stands for; the placeholder text is the kind in brackets, e.g. `[NAME]`. */
export type TRedactionKind =
  'NAME' | 'EMAIL' | 'PHONE' | 'NHS_NUMBER' | 'SSN' | 'MRN' | 'DATE' | 'ADDRESS' | 'POSTCODE' | 'ZIP' | 'URL';

/** One personal detail found in the original text: `text.slice(start, end)` is replaced. */
export type TRedactionSpan = { kind: TRedactionKind; start: number; end: number };

export type TDetector = {
  kind: TRedactionKind;
  re: RegExp;
  /** Return false to drop a match (or a kind to relabel it). */
  check?: (value: string, match: RegExpExecArray) => boolean | TRedactionKind;
};

const MONTH = String.raw`(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)`;
const STATES = String.raw`(?:A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[TA]|W[AVIY])`;
const STREET_CAP = String.raw`(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Close|Way|Crescent|Court|Place|Terrace|Gardens|Grove|Hill|View|Boulevard|Blvd|Parkway|Row|Square|Mews|Walk|Rise)`;
const STREET_LOWER = String.raw`(?:street|road|lane|avenue|drive|crescent|terrace|boulevard)`;
const UNIT_PREFIX = String.raw`(?:(?:[Ff]lat|FLAT|[Aa]pt\.?|[Aa]partment|[Uu]nit|[Ss]uite)\s+[0-9A-Za-z]{1,4},?\s+)?`;
const POSTCODE_INWARD = /^\d[ABD-HJLNP-UW-Z]{2}$/i;

const digitsOf = (s: string) => s.replace(/\D/g, '');
/** NHS numbers carry a modulus-11 check digit; it tells a bare NHS number from other 10-digit numbers. */
export function isValidNhsNumber(value: string): boolean {
  const d = digitsOf(value);
  if (d.length !== 10) return false;
  let sum = 0;
  for (let i = 0; i < 9; i += 1) sum += Number(d[i]) * (10 - i);
  const check = (11 - (sum % 11)) % 11;
  return check !== 10 && check === Number(d[9]);
}
const plausibleDayMonth = (a: number, b: number) =>
  a >= 1 && b >= 1 && ((a <= 31 && b <= 12) || (a <= 12 && b <= 31));
const mayIsAWord = (s: string) => /\bmay\b/.test(s) && !/\d(?:st|nd|rd|th)|\d{4}/i.test(s);

/**
 * Detectors in priority order: where two matches overlap, the earlier detector wins. Context words
 * ("NHS number", "MRN", a state abbreviation) stay in the text; group `v` marks the part replaced.
 * Every quantifier is bounded so that no input can make matching super-linear.
 */
export const DETECTORS: TDetector[] = [
  { kind: 'EMAIL', re: /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}/g },
  { kind: 'URL', re: /\b(?:https?:\/\/|www\.)[^\s<>"'[\]]{1,500}/gi },
  {
    kind: 'URL',
    re: /\b[a-z0-9][a-z0-9-]{0,62}(?:\.[a-z0-9-]{1,63}){0,4}\.(?:com|org|net|uk|gov|edu|io|ly|info|us)\b(?:\/[^\s<>"'[\]]{0,500})?/gi,
  },
  {
    kind: 'NHS_NUMBER',
    re: /\bnhs\s{0,3}(?:number|no\.?|num|#)?\s{0,3}(?:is|was|:|-)?\s{0,3}\(?(?<v>\d{3}[\s-]?\d{3}[\s-]?\d{4})\b/dgi,
  },
  { kind: 'SSN', re: /\b\d{3}-\d{2}-\d{4}\b/g },
  {
    kind: 'SSN',
    re: /\b(?:ssn|social security(?: number| no\.?)?|social)\s{0,3}(?:is|was|:|#)?\s{0,3}(?<v>\d{3}[\s-]?\d{2}[\s-]?\d{4})\b/dgi,
  },
  {
    kind: 'MRN',
    re: /\b(?:mrn|hosp(?:ital|\.)?\s(?:number|no\.?|num|id)|patient\s(?:id|number|no\.?|num)|medical\srecord\s(?:number|no\.?)|(?:unit|record|case)\s(?:number|no\.?))\s{0,3}(?:is|was|#|-)?\s{0,3}:?\s{0,3}(?<v>[A-Z]{0,3}-?\d{5,12}[A-Z]?)\b/dgi,
  },
  { kind: 'PHONE', re: /(?<![\w+])\+44\s?(?:\(0\)\s?)?\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}\b/g },
  {
    kind: 'PHONE',
    re: /(?:(?<![\w+(])0\d{2,4}|\(0\d{2,4}\))[\s-]?\d{3,4}[\s-]?\d{3,4}\b/g,
    check: (v) => digitsOf(v).length <= 11,
  },
  { kind: 'PHONE', re: /(?<![\w+])\+1[\s.-]?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}\b/g },
  { kind: 'PHONE', re: /(?:(?<![\w-])1-)?(?:\(\d{3}\)\s?|(?<!\w)\d{3}[.-])\d{3}[.-]\d{4}\b/g },
  {
    kind: 'NHS_NUMBER',
    re: /(?<![\w+-])\d{3} ?\d{3} ?\d{4}\b/g,
    check: (v) => v[0] !== '0' && isValidNhsNumber(v),
  },
  { kind: 'PHONE', re: /(?<![\w+-])\d{3} \d{3} \d{4}\b/g },
  {
    kind: 'DATE',
    re: /\b(?:dob|d\.o\.b\.?|date of birth|born(?: on)?)\s{0,3}(?:is|was|:|-)?\s{0,3}(?<v>\d{6}|\d{8})\b/dgi,
  },
  {
    kind: 'DATE',
    re: /(?<![\w/.-])(\d{1,2})[/.-](\d{1,2})[/.-](?:\d{4}|\d{2})(?![\w/-])(?!\.\d)/g,
    check: (_v, m) => plausibleDayMonth(Number(m[1]), Number(m[2])),
  },
  { kind: 'DATE', re: /\b\d{4}-\d{1,2}-\d{1,2}\b/g },
  {
    kind: 'DATE',
    re: new RegExp(
      String.raw`\b(\d{1,2})(?:st|nd|rd|th)?(?:\s{1,3}of)?\s{1,3}${MONTH}\b(?:,?\s{1,3}(?:\d{4}\b|'\d{2}\b))?`,
      'gi',
    ),
    check: (v, m) => Number(m[1]) >= 1 && Number(m[1]) <= 31 && !mayIsAWord(v),
  },
  {
    kind: 'DATE',
    // Not after a month range ("Jan-June 21"), where the number is a year.
    re: new RegExp(
      String.raw`(?<!${MONTH}\s{0,2}[-–—]\s{0,2})\b${MONTH}\.?\s{1,3}(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s{1,3}\d{4}\b)?`,
      'gi',
    ),
    check: (v, m) => Number(m[1]) >= 1 && Number(m[1]) <= 31 && !mayIsAWord(v) && !/^march\b/.test(v),
  },
  {
    kind: 'ADDRESS',
    re: new RegExp(
      String.raw`\b${UNIT_PREFIX}\d{1,5}[A-Za-z]?,?\s{1,3}(?:(?:[A-Z][a-z'’]{1,30}|[NSEW]\.?|\d{1,3}(?:st|nd|rd|th))\s{1,3}){1,3}${STREET_CAP}\b`,
      'g',
    ),
    check: (v) => !v.split(/\s+/).some((w) => QUANTITY_WORDS.has(w.toLowerCase())),
  },
  {
    kind: 'ADDRESS',
    re: new RegExp(
      String.raw`\b${UNIT_PREFIX}\d{1,5}[a-z]?\s{1,3}(?:[a-z]{3,30}\s{1,3}){1,2}${STREET_LOWER}\b`,
      'g',
    ),
    check: (v) =>
      !v
        .split(/\s+/)
        .slice(1, -1)
        .some((w) => STOP_WORDS.has(w) || QUANTITY_WORDS.has(w)),
  },
  {
    kind: 'POSTCODE',
    re: /\b([A-Za-z]{1,2}\d[A-Za-z\d]?)( ?)(\d[A-Za-z]{2})\b/g,
    check: (v, m) =>
      POSTCODE_INWARD.test(m[3] ?? '') &&
      !/^\d(?:st|nd|rd|th)$/.test(m[3] ?? '') &&
      (m[2] === ' ' || v === v.toUpperCase()),
  },
  { kind: 'ZIP', re: new RegExp(String.raw`\b${STATES}\.?,?\s{1,3}(?<v>\d{5}(?:-\d{4})?)\b`, 'dg') },
  { kind: 'ZIP', re: /\bzip(?:\s?code)?\s{0,3}(?:is|:)?\s{0,3}(?<v>\d{5}(?:-\d{4})?)\b/dgi },
];
