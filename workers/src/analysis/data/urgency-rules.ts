import type { TUrgencyReason } from '../../../../shared/src/analysis/contract';

export type TRule = {
  reason: TUrgencyReason;
  re: RegExp;
  /** A cue like "no", "not", "never" shortly before the match (same clause) cancels it. */
  negatable?: boolean;
  /** A clear cue that it is in the past and was put right ("years ago", "no harm done") cancels it. */
  resolvable?: boolean;
};

/** Builds a case-insensitive, global pattern from readable pieces; `W` is "up to n words". */
export const rx = (source: string) => new RegExp(source, 'g');
export const W = (n: number) => String.raw`(?:\s+[\w'\[\]-]+){0,${n}}\s+`;
const PERSON = String.raw`(?:him|her|me|them|us|my \w+|his \w+|the (?:patient|lady|man|woman|child|baby))`;
export const MEDS = String.raw`(?:medication|medications|medicine|medicines|meds|tablets?|pills?|drugs?|insulin|doses?|dosage|injections?|antibiotics|inhaler|morphine|warfarin|painkillers|pain relief|prescription|blood thinners?)`;
const MISSED = String.raw`(?:missed|forgot|forgotten|not given|never given|wasn't given|weren't given|was not given|were not given|didn'?t get|did not get|ran out|run out|not reordered|late|skipped|withheld)`;
const VULNERABLE = String.raw`(?:dementia|alzheimer'?s|learning disab\w*|autis\w*|vulnerable|confused|frail|blind|deaf|disabled)`;

/**
 * Benign uses of trigger words, blanked before the rules run. "I would kill for a cup of tea" is
 * treated as an idiom and not flagged: a threat names a person or place to harm ("kill someone",
 * "kill that doctor"); "kill for <something wanted>" never does. Rejected: flagging every "kill",
 * which would page a person for every painkiller.
 */
