import { MEDS, W, rx, type TRule } from './urgency-rules';

/** Broader cues, added after a held-out set showed that patients rarely use the textbook phrases. */
const MED_TOPIC = String.raw`(?:${MEDS}|penicillin|ibuprofen|paracetamol|codeine|steroids?|sertraline|methotrexate|metformin|chemo\w*|pen|jabs?|vaccine|allerg\w*)`;
const MED_TROUBLE = String.raw`(?:wrong|twice|double|instead|missed|forgot\w*|late|not returned|taken away|without|didn'?t check|did not check|never checked|react\w*|overdos\w*|too much|times the dose|really ill|seizure|attack|rash|hives|bleed\w*|even though|despite|error|mistake|mix(?:ed)? up|ran out|within (?:\w+ )?reach|extra|given (?:\w+ )?again|gave (?:\w+ )?again)`;
const VIOLENCE = String.raw`(?:kill|hurt|punch|stab|shoot|smash|batter|beat|attack|smack|thump|strangle|murder|knock (?:him|her|you|them|\w+) out|glass (?:him|her|you|them)|sort (?:him|her|you|them) out)`;
export const BROAD_RULES: TRule[] = [
  {
    reason: 'medication',
    re: rx(
      String.raw`\b${MED_TOPIC}\b[^.!?]{0,60}?\b${MED_TROUBLE}\b|\b${MED_TROUBLE}\b[^.!?]{0,40}?\b${MED_TOPIC}\b`,
    ),
    negatable: true,
    resolvable: true,
  },
  {
    reason: 'self_harm',
    re: rx(
      String.raw`\b(?:don'?t|do not|can'?t|cannot) see the point|\bno point (?:anymore|any more|in anything)|\b(?:not|isn'?t|isnt) worth (?:living|it anymore)|\bdisappear (?:forever|for good)|\bwant to disappear|\boverdos\w*|\buntil (?:they|it|i) bled|\bburn(?:ing|t|ed)? myself|\b(?:dark|intrusive) thoughts|\bgive up on life`,
    ),
    negatable: true,
  },
  {
    reason: 'safeguarding',
    re: rx(
      String.raw`\bblack eye|\b(?:handled|treated|pulled|grabbed|pushed|washed|moved|dressed|turned|changed) (?:\w+ ){0,2}roughly\b|\broughly (?:handled|treated|pulled|grabbed|pushed|washed|moved|dressed)\b|\brough handling|\bshut up\b|\bcontrolling (?:her|him|me|them)|\btouching (?:other|women|men|patients|children|kids|her|him|me)|\bshouted at\b|\bmade (?:her|him|me|them|my \w+) cry|\b(?:staff|nurses?|carers?) laughed|\blaughed at (?:her|him|me|them|my)|\b(?:took|taken|taking) (?:money|cash)|\bmoney (?:went )?missing|\bstolen?\b|\bwouldn'?t let (?:her|him) (?:speak|talk|answer)|\b(?:scared|afraid|frightened) of (?:him|her|them|staff|the carer|my)|\bgrabbed (?:her|him|me|my)`,
    ),
  },
  {
    reason: 'safety_incident',
    re: rx(
      String.raw`\bbroke (?:his|her|my|their) \w+|\bbroken (?:hip|wrist|arm|leg|bone|neck|ankle|ribs?|nose)|\b(?:nearly rolled|almost rolled|rolled) out|\binstead of the (?:left|right)|\b(?:left|right) \w+ instead of|\bsepsis\b|\bgot (?:an? )?(?:\w+ )?infection|\binfection (?:on|from) the ward|\b(?:tied|strapped) (?:to|down)|\bbroken glass|\bneedles? (?:left )?on the floor|\bexposed wires?|\bpulled out (?:my|his|her) (?:line|drain|catheter|cannula)`,
    ),
    negatable: true,
    resolvable: true,
  },
  {
    reason: 'threat',
    re: rx(
      String.raw`\b(?:going to|gonna|will|i'll|he'll|she'll|they'll|we'll|you'll|ill|would|should|deserves?|deserve|get|gets|getting)${W(5)}${VIOLENCE}\b(?! ?(?:my|him|her)sel(?:f|ves))|\ba good (?:beating|kicking|hiding)|\bwaiting for (?:him|her|them|you) (?:in|outside|after)|\bget(?:ting)? (?:stabbed|shot|hurt|battered)`,
    ),
  },
  {
    reason: 'safeguarding',
    re: rx(
      String.raw`\bpinch(?:es|ed|ing)\b|\bdragg?(?:ed|ing)\b|\bundress\w*${W(6)}(?:chaperone|wrong|uncomfortable)|\bno chaperone|\bkeeps? (?:\w+ )?sedated|\bsedated so`,
    ),
  },
  {
    reason: 'self_harm',
    re: rx(
      String.raw`\bstockpil\w*|\bwish (?:i|he|she) (?:hadn'?t|had not|didn'?t|did not|never) (?:woken|wake)|\bsaying goodbye|\bgiving (?:his|her|my|their) (?:stuff|things|belongings) away|\bcan'?t cope|\bcannot cope|\bdriving into|\bwalk(?:ing)? into (?:the )?(?:sea|traffic|river)`,
    ),
    negatable: true,
  },
  {
    reason: 'medication',
    re: rx(
      String.raw`\bcrush\w* (?:my|his|her|the)${W(2)}(?:tablets|pills)|\b\d+ ?(?:ml|mg|mcg|units?)\b[^.!?]{0,40}\bsaid \d+ ?(?:ml|mg|mcg|units?)|\b(?:left|leaves) (?:my|his|her|the) (?:tablets|meds|medication|pills) (?:on|by|in)`,
    ),
  },
  {
    reason: 'safety_incident',
    re: rx(
      String.raw`\bchok(?:ed|ing)\b|\bbleed(?:ing)? (?:on|in) the brain|\blost (?:a lot of )?blood|\bbled\b|\btrapped\b|\bnil by mouth${W(8)}(?:given|ate|fed)|\b(?:given|gave)${W(4)}nil by mouth|\b(?:covid|infectious|mrsa|norovirus)\b${W(8)}(?:same bay|in the bay|next to)`,
    ),
    negatable: true,
  },
  {
    reason: 'threat',
    re: rx(String.raw`\bregret it\b|\bsomeone (?:will|is going to|'ll) pay\b|\bwill pay for (?:this|it)`),
  },
  {
    reason: 'care_failure',
    re: rx(
      String.raw`\bcrying in pain|\bwalked past${W(4)}(?:crying|calling|shouting|screaming)|\bmatted\b|\b(?:yesterday'?s|the same|soiled|dirty) clothes|\bhad an accident\b|\bshout(?:ed|ing) for${W(3)}(?:bedpan|commode|toilet|help)|\blost (?:a stone|\w+ (?:kilos?|stone|pounds))`,
    ),
  },
  {
    reason: 'care_failure',
    re: rx(
      String.raw`\b(?:bell|buzzer)${W(3)}for (?:\d+|an?|over|ages|hours|ever)|\bwet (?:the|his|her|my) bed|\bwet pad|\b(?:wasn'?t|was not|weren'?t|not|never) given (?:a |any )?(?:drink|food|water|meal|wash)|\blips (?:were )?cracked|\b(?:nobody|no one|noone) bothered|\bdidn'?t bother to (?:help|check|wash|feed|come)|\b(?:lay|lying|left) on the floor|\bon the floor for|\bslumped\b|\bnot (?:been )?washed|\bno (?:pillow|blanket)|\bbefore (?:anyone|anybody|someone) came|\buntil (?:anyone|someone|somebody) came`,
    ),
  },
];
