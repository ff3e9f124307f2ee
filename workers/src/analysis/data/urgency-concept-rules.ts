import type { TUrgencyReason } from '../../../../shared/src/analysis/contract';
import type { TConcept } from './urgency-lexicon';

/** Multi-word forms of a concept; a match marks the concept at the word where it starts. */
export const PHRASE_CONCEPTS: { concept: TConcept; re: RegExp }[] = [
  {
    concept: 'violent',
    re: /\b(?:push|pushed|pushes|pushing|threw|throws|throwing|shook|shakes|shaking|knocked) (?:her|him|me|them|us|my \w+|his \w+)(?: \w+)? (?:over|down|away|around|about|against|into|onto|to the (?:floor|ground|bed))\b|\bhurt(?:s|ing)? (?:her|him|them|my \w+)\b|\block(?:s|ed|ing)? (?:her|him|me|them|my \w+ )?(?:in|up|away|inside)\b|\bkeeps? (?:her|him|me|them) locked\b|\bshut (?:her|him|me|them) in\b|\bheld (?:\w+ ){1,3}down\b|\btied (?:\w+ ){0,2}(?:up|down|to)\b/g,
  },
  {
    concept: 'injurySign',
    re: /\bblack eyes?\b|\bfinger ?marks\b|\bmarks (?:on|all over|round|around)\b|\bcigarette burns?\b|\bbite marks\b/g,
  },
  {
    concept: 'sexual',
    re: /\bmakes? (?:her|him|me|them) do things\b|\bdo things (?:she|he|i|they) (?:does ?n'?t|don'?t|didn'?t|did not|do not) want\b|\b(?:into|in) (?:her|his|my) bed\b|\bprivate parts\b|\bexpos(?:ed|ing) (?:him|her)self\b/g,
  },
  {
    concept: 'intrude',
    re: /\b(?:comes?|came|coming|gets?|got|getting|creeps?|crept|creeping|sneaks?|sneaked|snuck|wander(?:s|ed|ing)?|goes|went|going) (?:into|in to) (?:the |her |his )(?:\w+ ){0,3}(?:bed|beds|bay|room|bedroom|cubicle|curtains?|shower|bathroom)\b/g,
  },
  {
    concept: 'fear',
    re: /\b(?:scared|terrified|frightened|afraid|petrified) (?:of (?:him|her|them|the (?:staff|carers?|nurses?|man|woman|men|night staff|other patients?)|my|going home|that \w+)|to (?:say|tell|speak|go home|complain|report|be left))\b/g,
  },
  {
    concept: 'vulnerable',
    re: /\blearning (?:disab\w*|difficult\w*)|\bspecial needs\b|\b(?:care|nursing|residential) homes?\b|\b(?:she'?s|he'?s|aged?|is) (?:7[5-9]|[89]\d|10\d)\b|\b(?:7[5-9]|[89]\d|10\d)[ -]?(?:years?|yrs?|yo)\b/g,
  },
  { concept: 'child', re: /\b(?:[1-9]|1[0-7])[ -]?(?:years?|yrs?|yo|month)(?:[ -]old)?\b/g },
  {
    concept: 'timeSpan',
    re: /\bsince (?:\d{1,2}(?:[:.]\d\d)? ?(?:am|pm|o'?clock)?|this morning|last night|yesterday|breakfast|lunch ?time|lunch|midnight|early|the (?:early )?morning|the early hours|the night|dinner ?time|tea ?time)|\bfor (?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|many|a few|a couple of|over (?:an|a|\d+|two|three)|almost|nearly|about|around|at least|more than|the best part of)? ?(?:\w+ )?(?:hours?|hrs?|days|nights|shifts)\b|\bfor (?:hours|ages|days|ever)\b|\ball (?:night|day|weekend|morning|afternoon|evening)\b|\bovernight\b|\b\d+ ?(?:hours?|hrs?)\b|\bhours (?:on end|later)\b|\bthe whole (?:night|day|shift|weekend|morning|afternoon)\b|\b(?:until|till|til) (?:the )?(?:morning|next day)\b|\bgone \d+ ?(?:am|pm)?\b|\bin (?:what looks like )?(?:a|\d+|two|three|four|five|six|seven|several|many|a few) (?:\w+ )?(?:hours|days|weeks|week)\b|\b(?:\d+|two|three|four|five|six|seven) (?:whole )?(?:days|nights)\b/g,
  },
  {
    concept: 'neglect',
    re: /\bleft (?:\w+ ){0,2}(?:alone|unattended|lying|sitting in|in (?:pain|agony|a wet|soiled|my own|his own|her own|their own|the dark|a corridor|bed|the same)|on (?:a trolley|the floor|a commode|the toilet|a chair|a bedpan)|without|to (?:fend|lie|sit)|soaking|wet|like that)\b|\b(?:barely|hardly|not|never) (?:eating|eaten|ate|drinking|drunk|drank)\b|\bwalked (?:off|away|past)\b|\bno (?:one|help|food|water|drinks?|fluids)\b|\bno-one\b|\bnoone\b|\bnot (?:been )?(?:fed|washed|changed|turned|checked|seen to|moved|cleaned)\b|\bwithout (?:food|water|a drink|help|pain relief|being)\b|\bnothing to (?:eat|drink)\b|\bcalling out\b|\bneeded (?:the |a )?(?:toilet|loo|commode|bedpan|wee)\b|\bin (?:a |the )?(?:same|own|dirty) (?:clothes|pad|nightie|sheets|bed)\b|\b(?:has|have|had)n'?t been (?:washed|fed|changed|turned|seen)\b/g,
  },
  {
    concept: 'identity',
    re: /\b(?:another|other|a different|someone else'?s?|somebody else'?s?|the wrong) (?:\w+'?s? )?(?:name|names|label|labels|wristband)\b/g,
  },
  {
    concept: 'withheld',
    re: /\b(?:no one|nobody|noone|never|didn'?t|did not|wasn'?t|weren'?t|not) (?:\w+ )?(?:gave|give|given|brought|administered|offered)\b/g,
  },
  { concept: 'fall', re: /\b(?:found|lay|lying|laying|lain|left) (?:\w+ ){0,2}on the floor\b/g },
  {
    concept: 'failed',
    re: /\bstopped working\b|\bnot working\b|\bdidn'?t work\b|\bgave way\b|\bran out\b|\brun out\b|\bcame (?:apart|off|loose)\b|\bdidn'?t go off\b|\bleft running\b|\btoo fast\b|\bwrong rate\b/g,
  },
  {
    concept: 'intent',
    re: /\b(?:i'?ll|ill|i will|i'?m gonna|im gonna|gonna|i'?m going to|im going to|i am going to|going to|will|next time|i swear|i want to|i'?d like to|someone should|somebody should|deserves? to|deserves? a)\b/g,
  },
];

/**
 * Ideas made of a `first` concept and one of `near` within `window` words of it (either side). With
 * `ordered`, the near concept must come after the first ("hit the nurse": the nurse is hurt).
 * `resolvable` rules give way to a clear cue that it was in the past and put right ("no harm done").
 */
export type TConceptRule = {
  reason: TUrgencyReason;
  first: TConcept;
  /** Any one of these near `first` completes the idea. */
  near: readonly TConcept[];
  window: number;
  ordered?: boolean;
  negatable?: boolean;
  resolvable?: boolean;
};

export const CONCEPT_RULES: TConceptRule[] = [
  // A violent act next to someone who did it or had it done to them.
  {
    reason: 'safeguarding',
    first: 'violent',
    near: ['perpetrator', 'victim', 'child', 'vulnerable'],
    window: 6,
    negatable: true,
  },
  // Injuries nobody explains on a child, a vulnerable adult, or near a carer or partner.
  {
    reason: 'safeguarding',
    first: 'injurySign',
    near: ['child', 'vulnerable', 'perpetrator', 'fear'],
    window: 10,
    negatable: true,
  },
  { reason: 'safeguarding', first: 'sexual', near: ['perpetrator', 'child', 'vulnerable'], window: 8 },
  { reason: 'safeguarding', first: 'fear', near: ['perpetrator', 'victim', 'vulnerable'], window: 12 },
  { reason: 'safeguarding', first: 'child', near: ['violent', 'sexual', 'fear'], window: 10 },
  { reason: 'safeguarding', first: 'intrude', near: ['child', 'vulnerable'], window: 12 },
  // Violence against staff is a threat to them; the staff word follows the act.
  { reason: 'threat', first: 'violent', near: ['staff'], window: 5, ordered: true },
  { reason: 'threat', first: 'weapon', near: ['brandish', 'staff', 'place', 'intent'], window: 6 },
  { reason: 'threat', first: 'intent', near: ['harmVerb'], window: 4, ordered: true },
  // Hours without basic care.
  { reason: 'care_failure', first: 'timeSpan', near: ['neglect'], window: 10 },
  // Falls, floors and failing equipment that hurt someone.
  {
    reason: 'safety_incident',
    first: 'fall',
    near: ['harmDone', 'neglect'],
    window: 14,
    negatable: true,
    resolvable: true,
  },
  { reason: 'safety_incident', first: 'equipment', near: ['failed'], window: 5, negatable: true },
  { reason: 'safety_incident', first: 'burnInjury', near: ['staff', 'equipment', 'child'], window: 8 },
  // Medicines meant for someone else, or not given at all.
  { reason: 'medication', first: 'identity', near: ['med'], window: 10, resolvable: true },
  { reason: 'medication', first: 'withheld', near: ['med'], window: 8 },
  // Left without basic care in a care home or while vulnerable is neglect, a safeguarding matter.
  { reason: 'safeguarding', first: 'neglect', near: ['vulnerable'], window: 12 },
];

/**
 * A clear cue that an incident is in the past and was put right, or did not happen in anyone's
 * care (a fall at home), or that the people who came were praised for how they handled it (real 999
 * and 111 comments: "she broke her leg after a fall, the paramedics were outstanding"); only these
 * cancel resolvable rules, and never with {@link ONGOING_HARM}.
 */
export const RESOLVED =
  /\bno (?:harm|damage|lasting (?:harm|damage)) (?:done|came|was done)\b|\b(?:was|were|got|been|all) (?:sorted|resolved|rectified|put right|fixed|dealt with) (?:out )?(?:quickly|straight away|immediately|promptly|swiftly|fast)\b|\b(?:\w+ )?years? ago\b|\blast (?:year|month|spring|summer|autumn|winter)\b|\bin the past\b|\ba while (?:ago|back)\b|\bmy (?:own )?(?:fault|mistake)\b|\b(?:good|great) catch\b|\b(?:spotted|caught|noticed|picked up) (?:\w+ ){0,8}before (?:i|he|she|they|it|any)\b|\b(?:fell|fall|falls|slipped|tripped) (?:over |down )?(?:at home|in (?:the |my |our |his |her |their )?(?:street|road|garden|car park|shop|kitchen|bathroom|house|town)|outside)\b|\b(?:had|have) a fall at home\b|\bplaying (?:football|rugby|netball|hockey|sport)\b|\b(?:crew|paramedics?|staff|nurses?|doctors?|team|they) (?:\w+ )?(?:was|were) (?:\w+ )?(?:brilliant|fantastic|amazing|excellent|outstanding|wonderful|superb)\b|\bwell done\b|\b(?:full|complete|good) recovery\b|\bno ill effects?\b|\b(?:caught|picked up|spotted) (?:it |this )?(?:early|quickly|straight away|the next (?:day|morning))\b/;

/** Harm that is still there or happened in care: a resolved cue does not cancel these. */
export const ONGOING_HARM =
  /\b(?:nobody|no one|noone|for hours|on the floor for|(?:nearly|almost) died|intensive care|icu|still (?:in|has|have|got|not|waiting)|care home|nursing home|left (?:lying|on))\b/;
