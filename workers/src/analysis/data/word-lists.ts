import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The word lists the redaction rules use; edit the text and JSON files beside this one. */
const DATA = __dirname;
const readWords = (file: string): Set<string> =>
  new Set(
    readFileSync(path.join(DATA, file), 'utf8')
      .split('\n')
      .map((w) => w.trim().toLowerCase())
      .filter(Boolean),
  );
export const FIRST_NAMES = readWords('first-names.txt');
export const AMBIGUOUS_NAMES = readWords('first-names-ambiguous.txt');
export const STOP_WORDS = readWords('stop-words.txt');
/**
 * Common English words (verbs, adverbs, adjectives, nouns) that a lowercase word after a title never
 * is a name ("Dr needs to listen"). Only lowercase candidates are checked against it, so surnames that
 * are also words ("Dr Young", "Nurse Rose") are left out of it and stay names when capitalised.
 */
export const COMMON_WORDS = readWords('common-words.txt');
const context = JSON.parse(readFileSync(path.join(DATA, 'name-context.json'), 'utf8')) as Record<
  string,
  string[]
>;
const words = (key: string) => new Set(context[key] ?? []);
export const STRONG_TITLES = words('strongTitles');
export const ROLE_TITLES = words('roleTitles');
export const TITLE_CONTINUATIONS = words('titleContinuations');
export const PARTICLES = words('particles');
export const PLACE_PREFIXES = words('placePrefixes');
/** Words after a first name that make it a place or a programme ("Victoria ward", "DESMOND course"). */
export const PLACE_SUFFIXES = new Set([...words('placeSuffixes'), ...words('programmeSuffixes')]);
/** Titles written abbreviated, the only ones a "." may follow before the name ("Dr. Lee", not "GP. Later"). */
export const ABBREVIATED_TITLES = words('abbreviatedTitles');
/** Prepositions before a lone first name that make it a place ("appointment at Stanley"). */
export const PLACE_PREPOSITIONS = words('placePrepositions');
export const QUANTITY_WORDS = words('quantityWords');