export const BENIGN: RegExp[] = [
  /\bpain[ -]?killers?\b/g,
  /\bkilling (?:time|me|it)\b/g,
  /\b(?:would|could|i'd|we'd|you'd) (?:kill|die) for\b/g,
  /\bto die for\b/g,
  /\b(?:dying|died|die) (?:for (?:a|the|some)|to\b|laughing|of (?:boredom|embarrassment|shame))/g,
  /\bkill(?:s|ed)? (?:you|me|us|them) with kindness\b/g,
  /\bshoot (?:me|us) (?:an? )?(?:e-?mail|message|text|line)\b/g,
  /\bfell asleep\b|\bfall(?:ing)? asleep\b/g,
  /\b(?:falls?|infection|safeguarding|abuse|suicide|self[- ]?harm) (?:team|clinic|prevention|service|nurse|lead|control|leaflets?|posters?|policy|training|socks|assessments?|risk assessments?|support|helpline|charity|advice|information|awareness|services?)\b/g,
  /\bfall prevention\b/g,
  /\b(?:worried|concerned|scared) about (?:a |her |him |my )?(?:fall|falling)\b/g,
  /\b(?:asked|asks|ask|asking|screened|screening)\b(?: [\w']+){0,6}? (?:thoughts (?:of|about) )?(?:self[- ]?harm\w*|suicid\w*|(?:harming|hurting|killing) (?:my|your|him|her)sel(?:f|ves))/g,
  /\bhit it off\b|\bhit and miss\b|\bhit the (?:nail|spot|roof|ground|jackpot)\b|\bkick(?:s|ed|ing)? off\b|\b(?:pushed|passed|sent) from pillar to post\b|\bpillar to post\b|\b(?:in|of) touch\b|\btouch(?:ed|ing)? base\b|\ba touch\b|\b(?:full|top) marks\b/g,
  /\bbomb[ -]?proof\b|\bphoto ?bomb\w*/g,
  /\b(?:could|would|i'd|we'd|you'd) murder (?:a|an|some|for)\b/g,
  /\bdouble[- ]check\w*/g,
  /\bcheck\w*(?: [\w']+){0,4} twice\b/g,
  /(?<!n't |not |never )\bcheck\w*(?: \w+){0,3} (?:against )?(?:my |his |her |their )?allerg\w*/g,
  /\bnobody came to (?:tell|explain|say|update|let)\b|\bno one came to (?:tell|explain|say|update|let)\b/g,
  // Severity words of medicine, not threats or incidents: "life threatening asthma", "a collapsed lung".
  /\b(?:non[- ]?)?life[- ]?threatening\b|\bcollapsed lung\b/g,
  // Feelings and errands: "I feel trapped", "dropped off early", "dropped me off at the door".
  /\b(?:feel|feels|felt|feeling)(?: [\w']+){0,3} trapped\b|\bdropped (?:\w+ )?off\b/g,
  // Hedged or figurative: "felt a bit neglected in the evenings", "a nice personal touch".
  /\b(?:a (?:bit|little)|slightly|somewhat) neglected\b|\bpersonal touch\b|\b(?:would|could) kill an? (?:horse|ox)\b/g,
  // Figures of speech and non-violent "threats": "drive me to murder", "jokes he'll kill me",
  // "threatened to discharge himself".
  /\bdrive (?:me|us|you) to (?:murder|kill\w*|drink)\b|\bjok\w* (?:that )?(?:he|she|they|i|we)(?:'ll| will) kill\b|\bthreat\w* to (?:discharge|leave|walk out|go home|complain|sue|report|move|write|take (?:his|her|my|their) business)\b/g,
  // Self-harm in the past, unless the same sentence says it is back ("again", "now", "still").
  /\bused to (?:self[- ]?harm\w*|cut (?:my|him|her)sel(?:f|ves))\b(?![^.!?]*\b(?:again|now|still|lately|recently|started)\b)/g,
];

export const RULES: TRule[] = [
  // Safeguarding: abuse, neglect, exploitation, people at risk from others.
  { reason: 'safeguarding', re: rx(String.raw`\bsafeguard\w*|\bneglect\w*`), negatable: true },
  {
    reason: 'safeguarding',
    re: rx(String.raw`\babus(?:e|ed|ive|ing)\b|\bmistreat\w*|\bill[- ]treat\w*`),
    negatable: true,
  },
  {
    reason: 'safeguarding',
    re: rx(
      String.raw`\b(?:slap\w*|manhandl\w*|shov(?:e|ed|ing)|rough with|bullied|bullying|belittl\w*|humiliat\w*|mock(?:ed|ing))\b`,
    ),
  },
  {
    reason: 'safeguarding',
    re: rx(
      String.raw`\b(?:being|was|were|been|is) (?:hit|beaten|kicked|punched|pushed|hurt)\b|\bhits? ${PERSON}`,
    ),
  },
  {
    reason: 'safeguarding',
    re: rx(
      String.raw`\bbruis\w*${W(4)}(?:explain|all over|covered)|\b(?:unexplained|covered in) bruis|\bbruis\w*${W(6)}(?:carer|staff|nobody|no one)`,
    ),
  },
  {
    reason: 'safeguarding',
    re: rx(
      String.raw`\bgrop\w*|\bsexual(?:ly)? (?:harass\w*|assault\w*|abus\w*|comments?|touch\w*)|\bmolest\w*|\braped?\b|\bindecent\w*|\btouch\w* (?:her|him|me|them) (?:inappropriate\w*|sexual\w*)|\binappropriate\w* touch\w*|\b(?:step ?dad|stepfather|step ?mum|uncle|boyfriend|partner) touch\w*`,
    ),
  },
  {
    reason: 'safeguarding',
    re: rx(
      String.raw`\bdomestic (?:violence|abuse)|\b(?:partner|husband|wife|ex|boyfriend|girlfriend) (?:hurts|hits|beats|threatens|controls) me\b|\bscared (?:to go home|of (?:my|him|her))|\bterrified of (?:him|her|my)`,
    ),
  },
  {
    reason: 'safeguarding',
    re: rx(
      String.raw`\bexploit\w*|\bstealing|\bstole (?:his|her|my|their)|\btook (?:his|her) (?:bank card|money|pension|cards?)|\bfgm\b|\bfemale genital|\bforced marriage|\btraffick\w*|\bmodern slavery|\bgroom(?:ed|ing)\b|\bat risk of (?:harm|abuse|fgm)`,
    ),
  },
  {
    reason: 'safeguarding',
    re: rx(
      String.raw`\bcalled (?:her|him|me|them|my \w+) (?:a |an )?(?:stupid|idiot|fat|lazy|liar|names|useless|pathetic|disgusting|dirty|senile|retard\w*)|\bswear\w* at ${PERSON}|\bverbally abusive`,
    ),
  },
  {
    reason: 'safeguarding',
    re: rx(
      String.raw`\b(?:child|baby|kid|toddler|little (?:girl|boy)|son|daughter|grandson|granddaughter)\b${W(8)}(?:had |has |with )?(?:burns|bruis\w*|unexplained)`,
    ),
  },
  {
    reason: 'safeguarding',
    re: rx(
      String.raw`\bgetting into (?:her|his|my \w+'?s?) bed|\b(?:\d{1,2}|thirteen|fourteen|fifteen|sixteen|seventeen)[ -]year[ -]old\b${W(8)}adult ward|\bunsupervised\b`,
    ),
  },
  {
    reason: 'safeguarding',
    re: rx(
      String.raw`\b${VULNERABLE}\b${W(10)}(?:discharged|sent home|left)${W(4)}(?:alone|at (?:\d|midnight|night)|in the middle of the night)`,
    ),
  },
  // Self-harm and suicide.
  {
    reason: 'self_harm',
    re: rx(
      String.raw`\bsu?icid\w*|\bkill (?:my ?self|meself)|\bend(?:ing)? (?:it all|my life|things)\b|\btake my (?:own )?life|\bself[- ]?harm\w*|\b(?:cutting|cut|hurting|hurt|harming|harm) my ?self\b`,
    ),
    negatable: true,
  },
  {
    reason: 'self_harm',
    re: rx(
      String.raw`\b(?:don'?t|do not|dont) want to (?:be alive|live|be here)|\b(?:want|wanna|going) to die\b|\bbetter off without me|\bno point (?:in )?living|\bno reason to live|\bcan'?t go on\b|\bnot worth living|\bdo something stupid|\bhopeless\b`,
    ),
  },
  {
    reason: 'self_harm',
    re: rx(
      String.raw`\b(?:took|taken|take|taking) an overdose|\boverdos\w* on purpose|\btake all my (?:tablets|pills|meds)|\b(?:hang|hanged|hanging) (?:him|her|my|them)sel(?:f|ves)|\btried to (?:hang|jump|drown)|\bjump (?:off|in front)`,
    ),
  },
  // Medication errors and harm.
  {
    reason: 'medication',
    re: rx(
      String.raw`\bwrong (?:medication|medicine|meds|drug|dose|dosage|tablets|pills|prescription|injection|insulin|strength)|\bmedication (?:error|mistake|incident)|\b(?:drug|dispensing|prescribing) (?:error|mistake)`,
    ),
    negatable: true,
    resolvable: true,
  },
  {
    reason: 'medication',
    re: rx(
      String.raw`\b(?:someone else'?s|someone elses|another patient'?s|other patient'?s) (?:tablets|meds|medication|medicine|pills|drugs|insulin)|\bmixed up (?:my|his|her|the) (?:meds|medication|tablets|drugs)`,
    ),
  },
  {
    reason: 'medication',
    re: rx(
      String.raw`\b(?:double|twice|too much|an adult|overdose|excessive) (?:the |my |his |her )?(?:dose|dosage)|\bdouble dos\w*|\bgiven twice\b|\b\d+ ?mg instead of|\boverdosed on (?:my|his|her)|\bmisread (?:the|my|his|her) (?:chart|prescription|dose)|\btoo much (?:fluid|insulin|morphine)`,
    ),
  },
  {
    reason: 'medication',
    re: rx(
      String.raw`\b(?:gave|given|prescribed|administered)\b${W(6)}\w*allerg\w*|\ballerg\w*${W(4)}(?:gave|given|anyway|still)|\b(?:bad|allergic|adverse|severe) reaction\b`,
    ),
    negatable: true,
  },
  {
    reason: 'medication',
    re: rx(
      String.raw`\b${MEDS}\b${W(4)}${MISSED}\b|\b${MISSED}\b${W(5)}${MEDS}\b|\bstopped (?:my|his|her)${W(3)}without|\b(?:drip|iv|pump|infusion)\b${W(4)}(?:left running|wrong rate|too fast)`,
    ),
  },
  // Safety incidents: falls, wrong patient or site, missed diagnosis with harm, infection, sores, restraint.
  {
    reason: 'safety_incident',
    re: rx(
      String.raw`\b(?:had|has had|have had|suffered) (?:a|an|another|two|three|several|\d) (?:\w+ )?falls?\b|\bfell (?:out|off|over|down|on|in|and|from|while)\b|\bfallen\b|\b(?:slipped|tripped)\b|\b(?:was|were|got|been) dropped\b|\bdropped (?:her|him|me|them|my \w+|the (?:baby|patient))\b`,
    ),
    negatable: true,
    resolvable: true,
  },
  {
    reason: 'safety_incident',
    re: rx(
      String.raw`\bwrong (?:patient|leg|arm|side|site|eye|kidney|blood|baby|person|knee|hip|limb)|\bmixed up with (?:someone|another)|\bname (?:got|was) mixed up|\bleft an? (?:swab|instrument|needle|clamp)|\bnever event\b|\bnear miss\b|\bserious incident`,
    ),
    resolvable: true,
  },
  {
    reason: 'safety_incident',
    re: rx(
      String.raw`\b(?:missed|misdiagnos\w*|dismissed|sent (?:me|him|her|us) home|turns? out|turned out|told (?:me )?it was|said it was)\b[^.!?]{0,80}?\b(?:broken|fracture\w*|sepsis|septic|meningitis|heart attack|stroke|cancer|clot|embolism|append\w*|intensive care|icu|itu|nearly died|almost died)`,
    ),
  },
  {
    reason: 'safety_incident',
    re: rx(String.raw`\b(?:sepsis|septic|meningitis)\b${W(6)}(?:missed|nearly died|intensive care|icu)`),
  },
  {
    reason: 'safety_incident',
    re: rx(
      String.raw`\b(?:got|gone|became|was|is|been|getting) infected\b|\bcaught (?:c\.? ?diff|mrsa|an infection|norovirus|sepsis|covid)|\bpicked up (?:mrsa|c\.? ?diff|an infection|\w+ infection)|\bhospital[- ]acquired|\bmrsa\b|\bc\.? ?diff\w*\b|\bwound infection`,
    ),
    negatable: true,
  },
  {
    reason: 'safety_incident',
    re: rx(String.raw`\bpressure (?:sores?|ulcers?|damage)|\bbed ?sores?|\bsores? (?:on|all over)`),
    negatable: true,
  },
  {
    reason: 'safety_incident',
    re: rx(
      String.raw`\brestrain\w*|\bheld (?:\w+ ){1,3}down\b|\bpinned (?:\w+ ){1,3}down\b|\bsedated without|\bforcibly\b|\bfire (?:exits?|doors?) (?:was |were )?(?:blocked|locked)|\bblocked fire`,
    ),
  },
  {
    reason: 'safety_incident',
    re: rx(
      String.raw`\bburn(?:ed|t) (?:my|his|her|the baby'?s?)|\boxygen ran out|\bran out of oxygen|\b(?:equipment|machine|alarm|monitor) (?:failed|broke|didn'?t go off)|\bfound unresponsive|\bstopped breathing|\bcollapsed (?:\w+ ){0,3}(?:on|in) (?:the |a )?(?:ward|toilet|loo|bathroom|shower|corridor|waiting (?:room|area)|bay|clinic|unit)\b|\b(?:found|left) (?:\w+ ){0,2}collapsed\b|\bcollapsed and (?:nobody|no one|noone)\b|\bcardiac arrest (?:on|in) the\b|\b(?:nearly|almost|could have) died\b|\bunsafe\b|\bcannula (?:still )?(?:left )?in\b`,
    ),
    negatable: true,
  },
  // Threats of violence.
  {
    reason: 'threat',
    re: rx(
      String.raw`\b(?:i'?ll|i will|i'?m gonna|im gonna|gonna|i'?m going to|im going to|i am going to|going to|i want to|will)\s+(?:\w+\s+)?(?:kill|hurt|punch|stab|shoot|smash|burn|batter|beat|attack|hit|strangle|torch)\b(?! ?(?:my|him|her)sel(?:f|ves))\s*(?:someone|somebody|some one|you|him|her|them|that|the|this|every|all|a|everyone|[\w[\]]+ (?:down|up))`,
    ),
  },
  {
    reason: 'threat',
    re: rx(
      String.raw`\bthreat(?:en|ened|ening|s)?\b|\bbomb\b|\bi know where (?:she|he|you|they) lives?|\bwatch (?:her|his|your|their) back|\bwould (?:shoot|kill|stab|hurt|attack) (?:the|a|someone|you|him|her|them|every)|\b(?:with|bring|brought|carrying|waving|pulled) (?:a |his |her )?(?:knife|gun|weapon|machete|blade)`,
    ),
  },
  // Care failures: basic care not given.
  {
    reason: 'care_failure',
    re: rx(
      String.raw`\b(?:nobody|no one|noone|no-one) (?:came|answered|helped|checked|turned|washed|fed|brought|gave|responded|noticed|come|cleaned)\b|\bnot checked on\b|\bnever checked on`,
    ),
  },
  {
    reason: 'care_failure',
    re: rx(
      String.raw`\bleft (?:\w+ ){0,2}(?:alone|unattended|for hours|sitting in|lying in|in (?:my|his|her|their) own|in soiled|naked|on a trolley|in pain|in agony)|\bsoiled\b|\bown (?:urine|faeces|feces|poo|wee|mess|vomit|sick)|\bwet (?:my|him|her)sel(?:f|ves)|\bsoaked in urine`,
    ),
  },
  {
    reason: 'care_failure',
    re: rx(
      String.raw`\bno (?:food|water|drinks?|fluids|pain relief|pain killers)\b|\bnot (?:given|offered) (?:any )?(?:food|water|a drink|drinks|fluids|pain relief)|\bwithout (?:any )?(?:food|water|being (?:washed|fed|turned|changed))|\bdehydrat\w*|\bstarv(?:ed|ing)\b|\b(?:wasn'?t|not|hadn'?t been|never) (?:been )?(?:fed|washed|turned|changed)\b|\bunwashed\b`,
    ),
    negatable: false,
  },
  // "in agony" alone was dropped: in real comments it is mostly why someone rang 111 or waited for an
  // ambulance; "left in agony" and agony for hours are still caught (rule above and concept rules).
  {
    reason: 'care_failure',
    re: rx(
      String.raw`\bignor\w* (?:the |my |our |his |her )?(?:call )?(?:bell|buzzer)|\b(?:bell|buzzer) (?:was |were )?(?:ignored|put out of reach|out of reach)|\bout of reach\b|\bhad to clean (?:him|her|them|my \w+) ourselves|\b(?:meals?|food)${W(3)}(?:taken away|left) untouched|\bnobody helped${W(2)}eat|\bcalled for help\b|\bscreaming in pain\b|\bbegging for (?:help|pain relief|water)`,
    ),
  },
  {
    reason: 'care_failure',
    re: rx(
      String.raw`\bdischarged (?:at (?:\d{1,2} ?am|midnight|night)|in the middle of the night)${W(4)}(?:alone|with no)|\bdischarged${W(4)}alone\b`,
    ),
  },
];
