/**
 * Concept lexicons for urgency: each concept is a set of word forms, so a rule names an idea
 * ("an act of violence near a person at risk") rather than one phrasing of it. Verbs are listed once
 * and inflected here; British and US spellings and common misspellings sit side by side. Words are
 * matched whole, after lower-casing and dropping a possessive `'s`. Rejected: matching on bare stems
 * ("hit", "pin", "mark"), which catches "hitch", "pint" and "market".
 */

export const CONCEPTS = [
  'violent',
  'injurySign',
  'perpetrator',
  'victim',
  'target',
  'staff',
  'child',
  'vulnerable',
  'sexual',
  'fear',
  'timeSpan',
  'neglect',
  'fall',
  'harmDone',
  'equipment',
  'failed',
  'weapon',
  'brandish',
  'intent',
  'harmVerb',
  'place',
  'med',
  'burnInjury',
  'identity',
  'withheld',
  'intrude',
] as const;
export type TConcept = (typeof CONCEPTS)[number];

const VOWELS = 'aeiou';

/** The -s, -ed and -ing forms of a regular verb, doubling a final consonant after a short vowel. */
export function inflect(base: string): string[] {
  const last = base.at(-1) ?? '';
  const beforeLast = base.at(-2) ?? '';
  const third = base.at(-3) ?? '';
  if (last === 'e') return [base, `${base}s`, `${base}d`, `${base.slice(0, -1)}ing`];
  const doubles =
    !VOWELS.includes(last) &&
    !'wxy'.includes(last) &&
    VOWELS.includes(beforeLast) &&
    !VOWELS.includes(third) &&
    base.length <= 5;
  const stem = doubles ? base + last : base;
  const s = /(?:s|sh|ch|x|z)$/.test(base) ? `${base}es` : `${base}s`;
  return [base, s, `${stem}ed`, `${stem}ing`];
}

const verbs = (...bases: string[]) => bases.flatMap(inflect);
const nouns = (...singulars: string[]) =>
  singulars.flatMap((n) => [n, /(?:s|sh|ch|x)$/.test(n) ? `${n}es` : `${n}s`]);
const words = (text: string) => text.split(/\s+/).filter(Boolean);

const STAFF_WORDS = [
  ...nouns('carer', 'career', 'caregiver', 'nurse', 'hca', 'doctor', 'dr', 'porter', 'midwife'),
  ...nouns('receptionist', 'paramedic', 'gp', 'pharmacist', 'physio', 'consultant', 'surgeon'),
  ...nouns('assistant', 'worker', 'manager', 'guard', 'officer', 'sister', 'matron', 'cleaner'),
  ...words('staff staffs midwives security'),
];

const FAMILY = nouns(
  'mum',
  'mom',
  'mother',
  'dad',
  'father',
  'nan',
  'nana',
  'nanna',
  'gran',
  'granny',
  'grandma',
  'grandmother',
  'grandad',
  'granddad',
  'grandpa',
  'grandfather',
  'sister',
  'brother',
  'wife',
  'husband',
  'son',
  'daughter',
  'aunt',
  'auntie',
  'aunty',
  'uncle',
  'niece',
  'nephew',
  'cousin',
);

