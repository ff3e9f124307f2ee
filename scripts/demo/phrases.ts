import type { TUnitKind } from './layout';
import type { TRandom } from './random';

/**
 * A phrase bank that composes patient and clinician comments which read like real ones: a topic
 * clause or two chosen by the answer's sentiment, slots filled with the unit's own staff and
 * waits, sometimes a "but", an opener or a thank-you, and the loose punctuation people type.
 * Written for the demo; nothing here comes from the feedback data the models are trained or
 * tested on.
 */

export type TTone = 'positive' | 'mixed' | 'negative';
export type TTopic =
  | 'staff'
  | 'waiting'
  | 'parking'
  | 'food'
  | 'communication'
  | 'cleanliness'
  | 'appointments'
  | 'discharge'
  | 'checkin';

const STAFF: Record<TUnitKind, string[]> = {
  emergency: [
    'the triage nurse',
    'the doctor',
    'the nurses',
    'the paramedics',
    'the reception staff',
    'the ED team',
  ],
  clinic: [
    'the consultant',
    'the nurse',
    'the receptionist',
    'the doctor',
    'the clinic staff',
    'the registrar',
  ],
  ward: ['the nurses', 'the healthcare assistants', 'the doctors', 'the ward sister', 'the night staff'],
  maternity: ['the midwife', 'the midwives', 'the sonographer', 'the doctor', 'the maternity support worker'],
  therapy: ['my physio', 'the physiotherapist', 'the therapy assistant', 'the receptionist', 'the team'],
};
const WAITS = [
  'over two hours',
  'nearly three hours',
  'an hour and a half',
  '45 minutes',
  'well over an hour',
  '4 hours',
];
const NAMES = ['Priya', 'Tom', 'Grace', 'Dev', 'Aisha', 'Gareth', 'Joanne', 'Kwame'];
const KIND = ['kind', 'caring', 'friendly', 'patient', 'reassuring', 'professional', 'lovely', 'attentive'];

const BANK: Record<TTopic, { good: string[]; bad: string[] }> = {
  staff: {
    good: [
      '{Staff} could not have been more {kind}',
      '{Staff} {were} {kind} and explained everything',
      'everyone I met was {kind}, especially {staff}',
      '{Staff} put me at ease straight away',
      '{Staff} listened to me and took my worries seriously',
      'special thanks to {name}, who was so {kind}',
      'the care from {staff} was excellent',
    ],
    bad: [
      '{Staff} seemed rushed and did not really listen',
      'nobody introduced themselves',
      '{staff} was quite abrupt with me',
      'I felt like a nuisance for asking questions',
      'staff were clearly stretched and there were not enough of them',
    ],
  },
  waiting: {
    good: [
      'I was seen on time',
      'hardly any wait at all',
      'seen much quicker than I expected',
      'in and out within the hour',
    ],
    bad: [
      'waited {wait} past my appointment time',
      'the wait was far too long, {wait}',
      'sat in the waiting room for {wait} with no update',
      'waiting times are ridiculous',
      'we waited {wait} to be seen',
    ],
  },
  parking: {
    good: ['parking was easy for once', 'plenty of spaces in the car park'],
    bad: [
      'parking is a nightmare',
      'drove round the car park for 20 minutes looking for a space',
      'parking charges are too high',
      'the pay machines in the car park were broken again',
    ],
  },
  food: {
    good: ['the food was hot and tasty', 'good choice of meals', 'the tea trolley was a godsend'],
    bad: [
      'the food was cold and bland',
      'meals arrived late and half the menu was not available',
      'no vegetarian option left',
    ],
  },
  communication: {
    good: [
      'everything was explained clearly',
      'I came away knowing exactly what happens next',
      'they kept my family updated the whole time',
      'good clear information at every step',
    ],
    bad: [
      'nobody told us what was happening',
      'I got different answers from different people',
      'my letter had the wrong clinic on it',
      'the results were not explained to me',
      'no one told me why I was waiting',
    ],
  },
  cleanliness: {
    good: ['the place was spotless', 'very clean and tidy', 'clean toilets and a calm waiting area'],
    bad: [
      'the toilets were dirty',
      'bins overflowing in the waiting area',
      'the bay was not cleaned between patients',
    ],
  },
  appointments: {
    good: [
      'easy to book and a text reminder the day before',
      'got an appointment quickly',
      'the appointment was at a time that suited me',
    ],
    bad: [
      'my appointment was cancelled twice',
      'impossible to get through on the phone to rebook',
      'the appointment letter arrived after the date',
      'they had no record of my appointment when I arrived',
    ],
  },
  discharge: {
    good: [
      'discharge was well organised',
      'I went home with everything I needed',
      'medicines were ready when I left',
    ],
    bad: [
      'waited all day to be discharged',
      'discharge took hours because the medicines were not ready',
      'sent home without a clear plan',
    ],
  },
  checkin: {
    good: ['checking in at the screen was quick', 'the new check-in machine was easy'],
    bad: [
      'the check-in kiosk would not read my letter',
      'queued at the kiosk then had to queue again at the desk',
      'the machine said I had no appointment so I missed my slot',
      'no one to help at the kiosk and it kept freezing',
      'the kiosk sent me to the wrong waiting area',
      'had to check in on a screen, not easy if you cannot see well',
    ],
  },
};

