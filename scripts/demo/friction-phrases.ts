import type { TRandom } from './random';

/**
 * Clinicians' answers to "what gets in the way?" in the change pulse: the day-to-day systems, or
 * the change they report on. Written for the demo, like the patient phrases.
 */
const FRICTION = {
  general: {
    good: [
      'Since the update the patient list loads much faster',
      'Single sign-on has saved me a lot of time',
      'Fewer pop-ups than before, much better',
      'The new order sets are easy to find',
      'Nothing much this week, the system has been stable',
      'IT support sorted my login the same day',
    ],
    bad: [
      'Too many clicks to order a simple blood test',
      'Logged out every ten minutes and the smartcard reader is unreliable',
      'Constant alert pop-ups that we just dismiss',
      'The system was down for an hour on Tuesday and nobody told us',
      'Results from the GP record do not show up, so we phone for them',
      'Double entry of the same notes in two systems',
      'Training was a half-hour e-learning, not enough for how complex it is',
      'Wi-Fi drops in the side rooms so the laptop on wheels freezes',
    ],
  },
  kiosk: {
    good: [
      'The kiosk is fine once patients know how to use it',
      'Reception queue is shorter at the start of clinic',
    ],
    bad: [
      'We spend half the clinic helping patients at the kiosk instead of doing our jobs',
      'Kiosk check-ins do not reach our clinic list, so patients sit there unseen',
      'Patients are confused by the kiosk and come to the nurses station to ask',
      'The kiosk freezes most mornings and we restart it ourselves',
      'Double entry: we re-enter arrival times by hand because the kiosk does not talk to the PAS',
    ],
  },
  scribe: {
    good: ['The scribe draft letter saves me typing after clinic', 'AI scribe notes are mostly accurate'],
    bad: [
      'The scribe summary needed quite a few corrections',
      'Not sure I trust the AI scribe with drug doses yet',
    ],
  },
};

const WHEN = ['', '', '', 'On nights, ', 'In clinic, ', 'Most days ', 'Again this week: ', 'Honestly, '];
const AFTER_GOOD = ['Thanks', 'Good job', 'More of this please'];
const AFTER_BAD = ['Frustrating', 'Please fix', 'It is getting worse', 'Raised with IT twice already'];

/** A clinician's "what gets in the way?": about the change they report on, or the day-to-day systems. */
export function frictionComment(
  about: 'general' | 'kiosk' | 'scribe',
  good: boolean,
  random: TRandom,
): string {
  const bank = FRICTION[about];
  const when = random.pick(WHEN);
  const main = random.pick(good ? bank.good : bank.bad);
  const text = when ? `${when}${main.charAt(0).toLowerCase()}${main.slice(1)}` : main;
  return random.chance(0.3) ? `${text}. ${random.pick(good ? AFTER_GOOD : AFTER_BAD)}` : text;
}