/** Word forms of each concept. Some concepts are mostly phrases; see `PHRASE_CONCEPTS`. */
export const LEXICON: Partial<Record<TConcept, string[]>> = {
  violent: [
    ...verbs('grab', 'slap', 'punch', 'kick', 'shove', 'pinch', 'strangle', 'choke', 'throttle'),
    ...verbs('smack', 'thump', 'drag', 'yank', 'batter', 'assault', 'restrain', 'manhandle', 'headbutt'),
    ...verbs('whack', 'wallop', 'thrash', 'squeeze', 'twist', 'bully', 'scratch', 'bruise', 'molest'),
    ...words('hit hits hitting beat beats beating beaten attacked attacking struck pinned pinning'),
    ...words('bitten spat sprayed abused abusing forcibly'),
  ],
  injurySign: [
    ...words('bruise bruises bruised bruising welts weals scratches grazes scalds scalded'),
    ...words('fingermarks burns burn swollen welt'),
  ],
  perpetrator: [
    ...STAFF_WORDS,
    ...nouns('boyfriend', 'girlfriend', 'partner', 'husband', 'wife', 'ex', 'stepdad', 'stepfather'),
    ...nouns('stepmum', 'stepmom', 'stepmother', 'uncle', 'neighbour', 'neighbor', 'landlord'),
    ...nouns('relative', 'visitor', 'man', 'bloke', 'guy', 'lad', 'patient', 'resident', 'family'),
    ...nouns('fella', 'fiance', 'stepbrother', 'lodger', 'stranger'),
    ...words('men someone somebody he she they'),
  ],
  victim: [
    ...FAMILY,
    ...nouns('patient', 'resident', 'lady', 'woman', 'client', 'pensioner', 'person'),
    ...words('women people elderly her him me them us'),
  ],
  /** Who can be on the receiving end of a violent verb that follows directly. */
  target: words('her him me them us'),
  staff: STAFF_WORDS,
  child: [
    ...nouns('child', 'kid', 'baby', 'toddler', 'infant', 'newborn', 'boy', 'girl', 'teenager', 'teen'),
    ...nouns('schoolgirl', 'schoolboy', 'stepdaughter', 'stepson', 'grandson', 'granddaughter', 'minor'),
    ...words('children babies lad lads niece nephew'),
  ],
  vulnerable: [
    ...words('dementia alzheimers alzheimer alzheimer vulnerable confused frail elderly disabled'),
    ...words('disability disabilities difficulties autistic autism blind deaf nonverbal bedbound'),
    ...words('housebound immobile'),
  ],
  sexual: [
    ...verbs('grope', 'fondle', 'kiss'),
    ...words('touch touches touched touching sexual sexually sex rape raped raping indecent privates'),
    ...words('naked undressed undressing inappropriate inappropriately'),
  ],
  neglect: [
    ...words('lying lay lain ignored ignoring ignore nobody soiled soaking soaked wet wetting urine'),
    ...words('faeces feces poo poop wee thirsty hungry starving starved dehydrated unwashed filthy'),
    ...words('dirty bell buzzer pad pads commode bedpan agony screaming crying begging stranded'),
    ...words('unattended abandoned forgotten'),
  ],
  fall: [
    ...words('fall falls fell fallen falling slipped tripped collapsed slid sliding slumped'),
    ...verbs('drop'),
  ],
  harmDone: [
    ...words('broke broken fractured fracture bleeding bled blood head hip injured injury injuries'),
    ...words('stitches concussion unconscious died dead icu itu resus worse hurt hurting injuring'),
  ],
  equipment: [
    ...nouns('hoist', 'sling', 'rail', 'pump', 'ventilator', 'monitor', 'drip', 'catheter', 'line'),
    ...nouns('wheelchair', 'brake', 'frame', 'defibrillator', 'defib', 'alarm', 'mat', 'cylinder'),
    ...words('oxygen cannula bedrail bedrails'),
  ],
  failed: [
    ...words('snapped snap broke broken failed faulty malfunctioned malfunctioning collapsed'),
    ...words('empty disconnected unplugged tipped overloaded'),
  ],
  weapon: [
    ...nouns('knife', 'blade', 'machete', 'gun', 'firearm', 'pistol', 'weapon', 'axe', 'crowbar'),
    ...words('knives bat bottle acid'),
  ],
  brandish: [
    ...verbs('wave', 'brandish', 'pull', 'carry', 'wield', 'point', 'produce', 'threaten'),
    ...words('had has holding held with came coming pulled'),
  ],
  harmVerb: [
    ...words('stab shoot punch smash batter strangle deck torch slap kick glass knife lamp bottle'),
    ...words('wreck trash murder headbutt thump smack'),
  ],
  med: [
    ...nouns('tablet', 'pill', 'med', 'medication', 'medicine', 'dose', 'prescription', 'injection'),
    ...nouns('inhaler', 'drug', 'antibiotic', 'painkiller', 'patch', 'jab'),
    ...words('insulin morphine warfarin chemist pharmacy dispensary bag meds'),
  ],
  burnInjury: words('burn burns burnt burned scald scalds scalded blister blisters blistered'),
  place: words('surgery practice hospital ward clinic place building reception office pharmacy'),
};

/** Prefixes that mark a concept whatever follows (misspellings included). */
export const STEMS: Partial<Record<TConcept, string[]>> = {
  violent: ['strangl', 'throttl', 'manhandl', 'restrain', 'assault'],
  sexual: ['molest', 'grope', 'groping', 'sexual'],
  neglect: ['dehydrat', 'malnourish'],
};
