import { rx, W, type TRule } from './urgency-rules';

/**
 * Cues that stand alone, written for the idea rather than one wording: each alternation lists the
 * forms people use (tense, person, spelling). Added when a set written without sight of the rules
 * showed fixed phrases caught under three quarters of urgent comments.
 */
const SELF = String.raw`(?:(?:my|him|her|them|our)sel(?:f|ves)|meself)`;
const PILLS = String.raw`(?:tablets|pills|meds|medication|paracetamol|painkillers|co-?codamol|sleeping pills|insulin)`;
const STAFF = String.raw`(?:receptionist|doctor|dr|nurse|gp|manager|practice manager|consultant|surgeon|midwife|pharmacist|carer|staff|security|porter|bitch|idiot|guy|bloke|woman|man)`;

export const PHRASE_RULES: TRule[] = [
  // Self-harm: acts, plans and wishes, in any person.
  {
    reason: 'self_harm',
    re: rx(
      String.raw`\bsui?c?i?[cs]i?d(?:e|es|al|el|ally|ality)\b|\bself[- ]?harm\w*|\b(?:kill|killing|killed|hurt|hurting|harm|harming|cut|cutting|cuts|burn|burning|starve|starving|hang|hanging|hanged|strangle|strangling) ${SELF}\b|\b(?:started|start|starting|been|keep|keeps|kept|still|back to|stop|stopped|began|begun) cutting\b(?! (?:back|down|corners|costs|the|services|staff|people|hours|appointments|funding|waiting|out|off|it|them|his|her|my|their))|\bcutting again\b|\bcuts? (?:on|to|all over) (?:my|his|her|their) (?:wrists?|arms?|thighs?|legs?|stomach)|\bslit (?:my|his|her|their) wrists?`,
    ),
    negatable: true,
  },
  {
    reason: 'self_harm',
    re: rx(
      String.raw`\b(?:end|ends|ended|ending) (?:it all|(?:my|his|her|their) (?:own )?li(?:fe|ves)|everything)\b|\b(?:want(?:ed|s)? to|wanna|going to|gonna|thinking (?:of|about)|thought (?:of|about)|plan(?:ned|ning|s)? to|tried to|try to|trying to|talk(?:ed|ing|s)? about) end(?:ing)? (?:it|things|everything|the pain for good)\b|\b(?:take|takes|took|taken|taking) (?:my|his|her|their) (?:own )?li(?:fe|ves)\b|\b(?:not|never|didn'?t|don'?t|won'?t) (?:to )?wake (?:back )?up\b|\b(?:won'?t|will not|can'?t see (?:myself|me)|don'?t see (?:myself|me)) (?:still )?(?:be|being) (?:around|here|alive)\b|\bif i (?:just )?(?:wasn'?t|wasnt|was not|weren'?t|were not) (?:here|around|alive)\b|\bwould be (?:better|happier|easier)(?: off)? (?:without me|if i (?:was|were)n'?t)|\bwish (?:i|he|she|they) (?:was|were|wasn'?t|weren'?t|was not|were not) (?:dead|here|alive|around|born)`,
    ),
    negatable: true,
  },
  {
    reason: 'self_harm',
    re: rx(
      String.raw`\b(?:jump|jumps|jumped|jumping|threw|throw|throwing|step|stepping|stepped|walk|walking|drive|driving) (?:${SELF} )?(?:off|from|in front of|under|into) (?:a|the|my|his|her) (?:\w+ )?(?:bridge|building|roof|train|cliff|balcony|car park|tower|motorway|bus|lorry|traffic|river|sea|window|flats)\b|\b(?:take|took|taken|taking|swallow|swallowed|swallowing|down|downed) (?:all|a load of|loads of|a handful of|a bunch of|the whole|a whole|a packet of|a box of|boxes of|every|\d+) (?:of )?(?:my |his |her |the |their )?(?:\w+ )?${PILLS}|\b(?:sav|hoard|stash|collect)(?:e|es|ed|ing) (?:up )?(?:all )?(?:my|his|her|their) ${PILLS}|\b(?:got|have|holding|bought|collected) (?:a )?(?:bag|box|pile|stash|load|handful|stockpile)s? (?:full )?of ${PILLS}|\bnoose\b|\bsuicide note|\bgoodbye (?:letter|note)s?`,
    ),
  },
  {
    reason: 'self_harm',
    re: rx(
      String.raw`\b(?:do ?n'?t|do not|didn'?t|did not|dont) (?:want|wanna|wish) (?:to )?(?:be (?:alive|here|around)|live|exist|wake up|carry on|go on)\b|\b(?:want|wanted|wanna|wants|wish|wished|wishing) (?:to )?(?:die|be dead|i was dead|i were dead)\b|\bbetter off (?:dead|without (?:me|him|her|them))|\bno point (?:in )?(?:going on|carrying on|living|life|being alive|anymore|any more|in anything|to anything|to life)\b|\bcan'?t see (?:the|any) point (?:in|of) (?:going on|carrying on|living|life|anything)|\bnothing (?:left )?to live for|\btired of (?:living|life|being alive)|\b(?:life|living) (?:is ?n'?t|is not|isnt) worth|\bthoughts (?:of|about) (?:dying|death|ending)|\bcan'?t (?:take (?:it|this|any more|anymore)|cope) any ?more\b`,
    ),
    negatable: true,
  },
  // Threats: knowing where someone lives, waiting for them, making them pay.
  {
    reason: 'threat',
    re: rx(
      String.raw`\bi (?:know|found out|find out|will find|'?ll find|can find) where (?:\w+ ){0,4}(?:lives?|lived|parks?|works?)\b|\b(?:know|got) (?:your|her|his|their) (?:address|car|reg)\b|\bi know (?:what car|which car|what time|when) (?:\w+ ){0,3}(?:drives?|lives?|parks?|works?|finish\w*|leaves?|gets? off)\b|\b(?:watch|mind) (?:your|his|her|their|yer) backs?\b|\bwatch (?:your|him|her|them)sel(?:f|ves)\b|\b(?:you|they|he|she)(?:'ll| will| are going to) (?:find out|see) what happens\b|\bnothing (?:left )?to lose\b|\b(?:be waiting|waiting) (?:for (?:him|her|them|you) )?(?:outside|in the car park)\b|\bmake (?:them|him|her|you|the \w+|that \w+|those \w+|everyone) pay\b|\b(?:she|he|they|you|the \w+|that \w+)(?:'?ll| will| is going to| are going to) (?:regret|be sorry)|\bregret (?:it|this|treating|what|the day|ever)\b|\bwon'?t be (?:smiling|laughing|so (?:smug|cocky|clever))|\bsee how (?:they|he|she|you) like (?:it|being)|\b(?:last|final) warning\b|\byou'?ve been warned\b|\bcoming for (?:you|them|him|her)\b`,
    ),
  },
  {
    reason: 'threat',
    re: rx(
      String.raw`\bsort (?:out )?(?:him|her|them|you|(?:that|the|this) ${STAFF})\b(?! out)|\bsort (?:him|her|them|you|(?:that|the|this) ${STAFF}) out\b|\b(?:burn|burning|torch|torching) (?:the |this |that |your |it )?(?:\w+ ){0,2}down\b|\b(?:smash|smashing|wreck|trash|blow|blowing) (?:the|this|that|your) (?:\w+ ){0,2}up\b|\bkick (?:his|her|your|their) (?:head|teeth|face) in\b`,
    ),
  },
  // Safeguarding: money taken, people kept in, leaving disclosed abuse unanswered.
  {
    reason: 'safeguarding',
    re: rx(
      String.raw`\b(?:tak|took|steal|stole|stolen|spend|spent|help(?:s|ed|ing)? (?:him|her)self to|us(?:e|es|ing|ed)|empt(?:y|ies|ied)|clean(?:ed|ing)? out)\w* (?:all |most |some )?(?:of )?(?:her|his|their|my \w+'s|\w+'s) (?:money|cash|pension|benefits|savings|bank cards?|cards?|purse|wallet|jewel\w*|rings?)\b|\bout of (?:my \w+'s|her|his|their|\w+'s) (?:purse|wallet|account|bank)|\b(?:cash|drain|pocket|withdraw|keep|spend)(?:s|ed|ing)? (?:all |most )?(?:of )?(?:her|his|their|my \w+'s) (?:money|cash|pension|benefits|savings)\b|\b(?:his|her|their) (?:dad|mum|mom|father|mother|stepdad|stepmum|boyfriend|girlfriend|partner|husband|wife|uncle|brother|carer) (?:did (?:it|this|that)|had done (?:it|this|that)|done (?:it|this|that))\b`,
    ),
  },
  {
    reason: 'safeguarding',
    re: rx(
      String.raw`\b(?:asking|asked|trying to get|persuading|wants|wanted|keeps asking) (?:her|him) to (?:go|come) (?:outside|out|home|back|to his|to her|with him|with her)\b|\bnot allowed (?:out|to leave|to go out|to see anyone)\b|\b(?:won'?t|doesn'?t|wouldn'?t|does not|will not) let (?:her|him|me) (?:out|leave|go out|see (?:anyone|her friends|his friends|family))\b`,
    ),
  },
  // Safety incidents: the wrong person, records that belong to someone else.
  {
    reason: 'safety_incident',
    re: rx(
      String.raw`\bwrong (?:patient|person|name|notes|results?|bloods?|records?|baby|side|leg|arm|knee|hip|eye|foot|hand|kidney|limb|site|label|wristband|date of birth|dob|details|scan|x-?ray|tooth|teeth|finger|breast|ear|organ)\b|\b(?:another|other|a different) (?:patient|person|lady|man|woman)'?s? (?:name|notes|results|bloods?|blood|records?|details|scan|x-?ray|tests?|samples?|wristband|label|operation)\b|\b(?:someone|somebody) else'?s? (?:name|notes|results|bloods?|blood|records?|details|scan|x-?ray|tests?|samples?|operation|baby)\b|\bcalled (?:me|him|her|us) (?:by )?(?:another|someone else'?s|the wrong|a different) (?:patient'?s? |person'?s? )?name|\b(?:another|other|a different) \w+'?s? (?:name ?tags?|name ?bands?|wristbands?|labels?|stickers?|notes|records?|name)\b|\b(?:are|were|was|is) (?:someone|somebody) else'?s\b|\bbelong(?:s|ed)? to (?:someone|somebody|another)\b`,
    ),
    resolvable: true,
  },
  {
    reason: 'safety_incident',
    re: rx(
      String.raw`\bdown to the bone\b|\bskin (?:is |was )?(?:breaking|broken|broke|broke down|broken down)\b|\b(?:sore|ulcer|wound)s? on (?:his|her|my|their) (?:heels?|bottom|sacrum|back|hips?|bum|bottom)\b|\b(?:lips|face|he|she) (?:went|turned|going|was going|were) blue\b|\b(?:lay|lying|lain|left|found) (?:\w+ ){0,3}on the floor\b|\bcouldn'?t breathe${W(6)}(?:held|pinned|restrain\w*|floor)|\b(?:held|pinned|restrain\w*|floor)${W(6)}couldn'?t breathe|\bscald(?:ed|ing)\b|\b(?:went|gone|goes|going|go) missing from\b|\bfound (?:\w+ ){0,2}(?:wandering|outside in|in the (?:street|road|car park|cold))\b`,
    ),
    negatable: true,
  },
  {
    reason: 'medication',
    re: rx(
      String.raw`\b(?:\d+|two|three|four|five|ten|twice|double|triple) (?:times|x) (?:the |her |his |my |their )?(?:usual |normal |prescribed |correct |right |recommended )?(?:dose|dosage|amount)\b`,
    ),
  },
];
