import type { TUrgencyReason } from '../../../../shared/src/analysis/contract';

/**
 * Urgency keywords for comments in Spanish and Arabic, the two other languages of the respondent
 * pages. Only unambiguous phrases of harm, each a firm signal without context: no negation or
 * "long ago" handling here, so anything that needs them was left out. Written for this by one
 * engineer (fluent Spanish, working Arabic), checked on testsets/urgency-multilingual.jsonl, not by a
 * native Arabic-speaking clinician: a floor, not the English rules' coverage. Arabic is matched
 * without word boundaries, since prefixes (و، ف، ب، ل، ال) attach to the word.
 */
/** `\b` of JavaScript knows ASCII letters only ("pegó" has none after its "g"): a Unicode boundary instead. */
const BOUNDARY = String.raw`(?:(?<![\p{L}\p{N}])(?=[\p{L}\p{N}])|(?<=[\p{L}\p{N}])(?![\p{L}\p{N}]))`;
const uni = (source: string): RegExp => new RegExp(source.replaceAll(String.raw`\b`, BOUNDARY), 'iu');

export const MULTILINGUAL_RULES: Record<'es' | 'ar', { reason: TUrgencyReason; re: RegExp }[]> = {
  es: [
    {
      reason: 'self_harm',
      re: uni(
        String.raw`\bsuicid\w*|\b(?:quitar(?:me|se|te)|acabar con|terminar con) (?:la|mi|su) vida\b|\bmatarme\b|\bhacerme daño\b|\bno quiero (?:vivir|seguir viviendo)\b|\bautolesi\w*|\bme (?:corto|cort[ée]) (?:los brazos|las muñecas)\b`,
      ),
    },
    {
      reason: 'safeguarding',
      re: uni(
        String.raw`\babus(?:o|ó|aron|an|a) (?:sexual|de (?:él|ella|mí|mi)|de un|de una)|\bmaltrat\w*|\bme (?:pega|pegan|pegó|golpea|golpean|golpeó)\b|\ble (?:pega|pegan|pegó|golpea|golpean|golpeó|pegaron|golpearon)\b|\bacoso sexual|\bme (?:tocó|toca|tocaba) (?:sin|de forma)\b|\bviolencia (?:doméstica|de género)\b`,
      ),
    },
    {
      reason: 'medication',
      re: uni(
        String.raw`\b(?:medicamento|medicación|medicina|pastillas?|dosis|insulina) (?:equivocad[ao]s?|incorrect[ao]s?|de otr[ao] paciente)|\berror de (?:medicación|medicamento|dosis)\b|\bdoble dosis\b|\bsobredosis\b`,
      ),
    },
    {
      reason: 'threat',
      re: uni(
        String.raw`\b(?:voy a|vamos a|le voy a|les voy a) (?:matar|apuñalar|pegar|disparar)\b|\bamenaz(?:ó|aron|a con|an con)\b|\b(?:con|sacó) (?:un cuchillo|una navaja|un arma|una pistola)\b`,
      ),
    },
    {
      reason: 'safety_incident',
      re: uni(
        String.raw`\bse (?:cayó|cayo) (?:de la cama|en el baño|en la planta|en el pasillo)|\bnadie (?:la|lo|le) (?:encontró|levantó)\b`,
      ),
    },
    {
      reason: 'care_failure',
      re: uni(
        String.raw`\b(?:sin|no le dieron) (?:comer|comida|agua|beber) (?:en|durante) (?:todo el día|\w+ (?:horas|días))|\b(?:sucio|sucia|mojado|mojada) (?:durante|desde hace) (?:horas|\w+ horas)|\bnadie (?:vino|acudió) (?:en|durante) (?:horas|\w+ horas)`,
      ),
    },
  ],
  ar: [
    {
      reason: 'self_harm',
      re: /انتحار|انتحر|أقتل نفسي|اقتل نفسي|أنهي حياتي|انهي حياتي|لا أريد أن أعيش|إيذاء نفسي|ايذاء نفسي/u,
    },
    {
      reason: 'safeguarding',
      re: /تحرش|اعتداء جنسي|اعتدى علي|يضربني|ضربني|ضربوه|ضربوها|إساءة معاملة|اساءة معاملة|عنف أسري|عنف منزلي/u,
    },
    { reason: 'medication', re: /دواء خاطئ|دواء خطأ|جرعة خاطئة|جرعة زائدة|خطأ في الدواء|دواء مريض آخر/u },
    { reason: 'threat', re: /سأقتل|سوف أقتل|هددني|هددنا|يهدد|سكين|مسدس/u },
    { reason: 'safety_incident', re: /سقط من السرير|سقطت من السرير|سقطت في الحمام|سقط في الحمام/u },
    { reason: 'care_failure', re: /بدون طعام|بلا طعام|بدون ماء|بلا ماء|لم يأت أحد/u },
  ],
};