const OPENERS_GOOD = [
  '',
  '',
  '',
  'Brilliant service. ',
  'Really good experience. ',
  'Very impressed. ',
  'As always ',
];
const OPENERS_BAD = ['', '', '', 'Not a good experience. ', 'Disappointed. ', 'Very frustrating visit. '];
const CLOSERS_GOOD = ['', '', '', ' Thank you!', ' Thank you all.', ' Keep it up.', ' Would recommend.'];
const CLOSERS_BAD = ['', '', ' Please sort it out.', ' Not good enough.', ' Hope this gets looked at.'];

const IMPROVE = [
  'more staff on reception',
  'better signs to the clinic',
  'let people know how long the wait is',
  'a proper person at the front desk to help',
  'cheaper parking',
  'text me if the clinic is running late',
  'more chairs in the waiting room',
  'a water machine in the waiting area',
  'answer the phone',
];

export type TCommentContext = {
  kind: TUnitKind;
  random: TRandom;
  topics: readonly (readonly [TTopic, number])[];
};

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** A clause in the middle of a sentence: lower case, except "I". */
const mid = (s: string) => (/^I\b/.test(s) ? s : s.charAt(0).toLowerCase() + s.slice(1));

/** "The nurses were", "the doctor was" (and "the team were", as people here say it). */
const PLURAL = /(s|staff|team)$/;

function fill(template: string, ctx: TCommentContext): string {
  const { random } = ctx;
  const staff = random.pick(STAFF[ctx.kind]);
  return template
    .replace('{Staff}', cap(staff))
    .replace('{staff}', staff)
    .replace('{were}', PLURAL.test(staff) ? 'were' : 'was')
    .replace('{kind}', () => random.pick(KIND))
    .replace('{wait}', () => random.pick(WAITS))
    .replace('{name}', () => random.pick(NAMES));
}

function clause(ctx: TCommentContext, good: boolean, not?: TTopic): [TTopic, string] {
  const topics = ctx.topics.filter(
    ([t]) =>
      t !== not && (ctx.kind === 'ward' || ctx.kind === 'maternity' || (t !== 'food' && t !== 'discharge')),
  );
  const topic = ctx.random.weighted(topics);
  const bank = BANK[topic];
  return [topic, fill(ctx.random.pick(good ? bank.good : bank.bad), ctx)];
}

/** People type loosely: most end with a full stop, some with none or "!"; a few type in lower case. */
function finish(text: string, random: TRandom): string {
  const trimmed = text.trim();
  const ending = random.weighted<string>([
    ['.', 6],
    ['', 2],
    ['!', 1],
  ]);
  const ended = /[.!?]$/.test(trimmed) ? trimmed : trimmed + ending;
  return random.chance(0.08) ? ended.toLowerCase() : cap(ended);
}

/** A patient's answer to "why did you give your answer?", in the tone of their rating. */
export function patientComment(tone: TTone, ctx: TCommentContext): string {
  const { random } = ctx;
  if (tone === 'mixed') {
    const [first, good] = clause(ctx, true);
    const [, bad] = clause(ctx, false, first);
    return finish(
      random.chance(0.5) ? `${good} but ${mid(bad)}` : `${cap(bad)}, although ${mid(good)}`,
      random,
    );
  }
  const good = tone === 'positive';
  const [first, main] = clause(ctx, good);
  let text = main;
  if (random.chance(0.35)) {
    const [, second] = clause(ctx, good, first);
    text += random.chance(0.5) ? ` and ${mid(second)}` : `. ${cap(second)}`;
  } else if (good && random.chance(0.15)) {
    text += `, only downside was that ${mid(clause(ctx, false, first)[1])}`;
  } else if (!good && random.chance(0.25)) {
    text += `. ${cap(clause({ ...ctx, topics: [['staff', 1]] }, true)[1])} though`;
  }
  const opener = random.pick(good ? OPENERS_GOOD : OPENERS_BAD);
  const closer = random.pick(good ? CLOSERS_GOOD : CLOSERS_BAD);
  const body = finish(`${opener}${opener.endsWith('. ') ? cap(text) : text}`, random);
  return closer && !/[.!?]$/.test(body) ? `${body}.${closer}` : body + closer;
}

/** An answer to "what could we do better?". */
export function improvementComment(tone: TTone, ctx: TCommentContext): string {
  const { random } = ctx;
  if (tone === 'positive' && random.chance(0.5))
    return random.pick(['Nothing, it was great', 'Nothing really', 'Keep doing what you are doing', 'n/a']);
  const [, bad] = clause(ctx, false);
  const idea = random.pick(IMPROVE);
  return finish(random.chance(0.5) ? cap(idea) : `${cap(idea)}, ${mid(bad)}`, random);
}
