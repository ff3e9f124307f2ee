/**
 * Offline language detection for patient comments: the script a comment is written in, then, for Latin
 * script, its function words and letters. Rejected: an n-gram package (franc, tinyld, eld), which
 * needs ~10 words to be sure and calls short English comments ("Cheaper parking.") Scots or Tagalog;
 * here every doubt is settled in favour of English, the language the models read, and another
 * language is named only on clear evidence.
 */

/** ISO 639-1 code, or `und` when a comment has no letters to judge by. */
export type TLanguage = string;

/** Scripts whose letters name one language (or the main one in UK and US hospitals' patients). */
const SCRIPTS: { code: TLanguage; re: RegExp }[] = [
  { code: 'ar', re: /\p{Script=Arabic}/gu },
  { code: 'he', re: /\p{Script=Hebrew}/gu },
  { code: 'ru', re: /\p{Script=Cyrillic}/gu },
  { code: 'el', re: /\p{Script=Greek}/gu },
  { code: 'zh', re: /\p{Script=Han}/gu },
  { code: 'ja', re: /[\p{Script=Hiragana}\p{Script=Katakana}]/gu },
  { code: 'ko', re: /\p{Script=Hangul}/gu },
  { code: 'hi', re: /\p{Script=Devanagari}/gu },
  { code: 'bn', re: /\p{Script=Bengali}/gu },
  { code: 'pa', re: /\p{Script=Gurmukhi}/gu },
  { code: 'gu', re: /\p{Script=Gujarati}/gu },
  { code: 'ta', re: /\p{Script=Tamil}/gu },
  { code: 'th', re: /\p{Script=Thai}/gu },
];
const LATIN = /\p{Script=Latin}/gu;
/** Letters only Urdu or Persian add to the Arabic script; Ukrainian's to Cyrillic. */
const URDU = /[ٹڈڑںےۓھ]/u;
const PERSIAN = /[پچژگ]/u;
const UKRAINIAN = /[іїєґ]/iu;

/**
 * Function words and a few feedback words that are not also English words (so "me", "a", "no",
 * "de" of English names are left out where they would mislead). Ten languages: English and the
 * Latin-script languages most often met in UK and US patient feedback.
 */
const WORDS: Record<string, string> = {
  en: 'the and was were is are very staff not to of my they i it in for with but had have this that nurse nurses doctor good great time no',
  es: 'el la los las que de del y muy fue es está estaba pero por para con una un mi me médico médica enfermera enfermeras atención gracias bien buena bueno mal mala hospital personal nada todo siempre nunca sin cuando hay más esperar espera qué ya mis nadie durante días horas tengo quiero estoy le les lo se su sus al quiere puede madre padre hijo hija abuela abuelo',
  pt: 'o os que de do da dos das e muito foi é está estava mas por para com uma um meu minha médico enfermeira atendimento obrigado obrigada bem boa bom mau nada tudo sempre nunca sem quando não mais',
  fr: "le la les que de du des et très était est mais pour avec une un mon ma je il elle nous médecin infirmière infirmières merci bien bon bonne mauvais rien tout toujours jamais sans quand pas plus personnel aux au j'ai c'est n'est heures trois",
  de: 'der die das und sehr war ist aber für mit eine ein mein meine ich er sie wir arzt ärztin pflege danke gut schlecht nichts alles immer nie ohne wenn nicht mehr personal',
  it: 'il la le gli che di del della e molto era è ma per con una un mio mia io medico infermiera infermiere grazie bene buono buona male niente tutto sempre mai senza quando non più personale',
  nl: 'de het een en zeer heel was is maar voor met mijn ik hij zij wij arts verpleegkundige bedankt goed slecht niets alles altijd nooit zonder wanneer niet meer personeel',
  pl: 'i w na nie się jest było był była bardzo ale dla z że to mój moja ja lekarz lekarka pielęgniarka pielęgniarki dziękuję dobrze dobry dobra źle nic wszystko zawsze nigdy bez kiedy więcej personel',
  ro: 'și în la nu este era foarte dar pentru cu o un meu mea eu medic asistenta asistentă mulțumesc bine bun bună rău nimic tot mereu niciodată fără când mai personal',
  tr: 've bir bu çok için ile ama değil ben doktor hemşire teşekkür teşekkürler iyi kötü hiç her zaman asla olmadan daha personel',
};
const LETTERS: Record<string, RegExp> = {
  es: /[ñ¿¡]|[áíóú]\p{L}*\b/u,
  pt: /[ãõ]/u,
  fr: /[èêëœù]|\b(?:j|c|qu|n|l|d)'\p{L}/u,
  de: /[ßäöü]/u,
  pl: /[łąęśźżćń]/u,
  ro: /[ășț]/u,
  tr: /[ğşı]/u,
};

const LEXICON = new Map<string, string[]>();
for (const [code, list] of Object.entries(WORDS)) {
  for (const word of list.split(' ')) LEXICON.set(word, [...(LEXICON.get(word) ?? []), code]);
}

const count = (text: string, re: RegExp): number => text.match(re)?.length ?? 0;

/**
 * Another Latin-script language needs this many function-word hits more than English, and at least
 * twice English's. Two, so one shared or borrowed word ("la", "con", "personal") never moves a comment
 * off English; a distinctive letter (ñ, ł, ß) counts as one hit.
 */
const MARGIN = 2;

function latinLanguage(text: string): TLanguage {
  const words = text.toLowerCase().match(/[\p{L}']+/gu) ?? [];
  const hits = new Map<string, number>();
  for (const word of words) {
    const codes = LEXICON.get(word);
    if (!codes) continue;
    // A word several languages share counts for each of them, but only as a fraction.
    for (const code of codes) hits.set(code, (hits.get(code) ?? 0) + 1 / codes.length);
  }
  for (const [code, re] of Object.entries(LETTERS)) {
    if (re.test(text)) hits.set(code, (hits.get(code) ?? 0) + 1);
  }
  const english = hits.get('en') ?? 0;
  let best = 'en';
  let bestScore = english;
  for (const [code, score] of hits) {
    if (code !== 'en' && score > bestScore) {
      best = code;
      bestScore = score;
    }
  }
  return best !== 'en' && bestScore >= english + MARGIN && bestScore >= 2 * english ? best : 'en';
}

/**
 * The language of one comment, as an ISO 639-1 code: by script when most letters are of a non-Latin
 * script, else by function words, else English. `und` for a comment with no letters ("10/10", "👍").
 */
export function detectLanguage(text: string): TLanguage {
  const latin = count(text, LATIN);
  let best: { code: TLanguage; letters: number } = { code: 'en', letters: latin };
  for (const { code, re } of SCRIPTS) {
    const letters = count(text, re);
    if (letters > best.letters) best = { code, letters };
  }
  if (best.letters === 0) return 'und';
  if (best.code === 'ar') return URDU.test(text) ? 'ur' : PERSIAN.test(text) ? 'fa' : 'ar';
  if (best.code === 'ru' && UKRAINIAN.test(text)) return 'uk';
  if (best.code === 'zh' && count(text, /[\p{Script=Hiragana}\p{Script=Katakana}]/gu) > 0) return 'ja';
  return best.code === 'en' ? latinLanguage(text) : best.code;
}
